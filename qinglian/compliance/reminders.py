"""Reminders and escalation for open findings with a due date.

- N working days before the due date (QINGLIAN_REMINDER_WORKING_DAYS, default 5): the responsible person;
- on the day after the due date: the responsible person and the head of the responsible unit;
- E working days overdue (QINGLIAN_ESCALATE_LEADER_WORKING_DAYS, default 5): also the supervising leader.

One reminder per finding, recipient and stage: whoever a finding's earlier stage already reaches (a unit head who is
also the responsible person) is not told again by a later stage of the same day or after. Each notice has an
idempotency key (finding, stage, due date), so a run repeated the same day — the automatic check runs every few
minutes — never repeats it, and a changed due date starts a fresh cycle. Every notice names the finding's unit and
responsible person, so a leader's notices about several units are told apart.

Who asked for a daily digest (notify.Preference) gets instead one message a day listing every finding in a reminder
stage for them that day (key: organ and day), and nothing per finding. Recorded facts (已记录) are not open and are
never reminded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES
from qinglian.compliance.rules_meta import rule_short_title
from qinglian.compliance.texts import render_reason
from qinglian.core import workdays
from qinglian.notify.selectors import digest_user_ids
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


def _person_users(person_ids: Iterable[int | None]) -> list[User]:
    return list(User.objects.filter(person_id__in=[p for p in person_ids if p], is_active=True).order_by("pk"))


def _unit_heads(unit_id: int | None) -> list[User]:
    if unit_id is None:
        return []
    ids = RoleGrant.objects.active().filter(role=Role.UNIT_HEAD, unit_id=unit_id).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=list(ids), is_active=True).order_by("pk"))


def _leaders(unit_id: int | None, on: dt.date) -> list[User]:
    if unit_id is None:
        return []
    rows = Supervision.objects.filter(unit_id=unit_id, start__lte=on).filter(Q(end__isnull=True) | Q(end__gte=on))
    return _person_users(rows.values_list("leader_id", flat=True))


# stage → (message kind, subject, body); {who} names the unit and the responsible person.
_TEXT = {
    "remind": ("reminder", "即将到期：{who} · {title}", "{who}：请于{due}前完成整改。{subject}：{reason}"),
    "overdue": (
        "overdue",
        "已逾期：{who} · {title}",
        "{who}：整改期限{due}已过，请尽快整改并销号。{subject}：{reason}",
    ),
    "escalate_unit": (
        "escalation",
        "本委室预警已逾期：{who} · {title}",
        "{who}未在{due}前完成整改。{subject}：{reason}",
    ),
    "escalate_leader": (
        "escalation",
        "分管委室预警逾期：{who} · {title}",
        "{who}已逾期{late}个工作日（整改期限{due}）。{subject}：{reason}",
    ),
}
STAGE_LABEL = {
    "remind": "即将到期",
    "overdue": "已逾期",
    "escalate_unit": "委室逾期",
    "escalate_leader": "分管委室逾期",
}


def recipients(finding: Finding, stage: str, as_of: dt.date) -> list[User]:
    if stage in ("remind", "overdue"):
        return _person_users([finding.responsible_person_id]) or _unit_heads(finding.responsible_unit_id)
    if stage == "escalate_unit":
        return _unit_heads(finding.responsible_unit_id)
    return _leaders(finding.responsible_unit_id, as_of)


def _reads(user: User, finding: Finding) -> bool:
    """Whether `user` may read the finding: asked only for rules on a confidential ledger (Rule.readers), where a
    unit head or supervising leader reached by escalation may be outside the ledger's circle."""
    rule = RULES.get(finding.rule_code)
    if rule is None or not rule.readers:
        return True
    return Finding.objects.visible_to(user).filter(pk=finding.pk).exists()


def plan(finding: Finding, as_of: dt.date) -> list[tuple[str, list[User]]]:
    """(stage, recipients) for the finding on `as_of`, each recipient in the first stage that reaches them only."""
    told: set[int] = set()
    planned = []
    for stage in stages(finding, as_of):
        users = [user for user in recipients(finding, stage, as_of) if user.pk not in told and _reads(user, finding)]
        told.update(user.pk for user in users)
        if users:
            planned.append((stage, users))
    return planned


def who(finding: Finding) -> str:
    """ "财政经济工作委员会（责任人王某）": the unit and the person a notice is about."""
    unit = finding.responsible_unit.name if finding.responsible_unit_id else "未指定单位"
    person = f"（责任人{finding.responsible_person.name}）" if finding.responsible_person_id else ""
    return unit + person


def _values(finding: Finding, as_of: dt.date) -> dict[str, object]:
    late = workdays.working_days_between(finding.due_date, as_of) if as_of > finding.due_date else 0
    return {
        "who": who(finding),
        "title": rule_short_title(finding.rule_code),
        "subject": finding.subject_repr,
        "reason": render_reason(finding.reason, finding.due_date, as_of),
        "due": f"{finding.due_date:%Y年%m月%d日}",
        "late": late,
    }


@dataclass
class _Line:
    stage: str
    finding: Finding
    values: dict[str, object]


def send_reminders(*, organ_id: int, as_of: dt.date) -> int:
    """Notify for every open finding of the organ; returns how many new messages were made."""
    findings = (
        Finding.objects.open()
        .filter(organ_id=organ_id, due_date__isnull=False)
        .select_related("organ", "responsible_unit", "responsible_person")
        .by_severity()
    )
    planned = [(finding, stage, users) for finding in findings for stage, users in plan(finding, as_of)]
    digest = digest_user_ids({user.pk for _, _, users in planned for user in users})
    made = 0
    lines: dict[int, list[_Line]] = {}
    people: dict[int, User] = {}
    for finding, stage, users in planned:
        values = _values(finding, as_of)
        for user in users:
            if user.pk in digest:
                lines.setdefault(user.pk, []).append(_Line(stage, finding, values))
                people[user.pk] = user
        each = [user for user in users if user.pk not in digest]
        if each:
            made += _send_one(finding, stage, each, values)
    for user_id, user_lines in lines.items():
        made += _send_digest(people[user_id], user_lines, organ_id, as_of)
    return made


def _send_one(finding: Finding, stage: str, users: list[User], values: dict[str, object]) -> int:
    kind, subject, body = _TEXT[stage]
    messages = notify(
        recipients=users,
        kind=kind,
        subject=subject.format(**values)[:200],
        body=body.format(**values),
        key=f"finding:{finding.pk}:{stage}:{finding.due_date:%Y%m%d}",
        organ=finding.organ,
        link=f"/compliance/findings/{finding.pk}/",
    )
    return sum(1 for message in messages if message.is_new)


def _send_digest(user: User, lines: list[_Line], organ_id: int, as_of: dt.date) -> int:
    """One message listing the user's reminders of the day, most urgent stage first."""
    order = list(_TEXT)
    lines.sort(key=lambda line: order.index(line.stage), reverse=True)
    body = "\n".join(
        f"{index}. 【{STAGE_LABEL[line.stage]}】{line.values['who']} · {line.values['title']}："
        f"{line.values['subject']}，整改期限{line.values['due']}"
        for index, line in enumerate(lines, start=1)
    )
    messages = notify(
        recipients=[user],
        kind="reminder",
        subject=f"预警提醒汇总（{as_of:%Y年%m月%d日}）：{len(lines)}条",
        body=body,
        key=f"digest:{organ_id}:{as_of:%Y%m%d}",
        organ=lines[0].finding.organ,
        link=reverse("todo"),  # 我的待办
    )
    return sum(1 for message in messages if message.is_new)
