"""Forms of the gifts register: the list's filter, a registration (the recipient's), the handling (the office's).
Choices come from the caller's organ; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.integrity.choices import GiftHandling
from qinglian.integrity.forms.inquiries import DATE, FilterForm, PersonChoice, Styled, organ_units
from qinglian.integrity.models import Gift
from qinglian.integrity.permissions import can_handle_gifts
from qinglian.integrity.selectors.gifts import HANDLING_FILTERS
from qinglian.integrity.selectors.inquiries import subject_choices
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of


class GiftFilterForm(FilterForm):
    unit = forms.ModelChoiceField(label="委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室")
    person = PersonChoice(label="受礼人", queryset=Person.objects.none(), required=False, empty_label="全部人员")
    handling = forms.ChoiceField(label="处理方式", required=False, choices=[("", "全部"), *HANDLING_FILTERS])

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["person"].queryset = subject_choices(user)

    def selector_args(self) -> dict[str, Any]:
        data = self.values()
        return {
            "year": data.get("year"),
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "person_id": data["person"].pk if data.get("person") else None,
            "handling": data.get("handling") or "",
        }


class GiftForm(Styled, forms.ModelForm):
    person = PersonChoice(label="受礼人", queryset=Person.objects.none())

    class Meta:
        model = Gift
        fields = ["person", "received_on", "back_on", "giver", "occasion", "description", "value", "registered_on"]
        widgets = {"received_on": DATE, "back_on": DATE, "registered_on": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        if can_handle_gifts(user):
            field.queryset = subject_choices(user)
        else:  # a cadre registers their own gift only
            field.queryset = Person.objects.filter(pk=scope_of(user).person_id)
            field.empty_label = None
        self.fields["registered_on"].help_text = "不填为今天"
        self.fields["value"].help_text = "按市场价估计，单位：元"


class GiftHandleForm(Styled, forms.Form):
    handling = forms.ChoiceField(label="处理方式", choices=GiftHandling.choices)
    handed_in_on = forms.DateField(label="上交日期", widget=DATE, required=False, help_text="退还送礼人的可不填")
    handling_note = forms.CharField(label="处理情况", max_length=200, required=False)
    received_by = PersonChoice(label="登记受理人", queryset=Person.objects.none(), required=False)

    def __init__(self, *args: Any, gift: Gift, user: Any, **kwargs: Any) -> None:
        initial = {
            "handling": gift.handling or GiftHandling.HANDED_IN,
            "handed_in_on": gift.handed_in_on or clock.today(),
            "handling_note": gift.handling_note,
            "received_by": gift.received_by_id or scope_of(user).person_id,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["received_by"].queryset = subject_choices(user)
