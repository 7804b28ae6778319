"""The draft summary (what it names, what it never shows, how few queries it takes) and rules INT-010/INT-011 —
each failing and passing, and true for a past date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qinglian.compliance.choices import FindingStatus, Severity
from qinglian.compliance.models import Finding
from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.registry import RULES, Context, get_rule
from qinglian.core import workdays
from qinglian.integrity.choices import CheckOutcome, IntegrityTalkKind, OpinionConclusion
from qinglian.integrity.models import InquiryLetter, OpinionItem, OpinionRequest, TalkAttendance
from qinglian.integrity.selectors.opinion_summary import draft_summary
from qinglian.integrity.tests.factories import (
    BatchFactory,
    GiftFactory,
    MeasureFactory,
    PersonalReportFactory,
    ProblemFactory,
    SpotCheckFactory,
    TalkFactory,
)
from qinglian.org.choices import PersonnelEventKind, UnitKind
from qinglian.org.models import PersonnelEvent
from qinglian.org.tests.factories import PersonFactory

AS_OF = dt.date(2026, 11, 30)


@pytest.fixture
def person(org):
    return PersonFactory(organ=org.organ, unit=org.unit_b, name="王明", post="副处长")


@pytest.fixture
def talker(org):
    return PersonFactory(organ=org.organ, unit=org.unit_a, name="书记甲")


# --- draft_summary -------------------------------------------------------------------------------------------


@pytest.fixture
def record(org, person, talker):
    """A person with something in every ledger the summary reads."""
    TalkFactory(talker=talker, subject=person, date=dt.date(2025, 4, 10), kind=IntegrityTalkKind.PRE_APPOINTMENT)
    collective = TalkFactory(
        talker=talker,
        subject=None,
        unit=None,
        date=dt.date(2026, 6, 2),
        kind=IntegrityTalkKind.COLLECTIVE,
        topic="节前提醒",
    )
    TalkAttendance.objects.create(talk=collective, person=person)
    TalkFactory(talker=talker, subject=person, date=dt.date(2020, 1, 6))  # older than three years
    PersonalReportFactory(person=person, year=2026, submitted_on=dt.date(2026, 1, 20), receipt_no="回执-SECRET-77")
    PersonalReportFactory(person=person, year=2025, submitted_on=dt.date(2025, 2, 20))
    SpotCheckFactory(
        person=person,
        year=2025,
        checked_on=dt.date(2025, 9, 1),
        outcome=CheckOutcome.INCONSISTENT,
        handling="批评教育，责令作出说明",
    )
    Finding.objects.create(
        organ=org.organ,
        rule_code="INT-010",
        subject_type="x",
        subject_id="1",
        subject_repr="x",
        severity=Severity.RED,
        reason="某事逾期",
        responsible_person=person,
        first_found_at=timezone.make_aware(dt.datetime(2026, 5, 6, 9)),
    )
    Finding.objects.create(
        organ=org.organ,
        rule_code="INT-010",
        subject_type="x",
        subject_id="2",
        subject_repr="x",
        severity=Severity.YELLOW,
        reason="黄色不列",
        responsible_person=person,
    )
    problem = ProblemFactory(batch=BatchFactory(organ=org.organ), unit=org.unit_b, owner=person)
    MeasureFactory(problem=problem, owner=person, deadline=dt.date(2026, 5, 29))
    GiftFactory(person=person, received_on=dt.date(2026, 3, 2))
    InquiryLetter.objects.create(
        organ=org.organ,
        subject=person,
        number="函询-SECRET-9",
        received_on=dt.date(2026, 2, 2),
        replied_on=dt.date(2026, 2, 12),
    )
    return person


def test_summary_names_each_ledger(record, org):
    text = draft_summary(record, organ_id=org.organ.pk, as_of=AS_OF)
    assert text.startswith("王明（研究室，副处长）近三年（2023年11月30日至2026年11月30日）廉政情况：")
    assert "廉政谈话：近三年接受廉政谈话2次" in text
    assert "2025年4月10日任前廉政谈话" in text and "集体廉政谈话（节前提醒）" in text
    assert "2026年度集中报告2026年1月20日按期报告" in text
    assert "2025年度集中报告2025年2月20日逾期报告" in text
    assert "结果不一致，处理：批评教育，责令作出说明" in text
    assert "红色预警1条" in text and "党风廉政意见逾期回复（INT-010" in text
    assert "整改问题1个（未销号1个），整改措施1项（未完成1项，其中逾期1项）" in text
    assert "登记收受礼品1件，均已按规定上交或处理" in text
    assert "收到函询1次，均已按期回复" in text
    assert "八项规定执行情况：近三年无违反八项规定精神问题记录。" in text


def _frg(org, person, code: str, found: dt.date, status: str, *, severity: str = Severity.YELLOW, period="2026"):
    return Finding.objects.create(
        organ=org.organ,
        rule_code=code,
        subject_type="frugality.reception",
        subject_id=f"{code}-{found}-{status}",
        subject_repr="凭证号记-0001 接待某单位",
        period=period,
        severity=severity,
        status=status,
        reason="超标准",
        responsible_person=person,
        first_found_at=timezone.make_aware(dt.datetime(found.year, found.month, found.day, 9)),
    )


def test_the_frugality_line_lists_the_persons_frg_findings_of_the_window(record, org, person):
    _frg(org, person, "FRG-005", dt.date(2026, 4, 8), FindingStatus.OPEN, severity=Severity.RED)
    _frg(org, person, "FRG-010", dt.date(2025, 9, 1), FindingStatus.RECORDED, period="2025")
    _frg(org, person, "FRG-004", dt.date(2026, 5, 2), FindingStatus.WAIVED)  # waived: not a problem on record
    _frg(org, person, "FRG-004", dt.date(2026, 6, 2), FindingStatus.CLOSED)  # closed as put right
    _frg(org, person, "FRG-001", dt.date(2022, 6, 2), FindingStatus.OPEN, period="2022")  # before the window
    _frg(org, person, "FRG-001", dt.date(2026, 12, 2), FindingStatus.OPEN)  # after the summary's day
    _frg(org, PersonFactory(organ=org.organ, unit=org.unit_b), "FRG-001", dt.date(2026, 3, 2), FindingStatus.OPEN)
    text = draft_summary(record, organ_id=org.organ.pk, as_of=AS_OF)
    line = next(part for part in text.splitlines() if "八项规定执行情况" in part)
    titles = [RULES[c].short_title if c in RULES else c for c in ("FRG-010", "FRG-005")]
    assert line == (
        f"七、八项规定执行情况：近三年有2条问题记录：{titles[0]}（2025年度，已记录）；{titles[1]}（2026年度，待整改）。"
    )
    assert "红色预警2条" in text  # the red FRG finding is a red finding too


def test_the_frugality_line_as_of_an_earlier_day(record, org, person):
    _frg(org, person, "FRG-005", dt.date(2026, 4, 8), FindingStatus.OPEN)
    assert "近三年无违反八项规定精神问题记录" in draft_summary(record, organ_id=org.organ.pk, as_of=dt.date(2026, 4, 7))
    assert "近三年有1条问题记录" in draft_summary(record, organ_id=org.organ.pk, as_of=dt.date(2026, 4, 8))


def test_summary_never_shows_content(record, org):
    text = draft_summary(record, organ_id=org.organ.pk, as_of=AS_OF)
    for secret in ("SECRET", "回执", "函询-", "严守政治纪律", "黄色不列", "某事逾期"):
        assert secret not in text


def test_summary_as_of_an_earlier_day(record, org):
    text = draft_summary(record, organ_id=org.organ.pk, as_of=dt.date(2025, 12, 31))
    assert "接受廉政谈话1次" in text  # the collective talk of 2026 had not happened
    assert "2026年度" not in text and "无涉及本人的红色预警" in text
    assert "未收到函询" in text


def test_summary_of_a_clean_record(person, org):
    text = draft_summary(person, organ_id=org.organ.pk, as_of=AS_OF)
    assert "近三年无廉政谈话记录" in text and "无作为责任人的整改" in text and "未被抽查核实" in text


def test_summary_takes_few_queries_whatever_the_record(record, person, org):
    """No query per row: a full record costs what an empty one does, about a dozen queries in all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clean = PersonFactory(organ=org.organ, unit=org.unit_b)
    draft_summary(record, organ_id=org.organ.pk, as_of=AS_OF)  # the working-day calendar's years loaded once
    counts = []
    for who in (clean, record):
        with CaptureQueriesContext(connection) as queries:
            draft_summary(who, organ_id=org.organ.pk, as_of=AS_OF)
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[1] <= 14, counts


