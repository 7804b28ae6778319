"""Reads of the 督办单: the ledger as the page filters it, the notices a unit head still has to answer, what a
new notice may be about, and whom an unanswered one goes up to; and, for the rule (DUTY-008), the notices as
they stood on a day (`notices_on`).

Every page read starts from `visible_to(user)`; a notice past its reply date is 逾期 by the date, never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.compliance.choices import OPEN_STATUSES
from qinglian.compliance.models import Finding
from qinglian.core import asof, clock, workdays
from qinglian.duty.choices import OPEN_TASK_STATUSES, NoticeStatus
from qinglian.duty.models import AccountabilityTalk, DutyAssignment, OversightNotice
from qinglian.duty.selectors.asof import changed_by
from qinglian.duty.selectors.people import first_unit_head, leading_group, supervising_leaders
from qinglian.org.models import Person, Unit

OVERDUE = "overdue"  # a filter value, not a stored status: 待回复 past its reply date


def is_overdue(notice: OversightNotice, today: dt.date) -> bool:
    return notice.status == NoticeStatus.ISSUED and workdays.is_overdue(notice.reply_due, today)


def notice_ledger(user: Any, data: dict[str, Any]) -> QuerySet[OversightNotice]:
    """The notices `user` may see, narrowed by the page's filter (`data`: status or OVERDUE, unit, q)."""
    notices = OversightNotice.objects.visible_to(user).select_related(
        "unit", "responsible", "escalated_to", "assignment__item", "finding"
    )
    status = data.get("status")
    if status == OVERDUE:
        notices = notices.filter(status=NoticeStatus.ISSUED, reply_due__lte=workdays.overdue_through(clock.today()))
    elif status:
        notices = notices.filter(status=status)
    if data.get("unit"):
        notices = notices.filter(unit=data["unit"])
    if data.get("q"):
        notices = notices.filter(Q(number__icontains=data["q"]) | Q(reason__icontains=data["q"]))
    return notices


def awaiting_reply(user: Any, unit_ids: frozenset[int]) -> QuerySet[OversightNotice]:
    """The notices to units in `unit_ids` still waiting for a reply, the earliest due first."""
    return (
        OversightNotice.objects.visible_to(user)
        .filter(unit_id__in=unit_ids, status=NoticeStatus.ISSUED)
        .select_related("unit")
        .order_by("reply_due", "id")
    )


def visible_task(user: Any, pk: Any) -> DutyAssignment | None:
    """A task a notice or talk may be about, if `user` sees it (`pk` as given in the query string)."""
    tasks = DutyAssignment.objects.visible_to(user).select_related("item", "unit")
    return tasks.filter(pk=pk if str(pk).isdigit() else 0).first()


def visible_finding(user: Any, pk: Any) -> Finding | None:
    return Finding.objects.visible_to(user).filter(pk=pk if str(pk).isdigit() else 0).first()


REPLY_WORKING_DAYS = 5  # the reply period a new notice offers; the issuer may change it


def default_reply_due(today: dt.date, finding: Finding | None = None) -> dt.date:
    """The reply date a new notice offers: the finding's own 整改期限 while it is still ahead, else five working
    days on (a finding already past its date is what the notice is about, not a date to reply by)."""
    if finding is not None and finding.due_date and finding.due_date > today:
        return finding.due_date
    return workdays.add_working_days(today, REPLY_WORKING_DAYS)


def draft_from_task(notice: OversightNotice, task: DutyAssignment, today: dt.date) -> None:
    """Fill an unsaved notice from a task: its unit, the unit's head, and a reason naming the task and its state."""
    notice.assignment, notice.unit = task, task.unit
    notice.responsible_id = first_unit_head(task.organ_id, task.unit_id)
    deadline = f"（完成时限{task.item.deadline:%Y-%m-%d}）" if task.item.deadline else ""
    notice.reason = f"责任任务“{task.item.content}”{deadline}目前{task.display_status(today)}，请加快推进并书面回复。"


def draft_from_finding(notice: OversightNotice, finding: Finding, today: dt.date) -> None:
    """Fill an unsaved notice from a finding: its unit (or, without one, the responsible person's), its person (or
    the unit's head), its reason and a reply date (default_reply_due), the finding linked."""
    person = finding.responsible_person
    unit_id = finding.responsible_unit_id or (person.unit_id if person is not None else None)
    notice.finding, notice.unit_id = finding, unit_id
    notice.responsible_id = finding.responsible_person_id or (
        first_unit_head(finding.organ_id, unit_id) if unit_id else None
    )
    notice.reason = f"{finding.rule_code}：{finding.text}"  # the reason as it reads today (day counts filled in)
    notice.reply_due = default_reply_due(today, finding)


