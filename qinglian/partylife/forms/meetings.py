"""Forms of the meeting ledger: the list filter, the meeting itself, and the attendance checklist.

The attendance checklist is not a Django form: one row per member (应到 tick, 出勤 select, 原因 input),
parsed into `AttendanceLine`s for `services.meetings.meeting_record`, which checks the reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from qinglian.core import clock
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Branch, PartyGroup, Person
from qinglian.partylife.choices import LEADING_GROUP_KINDS, AttendanceStatus, Holder, MeetingKind
from qinglian.partylife.models import Attendance, Meeting
from qinglian.partylife.services.meetings import AttendanceLine

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label="主题", required=False, widget=forms.TextInput(attrs={"placeholder": "搜索主题"}))
    branch = forms.ModelChoiceField(
        label="党支部", queryset=Branch.objects.none(), required=False, empty_label="全部党支部"
    )
    kind = forms.ChoiceField(label="会议类型", required=False, choices=[("", "全部类型"), *MeetingKind.choices])
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": "年度"}),
    )
    quarter = forms.TypedChoiceField(
        label="季度",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "全年"), *((q, f"第{q}季度") for q in range(1, 5))],
    )
    month = forms.TypedChoiceField(
        label="月份",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "全部月份"), *((m, f"{m}月") for m in range(1, 13))],
    )

    def __init__(self, *args: Any, branches: QuerySet[Branch], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self._style()


class MeetingForm(BootstrapMixin, forms.ModelForm):
    agenda_text = forms.CharField(
        label="议题（每行一项）",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="按会议顺序每行填写一个议题",
    )
    first_topic = forms.IntegerField(
        label="第一议题为第几项",
        required=False,
        min_value=1,
        help_text="学习贯彻习近平总书记最新重要讲话、重要指示批示精神的议题；没有则留空",
    )

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "holder",
            "branch",
            "party_group",
            "date",
            "place",
            "topic",
            "host",
            "recorder",
            "lecturer",
            "hours",
            "minutes",
            "has_vote",
            "voting_members_due",
            "voting_members_present",
            "votes_for",
        ]
        widgets = {"date": _DATE, "minutes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, branches: QuerySet[Branch], organ_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["party_group"].queryset = PartyGroup.objects.filter(branch__in=branches)
        people = Person.objects.filter(organ_id=organ_id, is_active=True).order_by("unit__order", "id")
        for name in ("host", "recorder", "lecturer"):
            self.fields[name].queryset = people
        self.fields["hours"].widget.attrs.update({"step": "0.5", "inputmode": "decimal"})
        for name in ("voting_members_due", "voting_members_present", "votes_for", "first_topic"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        if self.instance.pk:
            titles = list(self.instance.agenda.order_by("order"))
            self.initial.setdefault("agenda_text", "\n".join(a.title for a in titles))
            first = next((a.order for a in titles if a.is_first_topic), None)
            self.initial["first_topic"] = first
        self._style()

    def clean_date(self) -> dt.date:
        date = self.cleaned_data["date"]
        if date and date > clock.today():
            raise forms.ValidationError("会议日期不能晚于今天（尚未召开的会议请列入年度计划）")
        return date

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # The kind decides the holder where there is no choice; the other selects are cleared.
        holder = data["holder"] = holder_for(data.get("kind") or "", data.get("holder") or "")
        if holder == Holder.BRANCH:
            data["party_group"] = None
            if not data.get("branch"):
                self.add_error("branch", "请选择召开会议的党支部")
        elif holder == Holder.PARTY_GROUP:
            group = data.get("party_group")
            if group is None:
                self.add_error("party_group", "请选择召开会议的党小组")
            data["branch"] = group.branch if group else None
        else:
            data["branch"] = data["party_group"] = None
        first = data.get("first_topic")
        if first and first > len(self.agenda_titles()):
            self.add_error("first_topic", "第一议题的序号超出了议题数量")
        return data

    def agenda_titles(self) -> list[str]:
        text = self.cleaned_data.get("agenda_text") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def first_topic_index(self) -> int | None:
        first = self.cleaned_data.get("first_topic")
        return first - 1 if first else None

    def warnings(self) -> list[str]:
        """What a complete record has but the regulations do not make a condition of saving: shown, not refused."""
        if not self.is_bound:
            return []
        data = getattr(self, "cleaned_data", {})
        missing = [str(self.fields[name].label) for name in ("host", "recorder") if not data.get(name)]
        return [f"未填写{'、'.join(missing)}，会议记录不完整，建议补全（不影响保存）"] if missing else []


def holder_for(kind: str, holder: str) -> str:
    """Who holds a meeting of this kind: the leading group's kinds the leading group, 党小组会 a party group; the
    other kinds the branch or one of its groups, as chosen (never the leading group)."""
    if kind in LEADING_GROUP_KINDS:
        return Holder.LEADING_GROUP
    if kind == MeetingKind.PARTY_GROUP_MEETING:
        return Holder.PARTY_GROUP
    return Holder.BRANCH if holder in ("", Holder.LEADING_GROUP) else holder


# --- the attendance checklist ----------------------------------------------------------------------
#
# Who is due to attend (应到) depends on the kind of meeting: a 支委会 its branch committee, a meeting a party
# group holds (党小组会) the group's members, the leading group's meetings (党组会议, 民主生活会, 中心组学习) the
# group's members, any other branch meeting (党员大会, 党课, 主题党日 …) all the branch's members. The "due key"
# names that set; meeting-form.js computes the same key in the browser and re-ticks the rows when it changes.


@dataclass(frozen=True)
class AttendanceRow:
    """One member on the checklist: ticked as 应到 when due by the meeting's kind, present by default."""

    person: Person
    branch_id: int | None
    group_id: int | None
    due: bool = False
    status: str = AttendanceStatus.PRESENT
    reason: str = ""
    recorded: bool = False  # already on this meeting's list (edit): stays, whatever branch the person is in now
    leading: bool = False  # a member of the leading Party group: due at its 民主生活会 and 中心组学习
    committees: frozenset[int] = frozenset()  # branches on whose committee the person sits: due at their 支委会

    @property
    def committee_attr(self) -> str:
        """The committee branches as the page's data attribute reads them (space-separated ids)."""
        return " ".join(str(pk) for pk in sorted(self.committees))


