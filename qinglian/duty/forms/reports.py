"""The form of the Party group's yearly report to its superior Party organisation."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.duty.forms.common import DATE
from qinglian.duty.models import SuperiorReport
from qinglian.org.forms import BootstrapMixin


class SuperiorReportForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = SuperiorReport
        fields = ["year", "reported_on", "recipient", "title", "document_no", "summary"]
        widgets = {
            "year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "reported_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()
