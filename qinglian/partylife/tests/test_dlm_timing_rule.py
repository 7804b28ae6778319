"""PL-021: a democratic-life meeting held outside its usual quarter (the fourth) without the superior's consent dated on
or before it is red (《县以上党和国家机关党员领导干部民主生活会若干规定》：一般安排在第四季度；提前或延期须报上级党组织
同意). The consent is the optional step DLMStep.APPROVAL, which the process page lists only when it is needed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.urls import reverse

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params, Subject, Verdict
from qinglian.partylife.choices import DLMStep, Holder, MeetingKind
from qinglian.partylife.models import DemocraticLifeStep, Meeting
from qinglian.partylife.services.dlm import dlm_step_mark

pytestmark = pytest.mark.django_db

CODE = "PL-021"
SHIPPED = next(
    entry["values"]
    for entry in json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))["sets"]
    if entry["rule_code"] == CODE
)
SEPTEMBER_30, OCTOBER_1 = dt.date(2026, 9, 30), dt.date(2026, 10, 1)


def _check(held_on: dt.date | None, approval: dt.date | None = None, **values) -> Verdict | None:
    rule = RULES[CODE]
    params = Params(rule.parse_params({**SHIPPED, **values}))
    data = {"meeting_date": held_on, "steps": {DLMStep.APPROVAL: approval}}
    subject = Subject(type="org.organ", id="1", label="测试党组", period="2026", data=data)
    return rule.check(subject, params, Context(organ_id=1, as_of=dt.date(2026, 12, 1), params=params))


def _one(organ_id: int, as_of: dt.date) -> tuple[Subject, Verdict | None]:
    rule = RULES[CODE]
    params = Params(rule.parse_params(SHIPPED))
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    [subject] = [s for s in rule.collect(ctx) if s.period == "2026"]
    return subject, rule.check(subject, params, ctx)


def _held(org, day: dt.date) -> Meeting:
    return Meeting.objects.create(
        organ=org.organ,
        holder=Holder.LEADING_GROUP,
        kind=MeetingKind.DEMOCRATIC_LIFE_MEETING,
        date=day,
        topic="2026年度党组领导班子民主生活会",
    )


def _approved(org, day: dt.date) -> DemocraticLifeStep:
    return DemocraticLifeStep.objects.create(organ=org.organ, year=2026, step=DLMStep.APPROVAL, done_on=day)


def test_the_rule_reads_the_fourth_quarter_from_its_parameters():
    assert SHIPPED == {"usual_quarter": 4, "look_back": 2}
    assert {p.name: p.period for p in RULES[CODE].params} == {"usual_quarter": None, "look_back": None}
    assert "第四季度" in RULES[CODE].basis and "上级党组织同意" in RULES[CODE].basis


def test_held_on_30_september_needs_the_consent_and_on_1_october_does_not():
    red = _check(SEPTEMBER_30)
    assert red.severity == Severity.RED and red.due == SEPTEMBER_30
    assert (
        red.reason
        == "民主生活会于09月30日召开（第3季度），不在通常安排的第4季度，未登记会前报上级党组织同意调整召开时间"
    )
    assert _check(OCTOBER_1) is None
    assert _check(dt.date(2026, 12, 31)) is None
    assert _check(None) is None  # not held yet: nothing to judge
    assert _check(dt.date(2026, 1, 9)).severity == Severity.RED  # a year's meeting held in January


def test_a_consent_on_or_before_the_meeting_suffices_and_one_after_it_does_not():
    assert _check(SEPTEMBER_30, dt.date(2026, 9, 1)) is None
    assert _check(SEPTEMBER_30, SEPTEMBER_30) is None  # the same day: the ledger keeps days
    late = _check(SEPTEMBER_30, dt.date(2026, 10, 8))
    assert late.severity == Severity.RED and late.due == SEPTEMBER_30
    assert "上级党组织同意调整召开时间的日期（10月08日）晚于会议" in late.reason


def test_the_due_date_is_the_meeting_day_even_on_a_working_weekend_day_nothing_moves():
    sunday = dt.date(2026, 9, 20)  # a 调休 working Sunday before National Day, in the third quarter
    red = _check(sunday)
    assert red.severity == Severity.RED and red.due == sunday
    assert _check(sunday, sunday) is None
    assert _check(dt.date(2026, 10, 10)) is None  # the working Saturday after National Day is in the fourth quarter


def test_the_usual_quarter_is_a_parameter():
    assert _check(SEPTEMBER_30, usual_quarter=3) is None
    assert _check(OCTOBER_1, usual_quarter=3).severity == Severity.RED


def test_a_consent_dated_after_the_day_checked_is_not_there_yet(org):
    _held(org, SEPTEMBER_30)
    _approved(org, dt.date(2026, 9, 25))
    subject, verdict = _one(org.organ.pk, dt.date(2026, 9, 24))
    assert subject.data["meeting_date"] is None and verdict is None  # the meeting is after the day
    assert subject.data["steps"][DLMStep.APPROVAL] is None  # so is the consent
    assert _one(org.organ.pk, SEPTEMBER_30)[1] is None
    DemocraticLifeStep.objects.filter(step=DLMStep.APPROVAL).update(done_on=dt.date(2026, 10, 9))
    subject, verdict = _one(org.organ.pk, SEPTEMBER_30)
    assert verdict.severity == Severity.RED and "未登记会前报上级党组织同意" in verdict.reason
    _, verdict = _one(org.organ.pk, dt.date(2026, 10, 9))
    assert verdict.severity == Severity.RED and "晚于会议" in verdict.reason


def test_a_meeting_only_marked_on_the_process_page_is_judged_by_its_marked_day(org, party_officer):
    dlm_step_mark(
        organ_id=org.organ.pk, year=2026, step=DLMStep.MEETING, done_on=dt.date(2026, 6, 30), by=party_officer
    )
    _, verdict = _one(org.organ.pk, dt.date(2026, 7, 1))
    assert verdict.severity == Severity.RED and "第2季度" in verdict.reason
    dlm_step_mark(
        organ_id=org.organ.pk, year=2026, step=DLMStep.APPROVAL, done_on=dt.date(2026, 6, 1), by=party_officer
    )
    assert _one(org.organ.pk, dt.date(2026, 7, 1))[1] is None


# --- the process page lists the consent only when it is needed ---------------------------------------------------


def _steps(client, year: int = 2026) -> list[str]:
    page = client.get(reverse("dlm_process", args=[year])).content.decode()
    listed = page.split('data-testid="dlm-steps"', 1)[1].split("</ol>", 1)[0]
    return [chunk.split('"', 1)[0] for chunk in listed.split('data-step="')[1:]]


def test_a_meeting_in_the_fourth_quarter_lists_no_consent_step(client, org, party_officer):
    client.force_login(party_officer)
    assert DLMStep.APPROVAL not in _steps(client)  # nothing held yet
    _held(org, OCTOBER_1)
    steps = _steps(client)
    assert DLMStep.APPROVAL not in steps and steps[0] == DLMStep.OPINIONS and len(steps) == 6
    page = client.get(reverse("dlm_process", args=[2026])).content.decode()
    assert "调整召开时间报上级党组织同意" in page  # offered on the form
    assert "民主生活会一般安排在第4季度召开" in page


def test_a_meeting_outside_it_lists_the_consent_due_on_the_meeting_day(client, org, party_officer):
    _held(org, SEPTEMBER_30)
    client.force_login(party_officer)
    assert DLMStep.APPROVAL in _steps(client)
    page = client.get(reverse("dlm_process", args=[2026])).content.decode()
    item = page.split('data-step="approval"', 1)[1].split("</li>", 1)[0]
    assert "应于 2026-09-30 前完成" in item and "未完成" in item


def test_a_recorded_consent_is_listed(client, org, party_officer):
    _approved(org, dt.date(2026, 11, 2))
    client.force_login(party_officer)
    assert DLMStep.APPROVAL in _steps(client)
    page = client.get(reverse("dlm_process", args=[2026])).content.decode()
    assert "2026-11-02 完成" in page.split('data-step="approval"', 1)[1].split("</li>", 1)[0]
