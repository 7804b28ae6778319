"""Letters (generated from the roster, signed, 补签), 督办单 (issue → reply → close, escalation), 约谈, and the
Party group's agenda tags, with each refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.duty.choices import LetterLevel, NoticeStatus, Theme
from qinglian.duty.models import AccountabilityTalk, AgendaTag, OversightNotice, ResponsibilityLetter
from qinglian.duty.services.boards import agenda_tags_set
from qinglian.duty.services.letters import letter_for_event, letter_save, letter_sign, letters_generate
from qinglian.duty.services.notices import notice_close, notice_escalate, notice_issue, notice_reply
from qinglian.duty.services.talks import talk_record
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory
from qinglian.org.models import LeadingGroupMember, PersonnelEvent
from qinglian.org.tests.factories import BranchFactory, PersonFactory, SupervisionFactory
from qinglian.partylife.models import Meeting
from qinglian.partylife.services.meetings import meeting_record

D = dt.date


@pytest.fixture
def secretary(org, leader):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, name="书记")
    LeadingGroupMember.objects.create(organ=org.organ, person=person, post="secretary", start=D(2020, 1, 1), order=1)
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=D(2020, 1, 1))
    return person


# --- letters -------------------------------------------------------------------------------------------


def test_letters_generate_picks_each_level_and_issuer_and_is_idempotent(
    org, party_officer, unit_head, cadre_same_unit, cadre_other_unit, leader, supervisor, secretary
):
    SupervisionFactory(organ=org.organ, leader=leader.person, unit=org.unit_a)  # leader now supervises A and B
    with pytest.raises(Forbidden):
        letters_generate(organ_id=org.organ.pk, year=2026, by=unit_head)
    made = letters_generate(organ_id=org.organ.pk, year=2026, by=party_officer, on=D(2026, 1, 5))
    assert made == 5
    rows = {
        letter.signer_id: (letter.level, letter.issuer_id, letter.unit_id, letter.signed_on)
        for letter in ResponsibilityLetter.objects.filter(year=2026)
    }
    assert rows == {
        leader.person_id: (LetterLevel.LEADER, secretary.pk, org.unit_a.pk, None),
        unit_head.person_id: (LetterLevel.UNIT_HEAD, leader.person_id, org.unit_a.pk, None),
        party_officer.person_id: (LetterLevel.CADRE, unit_head.person_id, org.unit_a.pk, None),
        cadre_same_unit.person_id: (LetterLevel.CADRE, unit_head.person_id, org.unit_a.pk, None),
        cadre_other_unit.person_id: (LetterLevel.CADRE, None, org.unit_b.pk, None),  # 研究室 has no head
    }  # the secretary signs with the higher Party organisation; the stationed supervisor is not on the roster
    assert letters_generate(organ_id=org.organ.pk, year=2026, by=party_officer) == 0
    assert ResponsibilityLetter.objects.count() == 5


def test_a_unit_head_signs_their_own_cadres_letters_only_and_dates_are_checked(
    org, party_officer, unit_head, cadre_same_unit, cadre_other_unit, secretary
):
    letters_generate(organ_id=org.organ.pk, year=2026, by=party_officer, on=D(2026, 1, 5))
    mine = ResponsibilityLetter.objects.get(signer=cadre_same_unit.person)
    letter_sign(letter=mine, signed_on=D(2026, 3, 2), by=unit_head)
    assert ResponsibilityLetter.objects.get(pk=mine.pk).signed_on == D(2026, 3, 2)
    for other in (cadre_other_unit.person, unit_head.person):
        with pytest.raises(Forbidden):
            letter_sign(letter=ResponsibilityLetter.objects.get(signer=other), signed_on=D(2026, 3, 2), by=unit_head)
    with pytest.raises(InvalidInput, match="签订日期应在2026年度内"):
        letter_sign(letter=mine, signed_on=D(2024, 12, 30), by=party_officer)
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        letter_sign(letter=mine, signed_on=timezone.localdate() + dt.timedelta(days=1), by=unit_head)
    with pytest.raises(InvalidInput, match="此人本年度已有责任书"):
        letter_save(
            letter=ResponsibilityLetter(
                organ=org.organ, year=2026, level="cadre", signer=cadre_same_unit.person, unit=org.unit_a
            ),
            by=party_officer,
        )


def test_a_letter_for_a_personnel_event_is_made_once_at_the_new_posts_level(org, party_officer, unit_head, leader):
    head_person = unit_head.person
    event = PersonnelEvent.objects.create(
        organ=org.organ, person=head_person, kind="appointment", date=D(2026, 4, 1), to_unit=org.unit_a
    )
    letter = letter_for_event(event=event, by=party_officer)
    assert (letter.level, letter.trigger_event_id, letter.year) == ("unit_head", event.pk, 2026)
    assert letter.note == "因任职补签"
    assert letter.issuer_id is None  # unit A has no supervising leader on 4/1 in this organ
    assert letter_for_event(event=event, by=party_officer).pk == letter.pk
    mover = PersonFactory(organ=org.organ, unit=org.unit_a, name="转岗干部")
    moved = PersonnelEvent.objects.create(
        organ=org.organ, person=mover, kind="transfer", date=D(2026, 5, 6), from_unit=org.unit_a, to_unit=org.unit_b
    )
    letter = letter_for_event(event=moved, by=party_officer)
    assert (letter.level, letter.unit_id, letter.issuer_id) == ("cadre", org.unit_b.pk, None)


# --- 督办单 -------------------------------------------------------------------------------------------


@pytest.fixture
def task(org):
    return AssignmentFactory(item=DutyItemFactory(duty_list=DutyListFactory(organ=org.organ)), unit=org.unit_a)


def _notice(org, task, **extra):
    today = timezone.localdate()
    fields = {"organ": org.organ, "number": "", "assignment": task, "unit": org.unit_a, "issued_on": today}
    fields |= {"reason": "任务推进滞后", "reply_due": today + dt.timedelta(days=7), **extra}
    return OversightNotice(**fields)


def test_a_notice_is_issued_replied_and_closed_and_the_unit_head_is_told(
    org, task, party_officer, unit_head, cadre_same_unit, django_capture_on_commit_callbacks
):
    from qinglian.notify.models import Message

    with pytest.raises(Forbidden):
        notice_issue(notice=_notice(org, task), by=unit_head)
    with pytest.raises(InvalidInput, match="被督办委室应为该任务的责任委室"):
        notice_issue(notice=_notice(org, task, unit=org.unit_b), by=party_officer)
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_issue(notice=_notice(org, task), by=party_officer)
    year = timezone.localdate().year
    assert (notice.number, notice.status) == (f"督办〔{year}〕1号", NoticeStatus.ISSUED)
    assert notice.issued_by == party_officer
    assert Message.objects.filter(recipient=unit_head, key=f"duty-notice-{notice.pk}").exists()
    with pytest.raises(InvalidInput, match="督办单回复后方可办结"):
        notice_close(notice=notice, by=party_officer)
    with pytest.raises(Forbidden):
        notice_reply(notice=notice, by=cadre_same_unit, reply="已整改")
    with pytest.raises(InvalidInput, match="请填写回复内容"):
        notice_reply(notice=notice, by=unit_head, reply=" ")
    notice_reply(notice=notice, by=unit_head, reply="已整改完毕")
    assert (notice.status, notice.replied_by) == (NoticeStatus.REPLIED, unit_head)
    notice_close(notice=notice, by=party_officer)
    assert OversightNotice.objects.get(pk=notice.pk).status == NoticeStatus.CLOSED
    with pytest.raises(InvalidInput, match="督办单已办结"):
        notice_reply(notice=notice, by=unit_head, reply="补充")


def test_a_notice_is_escalated_only_while_it_waits_for_a_reply(
    org, task, party_officer, unit_head, leader, django_capture_on_commit_callbacks
):
    from qinglian.notify.models import Message

    notice = notice_issue(notice=_notice(org, task), by=party_officer)
    with pytest.raises(Forbidden):
        notice_escalate(notice=notice, by=unit_head, to_person_id=leader.person_id)
    with django_capture_on_commit_callbacks(execute=True):
        notice_escalate(notice=notice, by=party_officer, to_person_id=leader.person_id)
    told = Message.objects.filter(key=f"duty-notice-{notice.pk}-escalated")
    told = set(told.values_list("recipient__username", "kind"))
    assert told == {("leader", "escalation"), ("unit_head", "escalation")}
    assert notice.escalated_to_id == leader.person_id and notice.escalated_on == timezone.localdate()
    notice_reply(notice=notice, by=unit_head, reply="已整改")
    with pytest.raises(InvalidInput, match="只有待回复的督办单可以升级"):
        notice_escalate(notice=notice, by=party_officer, to_person_id=leader.person_id)
    second = notice_issue(notice=_notice(org, task), by=leader)  # a leader may issue too
    assert second.number.endswith("〕2号")


# --- 约谈 -----------------------------------------------------------------------------------------------


def _talk(org, interviewer, interviewee, **extra):
    fields = {"organ": org.organ, "date": timezone.localdate(), "reason": "任务逾期", **extra}
    return AccountabilityTalk(interviewer=interviewer, interviewee=interviewee, **fields)


def test_a_leader_records_only_their_own_talks_and_the_office_records_any(
    org, party_officer, leader, unit_head, cadre_other_unit, secretary
):
    with pytest.raises(Forbidden):  # the secretary held it, not this leader
        talk_record(talk=_talk(org, secretary, cadre_other_unit.person), by=leader)
    with pytest.raises(Forbidden):
        talk_record(talk=_talk(org, unit_head.person, cadre_other_unit.person), by=unit_head)
    own = talk_record(talk=_talk(org, leader.person, cadre_other_unit.person), by=leader)
    assert own.unit_id == org.unit_b.pk  # the interviewee's unit, so its head sees it
    talk_record(talk=_talk(org, secretary, unit_head.person), by=party_officer)
    with pytest.raises(InvalidInput, match="不能是同一人"):
        talk_record(talk=_talk(org, leader.person, leader.person), by=leader)
    with pytest.raises(InvalidInput, match="请填写约谈事由"):
        talk_record(talk=_talk(org, leader.person, unit_head.person, reason=" "), by=leader)


# --- the Party group's agenda ------------------------------------------------------------------------


def _meeting(org, by, titles, **fields):
    values = {"organ": org.organ, "date": D(2026, 3, 10), "topic": "党组会议"}
    values |= fields or {"holder": "leading_group", "kind": "leading_group_meeting"}
    return meeting_record(meeting=Meeting(**values), by=by, agenda=titles)


def test_agenda_tags_are_for_the_party_groups_meetings_only(org, party_officer, cadre_same_unit):
    meeting = _meeting(org, party_officer, ["传达学习中央精神", "研究意识形态工作"])
    item = meeting.agenda.get(order=2)
    with pytest.raises(Forbidden):
        agenda_tags_set(agenda_item=item, themes=[Theme.IDEOLOGY], by=cadre_same_unit)
    with pytest.raises(InvalidInput, match="议题类别不正确"):
        agenda_tags_set(agenda_item=item, themes=["sports"], by=party_officer)
    tags = agenda_tags_set(agenda_item=item, themes=[Theme.IDEOLOGY, Theme.INTEGRITY], by=party_officer)
    assert tags == ["ideology", "integrity"]
    agenda_tags_set(agenda_item=item, themes=[Theme.IDEOLOGY], by=party_officer)
    assert list(AgendaTag.objects.values_list("theme", flat=True)) == ["ideology"]
    branch = BranchFactory(organ=org.organ)
    branch_meeting = _meeting(org, party_officer, ["学习党章"], holder="branch", kind="theme_day", branch=branch)
    with pytest.raises(InvalidInput, match="只能标注党组会议的议题"):
        agenda_tags_set(agenda_item=branch_meeting.agenda.get(), themes=[Theme.IDEOLOGY], by=party_officer)


def test_editing_the_minutes_keeps_the_tags_of_agenda_items_whose_title_stays(org, party_officer):
    meeting = _meeting(org, party_officer, ["传达学习中央精神", "研究意识形态工作", "其他事项"])
    kept = meeting.agenda.get(title="研究意识形态工作")
    agenda_tags_set(agenda_item=kept, themes=[Theme.IDEOLOGY], by=party_officer)
    dropped = meeting.agenda.get(title="其他事项")
    agenda_tags_set(agenda_item=dropped, themes=[Theme.INTEGRITY], by=party_officer)

    meeting.topic = "党组会议（修订记录）"
    meeting_record(meeting=meeting, by=party_officer, agenda=["研究意识形态工作", "研究党风廉政建设"])
    assert [(tag.agenda_item_id, tag.theme) for tag in AgendaTag.objects.all()] == [(kept.pk, "ideology")]
    assert list(meeting.agenda.values_list("title", "order")) == [("研究意识形态工作", 1), ("研究党风廉政建设", 2)]
