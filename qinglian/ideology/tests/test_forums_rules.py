"""IDEO-020…022 on the 一会一报 register: held without approval (never approved, rejected, approved after the event),
approved later than the lead time in working days (longer with foreign participants), foreign participants without
the foreign-affairs office's prior approval — and a check for a past day D that ignores approvals decided after D."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context, Params
from qinglian.ideology.choices import ForumStatus, ForumStep, ReviewDecision
from qinglian.ideology.rules import common
from qinglian.ideology.tests.factories import ForumApprovalFactory, ForumFactory

pytestmark = pytest.mark.django_db

D = dt.date
CODES = ("IDEO-020", "IDEO-021", "IDEO-022")
HELD = D(2026, 3, 20)  # a Friday: three working days before is Tuesday 17 March, ten is Friday 6 March
FILED = D(2026, 3, 2)
AS_OF = D(2026, 12, 1)
SHIPPED = {"look_back_years": 2, "lead_working_days": 3, "foreign_lead_working_days": 10}
STEPS = (ForumStep.UNIT, ForumStep.LEADER, ForumStep.PARTY_OFFICE)


def _run(organ_id: int, as_of: dt.date = AS_OF, **params) -> dict[tuple[str, str], object]:
    """Each rule's verdicts for D, collected and checked as the engine does (pure, no checkpoint)."""
    found = {}
    for code in CODES:
        rule = RULES[code]
        values = {p.name: params.get(p.name, SHIPPED[p.name]) for p in rule.params}
        ctx = Context(organ_id=organ_id, as_of=as_of, params=Params(values))
        for subject in rule.collect(ctx):
            verdict = rule.check(subject, ctx.params, ctx)
            if verdict is not None:
                found[(code, subject.id)] = verdict
    return found


def _forum(chain, approved_on=None, steps=STEPS, foreign_on=None, **kwargs):
    """A forum of unit A filed by the drafter, each step in `steps` approved on `approved_on` (a date or a dict)."""
    values = {"held_on": HELD, "filed_on": FILED, "status": ForumStatus.APPROVED} | kwargs
    forum = ForumFactory(unit=chain.outlet.unit, applicant=chain.drafter.person, **values)
    people = {ForumStep.UNIT: chain.head, ForumStep.LEADER: chain.fenguan, ForumStep.PARTY_OFFICE: chain.party_officer}
    for step in steps:
        day = approved_on[step] if isinstance(approved_on, dict) else (approved_on or D(2026, 3, 10))
        ForumApprovalFactory(forum=forum, step=step, approver=people[step].person, decided_on=day)
    if foreign_on is not None:
        ForumApprovalFactory(
            forum=forum, step=ForumStep.FOREIGN_AFFAIRS, approver=chain.party_officer.person, decided_on=foreign_on
        )
    return forum


def _codes(found, forum) -> set[str]:
    return {code for code, pk in found if pk == str(forum.pk)}


def test_a_forum_approved_in_time_gives_nothing(chain):
    forum = _forum(chain, approved_on=D(2026, 3, 17))
    assert _codes(_run(chain.outlet.organ_id), forum) == set()


def test_held_without_the_last_approval_is_red_naming_the_missing_step(chain):
    forum = _forum(chain, steps=STEPS[:2], status=ForumStatus.FILED)
    found = _run(chain.outlet.organ_id)
    assert _codes(found, forum) == {"IDEO-020"}
    verdict = found[("IDEO-020", str(forum.pk))]
    assert verdict.severity == Severity.RED and verdict.recorded
    assert "未经批准举办（缺少机关党委备案）" in verdict.reason and "2026-03-20举办" in verdict.reason


def test_approved_after_the_event_is_red_and_not_also_late(chain):
    forum = _forum(chain, approved_on={**dict.fromkeys(STEPS, D(2026, 3, 10)), ForumStep.PARTY_OFFICE: D(2026, 3, 23)})
    found = _run(chain.outlet.organ_id)
    assert _codes(found, forum) == {"IDEO-020"}
    assert "2026-03-23才完成审批，晚于举办日期（先办后批）" in found[("IDEO-020", str(forum.pk))].reason


def test_approved_on_the_day_itself_is_not_held_without_approval_but_late(chain):
    forum = _forum(chain, approved_on=HELD)
    found = _run(chain.outlet.organ_id)
    assert _codes(found, forum) == {"IDEO-021"}


def test_a_rejected_forum_held_anyway_is_red(chain):
    forum = _forum(chain, steps=STEPS[:1], status=ForumStatus.REJECTED)
    ForumApprovalFactory(
        forum=forum,
        step=ForumStep.LEADER,
        decision=ReviewDecision.RETURN,
        approver=chain.fenguan.person,
        decided_on=D(2026, 3, 12),
    )
    found = _run(chain.outlet.organ_id)
    assert "审批未通过，未经批准举办" in found[("IDEO-020", str(forum.pk))].reason


