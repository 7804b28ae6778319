"""Reads of the proposals (纪检监察建议) and letters of inquiry (谈话函询). Every list starts from
`visible_to(user)`; the due dates are the rules' own (INT-050, INT-051) with the parameters in force today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import get_rule
from qinglian.core import clock, workdays
from qinglian.integrity.models import DisciplineProposal, InquiryLetter
from qinglian.integrity.rules.inquiries import inquiry_due, proposal_due
from qinglian.org.choices import Role, UnitKind
from qinglian.org.scope import scope_of

DEFAULTS = {"INT-050": {"reply_days": 30, "warn_working_days": 5}, "INT-051": {"reply_working_days": 15}}


def rule_values(code: str, organ_id: int | None, on: dt.date | None = None) -> dict[str, Any]:
    """The parameters of rule `code` in force for the organ on `on` (today), or the shipped defaults."""
    on = on or clock.today()
    if organ_id is not None:
        try:
            params = resolve(get_rule(code), sets_in_force(organ_id=organ_id, on=on, codes=[code]).get(code))
        except MissingParameters:
            params = None
        if params is not None:
            return dict(params)
    return dict(DEFAULTS.get(code, {}))


@dataclass(frozen=True)
class DueState:
    """A record's reply deadline and where it stands today."""

    due: dt.date
    done_on: dt.date | None
    today: dt.date

    @property
    def done(self) -> bool:
        return self.done_on is not None

    @property
    def late(self) -> bool:
        """Replied after the due date (a recorded lateness)."""
        return self.done_on is not None and self.done_on > self.due

    @property
    def overdue(self) -> bool:
        """Not replied and past the due date."""
        return self.done_on is None and self.today > self.due

    @property
    def working_days_left(self) -> int:
        return workdays.working_days_between(self.today, self.due) if self.today <= self.due else 0

    @property
    def label(self) -> str:
        if self.late:
            return "逾期回复"
        if self.done:
            return "已按期回复"
        if self.overdue:
            return "逾期未回复"
        return "待回复"

    @property
    def css(self) -> str:
        if self.late or self.overdue:
            return "danger"
        return "success" if self.done else "warning"


# --- proposals ----------------------------------------------------------------------------------------------

PROPOSAL_STATUSES = [("open", "待回复"), ("overdue", "逾期未回复"), ("replied", "已回复"), ("late", "逾期回复")]


def proposal_state(p: DisciplineProposal, reply_days: int, today: dt.date | None = None) -> DueState:
    return DueState(proposal_due(p.issued_on, reply_days), p.replied_on, today or clock.today())


def with_states(user: Any, rows: list[DisciplineProposal]) -> list[DisciplineProposal]:
    """Each proposal with `.state` (its DueState today)."""
    days = int(rule_values("INT-050", scope_of(user).organ_id)["reply_days"])
    for p in rows:
        p.state = proposal_state(p, days)
    return rows


def proposal_list(
    user: Any, *, year: int | None = None, status: str = "", unit_id: int | None = None
) -> QuerySet[DisciplineProposal]:
    qs = DisciplineProposal.objects.visible_to(user).select_related("target_unit")
    if year is not None:
        qs = qs.filter(issued_on__year=year)
    if unit_id is not None:
        qs = qs.filter(target_unit_id=unit_id)
    if status in ("open", "overdue"):
        qs = qs.filter(replied_on__isnull=True)
    elif status in ("replied", "late"):
        qs = qs.filter(replied_on__isnull=False)
    if status in ("overdue", "late"):
        days = int(rule_values("INT-050", scope_of(user).organ_id)["reply_days"])
        today = clock.today()
        wanted = [p.pk for p in qs if getattr(proposal_state(p, days, today), status)]
        qs = qs.filter(pk__in=wanted)
    return qs.order_by("-issued_on", "-id")


def proposals_waiting(user: Any) -> list[DisciplineProposal]:
    """Proposals not yet replied that this account may reply to (party-affairs office: all; a unit head: their
    units'), most urgent first."""
    scope = scope_of(user)
    if scope.read_only or not scope.is_business:
        return []
    qs = DisciplineProposal.objects.visible_to(user).filter(replied_on__isnull=True).select_related("target_unit")
    if not scope.has(Role.PARTY_OFFICER):
        qs = qs.filter(target_unit_id__in=scope.head_unit_ids)
    rows = with_states(user, list(qs))
    return sorted(rows, key=lambda p: (p.state.due, p.pk))


@dataclass(frozen=True)
class ProposalFigures:
    total: int
    replied: int
    late: int
    open: int
    overdue: int


def proposal_figures(user: Any, year: int) -> ProposalFigures:
    """The year's proposals by state, for the stationed group's card."""
    rows = with_states(user, list(proposal_list(user, year=year)))
    return ProposalFigures(
        total=len(rows),
        replied=sum(1 for p in rows if p.state.done),
        late=sum(1 for p in rows if p.state.late),
        open=sum(1 for p in rows if not p.state.done),
        overdue=sum(1 for p in rows if p.state.overdue),
    )


# --- letters of inquiry -------------------------------------------------------------------------------------

INQUIRY_STATUSES = [("open", "待回复"), ("replied", "已回复")]


def inquiry_state(letter: InquiryLetter, working_days: int, today: dt.date | None = None) -> DueState:
    return DueState(inquiry_due(letter.received_on, working_days), letter.replied_on, today or clock.today())


def inquiry_states(user: Any, rows: list[InquiryLetter]) -> list[InquiryLetter]:
    days = int(rule_values("INT-051", scope_of(user).organ_id)["reply_working_days"])
    for letter in rows:
        letter.state = inquiry_state(letter, days)
    return rows


def inquiry_list(user: Any, *, year: int | None = None, status: str = "") -> QuerySet[InquiryLetter]:
    qs = InquiryLetter.objects.visible_to(user).select_related("subject", "subject__unit", "signer")
    if year is not None:
        qs = qs.filter(received_on__year=year)
    if status == "open":
        qs = qs.filter(replied_on__isnull=True)
    elif status == "replied":
        qs = qs.filter(replied_on__isnull=False)
    return qs.order_by("-received_on", "-id")


def inquiries_waiting(user: Any) -> list[InquiryLetter]:
    """Letters not yet answered, for the party-affairs office's to-do."""
    from qinglian.integrity.permissions import can_keep_inquiries

    if not can_keep_inquiries(user):
        return []
    rows = inquiry_states(user, list(inquiry_list(user, status="open")))
    return sorted(rows, key=lambda r: (r.state.due, r.pk))


def subject_choices(user: Any) -> QuerySet:
    """People of the organ a letter may be addressed to (its own units, not the stationed group)."""
    from qinglian.org.models import Person

    organ_id = scope_of(user).organ_id
    people = Person.objects.filter(organ_id=organ_id, is_active=True).exclude(unit__kind=UnitKind.STATIONED)
    return people.select_related("unit").order_by("unit__order", "name")
