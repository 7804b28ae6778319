"""问题整改 writes: batches, problems, measures; a measure reported done (only with evidence); 销号 by a leader with
no stake, only when every measure is done with evidence; reopening; the report submitted — each refusal in
Chinese, and nothing written on a refusal.

The fixtures here are shared by the other test_rectification*.py modules (imported by name)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.contrib.contenttypes.models import ContentType

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.evidence.models import Evidence
from qinglian.integrity.choices import ProblemStatus, RectificationSource
from qinglian.integrity.models import RectificationBatch, RectificationMeasure, RectificationProblem
from qinglian.integrity.services import rectification as services
from qinglian.integrity.tests.factories import BatchFactory, MeasureFactory, ProblemFactory
from qinglian.org.choices import Role
from qinglian.org.models import RoleGrant
from qinglian.org.tests.factories import PersonFactory, UserFactory

D = dt.date


def evidence_on(target, by, name: str = "佐证材料.pdf") -> Evidence:
    """An evidence row on `target` without a file on disk: enough for what counts files."""
    digest = hashlib.sha256(f"{target._meta.label}#{target.pk}#{name}".encode()).hexdigest()
    evidence, _ = Evidence.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        sha256=digest,
        defaults={
            "organ_id": target.organ_id,
            "original_name": name,
            "stored_path": f"evidence/{target.organ_id}/test/{digest}.pdf",
            "size": 1024,
            "kind": "pdf",
            "mime": "application/pdf",
            "uploaded_by": by,
        },
    )
    return evidence


def staff(org, username: str, unit, *roles: str, head_of=None):
    person = PersonFactory(organ=org.organ, unit=unit, name=username)
    user = UserFactory(username=username, organ=org.organ, person=person)
    for role in roles:
        RoleGrant.objects.create(
            user=user, organ=org.organ, role=role, unit=head_of if role == Role.UNIT_HEAD else None
        )
    return user


@pytest.fixture
def secretary(org):
    """A second Party-group leader with no stake in the fixtures' problem."""
    return staff(org, "secretary", org.unit_a, Role.LEADER)


@pytest.fixture
def batch(org, secretary):
    return BatchFactory(organ=org.organ, feedback_on=D(2026, 3, 2), lead=secretary.person)


@pytest.fixture
def problem(batch, org, leader, cadre_other_unit):
    """A problem of 研究室 (B), led by `leader`, owned by cadre_other_unit."""
    return ProblemFactory(
        batch=batch,
        number=1,
        category="落实主体责任方面",
        unit=org.unit_b,
        leader=leader.person,
        owner=cadre_other_unit.person,
    )


@pytest.fixture
def measure(problem, cadre_other_unit):
    return MeasureFactory(problem=problem, owner=cadre_other_unit.person, deadline=D(2026, 5, 29))


def done(measure, by, on=None):
    evidence_on(measure, by)
    on = on or D(2026, 5, 20)
    return services.measure_report(measure=measure, completed_on=on, note="已制定清单并印发", by=by)


# --- keeping the ledger ------------------------------------------------------------------------------------------


def test_the_office_keeps_batches_problems_and_measures(org, party_officer, leader):
    batch = RectificationBatch(
        source=RectificationSource.AUDIT, title="市审计局经济责任审计反馈问题整改", feedback_on=D(2026, 9, 1)
    )
    services.batch_save(batch=batch, by=party_officer)
    assert batch.organ_id == org.organ.pk
    problem = RectificationProblem(batch=batch, number=1, description="公务接待审批手续不全", unit=org.unit_a)
    services.problem_save(problem=problem, by=party_officer)
    measure = RectificationMeasure(problem=problem, description="修订接待管理办法", deadline=D(2026, 10, 30))
    services.measure_save(measure=measure, by=party_officer)
    assert measure.unit_id == org.unit_a.pk  # the problem's unit by default
    with pytest.raises(Conflict, match="已有序号为1"):
        services.problem_save(
            problem=RectificationProblem(batch=batch, number=1, description="又一个"), by=party_officer
        )
    with pytest.raises(Forbidden, match="机关党委专责人员"):
        services.batch_save(batch=RectificationBatch(title="x", feedback_on=D(2026, 1, 1), source="audit"), by=leader)


