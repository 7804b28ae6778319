"""Reads of the training ledger (培训费): the list (from `visible_to`) with its totals, and a course's figures —
people, person-days, cost per person-day, the comprehensive rate and the lecture fees against their standards —
computed by the rules' own functions (rules/training/) with the standards in force on the day of the spending
and the rule parameters in force today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import get_rule
from qinglian.core import clock
from qinglian.frugality.choices import PlanKind, StandardKind
from qinglian.frugality.models import Lecture, PlanItem, TrainingCourse
from qinglian.frugality.rules import training as rules
from qinglian.frugality.standards.lookup import StandardBook

ZERO = Decimal(0)
PERSON_DAYS = ExpressionWrapper(
    (F("attendees") + F("staff")) * F("days"), output_field=DecimalField(max_digits=14, decimal_places=1)
)


def course_list(
    user: Any,
    *,
    year: int | None = None,
    month_from: int | None = None,
    month_to: int | None = None,
    unit_id: int | None = None,
    category: str = "",
    unapproved: bool = False,
    q: str = "",
) -> QuerySet[TrainingCourse]:
    """The courses `user` may see, newest first; the months narrow the year (the start month)."""
    qs = TrainingCourse.objects.visible_to(user).select_related("unit", "plan_item")
    if year is not None:
        qs = qs.filter(start_on__year=year)
    if month_from is not None:
        qs = qs.filter(start_on__month__gte=month_from)
    if month_to is not None:
        qs = qs.filter(start_on__month__lte=month_to)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if category:
        qs = qs.filter(category=category)
    if unapproved:  # outside the plan with no ad-hoc approval: the finance officer's card counts these
        qs = qs.filter(plan_item__isnull=True, adhoc_approved_on__isnull=True)
    text = q.strip()
    if text:
        qs = qs.filter(
            Q(name__icontains=text)
            | Q(voucher_no__icontains=text)
            | Q(venue__icontains=text)
            | Q(venue_city__icontains=text)
            | Q(note__icontains=text)
        )
    return qs.order_by("-start_on", "-id")


@dataclass(frozen=True)
class Totals:
    count: int
    amount: Decimal
    attendees: int
    staff: int
    person_days: Decimal

    @property
    def per_person_day(self) -> Decimal | None:
        return rules.money(self.amount / self.person_days) if self.person_days else None


def course_totals(qs: QuerySet[TrainingCourse]) -> Totals:
    """The sums of the filtered list (every page of it, not only the one shown)."""
    row = qs.order_by().aggregate(
        n=Count("id"),
        amount_sum=Sum("total_amount"),
        attendees_sum=Sum("attendees"),
        staff_sum=Sum("staff"),
        person_days_sum=Sum(PERSON_DAYS),
    )
    return Totals(
        count=row["n"] or 0,
        amount=row["amount_sum"] or ZERO,
        attendees=row["attendees_sum"] or 0,
        staff=row["staff_sum"] or 0,
        person_days=row["person_days_sum"] or ZERO,
    )


def rule_params(code: str, organ_id: int, on: dt.date | None = None) -> dict[str, Any] | None:
    """The parameters of rule `code` in force for the organ on `on` (today); None when none are set."""
    try:
        found = sets_in_force(organ_id=organ_id, on=on or clock.today(), codes=[code]).get(code)
        return dict(resolve(get_rule(code), found))
    except MissingParameters:
        return None


@dataclass
class LectureFigures:
    lecture: Lecture
    per_hour: Decimal
    rate: Decimal | None
    cap: Decimal | None
    over: Decimal | None


@dataclass
class CourseFigures:
    people: int
    person_days: Decimal
    quota_amount: Decimal
    per_person_day: Decimal | None
    rate: Decimal | None
    cited: str
    allowed: Decimal | None
    over: Decimal | None
    lectures: list[LectureFigures] = field(default_factory=list)
    lecture_fees: Decimal = ZERO


def course_figures(course: TrainingCourse) -> CourseFigures:
    """The course's per person-day figures and its lectures' fees against the standards (None where no standard
    or no rule parameter applies)."""
    book = StandardBook.load(course.organ_id, kinds=[StandardKind.TRAINING_RATE, StandardKind.LECTURER_FEE])
    people = course.attendees + course.staff
    taper = rule_params("FRG-031", course.organ_id)
    travel_days = rules.counted_travel_days(course.travel_days, taper) if taper else course.travel_days
    paid_days = course.days + travel_days
    _, quota = rules.bill_amounts(course.total_amount, [(c.kind, c.amount) for c in course.costs.all()])
    found = book.find(StandardKind.TRAINING_RATE, course.start_on, course.category)
    rate = found.amount("per_person_day") if found is not None else None
    allowed = rules.allowed_amount(rate, people, course.days, course.travel_days, taper) if rate and taper else None
    figures = CourseFigures(
        people=people,
        person_days=people * paid_days,
        quota_amount=quota,
        per_person_day=rules.money(quota / (people * paid_days)) if people and paid_days else None,
        rate=rate,
        cited=found.cited if found is not None else "",
        allowed=allowed,
        over=max(quota - allowed, ZERO) if allowed is not None else None,
    )
    figures.lectures = _lecture_figures(course, book, rule_params("FRG-032", course.organ_id))
    figures.lecture_fees = sum((x.lecture.fee for x in figures.lectures), ZERO)
    return figures


def _lecture_figures(course: TrainingCourse, book: StandardBook, p: dict[str, Any] | None) -> list[LectureFigures]:
    rows = []
    for lecture in course.lectures.all():
        found = book.find(StandardKind.LECTURER_FEE, lecture.on, lecture.title)
        rate = found.amount("per_hour") if found is not None else None
        cap = rules.lecture_cap(rate, lecture.hours, lecture.from_afar, p) if rate is not None and p else None
        hours = rules.counted_hours(lecture.hours, p["max_hours_half_day"]) if p else lecture.hours
        rows.append(
            LectureFigures(
                lecture=lecture,
                per_hour=rules.money(lecture.fee / hours) if hours else lecture.fee,
                rate=rate,
                cap=cap,
                over=max(lecture.fee - cap, ZERO) if cap is not None else None,
            )
        )
    return rows


def training_plan_items(organ_id: int, year: int) -> QuerySet[PlanItem]:
    """The training items of the organ's yearly plan of `year` (a plan not deleted): a course's plan item is one."""
    return PlanItem.objects.filter(
        plan__organ_id=organ_id, plan__kind=PlanKind.TRAINING, plan__year=year, plan__deleted_at__isnull=True
    ).select_related("plan")