def test_a_cancelled_or_future_forum_is_not_judged_as_held(chain):
    cancelled = _forum(chain, steps=(), status=ForumStatus.CANCELLED, cancelled_reason="报告人行程变更")
    upcoming = _forum(chain, steps=STEPS[:1], status=ForumStatus.FILED, held_on=D(2026, 12, 10))
    found = _run(chain.outlet.organ_id)
    assert _codes(found, cancelled) == set() and _codes(found, upcoming) == set()


def test_approved_later_than_the_lead_time_is_yellow_with_the_days(chain):
    forum = _forum(chain, approved_on={**dict.fromkeys(STEPS, D(2026, 3, 10)), ForumStep.PARTY_OFFICE: D(2026, 3, 18)})
    found = _run(chain.outlet.organ_id)
    assert _codes(found, forum) == {"IDEO-021"}
    verdict = found[("IDEO-021", str(forum.pk))]
    assert verdict.severity == Severity.YELLOW and verdict.recorded
    assert "2026-03-18才完成审批，距举办仅2个工作日，应在举办前3个工作日（2026-03-17）前批准" in verdict.reason
    assert _codes(_run(chain.outlet.organ_id, lead_working_days=2), forum) == set()


def test_foreign_participants_need_the_longer_lead_and_the_foreign_affairs_approval(chain):
    in_time = _forum(chain, approved_on=D(2026, 3, 6), foreign_on=D(2026, 3, 5), foreign_participants=True)
    late = _forum(chain, approved_on=D(2026, 3, 9), foreign_on=D(2026, 3, 5), foreign_participants=True)
    found = _run(chain.outlet.organ_id)
    assert _codes(found, in_time) == set()
    assert _codes(found, late) == {"IDEO-021"}
    assert "有境外人员参加" in found[("IDEO-021", str(late.pk))].reason
    assert _codes(_run(chain.outlet.organ_id, foreign_lead_working_days=9), late) == set()


def test_foreign_participants_without_the_foreign_affairs_approval_before_the_event_are_red(chain):
    missing = _forum(chain, foreign_participants=True, foreign_detail="某外籍学者")
    after = _forum(chain, foreign_participants=True, foreign_detail="某外籍学者", foreign_on=D(2026, 3, 25))
    found = _run(chain.outlet.organ_id)
    assert _codes(found, missing) == {"IDEO-020", "IDEO-022"}
    assert "没有外事部门的前置审批" in found[("IDEO-022", str(missing.pk))].reason
    assert "外事部门2026-03-25才批准" in found[("IDEO-022", str(after.pk))].reason


def test_a_past_day_ignores_approvals_decided_after_it(chain):
    forum = _forum(chain, approved_on={**dict.fromkeys(STEPS, D(2026, 3, 10)), ForumStep.PARTY_OFFICE: D(2026, 3, 25)})
    on_the_day = _run(chain.outlet.organ_id, as_of=D(2026, 3, 20))
    assert "未经批准举办（缺少机关党委备案）" in on_the_day[("IDEO-020", str(forum.pk))].reason
    before = _run(chain.outlet.organ_id, as_of=D(2026, 3, 19))
    assert _codes(before, forum) == set()  # not yet held, not yet approved: nothing to say
    later = _run(chain.outlet.organ_id)
    assert "2026-03-25才完成审批" in later[("IDEO-020", str(forum.pk))].reason


def test_findings_go_to_the_unit_and_the_applicant_or_its_head_when_gone(chain):
    forum = _forum(chain, steps=())
    run_checks(organ_id=chain.outlet.organ_id, as_of=AS_OF, codes=["IDEO-020"])
    finding = Finding.objects.get(rule_code="IDEO-020")
    assert (finding.responsible_unit_id, finding.responsible_person_id) == (forum.unit_id, chain.drafter.person.pk)
    assert finding.subject_link == f"/ideology/forums/{forum.pk}/"
    chain.drafter.person.is_active = False
    chain.drafter.person.save()
    subject = next(s for s in RULES["IDEO-020"].collect(_ctx(chain)) if s.id == str(forum.pk))
    assert subject.person_id == chain.head.person.pk


def _ctx(chain) -> Context:
    return Context(organ_id=chain.outlet.organ_id, as_of=AS_OF, params=Params(SHIPPED))


def test_the_rules_cite_their_basis_and_shipped_parameters():
    for code in CODES:
        assert RULES[code].basis.startswith(common.RESPONSIBILITY)
        assert RULES[code].category == common.CATEGORY
    assert {p.name for p in RULES["IDEO-021"].params} == set(SHIPPED)
