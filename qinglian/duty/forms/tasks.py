"""Forms of a unit's task page: a progress report and a return (退回)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.duty.forms.common import DATE
from qinglian.org.forms import BootstrapMixin


class ReportForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label="报送日期", widget=DATE)
    content = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, initial=0)
    period = forms.CharField(
        label="所属期间", required=False, max_length=10, help_text="周期性任务：如 2026-03、2026-Q1"
    )
    is_final = forms.BooleanField(label="已全部完成，申请销号", required=False)

    def __init__(self, *args: Any, recurring: bool, period: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", clock.today())
        self.fields["percent"].widget.attrs["inputmode"] = "numeric"
        if recurring:
            self.initial.setdefault("period", period)
        else:
            self.fields["period"].widget = forms.HiddenInput()
        self._style()

    def clean_date(self) -> dt.date:
        date = self.cleaned_data["date"]
        if date > clock.today():
            raise forms.ValidationError("报送日期不能晚于今天")
        return date


class ReturnForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="退回理由", max_length=90, widget=forms.TextInput(attrs={"placeholder": "退回理由"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()
