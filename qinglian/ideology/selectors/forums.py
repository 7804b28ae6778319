"""Reads of the 一会一报 register: the list, the month calendar, a forum's approval chain and lead time, who may
decide its pending step, and what waits for a user (to-dos). Lists start from `visible_to(user)`.

The chain (ForumStep): the hosting unit's head (UNIT), a supervising leader of the unit or the Party group
secretary (LEADER), the foreign-affairs office's written approval recorded by the party-affairs office
(FOREIGN_AFFAIRS, only with foreign participants), and the party-affairs office's filing (PARTY_OFFICE, last).
A step is done by its approval; the pending step is the first required step without one. The services decide by
the same functions, so a page offers exactly what the service accepts.
"""

from __future__ import annotations

import calendar as month_grid
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from qinglian.core import clock, workdays
from qinglian.ideology.choices import ForumStatus, ForumStep, ReviewDecision
from qinglian.ideology.models import Forum, ForumApproval
from qinglian.ideology.permissions import can_keep_register
from qinglian.ideology.reviewers import principals
from qinglian.org.choices import Role
from qinglian.org.models import Supervision
from qinglian.org.scope import scope_of

# Steps whose decider is a person acting on their own authority: one person decides at most one of them. The
# foreign-affairs step is the party-affairs office recording another office's written approval, not a decision.
OWN_DECISIONS = (ForumStep.UNIT, ForumStep.LEADER, ForumStep.PARTY_OFFICE)
OPEN = (ForumStatus.FILED,)


def required_steps(forum: Forum) -> list[int]:
    steps = [ForumStep.UNIT, ForumStep.LEADER]
    if forum.foreign_participants:
        steps.append(ForumStep.FOREIGN_AFFAIRS)
    return [*steps, ForumStep.PARTY_OFFICE]


def approvals_of(forum: Forum, *, as_of: dt.date | None = None) -> dict[int, ForumApproval]:
    """Step → its approval (decided on or before `as_of` when given; the earliest should there be two)."""
    out: dict[int, ForumApproval] = {}
    rows = sorted(forum.approvals.all(), key=lambda a: (a.decided_on, a.decided_at, a.pk))
    for a in rows:
        if a.decision == ReviewDecision.APPROVE and (as_of is None or a.decided_on <= as_of):
            out.setdefault(a.step, a)
    return out


def pending_step(forum: Forum) -> int | None:
    """The first required step without an approval; None when every required step is approved."""
    done = approvals_of(forum)
    return next((s for s in required_steps(forum) if s not in done), None)


def final_approval_on(forum: Forum, *, as_of: dt.date | None = None) -> dt.date | None:
    """The day the last required step was approved (on or before `as_of`), None while a step lacks approval."""
    done = approvals_of(forum, as_of=as_of)
    days = [done[s].decided_on for s in required_steps(forum) if s in done]
    return max(days) if len(days) == len(required_steps(forum)) else None


def lead_working_days(start: dt.date | None, held_on: dt.date) -> int | None:
    """Working days from `start` (filing or final approval) to the event: (start, held_on] counted."""
    return None if start is None else workdays.working_days_between(start, held_on)


# --- who decides -----------------------------------------------------------------------------------------------


def holds_step(user: Any, forum: Forum, step: int, *, on: dt.date | None = None) -> bool:
    """The user's post lets them decide `step` of this forum (not yet whether they may: see `decide_refusal`)."""
    scope = scope_of(user)
    if scope.organ_id != forum.organ_id or scope.person_id is None or scope.read_only:
        return False
    on = on or clock.today()
    if step == ForumStep.UNIT:
        return forum.unit_id in scope.head_unit_ids
    if step == ForumStep.LEADER:
        if not scope.has(Role.LEADER):  # a supervising leader and the secretary are Party group members
            return False
        supervises = Supervision.objects.filter(leader_id=scope.person_id, unit_id=forum.unit_id, start__lte=on)
        if supervises.filter(Q(end__isnull=True) | Q(end__gte=on)).exists():
            return True
        return scope.person_id in principals(forum.organ_id, on)
    return can_keep_register(user)


def decide_refusal(user: Any, forum: Forum, step: int) -> str:
    """Why the user may not decide `step` now ("" when they may): the service and the page ask the same."""
    if forum.status not in OPEN:
        return f"该活动当前状态为“{forum.get_status_display()}”，不能审批"
    if step != pending_step(forum):
        return "请按顺序审批：该环节尚未轮到或已审批"
    person_id = scope_of(user).person_id
    if person_id is not None and person_id == forum.applicant_id:
        return "不能审批本人报备的活动"
    if not holds_step(user, forum, step):
        return f"您无权办理“{ForumStep(step).label}”环节"
    if step in OWN_DECISIONS:
        others = {a.approver_id for a in forum.approvals.all() if a.step in OWN_DECISIONS and a.step != step}
        if person_id in others:
            return "您已审批过该活动的其他环节，各环节须由不同的人审批"
    return ""


# --- lists -----------------------------------------------------------------------------------------------------


