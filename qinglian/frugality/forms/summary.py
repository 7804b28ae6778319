"""The spending summary's filter: the year, one unit (among those the reader may see) and one ledger, or all."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.frugality.choices import Ledger
from qinglian.frugality.selectors.summary import SPENDING_LEDGERS, readable_units
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Unit


class SummaryFilterForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(
        label="年度", required=False, min_value=2000, max_value=2100, widget=forms.NumberInput({"placeholder": "年度"})
    )
    unit = forms.ModelChoiceField(label="委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室")
    ledger = forms.ChoiceField(
        label="台账", required=False, choices=[("", "全部台账"), *[(c, Ledger(c).label) for c in SPENDING_LEDGERS]]
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = readable_units(user)
        self._style()

    def selector_args(self) -> dict[str, Any]:
        """This year and everything, when nothing (or something wrong) was asked."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "year": data.get("year") or clock.today().year,
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "ledger": data.get("ledger") or "",
        }