def test_bad_input_writes_nothing(party_officer, problem):
    count = RectificationMeasure.objects.count()
    early = RectificationMeasure(problem=problem, description="措施", deadline=D(2026, 1, 5))
    with pytest.raises(InvalidInput, match="不能早于问题反馈日期"):
        services.measure_save(measure=early, by=party_officer)
    with pytest.raises(InvalidInput, match="请填写整改措施"):
        services.measure_save(
            measure=RectificationMeasure(problem=problem, description=" ", deadline=D(2026, 6, 1)), by=party_officer
        )
    assert RectificationMeasure.objects.count() == count
    future = RectificationBatch(source="audit", title="未来的反馈", feedback_on=D(2099, 1, 1))
    with pytest.raises(InvalidInput, match="反馈日期不能晚于今天"):
        services.batch_save(batch=future, by=party_officer)
    assert not RectificationBatch.objects.filter(title="未来的反馈").exists()


# --- reporting a measure done ------------------------------------------------------------------------------------


def test_a_measure_without_evidence_cannot_be_marked_done(measure, cadre_other_unit):
    with pytest.raises(InvalidInput, match="整改措施未上传佐证材料，不能标记完成"):
        services.measure_report(measure=measure, completed_on=D(2026, 5, 20), note="完成", by=cadre_other_unit)
    measure.refresh_from_db()
    assert measure.completed_on is None and measure.completion_note == ""
    done(measure, cadre_other_unit)
    measure.refresh_from_db()
    assert measure.completed_on == D(2026, 5, 20)
    assert AuditEvent.objects.filter(detail__transition="measure_complete").exists()
    with pytest.raises(InvalidInput, match="已报告完成"):
        services.measure_report(measure=measure, completed_on=D(2026, 5, 21), note="再报", by=cadre_other_unit)


def test_completion_date_note_and_who(measure, cadre_other_unit, cadre_same_unit, unit_head, party_officer):
    evidence_on(measure, cadre_other_unit)
    for day, note, message in (
        (D(2099, 1, 1), "完成", "完成日期不能晚于今天"),
        (D(2026, 2, 1), "完成", "不能早于问题反馈日期"),
        (D(2026, 5, 1), "  ", "请填写完成情况"),
        (None, "完成", "请填写完成日期"),
    ):
        with pytest.raises(InvalidInput, match=message):
            services.measure_report(measure=measure, completed_on=day, note=note, by=cadre_other_unit)
    for outsider in (cadre_same_unit, unit_head):  # unit_head heads A; the measure is B's
        with pytest.raises(Forbidden):
            services.measure_report(measure=measure, completed_on=D(2026, 5, 1), note="完成", by=outsider)
    measure.refresh_from_db()
    assert measure.completed_on is None
    services.measure_report(measure=measure, completed_on=D(2026, 5, 1), note="代为登记", by=party_officer)


# --- 销号 --------------------------------------------------------------------------------------------------------


def test_a_leader_without_a_stake_closes_when_every_measure_is_done(problem, measure, secretary, cadre_other_unit):
    done(measure, cadre_other_unit)
    services.problem_close(problem=problem, by=secretary, note="整改到位，同意销号")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.CLOSED and problem.closed_by == secretary
    assert problem.closed_on is not None and problem.close_note == "整改到位，同意销号"
    assert AuditEvent.objects.filter(detail__transition="problem_close").exists()
    with pytest.raises(InvalidInput, match="该问题已销号"):
        services.problem_close(problem=problem, by=secretary)


def _refused(problem, by, exc, message):
    before = RectificationProblem.objects.get(pk=problem.pk)
    with pytest.raises(exc, match=message):
        services.problem_close(problem=problem, by=by)
    after = RectificationProblem.objects.get(pk=problem.pk)
    assert (after.status, after.closed_on, after.closed_by_id) == (before.status, before.closed_on, before.closed_by_id)
    assert after.status == ProblemStatus.OPEN


def test_the_responsible_leader_may_not_close(problem, measure, leader, cadre_other_unit):
    done(measure, cadre_other_unit)
    _refused(problem, leader, Forbidden, "您是该事项的责任人，不能销号")


def test_the_owner_may_not_close_even_as_a_leader(org, batch, party_officer):
    owner = staff(org, "owner_leader", org.unit_a, Role.LEADER)
    problem = ProblemFactory(batch=batch, number=5, unit=org.unit_b, owner=owner.person)
    measure = MeasureFactory(problem=problem)
    done(measure, party_officer)
    _refused(problem, owner, Forbidden, "您是该事项的责任人")
    ordinary = staff(org, "plain", org.unit_b)
    _refused(problem, ordinary, Forbidden, "销号须由党组书记或党组成员审批")