def forum_list(
    user: Any,
    *,
    year: int | None = None,
    month: int | None = None,
    unit_id: int | None = None,
    status: str = "",
    kind: str = "",
    q: str = "",
) -> QuerySet[Forum]:
    """The register by event day, latest first, filtered."""
    qs = Forum.objects.visible_to(user).select_related("unit", "applicant")
    if year is not None:
        qs = qs.filter(held_on__year=year)
    if month is not None:
        qs = qs.filter(held_on__month=month)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(topic__icontains=q) | Q(speaker__icontains=q))
    return qs.order_by("-held_on", "-pk")


@dataclass
class Day:
    day: dt.date
    in_month: bool
    today: bool
    forums: list[Forum] = field(default_factory=list)


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Day]]
    previous: tuple[int, int]
    next: tuple[int, int]

    @property
    def days_with_forums(self) -> list[Day]:
        """The month's days that have forums, in order (the phone's list)."""
        return [d for week in self.weeks for d in week if d.in_month and d.forums]


def month_calendar(user: Any, year: int, month: int, **filters: Any) -> Month:
    """The month's grid, Monday first, each day with the forums held on it the user may see."""
    weeks_of_days = month_grid.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks_of_days[0][0], weeks_of_days[-1][-1]
    forums: dict[dt.date, list[Forum]] = {}
    rows = forum_list(user, **filters).filter(held_on__gte=first, held_on__lte=last).order_by("held_on", "pk")
    for forum in rows:
        forums.setdefault(forum.held_on, []).append(forum)
    today = clock.today()
    weeks = [[Day(d, d.month == month, d == today, forums.get(d, [])) for d in week] for week in weeks_of_days]
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return Month(year, month, weeks, previous, following)


# --- to-dos ----------------------------------------------------------------------------------------------------


def _step_flags(qs: QuerySet[Forum]) -> QuerySet[Forum]:
    def has(step: int) -> Exists:
        return Exists(ForumApproval.objects.filter(forum=OuterRef("pk"), step=step, decision=ReviewDecision.APPROVE))

    return qs.annotate(
        has_unit=has(ForumStep.UNIT),
        has_leader=has(ForumStep.LEADER),
        has_foreign=has(ForumStep.FOREIGN_AFFAIRS),
        has_party=has(ForumStep.PARTY_OFFICE),
    )


PENDING = {
    ForumStep.UNIT: Q(has_unit=False),
    ForumStep.LEADER: Q(has_unit=True, has_leader=False),
    ForumStep.FOREIGN_AFFAIRS: Q(has_unit=True, has_leader=True, foreign_participants=True, has_foreign=False),
    ForumStep.PARTY_OFFICE: Q(has_unit=True, has_leader=True, has_party=False)
    & (Q(foreign_participants=False) | Q(has_foreign=True)),
}


def _leader_steps(organ_id: int, person_id: int, today: dt.date) -> list[Q]:
    """The LEADER step of every forum for the secretary, of the supervised units' forums for the others."""
    if person_id in principals(organ_id, today):
        return [PENDING[ForumStep.LEADER]]
    supervised = Supervision.objects.filter(leader_id=person_id, start__lte=today)
    units = list(supervised.filter(Q(end__isnull=True) | Q(end__gte=today)).values_list("unit_id", flat=True))
    return [PENDING[ForumStep.LEADER] & Q(unit_id__in=units)] if units else []


def waiting_for(user: Any) -> list[tuple[Forum, int]]:
    """(forum, step) pairs whose pending step the user may decide, the earliest event first — a few queries
    whatever the register's size."""
    scope = scope_of(user)
    if scope.person_id is None or scope.read_only or not scope.is_business:
        return []
    today = clock.today()
    steps: list[Q] = []
    if scope.head_unit_ids:
        steps.append(PENDING[ForumStep.UNIT] & Q(unit_id__in=scope.head_unit_ids))
    if scope.has(Role.LEADER):  # only Party group members supervise units or are the secretary
        steps += _leader_steps(scope.organ_id, scope.person_id, today)
    if can_keep_register(user):
        steps += [PENDING[ForumStep.FOREIGN_AFFAIRS], PENDING[ForumStep.PARTY_OFFICE]]
    if not steps:
        return []
    where = Q()
    for q in steps:
        where |= q
    qs = _step_flags(Forum.objects.filter(organ_id=scope.organ_id, status=ForumStatus.FILED))
    qs = qs.filter(where).exclude(applicant_id=scope.person_id).select_related("unit").prefetch_related("approvals")
    out = []
    for forum in qs.order_by("held_on", "pk")[:200]:
        step = pending_step(forum)
        if step is None:
            continue
        others = {a.approver_id for a in forum.approvals.all() if a.step in OWN_DECISIONS and a.step != step}
        if step in OWN_DECISIONS and scope.person_id in others:
            continue
        out.append((forum, step))
    return out


def to_mark_held(user: Any) -> QuerySet[Forum]:
    """The applicant's approved forums whose day has come: to mark held (or cancelled)."""
    person_id = scope_of(user).person_id
    if person_id is None:
        return Forum.objects.none()
    return Forum.objects.filter(
        applicant_id=person_id, status=ForumStatus.APPROVED, held_on__lte=clock.today()
    ).order_by("held_on", "pk")
