"""The training ledger's services: a course saved with its lines (the total their sum, the course's updated_at and
history moving when only a line changes), the refusals (who, dates, plan item, lectures, the approver), the
soft delete."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.frugality.choices import CostKind, LecturerTitle, PlanKind
from qinglian.frugality.models import Lecture, TrainingCost, TrainingCourse
from qinglian.frugality.services.training import CostLine, LectureLine, course_delete, course_save
from qinglian.frugality.tests.factories import PlanItemFactory, SpendingPlanFactory, TrainingCourseFactory

D = dt.date
pytestmark = pytest.mark.django_db
LODGING = CostLine(CostKind.LODGING, Decimal("12000"), "市委党校住宿")
MEALS = CostLine(CostKind.MEALS, Decimal("8000.50"))
LECTURE = LectureLine("李教授", LecturerTitle.SENIOR, D(2026, 3, 11), Decimal(3), Decimal(2400))


def _course(org, **kw) -> TrainingCourse:
    values = {"unit": org.unit_a, "organ": org.organ, "paid_on": None}
    return TrainingCourseFactory.build(**{**values, **kw})


def _item(org, kind=PlanKind.TRAINING, year=2026):
    return PlanItemFactory(plan=SpendingPlanFactory(organ=org.organ, kind=kind, year=year), name="业务培训")


def test_a_course_is_saved_with_its_lines_and_its_total_is_their_sum(org, finance_officer):
    course = course_save(course=_course(org), costs=[LODGING, MEALS], lectures=[LECTURE], by=finance_officer)
    course.refresh_from_db()
    assert course.total_amount == Decimal("20000.50")
    assert list(course.costs.values_list("kind", flat=True)) == [CostKind.LODGING, CostKind.MEALS]
    assert course.lectures.get().lecturer == "李教授"
    assert course.history.first().history_change_reason == "新增培训"


def test_changing_only_a_line_moves_the_course_and_keeps_the_other_lines(org, finance_officer):
    with clock.replaying(moment(D(2026, 3, 16))):
        course = course_save(course=_course(org), costs=[LODGING, MEALS], lectures=[LECTURE], by=finance_officer)
    kept = course.costs.get(kind=CostKind.LODGING).pk
    before = TrainingCourse.objects.get(pk=course.pk).updated_at
    with clock.replaying(moment(D(2026, 3, 20))):
        course_save(course=course, costs=[LODGING], lectures=[LECTURE], by=finance_officer)
    course.refresh_from_db()
    assert course.updated_at > before and course.total_amount == Decimal(12000)
    assert list(course.costs.values_list("pk", flat=True)) == [kept]
    assert TrainingCost.history.filter(history_type="-").count() == 1
    assert course.history.count() == 2


def test_only_the_finance_officer_writes(org, party_officer, unit_head, supervisor):
    for user in (party_officer, unit_head, supervisor):
        with pytest.raises(Forbidden):
            course_save(course=_course(org), costs=[], lectures=[], by=user)
    assert not TrainingCourse.all_objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_on": D(2026, 3, 9)}, "结束日期（2026-03-09）不能早于开始日期"),
        ({"days": Decimal(4)}, "不能超过起止日期之间的天数（3天）"),
        ({"days": Decimal(0)}, "培训天数应大于0"),
        ({"attendees": 0}, "参训人数应大于0"),
        ({"name": "  "}, "请填写培训名称"),
        ({"paid_on": D(2099, 1, 1)}, "报销日期不能晚于今天"),
        ({"adhoc_approved_on": D(2099, 1, 1)}, "计划外审批日期不能晚于今天"),
    ],
)
def test_a_course_out_of_order_is_refused_and_nothing_is_written(org, finance_officer, change, message):
    with pytest.raises(InvalidInput, match=message):
        course_save(course=_course(org, **change), costs=[LODGING], lectures=[], by=finance_officer)
    assert not TrainingCourse.all_objects.exists() and not TrainingCost.objects.exists()


def test_a_lecture_outside_the_course_days_is_refused(org, finance_officer):
    outside = LectureLine("王教授", LecturerTitle.ASSOCIATE, D(2026, 3, 13), Decimal(2), Decimal(800))
    with pytest.raises(InvalidInput, match="授课日期（2026-03-13）不在培训起止日期（2026-03-10至2026-03-12）内"):
        course_save(course=_course(org), costs=[], lectures=[outside], by=finance_officer)
    negative = CostLine(CostKind.MEALS, Decimal(-1))
    with pytest.raises(InvalidInput, match="不能为空或负数"):
        course_save(course=_course(org), costs=[negative], lectures=[], by=finance_officer)
    assert not Lecture.objects.exists()


def test_the_plan_item_is_a_training_item_of_the_course_year(org, finance_officer):
    with pytest.raises(InvalidInput, match="不是年度培训计划的事项"):
        course_save(
            course=_course(org, plan_item=_item(org, kind=PlanKind.CONFERENCE)),
            costs=[],
            lectures=[],
            by=finance_officer,
        )
    with pytest.raises(InvalidInput, match="是2025年的计划事项"):
        course_save(course=_course(org, plan_item=_item(org, year=2025)), costs=[], lectures=[], by=finance_officer)
    saved = course_save(course=_course(org, plan_item=_item(org)), costs=[], lectures=[], by=finance_officer)
    assert saved.plan_item.name == "业务培训"


def test_the_ad_hoc_approver_is_neither_the_recorder_nor_the_unit_head(org, finance_officer, unit_head, leader):
    day = D(2026, 3, 2)
    with pytest.raises(Forbidden, match="承办委室的负责人"):
        course = _course(org, adhoc_approver=unit_head.person, adhoc_approved_on=day)
        course_save(course=course, costs=[], lectures=[], by=finance_officer)
    with pytest.raises(Forbidden, match="录入人本人"):
        course = _course(org, adhoc_approver=finance_officer.person, adhoc_approved_on=day)
        course_save(course=course, costs=[], lectures=[], by=finance_officer)
    with pytest.raises(InvalidInput, match="请填写计划外审批日期"):
        course_save(course=_course(org, adhoc_approver=leader.person), costs=[], lectures=[], by=finance_officer)
    course = _course(org, adhoc_approver=leader.person, adhoc_approved_on=day)
    assert course_save(course=course, costs=[], lectures=[], by=finance_officer).adhoc_approver == leader.person


def test_a_unit_of_another_organ_is_refused(org, finance_officer):
    from qinglian.org.tests.factories import OrganFactory, UnitFactory

    other = UnitFactory(organ=OrganFactory(code="other-organ", name="另一机关", short_name="另一"), name="办公室")
    with pytest.raises(InvalidInput, match="承办委室不属于本机关"):
        course_save(course=_course(org, unit=other, organ=org.organ), costs=[], lectures=[], by=finance_officer)


def test_withdrawing_needs_a_reason_is_audited_and_keeps_the_row(org, finance_officer):
    course = course_save(course=_course(org), costs=[LODGING], lectures=[], by=finance_officer)
    with pytest.raises(InvalidInput, match="请填写删除原因"):
        course_delete(course=course, by=finance_officer, reason=" ")
    course_delete(course=course, by=finance_officer, reason="重复登记")
    assert not TrainingCourse.objects.filter(pk=course.pk).exists()
    assert TrainingCourse.all_objects.get(pk=course.pk).costs.count() == 1
    assert AuditEvent.objects.filter(action="record_deleted", target_id=str(course.pk)).exists()
    with pytest.raises(InvalidInput, match="已被删除"):
        course_delete(course=course, by=finance_officer, reason="再删")
    with pytest.raises(Conflict, match="已删除"):
        course_save(course=course, costs=[], lectures=[], by=finance_officer)
