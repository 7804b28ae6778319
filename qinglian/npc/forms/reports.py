"""The form of a year's handling report (代表建议办理情况的报告): when the Standing Committee heard it (or at which
agenda item of a 常委会会议) and when and where it was made public. The checks are the service's."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.npc.forms.common import DATE, Styled
from qinglian.npc.models import HandlingReport, MeetingAgendaItem
from qinglian.npc.selectors.reports import agenda_choices


class AgendaItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: MeetingAgendaItem) -> str:
        return f"{obj.meeting.date:%Y-%m-%d} {obj.meeting}：{obj.title}"


class HandlingReportForm(Styled, forms.ModelForm):
    agenda_item = AgendaItemChoice(
        label="常委会会议议题",
        queryset=MeetingAgendaItem.objects.none(),
        required=False,
        empty_label="（会议材料台账中没有该议题）",
        help_text="选择后听取日期即为该次常委会会议的日期",
    )

    class Meta:
        model = HandlingReport
        fields = ["year", "title", "agenda_item", "reported_on", "published_on", "published_where", "note"]
        widgets = {"reported_on": DATE, "published_on": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda_choices(user)
        self.fields["title"].help_text = "如：关于2026年市人大代表建议、批评和意见办理情况的报告；不填按年度命名"