def open_notices_on(user: Any, notice: OversightNotice) -> list[OversightNotice]:
    """The notices not yet closed on the same finding or task as `notice` (a second one is rarely meant)."""
    source = Q(pk__in=[])
    if notice.finding_id:
        source |= Q(finding_id=notice.finding_id)
    if notice.assignment_id:
        source |= Q(assignment_id=notice.assignment_id)
    opened = OversightNotice.objects.visible_to(user).filter(source).exclude(status=NoticeStatus.CLOSED)
    return list(opened.order_by("issued_on", "id"))


def notice_form_choices(user: Any, notice: OversightNotice) -> dict[str, QuerySet]:
    """Open tasks and open findings the issuer may see (plus the pre-filled one, whatever its state)."""
    tasks = DutyAssignment.objects.visible_to(user).filter(
        Q(status__in=OPEN_TASK_STATUSES) | Q(pk=notice.assignment_id)
    )
    findings = Finding.objects.visible_to(user).filter(Q(status__in=OPEN_STATUSES) | Q(pk=notice.finding_id))
    return {
        "assignments": tasks.select_related("item__duty_list", "unit").order_by("item__order", "unit__order"),
        "findings": findings.order_by("-id"),
        "units": Unit.objects.visible_to(user),
        "people": Person.objects.visible_to(user).filter(is_active=True).select_related("unit"),
    }


def notice_talks(user: Any, notice: OversightNotice) -> QuerySet[AccountabilityTalk]:
    """The 约谈 held about this notice that `user` may see."""
    talks = AccountabilityTalk.objects.visible_to(user).filter(notice=notice)
    return talks.select_related("interviewer", "interviewee")


def escalation_leaders(notice: OversightNotice, on: dt.date) -> QuerySet[Person]:
    """Whom a notice can go up to: the Party group's members in office."""
    ids = [pid for pid, _ in leading_group(notice.organ_id, on)]
    return Person.objects.filter(pk__in=ids).select_related("unit")


def default_escalation(notice: OversightNotice, on: dt.date) -> int | None:
    """The leader an unanswered notice goes up to unless told otherwise: the unit's 分管领导."""
    return supervising_leaders(notice.organ_id, on).get(notice.unit_id)


# --- for the rule (DUTY-008): the notices as they stood on a day ---------------------------------------


@dataclass(frozen=True)
class NoticeOnDay:
    notice: OversightNotice
    status: str  # 待回复 unless a reply dated on or before the day had come
    reply_due: dt.date  # the reply date the notice set then (one moved later bound nobody on the day)
    escalated_to: str  # the leader it had gone up to by then, or ""


def notices_on(organ_id: int, since: dt.date, on: dt.date) -> list[NoticeOnDay]:
    """The 督办单 issued from `since` to `on` (one issued later did not exist), not deleted by the end of `on`.

    A reply counts by its own date (replied_on), whether the day's version of the row or today's carries it: a
    notice answered after `on` was unanswered on it, one answered before it and answered again later was
    answered. A reply without a date (rows from before dates were kept) counts by the day's stored status.
    """
    rows = list(
        OversightNotice.all_objects.filter(organ_id=organ_id, issued_on__range=(since, on))
        .filter(asof.live_on(on))
        .select_related("unit")
        .order_by("issued_on", "id")
    )
    fields = ["status", "replied_on", "reply_due", "escalated_to_id", "escalated_on"]
    then = asof.fields_on(OversightNotice, on, fields, ids=[n.pk for n in rows])
    found: list[tuple[OversightNotice, str, dt.date, int | None]] = []
    for notice in rows:
        old = then.get(notice.pk) or {name: getattr(notice, name) for name in fields}
        replied = changed_by(on, old["replied_on"], notice.replied_on)
        undated = old["replied_on"] is None and notice.replied_on is None and old["status"] != NoticeStatus.ISSUED
        if asof.known(old["escalated_on"], on):
            escalated = old["escalated_to_id"]
        elif asof.known(notice.escalated_on, on):
            escalated = notice.escalated_to_id
        else:
            escalated = None
        if replied is None and not undated:
            status = NoticeStatus.ISSUED
        else:
            status = NoticeStatus.REPLIED if old["status"] == NoticeStatus.ISSUED else old["status"]
        found.append((notice, status, old["reply_due"] or notice.reply_due, escalated))
    names = dict(Person.all_objects.filter(pk__in={e for *_, e in found if e}).values_list("pk", "name"))
    return [NoticeOnDay(n, status, due, names.get(e, "") if e else "") for n, status, due, e in found]
