"""Forms of the 责任书 pages: the ledger's filter and the signed date."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.duty.choices import LetterLevel
from qinglian.duty.forms.common import DATE, UnitFilterForm
from qinglian.org.forms import BootstrapMixin


class LetterFilterForm(UnitFilterForm):
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "全部层级"), *LetterLevel.choices])
    signed = forms.ChoiceField(
        label="签订情况", required=False, choices=[("", "全部"), ("yes", "已签订"), ("no", "未签订")]
    )


class LetterSignForm(BootstrapMixin, forms.Form):
    signed_on = forms.DateField(label="签订日期", widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].initial = clock.today()
        self._style()
