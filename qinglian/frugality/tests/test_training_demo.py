"""The demo organ's training courses: a year of courses under the training plan (or approved ad hoc), lectures by
正高/副高 lecturers, and exactly the three violations the module docstring of demo/training.py plants."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.frugality.choices import EntrySource, LecturerTitle, TrainingCategory
from qinglian.frugality.models import Lecture, TrainingCourse

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
CODES = ["FRG-030", "FRG-031", "FRG-032", "FRG-033", "FRG-034"]
PLANTED = {"FRG-031": "-305", "FRG-032": "-307", "FRG-034": "-303"}


@pytest.mark.demo_build(DemoSpec(seed=2026, today=TODAY))
def test_the_demo_courses_and_exactly_their_three_planted_violations(shared_demo):
    organ = shared_demo.organ
    courses = TrainingCourse.objects.filter(organ=organ)
    assert 10 <= courses.count() <= 15
    assert courses.filter(category=TrainingCategory.TWO).count() == 1
    assert not courses.filter(start_on__year__lt=TODAY.year).exists() and not courses.filter(paid_on__gt=TODAY).exists()
    assert set(courses.values_list("entry_source", flat=True)) == {EntrySource.MANUAL}
    for course in courses.select_related("plan_item__plan"):
        planned = course.plan_item_id is not None and course.plan_item.plan.approved_on <= course.start_on
        assert planned or course.adhoc_approved_on <= course.start_on, course
    titles = set(Lecture.objects.filter(course__organ=organ).values_list("title", flat=True))
    assert titles == {LecturerTitle.SENIOR, LecturerTitle.ASSOCIATE}

    run_checks(organ_id=organ.pk, as_of=TODAY, codes=CODES)
    findings = Finding.objects.filter(organ=organ, rule_code__in=CODES).order_by("rule_code")
    assert [(f.rule_code, f.severity) for f in findings] == [
        ("FRG-031", "red"),
        ("FRG-032", "red"),
        ("FRG-034", "red"),
    ], [f.reason for f in findings]
    for f in findings:  # the courses planted (demo/training.py COURSES, by position: the voucher's number)
        voucher = TrainingCourse.objects.get(pk=f.subject_id).voucher_no
        assert voucher.endswith(PLANTED[f.rule_code]) and f.subject_repr.startswith(f"凭证号{voucher}"), f.subject_repr
    reasons = {f.rule_code: f.reason for f in findings}
    assert "59400元" in reasons["FRG-031"] and "最多50160元，超出9240元" in reasons["FRG-031"]
    assert "每学时1500元" in reasons["FRG-032"] and "超出3000元" in reasons["FRG-032"]
    assert "工作人员12人" in reasons["FRG-034"]
    assert all(f.responsible_unit_id and f.responsible_person_id for f in findings)
