"""Reminders N working days before the due date, then overdue, then escalation to the unit head and the
supervising leader — counted on the 2026 working-day calendar, each sent once."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.reminders import send_reminders, stages
from qinglian.compliance.tests.factories import FindingFactory
from qinglian.notify.models import Message

DUE = dt.date(2026, 12, 4)  # a Friday


@pytest.fixture
def finding(org, cadre_other_unit):
    return FindingFactory(
        organ=org.organ,
        rule_code="ORG-003",
        subject_type="org.unit",
        subject_repr="研究室",
        severity="yellow",
        reason="研究室没有分管领导",
        responsible_unit=org.unit_b,
        responsible_person=cadre_other_unit.person,
        due_date=DUE,
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 11, 26), []),  # 6 working days left
        (dt.date(2026, 11, 27), ["remind"]),  # 5 working days left (30 Nov – 4 Dec)
        (DUE, ["remind"]),
        (dt.date(2026, 12, 7), ["overdue", "escalate_unit"]),  # first working day late
        (dt.date(2026, 12, 10), ["overdue", "escalate_unit"]),  # 4 working days late
        (dt.date(2026, 12, 11), ["overdue", "escalate_unit", "escalate_leader"]),  # 5 working days late
    ],
)
def test_stages_follow_working_days(finding, as_of, expected):
    assert stages(finding, as_of) == expected


def test_holidays_do_not_count_as_working_days(finding):
    # Due Friday 9 Oct 2026, after 中秋 (25–27 Sep) and 国庆 (1–7 Oct): from 24 Sep, 15 calendar days but only
    # 5 working days remain (28, 29, 30 Sep; 8, 9 Oct), so the reminder is due; from 23 Sep, 6 remain.
    finding.due_date = dt.date(2026, 10, 9)
    assert stages(finding, dt.date(2026, 9, 24)) == ["remind"]
    assert stages(finding, dt.date(2026, 9, 23)) == []


def test_escalation_reaches_the_person_then_the_unit_head_then_the_leader(
    org, finding, cadre_other_unit, leader, secadmin
):
    from qinglian.org import services
    from qinglian.org.choices import Role
    from qinglian.org.tests.factories import PersonFactory, UserFactory

    head = UserFactory(organ=org.organ, person=PersonFactory(organ=org.organ, unit=org.unit_b, name="研究室主任"))
    services.role_grant(user=head, role=Role.UNIT_HEAD, unit=org.unit_b, by=secadmin)

    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 11, 30)) == 1
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 1)) == 0  # never twice
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 7)) == 2
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 11)) == 1
    inbox = {(m.recipient.username, m.kind) for m in Message.objects.select_related("recipient")}
    assert inbox == {
        ("cadre_other_unit", "reminder"),
        ("cadre_other_unit", "overdue"),
        (head.username, "escalation"),
        ("leader", "escalation"),
    }
    assert Message.objects.get(recipient=leader).link == f"/compliance/findings/{finding.pk}/"


def test_a_new_due_date_starts_a_new_cycle(org, finding):
    send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 11, 30))
    finding.due_date = dt.date(2026, 12, 18)
    finding.save()
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 14)) == 1


def test_closed_findings_are_not_reminded(org, finding):
    finding.status = "closed"
    finding.save()
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 11)) == 0


# --- issue #14 item 7: reminders without noise -----------------------------------------------------------------


def _head_of(org, unit, secadmin, name="研究室主任"):
    from qinglian.org import services
    from qinglian.org.choices import Role
    from qinglian.org.tests.factories import PersonFactory, UserFactory

    head = UserFactory(organ=org.organ, person=PersonFactory(organ=org.organ, unit=unit, name=name))
    services.role_grant(user=head, role=Role.UNIT_HEAD, unit=unit, by=secadmin)
    return head


def test_a_unit_head_who_is_also_the_responsible_person_gets_one_reminder_not_two(org, finding, secadmin):
    head = _head_of(org, org.unit_b, secadmin)
    finding.responsible_person = head.person
    finding.save()
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 7)) == 1  # overdue, not also 委室逾期
    [message] = Message.objects.filter(recipient=head)
    assert message.kind == "overdue"
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 11)) == 0  # only the leader is new, none here


def test_the_leaders_notices_name_the_unit_and_the_person(org, leader, cadre_other_unit):
    """Issue #14: the secretary got identical "分管委室预警逾期" messages that did not name the unit."""
    other = FindingFactory(
        organ=org.organ,
        rule_code="ORG-003",
        subject_repr="另一事项",
        severity="yellow",
        reason="另一个问题",
        responsible_unit=org.unit_b,
        responsible_person=cadre_other_unit.person,
        due_date=DUE,
    )
    FindingFactory(
        organ=org.organ,
        rule_code="ORG-003",
        subject_repr="研究室",
        severity="yellow",
        reason="研究室没有分管领导",
        responsible_unit=org.unit_b,
        responsible_person=cadre_other_unit.person,
        due_date=DUE,
    )
    send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 11))
    subjects = list(Message.objects.filter(recipient=leader).values_list("subject", flat=True))
    assert len(subjects) == 2 and all(s.startswith("分管委室预警逾期：研究室（责任人") for s in subjects)
    bodies = list(Message.objects.filter(recipient=leader).values_list("body", flat=True))
    assert any("另一事项" in body for body in bodies) and other.responsible_unit.name in bodies[0]


def test_a_daily_digest_replaces_the_messages_of_each_finding(org, finding, cadre_other_unit):
    from qinglian.notify.services import preference_set

    FindingFactory(
        organ=org.organ,
        rule_code="ORG-002",
        subject_repr="党员乙",
        responsible_unit=org.unit_b,
        responsible_person=cadre_other_unit.person,
        due_date=DUE,
    )
    preference_set(user=cadre_other_unit, daily_digest=True)
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 7)) == 1
    [digest] = Message.objects.filter(recipient=cadre_other_unit)
    assert digest.subject == "预警提醒汇总（2026年12月07日）：2条" and digest.link == "/compliance/todo/"
    assert "研究室" in digest.body and "党员乙" in digest.body
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 7)) == 0  # once a day
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 8)) == 1  # the next day's


def test_a_recorded_fact_is_never_reminded(org, finding):
    finding.status, finding.due_date = "recorded", None
    finding.save()
    assert send_reminders(organ_id=org.organ.pk, as_of=dt.date(2026, 12, 11)) == 0