# --- the rules -----------------------------------------------------------------------------------------------


def verdicts(code: str, organ, as_of: dt.date) -> dict[str, object]:
    rule = get_rule(code)
    params = resolve(rule, sets_in_force(organ_id=organ.pk, on=as_of, codes=[code]).get(code))
    ctx = Context(organ_id=organ.pk, as_of=as_of, params=params)
    return {s.id: rule.check(s, params, ctx) for s in rule.collect(ctx)}


SENT = dt.date(2026, 3, 2)


def _due() -> dt.date:
    return workdays.after(SENT, 10, "working_days")


def _request(org, *, sent_on=SENT, replied_on=None, title="征求函") -> OpinionRequest:
    return OpinionRequest.objects.create(
        organ=org.organ, purpose="promotion", title=title, sent_on=sent_on, replied_on=replied_on
    )


def test_int010_in_time_late_overdue_and_warned(org):
    DUE = _due()
    on_time = _request(org, replied_on=DUE)
    late = _request(org, replied_on=workdays.after(DUE, 3, "working_days"))
    open_ = _request(org)
    draft = _request(org, sent_on=None)
    found = verdicts("INT-010", org.organ, AS_OF)
    assert found[str(on_time.pk)] is None
    assert str(draft.pk) not in found
    v = found[str(late.pk)]
    assert v.severity == Severity.RED and v.recorded and "逾期3个工作日" in v.reason
    v = found[str(open_.pk)]
    assert v.severity == Severity.RED and not v.recorded and "至今未回复" in v.reason
    # two working days before the deadline: a yellow warning; on the day it was sent: nothing yet
    soon = verdicts("INT-010", org.organ, workdays.add_working_days(SENT, 8))[str(open_.pk)]
    assert soon.severity == Severity.YELLOW
    assert verdicts("INT-010", org.organ, SENT)[str(open_.pk)] is None


