"""Forms of the 廉政谈话 ledger: the list's filter, a talk, and a collective talk's attendance checklist.

The checklist is not a Django form: one row per person of the organ's own units (应参加 tick, 出席/缺席, 原因),
parsed into `services.talks.AttendanceLine`s; the service checks the reasons. Choices come from the selectors
(the organ's people and events for a writer).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django import forms

from qinglian.integrity.choices import IntegrityTalkKind
from qinglian.integrity.models import IntegrityTalk
from qinglian.integrity.selectors.talks import events_for_talks, people_for_talks, units_for_talks
from qinglian.integrity.services.talks import AttendanceLine
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Person, PersonnelEvent

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.unit.name}{obj.post and '·' + obj.post}）"


class EventChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PersonnelEvent) -> str:
        unit = obj.to_unit or obj.person.unit
        post = f" {obj.to_post}" if obj.to_post else ""
        return f"{obj.date:%Y-%m-%d} {obj.person.name} {obj.get_kind_display()}（{unit.name}{post}）"


class TalkFilterForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": "年度"}),
    )
    kind = forms.ChoiceField(label="谈话类型", required=False, choices=[("", "全部类型"), *IntegrityTalkKind.choices])
    unit = forms.ModelChoiceField(label="委室", queryset=None, required=False, empty_label="全部委室")
    person = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    q = forms.CharField(
        label="搜索", required=False, max_length=30, widget=forms.TextInput(attrs={"placeholder": "姓名/主题/要点"})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_talks(user)
        self._style()

    def values(self) -> dict[str, Any]:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}

    def selector_args(self) -> dict[str, Any]:
        """Keyword arguments of `selectors.talks.talk_list`."""
        data = self.values()
        return {
            "year": data.get("year"),
            "kind": data.get("kind") or "",
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "person_id": data.get("person"),
            "q": (data.get("q") or "").strip(),
        }


class TalkForm(BootstrapMixin, forms.ModelForm):
    talker = PersonChoice(label="谈话人", queryset=Person.objects.none())
    subject = PersonChoice(
        label="谈话对象",
        queryset=Person.objects.none(),
        required=False,
        help_text="集体廉政谈话不填，在下方登记参加人员",
    )
    event = EventChoice(
        label="对应人事变动",
        queryset=PersonnelEvent.objects.none(),
        required=False,
        empty_label="（不对应人事变动）",
        help_text="任前、转岗谈话选择对应的提拔、任职、转岗或调入",
    )

    class Meta:
        model = IntegrityTalk
        fields = ["kind", "date", "talker", "subject", "event", "unit", "place", "topic", "points", "commitment_signed"]
        widgets = {"date": DATE, "points": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        talk = self.instance
        self.fields["talker"].queryset = people_for_talks(user, [talk.talker_id])
        self.fields["subject"].queryset = people_for_talks(user, [talk.subject_id])
        self.fields["event"].queryset = events_for_talks(user, talk.event_id)
        self.fields["unit"].queryset = units_for_talks(user)
        self.fields["unit"].required = False
        self.fields["unit"].empty_label = "（按谈话对象所在委室）"
        self._style()

    def clean(self) -> dict[str, Any]:
        """Choosing a personnel event and leaving the subject empty talks with the event's person (no script
        needed); the unit then follows the event's new unit."""
        data = super().clean()
        event = data.get("event")
        if event is not None and data.get("subject") is None and data.get("kind") != IntegrityTalkKind.COLLECTIVE:
            data["subject"] = self.instance.subject = event.person
            if data.get("unit") is None:
                data["unit"] = self.instance.unit = event.to_unit or event.person.unit
        return data


# --- the attendance checklist of a collective talk ---------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceRow:
    person: Person
    expected: bool = False
    present: bool = True
    reason: str = ""


def attendance_rows(people: Iterable[Person], talk: IntegrityTalk) -> list[AttendanceRow]:
    """Every person offered, with what the talk recorded (an edit) ticked; nobody ticked on a new talk."""
    recorded = {a.person_id: a for a in talk.attendance.all()} if talk.pk else {}
    rows = [AttendanceRow(a.person, True, a.present, a.absence_reason) for a in recorded.values()]
    rows += [AttendanceRow(p) for p in people if p.pk not in recorded]
    return rows


def rows_from_post(rows: Iterable[AttendanceRow], post: Mapping[str, Any]) -> list[AttendanceRow]:
    """The checklist as submitted, so a form shown again after a refusal keeps what was typed."""
    ticked = set(post.getlist("att_person")) if hasattr(post, "getlist") else set()
    result = []
    for row in rows:
        pid = str(row.person.pk)
        present = post.get(f"att_present_{pid}", "1") != "0"
        reason = str(post.get(f"att_reason_{pid}", "")).strip()[:100]
        result.append(replace(row, expected=pid in ticked, present=present, reason=reason))
    return result


def attendance_lines(rows: Iterable[AttendanceRow]) -> list[AttendanceLine]:
    return [AttendanceLine(r.person.pk, r.present, r.reason) for r in rows if r.expected]


class DeleteForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label="删除原因", max_length=90, widget=forms.TextInput(attrs={"placeholder": "如：重复登记"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()
