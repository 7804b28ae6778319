"""The suggestions desk's steps on rows in memory, mirroring services/suggestions.py: the same fields set, the
same status moves (`services.suggestions.SUGGESTION_MOVES`, refused moves raise) and the same date checks,
recorded in the ledger with the replayed moment and the writer. tests/test_demo.py checks the result against the
services' invariants (statuses, one active lead, replies after assignment, deadlines)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qinglian.npc.choices import HandlingRole, Satisfaction, SuggestionStatus
from qinglian.npc.demo.ledger import Ledger
from qinglian.npc.models import Assignment, Contact, Reply, SatisfactionRecord, Suggestion
from qinglian.npc.services.suggestions import can_move


class DeskError(AssertionError):
    """A planned step the services would refuse: a bug in the demo's plan, never a slip."""


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise DeskError(message)


def _move(suggestion: Suggestion, to: str) -> None:
    _check(can_move(suggestion, to), f"{suggestion.number}: {suggestion.status} → {to}")
    suggestion.status = to


class Desk:
    def __init__(self, ledger: Ledger, organ: Any, today: dt.date, by: Any, approver: Any) -> None:
        self.ledger, self.organ, self.today, self.by, self.approver = ledger, organ, today, by, approver

    def _day(self, day: dt.date, *, not_before: dt.date | None = None) -> None:
        _check(day <= self.today, f"{day} 晚于今天")
        _check(not_before is None or day >= not_before, f"{day} 早于 {not_before}")

    def register(self, suggestion: Suggestion, co_signers: list) -> Suggestion:
        self._day(suggestion.received_on)
        suggestion.organ = self.organ
        suggestion.year = suggestion.year or suggestion.session.start.year
        suggestion.status = SuggestionStatus.REGISTERED
        suggestion._rows, suggestion._replies = [], []  # its assignments and replies, as the desk's file
        self.ledger.add(suggestion, self.by)
        self.ledger.relate(suggestion, "co_signers", [d for d in co_signers if d is not suggestion.lead_deputy])
        return suggestion

    def notify(self, suggestion: Suggestion, day: dt.date) -> None:
        self._day(day, not_before=suggestion.received_on)
        suggestion.deputy_notified_on = day
        self.ledger.change(suggestion, self.by)

    def assign(self, suggestion: Suggestion, lead: Any, co_units: list, day: dt.date) -> list[Assignment]:
        self._day(day, not_before=suggestion.received_on)
        _check(not any(a.role == HandlingRole.LEAD and a.is_active for a in suggestion._rows), "已有主办单位")
        _move(suggestion, SuggestionStatus.ASSIGNED)
        made = [self._assignment(suggestion, lead, HandlingRole.LEAD, day)]
        made += [self._assignment(suggestion, unit, HandlingRole.CO, day) for unit in co_units]
        suggestion.assigned_on = suggestion.assigned_on or day
        self.ledger.change(suggestion, self.by)
        return made

    def _assignment(self, suggestion: Suggestion, unit: Any, role: str, day: dt.date) -> Assignment:
        _check(not any(a.unit_id == unit.pk and a.is_active for a in suggestion._rows), f"{unit.name}已在承办")
        assignment = Assignment(organ=self.organ, suggestion=suggestion, unit=unit, role=role, assigned_on=day)
        suggestion._rows.append(assignment)
        return self.ledger.add(assignment, self.by)

    def receive(self, assignment: Assignment, day: dt.date) -> None:
        self._day(day, not_before=assignment.assigned_on)
        assignment.received_on = day
        self.ledger.change(assignment, self.by)
        suggestion = assignment.suggestion
        if assignment.role == HandlingRole.LEAD and suggestion.status == SuggestionStatus.ASSIGNED:
            _move(suggestion, SuggestionStatus.HANDLING)
            self.ledger.change(suggestion, self.by)

    def return_(self, assignment: Assignment, day: dt.date, reason: str, accepted: bool) -> None:
        self._day(day, not_before=assignment.assigned_on)
        _check(assignment.is_active, "该交办已退回")
        assignment.returned_on, assignment.return_reason, assignment.return_accepted = day, reason, accepted
        assignment.is_active = not accepted
        self.ledger.change(assignment, self.by)
        if accepted and assignment.role == HandlingRole.LEAD:
            _move(assignment.suggestion, SuggestionStatus.REGISTERED)
            self.ledger.change(assignment.suggestion, self.by)

    def co_opinion(self, assignment: Assignment, day: dt.date, opinion: str) -> None:
        self._day(day, not_before=assignment.assigned_on)
        _check(assignment.role == HandlingRole.CO, "只有协办单位提出协办意见")
        assignment.co_opinion_on, assignment.co_opinion = day, opinion
        self.ledger.change(assignment, self.by)

    def contact(self, suggestion: Suggestion, lead: Assignment, day: dt.date, way: str, note: str) -> None:
        self._day(day)
        _check(suggestion.assigned_on is not None, "建议尚未交办")
        contact = Contact(
            organ=self.organ,
            suggestion=suggestion,
            assignment=lead,
            date=day,
            way=way,
            with_whom=suggestion.lead_deputy.name,
            note=note,
        )
        self.ledger.add(contact, self.by)
        if suggestion.status == SuggestionStatus.ASSIGNED:
            _move(suggestion, SuggestionStatus.HANDLING)
            self.ledger.change(suggestion, self.by)

    def reply(self, reply: Reply) -> Reply:
        suggestion, lead = reply.suggestion, reply.assignment
        self._day(reply.date, not_before=lead.assigned_on)
        _check(lead.role == HandlingRole.LEAD and lead.is_active, "答复须由当前主办单位作出")
        reply.organ = self.organ
        if suggestion.status == SuggestionStatus.RE_HANDLING:
            original = suggestion._replies[0]
            _check(original._level == Satisfaction.DISSATISFIED and reply.date >= original.date, "没有待重新答复的答复")
            reply.is_rereply, reply.replaces = True, original
        else:
            _check(not suggestion._replies, "该建议已答复")
        _move(suggestion, SuggestionStatus.REPLIED)
        reply._level = None
        suggestion._replies.append(reply)
        self.ledger.add(reply, self.by)
        self.ledger.change(suggestion, self.by)
        return reply

    def evaluate(self, reply: Reply, day: dt.date, level: str, opinion: str) -> None:
        self._day(day, not_before=reply.date)
        _check(reply._level is None, "该答复已登记满意度")
        record = SatisfactionRecord(organ=self.organ, reply=reply, recorded_on=day, level=level, opinion=opinion)
        reply._level = level
        self.ledger.add(record, self.by)
        reopen = level == Satisfaction.DISSATISFIED and not reply.is_rereply
        _move(reply.suggestion, SuggestionStatus.RE_HANDLING if reopen else SuggestionStatus.CLOSED)
        self.ledger.change(reply.suggestion, self.by)

    def request_extension(self, suggestion: Suggestion, day: dt.date, reason: str) -> None:
        self._day(day)
        _check(suggestion.status in (SuggestionStatus.ASSIGNED, SuggestionStatus.HANDLING), "不能申请延期")
        suggestion.extension_requested_on, suggestion.extension_reason = day, reason
        self.ledger.change(suggestion, self.by)

    def approve_extension(self, suggestion: Suggestion, day: dt.date) -> None:
        self._day(day, not_before=suggestion.extension_requested_on)
        suggestion.extension_approved_on, suggestion.extension_approved_by = day, self.approver
        self.ledger.change(suggestion, self.approver)

    def mark_key(self, suggestion: Suggestion, committee: Any, leader: Any, decided_on: dt.date) -> None:
        self._day(decided_on, not_before=suggestion.received_on)
        suggestion.is_key, suggestion.supervising_committee, suggestion.supervising_leader = True, committee, leader
        suggestion.key_decided_on = decided_on
        self.ledger.change(suggestion, self.by)

    def record_plan(self, suggestion: Suggestion, day: dt.date, summary: str) -> None:
        """督办工作方案, as services.suggestions.supervision_plan_record: a key suggestion, not before the decision."""
        _check(suggestion.is_key, f"{suggestion.number} 未列为重点督办")
        self._day(day, not_before=suggestion.key_decided_on)
        suggestion.supervision_plan_on, suggestion.supervision_plan = day, summary
        self.ledger.change(suggestion, self.by)
