"""Forms of the 人大履职 setup pages: deputies, sessions, external units' handling profiles, service desks."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.npc.choices import DeskKind
from qinglian.npc.forms.common import DATE, FilterForm, Styled
from qinglian.npc.models import Deputy, HandlingUnitProfile, Session
from qinglian.npc.selectors.setup import internal_units
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Unit


class DeputyFilterForm(FilterForm):
    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "姓名/代表团"}))
    include_inactive = forms.BooleanField(label="含不在任代表", required=False)


class DeputyForm(Styled, forms.ModelForm):
    class Meta:
        model = Deputy
        fields = ["name", "delegation", "phone", "level_note", "is_active"]


class SessionForm(Styled, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["term", "number", "kind", "start", "end"]
        widgets = {"start": DATE, "end": DATE}
        help_texts = {"start": "闭会期间填该年1月1日（或大会闭幕次日）"}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "结束日期不能早于开始日期")
        return data


class HandlingUnitProfileForm(Styled, forms.ModelForm):
    class Meta:
        model = HandlingUnitProfile
        fields = ["leader_name", "leader_title", "contact_name", "contact_phone"]
        labels = {"leader_name": "主要负责人（责任人）"}


class DeskForm(BootstrapMixin, forms.Form):
    """One select of internal units per ledger (建议办理 / 会议材料 / 联络站)."""

    def __init__(self, *args: Any, user: Any, current: dict[str, int | None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = internal_units(user)
        for kind, label in DeskKind.choices:
            self.fields[kind] = forms.ModelChoiceField(
                label=f"{label}台账",
                queryset=units,
                required=False,
                empty_label="（未指定）",
                initial=current.get(kind),
            )
        self._style()

    def changed_desks(self, current: dict[str, int | None]) -> list[tuple[str, Unit]]:
        """(kind, unit) for each ledger given a different unit than it has now (call after is_valid)."""
        return [
            (kind, unit)
            for kind in DeskKind.values
            if (unit := self.cleaned_data.get(kind)) is not None and unit.pk != current.get(kind)
        ]
