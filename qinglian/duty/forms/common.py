"""Pieces the duty forms share: the date widget, choice fields that label tasks, findings and people as the
organ reads them, and the 委室 filter of the ledgers.

Choice fields get their querysets from the view (always a `visible_to(user)` queryset), so a form never offers
a record the person could not open.
"""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.org.forms import BootstrapMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FindingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.rule_code} {obj.reason[:40]}"


class AssignmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.item.duty_list.year}年 {obj.unit.name}：{obj.item.content[:36]}"


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.unit.name}）" if obj.unit_id else obj.name


class UnitFilterForm(BootstrapMixin, forms.Form):
    """A ledger's filter with a 委室 among the units the view passes; subclasses add their own fields."""

    unit = forms.ModelChoiceField(label="委室", queryset=None, required=False, empty_label="全部委室")

    def __init__(self, *args: Any, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self._style()

    def filters(self) -> dict[str, Any]:
        """The valid filter values, or none at all when the query string is not valid."""
        return self.cleaned_data if self.is_valid() else {}
