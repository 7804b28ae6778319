"""Widgets and fields the npc forms share."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.org.forms import BootstrapMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Styled(BootstrapMixin):
    """Bootstrap classes on every widget once the form is built (a form adding fields later styles them again)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class FilterForm(Styled, forms.Form):
    """A list's filter, bound to the query string. A bad value filters nothing (the page shows the error)."""

    def values(self) -> dict[str, Any]:
        """The valid values, or none when unbound or invalid."""
        return self.cleaned_data if self.is_bound and self.is_valid() else {}


def year_field() -> forms.IntegerField:
    """The 年度 filter of a list: empty for every year."""
    return forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": "年度"}),
    )