STATUS_CHOICES = AttendanceStatus.choices


def due_key(*, kind: str, holder: str, branch_id: Any, group_id: Any) -> str:
    """The set of people due by default at a meeting: "leading", "group:<id>", "committee:<branch id>" or
    "branch:<branch id>" (the id empty while none is chosen). Ids may be ints or the strings a form posts."""
    holder = holder_for(kind, holder)
    if holder == Holder.LEADING_GROUP:
        return "leading"
    if holder == Holder.PARTY_GROUP:
        return f"group:{group_id or ''}"
    if kind == MeetingKind.BRANCH_COMMITTEE_MEETING:
        return f"committee:{branch_id or ''}"
    return f"branch:{branch_id or ''}"


def meeting_due_key(meeting: Meeting) -> str:
    return due_key(
        kind=meeting.kind, holder=meeting.holder, branch_id=meeting.branch_id, group_id=meeting.party_group_id
    )


def posted_due_key(post: Mapping[str, Any]) -> str:
    """The due key of the kind, holder, branch and group as submitted (before the form cleans them)."""
    return due_key(
        kind=str(post.get("kind", "")),
        holder=str(post.get("holder", "")),
        branch_id=str(post.get("branch", "")).strip(),
        group_id=str(post.get("party_group", "")).strip(),
    )


