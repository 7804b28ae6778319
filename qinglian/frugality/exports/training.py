"""Excel layout of the training ledger: the import's columns (importers/training_columns.py) — one row per cost line or
lecture, the course's columns repeated — plus 序号 and 费用合计, which the import reads past, so the export
re-imports as it is. `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.frugality.importers.training_columns import TOTAL, training_columns
from qinglian.frugality.models import Lecture, TrainingCost, TrainingCourse

NO_COST = ("", None, "")
NO_LECTURE = ("", "", None, None, None, "")


def course_cells(course: TrainingCourse) -> tuple:
    """The course's columns in the import's order."""
    return (
        course.voucher_no,
        course.unit.name,
        course.name,
        course.get_category_display(),
        course.plan_item.name if course.plan_item_id else "",
        course.adhoc_approved_on,
        course.adhoc_approver.name if course.adhoc_approver_id else "",
        course.start_on,
        course.end_on,
        course.days,
        course.travel_days,
        course.attendees,
        course.staff,
        course.venue,
        course.venue_city,
        course.paid_on,
        course.note,
    )


def cost_cells(cost: TrainingCost) -> tuple:
    return (cost.get_kind_display(), cost.amount, cost.description)


def lecture_cells(lecture: Lecture) -> tuple:
    return (
        lecture.lecturer,
        lecture.get_title_display(),
        lecture.on,
        lecture.hours,
        lecture.fee,
        "是" if lecture.from_afar else "否",
    )


def course_rows(course: TrainingCourse) -> list[tuple]:
    """A course's sheet rows: one per cost line, then one per lecture; one bare row without lines."""
    head = course_cells(course)
    lines = [(*head, *cost_cells(c), *NO_LECTURE) for c in course.costs.all()]
    lines += [(*head, *NO_COST, *lecture_cells(x)) for x in course.lectures.all()]
    return lines or [(*head, *NO_COST, *NO_LECTURE)]


def training_xlsx(request: HttpRequest, courses: Iterable[TrainingCourse], title: str = "培训费台账") -> HttpResponse:
    """Courses with their unit, plan item, approver, costs and lectures loaded."""
    columns = [Column("序号", 6), *training_columns(), Column(TOTAL, 12)]
    rows = [
        (n, *cells, course.total_amount)
        for n, (course, cells) in enumerate(((c, r) for c in courses for r in course_rows(c)), start=1)
    ]
    return export_table(request, title, columns, rows)
