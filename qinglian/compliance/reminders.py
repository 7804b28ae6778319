"""Reminders and escalation for open findings with a due date.

- N working days before the due date (QINGLIAN_REMINDER_WORKING_DAYS, default 5): the responsible person;
- on the day after the due date: the responsible person and the head of the responsible unit;
- E working days overdue (QINGLIAN_ESCALATE_LEADER_WORKING_DAYS, default 5): also the supervising leader.

Each notice has an idempotency key (finding, stage, due date), so a daily run never repeats it and a
changed due date starts a fresh cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q

from qinglian.compliance.models import Finding
from qinglian.compliance.rules_meta import rule_title
from qinglian.core import workdays
from qinglian.notify.services import notify
from qinglian.org.choices import Role
from qinglian.org.models import RoleGrant, Supervision, User


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def stages(finding: Finding, as_of: dt.date) -> list[str]:
    """Which notices are due for this finding on `as_of` (pure apart from the working-day calendar)."""
    if finding.due_date is None:
        return []
    remind = _setting("QINGLIAN_REMINDER_WORKING_DAYS", 5)
    escalate = _setting("QINGLIAN_ESCALATE_LEADER_WORKING_DAYS", 5)
    if as_of <= finding.due_date:
        left = workdays.working_days_between(as_of, finding.due_date)
        return ["remind"] if left <= remind else []
    late = workdays.working_days_between(finding.due_date, as_of)
    result = ["overdue", "escalate_unit"]
    if late >= escalate:
        result.append("escalate_leader")
    return result


def _person_users(person_ids: Iterable[int]) -> list[User]:
    return list(User.objects.filter(person_id__in=[p for p in person_ids if p], is_active=True))


def _unit_heads(unit_id: int | None) -> list[User]:
    if unit_id is None:
        return []
    ids = RoleGrant.objects.active().filter(role=Role.UNIT_HEAD, unit_id=unit_id).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=list(ids), is_active=True))


def _leaders(unit_id: int | None, on: dt.date) -> list[User]:
    if unit_id is None:
        return []
    rows = Supervision.objects.filter(unit_id=unit_id, start__lte=on).filter(Q(end__isnull=True) | Q(end__gte=on))
    return _person_users(rows.values_list("leader_id", flat=True))


_TEXT = {
    "remind": ("提醒", "reminder", "即将到期：{title}", "请于{due}前完成整改：{reason}"),
    "overdue": ("逾期", "overdue", "已逾期：{title}", "整改期限{due}已过，请尽快整改并销号：{reason}"),
    "escalate_unit": ("逾期（委室）", "escalation", "本委室预警已逾期：{title}", "责任人未在{due}前完成整改：{reason}"),
    "escalate_leader": (
        "逾期（分管领导）",
        "escalation",
        "分管委室预警逾期：{title}",
        "已逾期{late}个工作日：{reason}",
    ),
}


def recipients(finding: Finding, stage: str, as_of: dt.date) -> list[User]:
    if stage in ("remind", "overdue"):
        return _person_users([finding.responsible_person_id]) or _unit_heads(finding.responsible_unit_id)
    if stage == "escalate_unit":
        return _unit_heads(finding.responsible_unit_id)
    return _leaders(finding.responsible_unit_id, as_of)


def send_reminders(*, organ_id: int, as_of: dt.date) -> int:
    """Notify for every open finding of the organ; returns how many new messages were made."""

    made = 0
    for finding in Finding.objects.open().filter(organ_id=organ_id, due_date__isnull=False):
        for stage in stages(finding, as_of):
            _label, kind, subject, body = _TEXT[stage]
            late = workdays.working_days_between(finding.due_date, as_of) if as_of > finding.due_date else 0
            values = {
                "title": rule_title(finding.rule_code),
                "reason": finding.reason,
                "due": f"{finding.due_date:%Y年%m月%d日}",
                "late": late,
            }
            messages = notify(
                recipients=recipients(finding, stage, as_of),
                kind=kind,
                subject=subject.format(**values)[:200],
                body=body.format(**values),
                key=f"finding:{finding.pk}:{stage}:{finding.due_date:%Y%m%d}",
                organ=finding.organ,
                link=f"/compliance/findings/{finding.pk}/",
            )
            made += sum(1 for message in messages if message.is_new)
    return made