def is_due_by_default(row: AttendanceRow, key: str) -> bool:
    what, _, ident = key.partition(":")
    if what == "leading":
        return row.leading
    if not ident:
        return False
    if what == "group":
        return str(row.group_id) == ident
    if what == "committee":
        return ident in {str(pk) for pk in row.committees}
    return str(row.branch_id) == ident


def attendance_rows(
    branches: Iterable[Branch],
    meeting: Meeting,
    *,
    leaders: Iterable[Person] = (),
    seats: Mapping[int, frozenset[int]] | None = None,
) -> list[AttendanceRow]:
    """The members of the branches the user records for (and their committee members), and the leading group's
    members when the user records its meetings; on an edit, what was recorded comes first and is what is ticked,
    on a new meeting whoever its kind makes due (`due_key`).

    `seats`: person id → branches on whose committee they sit (org.selectors.committee_seats).
    """
    seats = seats or {}
    recorded: dict[int, Attendance] = {}
    if meeting.pk:
        recorded = {a.person_id: a for a in meeting.attendance.select_related("person")}
    members = Person.objects.filter(Q(branch__in=list(branches)) | Q(pk__in=list(seats)), is_active=True)
    members = members.order_by("branch_id", "unit__order", "id")
    leaders = list(leaders)
    leader_ids = {p.pk for p in leaders}
    key = meeting_due_key(meeting)
    rows: list[AttendanceRow] = []
    seen: set[int] = set()
    for person in [a.person for a in recorded.values()] + leaders + list(members):
        if person.pk in seen:
            continue
        seen.add(person.pk)
        line = recorded.get(person.pk)
        row = _row(person, line, leading=person.pk in leader_ids, committees=seats.get(person.pk, frozenset()))
        rows.append(row if meeting.pk else replace(row, due=is_due_by_default(row, key)))
    return rows


def _row(person: Person, line: Attendance | None, *, leading: bool, committees: frozenset[int]) -> AttendanceRow:
    return AttendanceRow(
        person=person,
        branch_id=person.branch_id,
        group_id=person.party_group_id,
        due=line is not None,
        status=line.status if line else AttendanceStatus.PRESENT,
        reason=line.reason if line else "",
        recorded=line is not None,
        leading=leading,
        committees=committees,
    )


def retick(rows: Iterable[AttendanceRow], key: str) -> list[AttendanceRow]:
    """The rows ticked as the due key says, keeping any status and reason typed."""
    return [replace(row, due=is_due_by_default(row, key)) for row in rows]


def rows_for_holder(
    rows: Iterable[AttendanceRow], *, branch_id: int | None, group_id: int | None, leading: bool = False
) -> list[AttendanceRow]:
    """Only the rows of the chosen branch (or party group), and those already recorded, count.

    The page hides the others with the same rule, so what is submitted is what was shown.
    """
    if leading:
        return [r for r in rows if r.recorded or r.leading]
    if group_id:
        return [r for r in rows if r.recorded or r.group_id == group_id]
    if branch_id:
        return [r for r in rows if r.recorded or r.branch_id == branch_id or branch_id in r.committees]
    return [r for r in rows if r.recorded]


def rows_from_post(rows: Iterable[AttendanceRow], post: Mapping[str, Any]) -> list[AttendanceRow]:
    """The checklist as submitted, so a form shown again after an error keeps what was typed."""
    ticked = set(post.getlist("att_person")) if hasattr(post, "getlist") else set()
    result = []
    for row in rows:
        pid = str(row.person.pk)
        status = post.get(f"att_status_{pid}", AttendanceStatus.PRESENT)
        if status not in AttendanceStatus.values:
            status = AttendanceStatus.PRESENT
        reason = str(post.get(f"att_reason_{pid}", "")).strip()[:200]
        result.append(replace(row, due=pid in ticked, status=status, reason=reason))
    return result


def attendance_lines(rows: Iterable[AttendanceRow]) -> list[AttendanceLine]:
    return [AttendanceLine(person_id=r.person.pk, status=r.status, reason=r.reason) for r in rows if r.due]
