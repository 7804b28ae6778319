"""The form of one member-month of the 党费台账. The amounts are checked by services.dues (in Chinese), not here."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.db.models import QuerySet

from qinglian.core import clock
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Person
from qinglian.partylife.choices import DuesCategory

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_MONTH = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")


class DuesRecordForm(BootstrapMixin, forms.Form):
    person = forms.ModelChoiceField(label="党员", queryset=Person.objects.none())
    month = forms.CharField(
        label="月份", widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-03"}), help_text="如 2026-03"
    )
    category = forms.ChoiceField(
        label="人员类别", required=False, choices=[("", "按人事信息判断"), *DuesCategory.choices]
    )
    base_income = forms.DecimalField(
        label="月工资收入（税后）", help_text="单位元；离退休党员填离退休费。应交党费由系统按计算标准计算"
    )
    paid = forms.DecimalField(label="实交金额", required=False, help_text="单位元；未交纳的不填")
    paid_on = forms.DateField(label="交纳日期", required=False, widget=_DATE)
    note = forms.CharField(label="备注", required=False, max_length=200)

    def __init__(self, *args: Any, people: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        """`people`: whom the user may enter dues for; None for an edit, where the member and month stay."""
        super().__init__(*args, **kwargs)
        if people is None:
            del self.fields["person"], self.fields["month"]
        else:
            self.fields["person"].queryset = people
            self.fields["month"].initial = f"{clock.today():%Y-%m}"
        for name in ("base_income", "paid"):
            self.fields[name].widget.attrs.update({"step": "0.01", "inputmode": "decimal"})
        self._style()

    def clean_month(self) -> dt.date:
        match = _MONTH.match(self.cleaned_data["month"].strip())
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError("请按 2026-03 的格式填写月份")
        return dt.date(int(match[1]), int(match[2]), 1)


class DuesDeleteForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="删除原因", max_length=200, help_text="如：重复录入、录错人员")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()
