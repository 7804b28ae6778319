"""What the training-fee rules read, prepared once per run: each course of the window as a Subject with its bill's
amounts, its lectures with the fee standard of each lecture's day, and whether its yearly plan made it planned on D;
and the small arithmetic of amounts the course page uses too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from qinglian.compliance.owners import first_heads
from qinglian.compliance.registry import Context, Subject
from qinglian.core import asof
from qinglian.frugality.choices import BANNED_COSTS, CostKind, LecturerTitle, StandardKind, TrainingCategory
from qinglian.frugality.models import Lecture, TrainingCost, TrainingCourse
from qinglian.frugality.rules.common import (
    first_day,
    ledger_rows,
    standard_book,
    voucher_label,
)

SUBJECT_TYPE = "frugality.trainingcourse"
CENT = Decimal("0.01")
ZERO = Decimal(0)


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def yuan(value: Decimal) -> str:
    """An amount as a reason writes it: 12,345.60 → "12345.6", whole yuan without decimals."""
    text = f"{money(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


LINE_FIELDS = {
    TrainingCost: ("course_id", "kind", "amount", "description"),
    Lecture: ("course_id", "lecturer", "title", "on", "hours", "fee", "from_afar"),
}


def bill_amounts(total: Decimal, costs: Iterable[tuple[str, Decimal]]) -> tuple[Decimal, Decimal]:
    """(amount, quota amount) of a course's bill from its (kind, amount) lines: the amount is the lines' sum — the
    recorded total for a course entered without lines —; the quota amount is what the comprehensive rate covers,
    the amount less the 讲课费 lines (师资费 is paid apart from the 综合定额 and checked by FRG-032)."""
    costs = list(costs)
    amount = sum((Decimal(a) for _, a in costs), ZERO) if costs else Decimal(total)
    lecture = sum((Decimal(a) for k, a in costs if k == CostKind.LECTURE), ZERO)
    return money(amount), money(amount - lecture)


def _lines_on(ctx: Context, model: type[Any], course_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The lines of these courses as they stood at the end of D: the current rows for today, the history for a past
    day (a line removed later still stood, one added later was not yet there)."""
    if not course_ids:
        return {}
    rows = asof.fields_on(model, ctx.as_of, LINE_FIELDS[model], where={"course_id__in": course_ids}).values()
    found: dict[int, list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        found.setdefault(row["course_id"], []).append(row)
    return found


def _lecture(row: dict[str, Any], book: Any) -> dict[str, Any]:
    """A lecture as plain data, with the lecturer-fee standard in force on the day of the lecture for the title."""
    found = book.find(StandardKind.LECTURER_FEE, row["on"], row["title"])
    rate = found.amount("per_hour") if found is not None else None
    title = LecturerTitle(row["title"]).label if row["title"] in LecturerTitle.values else row["title"]
    return {
        "lecturer": row["lecturer"],
        "title": title,
        "on": row["on"],
        "hours": Decimal(row["hours"]),
        "fee": Decimal(row["fee"]),
        "from_afar": bool(row["from_afar"]),
        "rate": rate,
        "cited": found.cited if rate is not None else "",
    }


def _subject(
    ctx: Context,
    course: TrainingCourse,
    costs: list[dict[str, Any]],
    lectures: list[dict[str, Any]],
    head: int | None,
    book: Any,
) -> Subject:
    found = book.find(StandardKind.TRAINING_RATE, course.start_on, course.category)
    rate = found.amount("per_person_day") if found is not None else None
    amount, quota = bill_amounts(course.total_amount, [(c["kind"], c["amount"]) for c in costs])
    category = (
        TrainingCategory(course.category).label if course.category in TrainingCategory.values else course.category
    )
    return Subject(
        type=SUBJECT_TYPE,
        id=str(course.pk),
        label=voucher_label(f"{course.start_on:%Y-%m-%d} {course.name}", course),
        period=str(course.start_on.year),
        link=f"/frugality/training/{course.pk}/",
        unit_id=course.unit_id,
        person_id=head,
        data={
            "on": course.start_on,
            "end_on": course.end_on,
            "amount": amount,
            "quota_amount": quota,
            "category": category,
            "attendees": course.attendees,
            "staff": course.staff,
            "people": course.attendees + course.staff,
            "days": Decimal(course.days),
            "travel_days": Decimal(course.travel_days),
            "rate": rate,
            "cited": found.cited if rate is not None else "",
            "venue": course.venue,
            "venue_city": course.venue_city,
            "banned": tuple(
                {"kind": CostKind(c["kind"]).label, "amount": Decimal(c["amount"]), "description": c["description"]}
                for c in costs
                if c["kind"] in BANNED_COSTS
            ),
            "lectures": tuple(_lecture(x, book) for x in lectures if x["on"] <= ctx.as_of),
            "planned_on": planned_on(course, ctx.as_of),
            "plan_item": course.plan_item.name if course.plan_item_id else "",
            "adhoc_approved_on": asof.known(course.adhoc_approved_on, ctx.as_of),
        },
    )


def course_subjects(ctx: Context) -> list[Subject]:
    """Every course of the window as a Subject, built once per run (ctx.memo) whichever of the five rules asks
    first."""
    key = f"frugality:training_subjects:{first_day(ctx)}"
    if key not in ctx.memo:
        rows = ledger_rows(ctx, TrainingCourse, date_field="start_on", related=("unit", "plan_item__plan"))
        ids = [c.pk for c in rows]
        costs, lectures = _lines_on(ctx, TrainingCost, ids), _lines_on(ctx, Lecture, ids)
        heads = first_heads(ctx.organ_id, {c.unit_id for c in rows})
        book = standard_book(ctx)
        ctx.memo[key] = [
            _subject(ctx, c, costs.get(c.pk, []), lectures.get(c.pk, []), heads.get(c.unit_id), book) for c in rows
        ]
    return ctx.memo[key]


def planned_on(course: TrainingCourse, as_of: dt.date) -> dt.date | None:
    """The day the course's yearly plan was approved, when it made the course planned on `as_of`: a plan item of a
    plan standing on `as_of` and approved on or before both `as_of` and the course's start. Else None."""
    item = course.plan_item
    if item is None or not asof.stood(item.plan.deleted_at, as_of):
        return None
    approved = asof.known(item.plan.approved_on, as_of)
    return approved if approved is not None and approved <= course.start_on else None