def test_the_head_of_the_problems_unit_may_not_close(org, problem, measure, cadre_other_unit):
    head_leader = staff(org, "head_leader", org.unit_b, Role.LEADER, Role.UNIT_HEAD, head_of=org.unit_b)
    done(measure, cadre_other_unit)
    _refused(problem, head_leader, Forbidden, "您是该事项责任委室的负责人")


def test_incomplete_or_unproven_measures_block_closing(problem, measure, secretary, cadre_other_unit, party_officer):
    _refused(problem, secretary, InvalidInput, "存在未完成或无佐证材料的整改措施，不能销号")
    second = MeasureFactory(problem=problem, owner=cadre_other_unit.person, description="开展专题学习")
    done(measure, cadre_other_unit)
    _refused(problem, secretary, InvalidInput, "存在未完成或无佐证材料的整改措施")
    done(second, cadre_other_unit)
    Evidence.objects.filter(object_id=second.pk).update(deleted_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    _refused(problem, secretary, InvalidInput, "存在未完成或无佐证材料的整改措施")  # its file was deleted


def test_a_problem_without_measures_cannot_be_closed(org, batch, secretary):
    bare = ProblemFactory(batch=batch, number=9, unit=org.unit_b)
    _refused(bare, secretary, InvalidInput, "尚无整改措施")


def test_reopen_by_a_leader_with_a_reason(problem, measure, secretary, cadre_other_unit, party_officer):
    done(measure, cadre_other_unit)
    services.problem_close(problem=problem, by=secretary)
    with pytest.raises(Forbidden):
        services.problem_reopen(problem=problem, by=party_officer, reason="反弹")
    with pytest.raises(InvalidInput, match="请填写重新打开的原因"):
        services.problem_reopen(problem=problem, by=secretary, reason=" ")
    services.problem_reopen(problem=problem, by=secretary, reason="专项检查发现问题反弹")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.OPEN and problem.closed_on is None
    assert problem.close_note == "重新打开：专项检查发现问题反弹"
    with pytest.raises(InvalidInput, match="只有已销号的问题可以重新打开"):
        services.problem_reopen(problem=problem, by=secretary, reason="再次")


def test_a_closed_problem_is_not_edited(problem, measure, secretary, cadre_other_unit, party_officer):
    done(measure, cadre_other_unit)
    services.problem_close(problem=problem, by=secretary)
    problem.description = "改写"
    with pytest.raises(InvalidInput, match="已销号"):
        services.problem_save(problem=problem, by=party_officer)
    assert RectificationProblem.objects.get(pk=problem.pk).description != "改写"


# --- the report --------------------------------------------------------------------------------------------------


def test_the_report_is_submitted_once_with_date_and_number(batch, party_officer, leader):
    with pytest.raises(Forbidden):
        services.batch_report_submit(batch=batch, submitted_on=D(2026, 4, 20), report_no="x", by=leader)
    with pytest.raises(InvalidInput, match="不能早于反馈日期"):
        services.batch_report_submit(batch=batch, submitted_on=D(2026, 2, 1), report_no="x", by=party_officer)
    with pytest.raises(InvalidInput, match="请填写整改报告文号"):
        services.batch_report_submit(batch=batch, submitted_on=D(2026, 4, 20), report_no=" ", by=party_officer)
    batch.refresh_from_db()
    assert batch.report_submitted_on is None
    services.batch_report_submit(
        batch=batch, submitted_on=D(2026, 4, 20), report_no="测常党组〔2026〕5号", by=party_officer
    )
    batch.refresh_from_db()
    assert batch.report_submitted_on == D(2026, 4, 20) and batch.report_no == "测常党组〔2026〕5号"
    with pytest.raises(InvalidInput, match="已报送"):
        services.batch_report_submit(batch=batch, submitted_on=D(2026, 4, 21), report_no="y", by=party_officer)


def test_the_transitions_are_one_table():
    assert set(services.TRANSITIONS) == {"report_submit", "measure_complete", "problem_close", "problem_reopen"}
    assert services.allows("problem_close", "open") and not services.allows("problem_close", "closed")
    with pytest.raises(InvalidInput, match="该问题已销号"):
        services.check("problem_close", "closed")
