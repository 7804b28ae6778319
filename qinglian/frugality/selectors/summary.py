"""经费支出汇总: the spending of receptions, trips, meetings and training courses per unit and month of a year, beside
the same month of the year before, with the change — what a Party group meeting reviewing 八项规定 spending reads.

A row counts in the month of its own date (a reception's first day, a trip's departure, a meeting's or course's
first day: the date the rules judge it by), for its total (total_amount). Each ledger is read in one query grouped
by unit and month (TruncMonth) over the two years, whatever the number of rows; the unit names in one more.

Readers are the ledgers' readers (querysets.py): the organ readers and the finance officer see every unit; a unit
head the units they head — only those, even where the ledger would show them their own trip elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model, Sum
from django.db.models.functions import TruncMonth

from qinglian.core.excel import Percent
from qinglian.frugality.choices import Ledger
from qinglian.frugality.models import Conference, Reception, TrainingCourse, Trip
from qinglian.frugality.querysets import READERS
from qinglian.org.models import Unit
from qinglian.org.scope import scope_of

ZERO = Decimal("0.00")
MONTHS = tuple(range(1, 13))
# The ledgers whose spending the summary adds up, with the date a row is counted by.
SPENDING: tuple[tuple[str, type[Model], str], ...] = (
    (Ledger.RECEPTION, Reception, "start_on"),
    (Ledger.TRAVEL, Trip, "start_on"),
    (Ledger.CONFERENCE, Conference, "start_on"),
    (Ledger.TRAINING, TrainingCourse, "start_on"),
)
SPENDING_LEDGERS = tuple(code for code, _, _ in SPENDING)
REFUSAL = "无权查看经费支出汇总"


def may_read_summary(user: Any) -> bool:
    """The ledgers' readers and the unit heads (no query: the scope is cached on the user)."""
    scope = scope_of(user)
    return scope.is_business and (scope.has(*READERS) or bool(scope.head_unit_ids))


@dataclass(frozen=True)
class Cell:
    """One amount this year and the same period of last year."""

    amount: Decimal = ZERO
    last: Decimal = ZERO

    @property
    def change(self) -> Decimal:
        return self.amount - self.last

    @property
    def rate(self) -> Percent:
        """The change over last year's amount; "—" when last year spent nothing (no rate of nothing)."""
        return Percent(self.change / self.last if self.last else None)

    def __add__(self, other: Cell) -> Cell:
        return Cell(self.amount + other.amount, self.last + other.last)


@dataclass
class Line:
    """One ledger (or 合计) of one unit: its twelve months and its year."""

    ledger: str
    label: str
    months: list[Cell] = field(default_factory=lambda: [Cell() for _ in MONTHS])

    @property
    def total(self) -> Cell:
        return sum(self.months, Cell())


def added(lines: list[Line], ledger: str = "total", label: str = "合计") -> Line:
    """The lines added month by month, under a name of its own."""
    total = Line(ledger, label)
    for line in lines:
        total = Line(ledger, label, [a + b for a, b in zip(total.months, line.months, strict=True)])
    return total


@dataclass
class UnitSpending:
    """A unit's lines, one per ledger shown, and their sum."""

    unit_id: int | None
    name: str
    lines: list[Line]

    @property
    def total(self) -> Line:
        return added(self.lines)

    def line(self, ledger: str) -> Line:
        return next(line for line in self.lines if line.ledger == ledger)


@dataclass
class SpendingSummary:
    year: int
    ledgers: list[tuple[str, str]]  # (code, label) of the ledgers shown
    units: list[UnitSpending]
    unit_id: int | None = None  # the unit chosen, None for every unit the reader sees

    @property
    def totals(self) -> UnitSpending:
        """Every unit shown, added up per ledger."""
        lines = [added([u.lines[i] for u in self.units], code, label) for i, (code, label) in enumerate(self.ledgers)]
        return UnitSpending(None, "合计", lines)

    @property
    def has_spending(self) -> bool:
        return any(cell.amount or cell.last for unit in self.units for line in unit.lines for cell in line.months)


def _amounts(
    model: type[Model], date_field: str, user: Any, year: int, unit_ids: frozenset[int] | None
) -> dict[tuple[int, int, int], Decimal]:
    """{(unit, year, month): spending} of one ledger over `year` and the year before: one query."""
    rows = model.objects.visible_to(user).filter(
        **{f"{date_field}__gte": dt.date(year - 1, 1, 1), f"{date_field}__lte": dt.date(year, 12, 31)}
    )
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    grouped = (
        rows.order_by()  # the model's ordering would join the GROUP BY
        .annotate(month=TruncMonth(date_field))
        .values("unit_id", "month")
        .annotate(total=Sum("total_amount"))
    )
    return {(r["unit_id"], r["month"].year, r["month"].month): r["total"] or ZERO for r in grouped}


def spending_summary(user: Any, *, year: int, unit_id: int | None = None, ledger: str = "") -> SpendingSummary:
    """The summary `user` may read: every unit with spending in the two years (a unit head's units always), or
    only `unit_id`; every spending ledger, or only `ledger`."""
    scope = scope_of(user)
    unit_ids = None if scope.has(*READERS) else scope.head_unit_ids
    if unit_id is not None:
        unit_ids = frozenset({unit_id}) if unit_ids is None or unit_id in unit_ids else frozenset()
    chosen = [(code, model, date) for code, model, date in SPENDING if not ledger or code == ledger]
    amounts = {code: _amounts(model, date, user, year, unit_ids) for code, model, date in chosen}
    seen = {key[0] for figures in amounts.values() for key in figures}
    if unit_ids is not None:
        seen |= unit_ids  # a head's units, even with nothing spent
    units = Unit.objects.filter(pk__in=seen, organ_id=scope.organ_id).order_by("order", "pk").values_list("pk", "name")
    result = []
    for pk, name in units:
        lines = []
        for code, _, _ in chosen:
            figures = amounts[code]
            months = [Cell(figures.get((pk, year, m), ZERO), figures.get((pk, year - 1, m), ZERO)) for m in MONTHS]
            lines.append(Line(code, Ledger(code).label, months))
        result.append(UnitSpending(pk, name, lines))
    ledgers = [(code, Ledger(code).label) for code, _, _ in chosen]
    return SpendingSummary(year=year, ledgers=ledgers, units=result, unit_id=unit_id)


def readable_units(user: Any):
    """The units a reader may choose in the filter: the organ's for the readers, a head's own otherwise."""
    scope = scope_of(user)
    units = Unit.objects.filter(organ_id=scope.organ_id).order_by("order", "pk")
    return units if scope.has(*READERS) else units.filter(pk__in=scope.head_unit_ids)
