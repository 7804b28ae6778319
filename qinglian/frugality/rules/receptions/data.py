"""The data every reception rule reads: each reception of the window as a plain Subject, built once per run.

`data` carries the reception's own fields, its documents' dates as known on D (None when not on file by D), and
its meals with the reception-meal standard in force on each meal's day for the guests' level (`cap` None when no
table has one: the rules say so, never "within").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from qinglian.compliance.owners import first_heads
from qinglian.compliance.registry import Context, Subject
from qinglian.core import asof
from qinglian.frugality.choices import GuestLevel, MealKind, StandardKind
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.rules.common import first_day, ledger_rows, standard_book, voucher_label
from qinglian.frugality.standards.lookup import StandardBook

CENT = Decimal("0.01")
PAID_KINDS = (MealKind.WORK, MealKind.BANQUET)  # the organ pays; a 自行用餐 is the guests' own, at their own cost
MEAL_FIELDS = ("reception_id", "on", "kind", "guests", "escorts", "amount", "venue", "items")
SUBJECTS = "公务接待（承办委室及其负责人；财务专责人员管理台账）"


def money(value: Decimal) -> str:
    """An amount as a reason writes it: "1280.50元"."""
    return f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)}元"


def fold_spaces(text: str) -> str:
    """A unit's name as compared: every space (also the full-width one) removed."""
    return "".join(str(text or "").split())


def meal_name(meal: dict[str, Any]) -> str:
    return f"{meal['on']:%m月%d日}{meal['kind_label']}"


def _meals_on(ctx: Context, reception_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The meals of these receptions dated on or before D, as the lists stood at the end of D: the current rows
    for today; for a past day the history (asof.fields_on), so a meal removed or corrected after D is read as it
    was, and one entered after D (back-filled) by its first version. Read by the organ (a join), not by a list of
    thousands of ids."""
    wanted = set(reception_ids)
    organ = {"reception__organ_id": ctx.organ_id}
    if asof.is_past(ctx.as_of):
        rows: Iterable[dict[str, Any]] = asof.fields_on(ReceptionMeal, ctx.as_of, MEAL_FIELDS, where=organ).values()
    else:
        rows = ReceptionMeal.objects.filter(**organ, on__lte=ctx.as_of).values("id", *MEAL_FIELDS)
    found: dict[int, list[dict[str, Any]]] = {}
    for meal in sorted(rows, key=lambda m: (m["on"], m["id"])):
        if meal["reception_id"] in wanted and meal["on"] <= ctx.as_of:
            found.setdefault(meal["reception_id"], []).append(meal)
    return found


def _meal(meal: dict[str, Any], level: str, book: StandardBook) -> dict[str, Any]:
    """A meal as plain data, with the reception-meal standard in force on the meal's day for the guests' level."""
    standard = book.find(StandardKind.RECEPTION_MEAL, meal["on"], level)
    cap = standard.amount("per_head") if standard is not None else None
    return {
        "on": meal["on"],
        "kind": meal["kind"],
        "kind_label": MealKind(meal["kind"]).label if meal["kind"] in MealKind.values else meal["kind"],
        "guests": int(meal["guests"]),
        "escorts": int(meal["escorts"]),
        "amount": Decimal(meal["amount"]),
        "venue": meal["venue"],
        "items": meal["items"],
        "cap": cap,
        "cited": standard.cited if standard is not None and cap is not None else "",
    }


def _subject(r: Reception, meals: list[dict[str, Any]], head: int | None, book: StandardBook, day: dt.date) -> Subject:
    level = r.guest_level if r.guest_level in GuestLevel.values else GuestLevel.OTHER
    return Subject(
        type="frugality.reception",
        id=str(r.pk),
        label=voucher_label(f"{r.start_on:%Y-%m-%d} 接待{r.guest_unit}", r),
        period=str(r.start_on.year),
        link=f"/frugality/receptions/{r.pk}/",
        unit_id=r.unit_id,
        person_id=head,
        data={
            "on": r.start_on,
            "end_on": r.end_on,
            "amount": Decimal(r.total_amount),
            "voucher_no": r.voucher_no,
            "unit_name": r.unit.name,
            "guest_unit": r.guest_unit,
            "guest_level": level,
            "guest_level_label": GuestLevel(level).label,
            "guest_count": r.guest_count,
            "venue": r.venue,
            "letter_on": asof.known(r.letter_on, day),
            "letter_after_start": r.letter_on is not None and r.letter_on > r.start_on,
            "letter_unit": r.letter_unit,
            "letter_persons": r.letter_persons,
            "letter_start": r.letter_start,
            "letter_end": r.letter_end,
            "list_signed_on": asof.known(r.list_signed_on, day),
            "invoice_on": asof.known(r.invoice_on, day),
            "paid_on": asof.known(r.paid_on, day),
            "meals": tuple(_meal(m, level, book) for m in meals),
        },
    )


def reception_subjects(ctx: Context) -> list[Subject]:
    """Every reception of the window as a Subject, built once per run (ctx.memo) whichever rule asks first."""
    key = f"frugality:reception_subjects:{first_day(ctx)}"
    if key not in ctx.memo:
        rows = ledger_rows(ctx, Reception, date_field="start_on", related=("unit",))
        meals = _meals_on(ctx, [r.pk for r in rows])
        heads = first_heads(ctx.organ_id, {r.unit_id for r in rows})
        book = standard_book(ctx)
        ctx.memo[key] = [_subject(r, meals.get(r.pk, []), heads.get(r.unit_id), book, ctx.as_of) for r in rows]
    return ctx.memo[key]
