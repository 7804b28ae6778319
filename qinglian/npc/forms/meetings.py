"""Forms of the meeting-materials ledger: the list filter, a meeting, an agenda item, a submitted version of
materials and the office's receipt of it.

Deadlines are not fields: the service computes them from the meeting (NPC-008's parameters in force). Choices
come from `visible_to(user)` querysets, so a form never offers a row of another organ.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from qinglian.npc.choices import NpcMeetingKind
from qinglian.npc.deadlines import after_now, now_minute
from qinglian.npc.forms.common import DATE, FilterForm, Styled, year_field
from qinglian.npc.models import MeetingAgendaItem, NpcMeeting
from qinglian.npc.selectors.meetings import receivers
from qinglian.npc.selectors.setup import submitting_units
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def _not_future(value: dt.datetime | None, label: str) -> dt.datetime | None:
    if value is not None and after_now(value):
        raise forms.ValidationError(f"{label}不能晚于现在")
    return value


class MeetingFilterForm(FilterForm):
    year = year_field()
    kind = forms.ChoiceField(label="会议类型", required=False, choices=[("", "全部会议"), *NpcMeetingKind.choices])

    def selector_args(self) -> dict[str, Any]:
        """{"year": int | None, "kind": str | None}: keyword arguments of `selectors.meetings.meeting_list`."""
        data = self.values()
        return {"year": data.get("year"), "kind": data.get("kind") or None}


class MeetingForm(Styled, forms.ModelForm):
    class Meta:
        model = NpcMeeting
        fields = ["kind", "number", "date", "title"]
        widgets = {"date": DATE}
        help_texts = {"title": "留空时显示为“会议类型+会次”", "date": "保存后按会议日期重新计算各议题的材料报送期限"}


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name}（外部单位）" if obj.kind == UnitKind.EXTERNAL else obj.name


class AgendaItemForm(Styled, forms.ModelForm):
    """An agenda item; `order` left empty means "after the last item"."""

    submitting_unit = UnitChoice(label="提请/汇报单位", queryset=Unit.objects.none())

    class Meta:
        model = MeetingAgendaItem
        fields = [
            "order",
            "title",
            "kind",
            "submitting_unit",
            "materials_required",
            "is_special_report",
            "audit_report",
            "outcome",
        ]
        widgets = {"materials_required": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "is_special_report": "监督法第十五条：会议举行二十日前送交征求意见稿、十日前送交修改稿",
            "materials_required": "如：报告正文、起草说明、征求意见情况",
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submitting_unit"].queryset = submitting_units(user)
        self.fields["order"].required = False
        if not self.instance.pk:
            self.initial.pop("order", None)
            self.fields["order"].help_text = "留空排在最后"

    def clean_order(self) -> int:
        # 0 tells the service to put a new item after the last one; an item being changed keeps its place.
        order = self.cleaned_data.get("order")
        return order if order is not None else (self.instance.order if self.instance.pk else 0)


class SubmissionForm(Styled, forms.Form):
    """One version of an item's materials; the version number is the service's."""

    submitted_at = forms.DateTimeField(
        label="报送时间", widget=DATETIME, input_formats=DATETIME_FORMATS, initial=now_minute
    )
    submitter = forms.CharField(label="报送人", max_length=30, required=False, help_text="留空为登记人本人")
    is_final = forms.BooleanField(label="定稿（修改稿）", required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)

    def clean_submitted_at(self) -> dt.datetime | None:
        return _not_future(self.cleaned_data.get("submitted_at"), "报送时间")


class ReceiptForm(Styled, forms.Form):
    """The office's receipt (签收) of a version, by a person of the organ (default: the one signing)."""

    received_at = forms.DateTimeField(
        label="签收时间", widget=DATETIME, input_formats=DATETIME_FORMATS, initial=now_minute
    )
    received_by = forms.ModelChoiceField(label="签收人", queryset=Person.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_by"].queryset = receivers(user)
        self.fields["received_by"].initial = getattr(user, "person_id", None)

    def clean_received_at(self) -> dt.datetime | None:
        return _not_future(self.cleaned_data.get("received_at"), "签收时间")