def test_int010_for_a_past_date(org):
    """A reply given after the day checked had not been given on it."""
    DUE = _due()
    late_day = workdays.after(DUE, 5, "working_days")
    late = _request(org, replied_on=late_day)
    before_reply = verdicts("INT-010", org.organ, workdays.after(DUE, 2, "working_days"))[str(late.pk)]
    assert before_reply.severity == Severity.RED and not before_reply.recorded
    assert str(late.pk) not in verdicts("INT-010", org.organ, SENT - dt.timedelta(days=1))


def test_int010_names_the_stationed_group(org):
    head = PersonFactory(organ=org.organ, unit=org.stationed, post="组长")
    PersonFactory(organ=org.organ, unit=org.stationed, post="副组长")
    request = _request(org)
    rule = get_rule("INT-010")
    params = resolve(rule, sets_in_force(organ_id=org.organ.pk, on=AS_OF, codes=["INT-010"]).get("INT-010"))
    [subject] = [s for s in rule.collect(Context(org.organ.pk, AS_OF, params)) if s.id == str(request.pk)]
    assert (subject.unit_id, subject.person_id) == (org.stationed.pk, head.pk)
    assert org.stationed.kind == UnitKind.STATIONED


EVENT = dt.date(2026, 6, 15)


def _promotion(org, person, day=EVENT) -> PersonnelEvent:
    return PersonnelEvent.objects.create(
        organ=org.organ, person=person, kind=PersonnelEventKind.PROMOTION, date=day, to_post="副主任"
    )


def _opinion(org, person, replied_on, conclusion=OpinionConclusion.CLEAR, answer="") -> OpinionItem:
    request = _request(org, sent_on=replied_on - dt.timedelta(days=7), replied_on=replied_on)
    return OpinionItem.objects.create(
        organ=org.organ, request=request, person=person, conclusion=conclusion, answer=answer
    )


def test_int011_heard_before_promotion(org, person):
    event = _promotion(org, person)
    assert verdicts("INT-011", org.organ, AS_OF)[str(event.pk)].recorded  # no opinion at all: red
    _opinion(org, person, EVENT - dt.timedelta(days=10))
    assert verdicts("INT-011", org.organ, AS_OF)[str(event.pk)] is None


def test_int011_no_opinion_is_red(org, person):
    event = _promotion(org, person)
    v = verdicts("INT-011", org.organ, AS_OF)[str(event.pk)]
    assert v.severity == Severity.RED and v.recorded and "未征求" in v.reason


def test_int011_expired_or_later_opinion_does_not_count(org, person):
    event = _promotion(org, person)
    _opinion(org, person, workdays.add_months(EVENT, -4))  # older than the three months it is valid
    _opinion(org, person, EVENT + dt.timedelta(days=3))  # given after the promotion
    v = verdicts("INT-011", org.organ, AS_OF)[str(event.pk)]
    assert v.severity == Severity.RED and "有效期" in v.reason


def test_int011_promoted_despite_an_issue(org, person):
    event = _promotion(org, person)
    _opinion(org, person, EVENT - dt.timedelta(days=5), OpinionConclusion.ISSUE, "有问题线索正在核查")
    v = verdicts("INT-011", org.organ, AS_OF)[str(event.pk)]
    assert v.severity == Severity.RED and v.recorded and "有问题" in v.reason and "仍予提拔" in v.reason


def test_int011_for_a_past_date(org, person):
    """A promotion after the day checked is not seen; other events (transfers) never are."""
    event = _promotion(org, person)
    PersonnelEvent.objects.create(organ=org.organ, person=person, kind=PersonnelEventKind.TRANSFER, date=EVENT)
    assert list(verdicts("INT-011", org.organ, EVENT - dt.timedelta(days=1))) == []
    assert list(verdicts("INT-011", org.organ, EVENT)) == [str(event.pk)]


def test_int011_a_deleted_request_still_stood_on_an_earlier_day(org, person):
    event = _promotion(org, person)
    item = _opinion(org, person, EVENT - dt.timedelta(days=10))
    OpinionRequest.all_objects.filter(pk=item.request_id).update(deleted_at=timezone.now())
    assert verdicts("INT-011", org.organ, AS_OF)[str(event.pk)] is None
