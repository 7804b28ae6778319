"""Reads of the 党费台账: pricing a month from the 党费计算标准, the ledger page's grid and arrears, and what rule
PL-015 counts (months with dues settled, months with organisational life taken part in).

Pages read through `DuesRecord.objects.visible_to(user)`; the rule's reads take the organ's whole ledger and a
check date, and count only what is dated on or before it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Min, Q, QuerySet

from qinglian.compliance.choices import JURISDICTION_RANK
from qinglian.core import asof, clock
from qinglian.org.choices import PARTY_STATUSES, BranchPost, PersonnelEventKind, Role, UnitKind
from qinglian.org.models import BranchCommitteeMember, Person, PersonnelEvent
from qinglian.org.permissions import scope_of
from qinglian.partylife.choices import AttendanceStatus, DuesCategory, DuesStatus
from qinglian.partylife.models import Attendance, DuesBracket, DuesRecord, DuesStandard
from qinglian.partylife.permissions import dues_branch_ids

CENT = Decimal("0.01")
Bracket = tuple[Decimal | None, Decimal]  # (upper bound of the monthly income, inclusive; None: no bound), rate

# --- months ------------------------------------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(month: dt.date) -> dt.date:
    return add_months(month_start(month), 1) - dt.timedelta(days=1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of the months from `first`'s to `last`'s, both included (empty when `first` is later)."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def last_whole_month(as_of: dt.date) -> dt.date:
    """The latest calendar month wholly over on `as_of`: its own month on its last day, else the month before."""
    return month_start(as_of) if as_of == month_end(as_of) else add_months(month_start(as_of), -1)


# --- pricing ------------------------------------------------------------------------------------------


def bracket_rate(brackets: Sequence[Bracket], income: Decimal) -> Decimal | None:
    """The rate of the lowest bracket whose bound (inclusive: 3000元 is in "3000元以下（含）") holds `income`;
    None when the income is above every bound and the standard has no open top bracket."""
    for upper, rate in sorted(brackets, key=lambda b: (b[0] is None, b[0] or Decimal("0"))):
        if upper is None or income <= upper:
            return rate
    return None


def dues_amount(income: Decimal, rate: Decimal) -> Decimal:
    """Income × rate to the fen, halves up (the finance office's rounding)."""
    return (income * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def standard_in_force(*, organ_id: int, on: dt.date) -> DuesStandard | None:
    """The most specific standard in force on `on` (本机关 > 市 > 省 > 中央; the latest of one level)."""
    rows = DuesStandard.objects.in_force(on).for_organ(organ_id)
    return min(rows, key=lambda s: (JURISDICTION_RANK[s.jurisdiction], -s.effective_from.toordinal()), default=None)


def standard_brackets(standard: DuesStandard) -> dict[str, list[Bracket]]:
    """Category → its brackets, lowest first."""
    found: dict[str, list[Bracket]] = {category: [] for category in DuesCategory.values}
    for row in standard.brackets.all():
        found[row.category].append((row.upper_bound, row.rate))
    return found


@dataclass(frozen=True)
class Price:
    standard: DuesStandard
    rate: Decimal
    dues: Decimal


class Pricer:
    """Prices months of one organ, looking up each month's standard once (an import prices hundreds of rows)."""

    def __init__(self, organ_id: int) -> None:
        self.organ_id = organ_id
        self._in_force: dict[dt.date, tuple[DuesStandard | None, dict[str, list[Bracket]]]] = {}

    def standard(self, month: dt.date) -> tuple[DuesStandard | None, dict[str, list[Bracket]]]:
        month = month_start(month)
        if month not in self._in_force:
            standard = standard_in_force(organ_id=self.organ_id, on=month)
            self._in_force[month] = (standard, standard_brackets(standard) if standard else {})
        return self._in_force[month]

    def price(self, *, month: dt.date, category: str, income: Decimal) -> Price | None:
        """The month's dues, priced by the standard in force on its first day; None when none applies."""
        standard, brackets = self.standard(month)
        rate = bracket_rate(brackets.get(category, []), income) if standard else None
        return Price(standard, rate, dues_amount(income, rate)) if standard and rate is not None else None


# --- who a member was in a month -------------------------------------------------------------------------


def _event_days(organ_id: int, kind: str, person_ids: Sequence[int] | None) -> dict[int, dt.date]:
    """Person → the latest day of a personnel event of `kind`."""
    rows = PersonnelEvent.objects.filter(organ_id=organ_id, kind=kind)
    if person_ids is not None:
        rows = rows.filter(person_id__in=list(person_ids))
    found: dict[int, dt.date] = {}
    for person_id, day in rows.values_list("person_id", "date"):
        found[person_id] = max(day, found.get(person_id, day))
    return found


def retirements(organ_id: int, person_ids: Sequence[int] | None = None) -> dict[int, dt.date]:
    return _event_days(organ_id, PersonnelEventKind.RETIREMENT, person_ids)


def arrivals(organ_id: int) -> dict[int, dt.date]:
    """When each person last came into the organ (调入), from the personnel events (the ledger page's; the rule
    reads the day's from org.selectors.party_members_on)."""
    return _event_days(organ_id, PersonnelEventKind.TRANSFER_IN, None)


def category_on(retired_on: dt.date | None, month: dt.date) -> str:
    """离退休 from the month that begins on or after the retirement day; 在职 before."""
    return DuesCategory.RETIRED if retired_on is not None and retired_on <= month_start(month) else DuesCategory.SERVING


def person_category(person: Person, month: dt.date) -> str:
    return category_on(retirements(person.organ_id, [person.pk]).get(person.pk), month)


def first_due_month(joined_party: dt.date | None, arrived: dt.date | None) -> dt.date | None:
    """The month a member's dues and organisational life are first counted here: that of the later of joining
    the Party and coming into the organ; None when neither is known."""
    later = max(filter(None, [joined_party, arrived]), default=None)
    return month_start(later) if later else None


# --- the ledger page -----------------------------------------------------------------------------------


@dataclass
class DuesCell:
    """One month of one member on the grid. `due` is False before they joined the Party or the organ; `over` is
    False for the month under way, whose sheet the finance office has not sent yet."""

    month: dt.date
    record: DuesRecord | None
    due: bool = True
    over: bool = True

    @property
    def status(self) -> str:
        """已交/少交/欠缴 of the row; for a due month without one "missing" (未登记) once the month is over, else
        "pending"; "" when not due."""
        if self.record is not None:
            return self.record.status
        if not self.due:
            return ""
        return "missing" if self.over else "pending"


@dataclass
class DuesLine:
    person: Person
    cells: list[DuesCell]
    writable: bool = False

    @property
    def records(self) -> list[DuesRecord]:
        return [cell.record for cell in self.cells if cell.record is not None]

    @property
    def dues(self) -> Decimal:
        return sum((r.dues for r in self.records), Decimal("0"))

    @property
    def paid(self) -> Decimal:
        return sum((r.paid for r in self.records), Decimal("0"))

    @property
    def arrears(self) -> Decimal:
        return sum((r.arrears for r in self.records), Decimal("0"))

    def count(self, status: str) -> int:
        return sum(1 for cell in self.cells if cell.status == status)

    @property
    def unpaid_months(self) -> int:
        return self.count(DuesStatus.UNPAID)

    @property
    def short_months(self) -> int:
        return self.count(DuesStatus.SHORT)

    @property
    def missing_months(self) -> int:
        return self.count("missing")


@dataclass
class DuesLedger:
    year: int
    months: list[dt.date]
    lines: list[DuesLine] = field(default_factory=list)

    @property
    def dues(self) -> Decimal:
        return sum((line.dues for line in self.lines), Decimal("0"))

    @property
    def paid(self) -> Decimal:
        return sum((line.paid for line in self.lines), Decimal("0"))

    @property
    def arrears(self) -> Decimal:
        return sum((line.arrears for line in self.lines), Decimal("0"))

    @property
    def in_arrears(self) -> list[DuesLine]:
        """Members who owe something, or have due months not yet entered: the arrears summary."""
        return [line for line in self.lines if line.arrears > 0 or line.missing_months]


def ledger_months(year: int) -> list[dt.date]:
    """The months of `year` the ledger shows: all twelve of a past year, up to this month of this year."""
    today = clock.today()
    last = dt.date(year, 12, 1) if year < today.year else month_start(today)
    return months_between(dt.date(year, 1, 1), last)


def dues_people(
    *, user: Any, year: int, branch_id: int | None = None, person_id: int | None = None, query: str = ""
) -> QuerySet[Person]:
    """Whose dues the user sees for a year: organ readers every member; others themselves and the members of the
    branches whose dues they keep. Members of the internal units who are in office, and anyone with a row that
    year (a retired member still pays)."""
    scope = scope_of(user)
    if not scope.is_business:
        return Person.objects.none()
    people = Person.objects.filter(organ_id=scope.organ_id, party_status__in=PARTY_STATUSES)
    if not scope.reads_organ:
        people = people.filter(Q(pk=scope.person_id) | Q(branch_id__in=dues_branch_ids(user)))
    with_rows = DuesRecord.objects.visible_to(user).filter(month__year=year).values("person_id")
    people = people.filter(Q(is_active=True, unit__kind=UnitKind.INTERNAL) | Q(pk__in=with_rows))
    if branch_id:
        people = people.filter(branch_id=branch_id)
    if person_id:
        people = people.filter(pk=person_id)
    if query:
        people = people.filter(name__icontains=query)
    return people.select_related("unit", "branch").order_by("branch_id", "unit__order", "id")


def dues_ledger(*, user: Any, year: int, people: Sequence[Person]) -> DuesLedger:
    """The months grid of `people` (from `dues_people`) for a year, with each member's arrears."""
    ledger = DuesLedger(year=year, months=ledger_months(year))
    records = DuesRecord.objects.visible_to(user).filter(person__in=[p.pk for p in people], month__year=year)
    by_key = {(r.person_id, r.month): r for r in records}
    organ_id = scope_of(user).organ_id
    arrived = arrivals(organ_id) if organ_id else {}
    writes_all = scope_of(user).has(Role.PARTY_OFFICER)
    kept = dues_branch_ids(user)
    this_month = month_start(clock.today())
    for person in people:
        first = first_due_month(person.party_joined_on, arrived.get(person.pk))
        cells = [
            DuesCell(month=m, record=by_key.get((person.pk, m)), due=first is None or m >= first, over=m < this_month)
            for m in ledger.months
        ]
        writable = writes_all or (person.branch_id is not None and person.branch_id in kept)
        ledger.lines.append(DuesLine(person=person, cells=cells, writable=writable))
    return ledger


def dues_records(*, user: Any, year: int, people: QuerySet[Person]) -> QuerySet[DuesRecord]:
    """The year's rows of `people` the user may see, in the export's order."""
    return (
        DuesRecord.objects.visible_to(user)
        .filter(month__year=year, person__in=people)
        .select_related("person__branch", "person__unit")
        .order_by("person__branch_id", "person__unit__order", "person_id", "month")
    )


def recordable_people(user: Any) -> QuerySet[Person]:
    """Whose dues the user may enter: any member of the organ for the office, else the members of the branches
    they keep (in office, or with a retirement behind them)."""
    scope = scope_of(user)
    people = Person.objects.filter(organ_id=scope.organ_id, party_status__in=PARTY_STATUSES)
    if not scope.has(Role.PARTY_OFFICER):
        people = people.filter(branch_id__in=dues_branch_ids(user))
    return people.select_related("unit").order_by("unit__order", "id")


def in_force_for_display(organ_id: int) -> tuple[DuesStandard | None, list[DuesBracket]]:
    """This month's standard and its rows (在职 first, lowest bracket first), for the line above the grid."""
    standard = standard_in_force(organ_id=organ_id, on=month_start(clock.today()))
    if standard is None:
        return None, []
    order = {category: i for i, category in enumerate(DuesCategory.values)}
    rows = sorted(standard.brackets.all(), key=lambda b: (order[b.category], b.upper_bound is None, b.upper_bound))
    return standard, rows


# --- what rule PL-015 counts (as the ledgers stood on the check date: docs/decisions/0007) --------------------
# Its members are org.selectors.party_members_on of the check date; these are the dues and attendance ledgers.


def branch_secretaries(*, organ_id: int, on: dt.date) -> dict[int, int]:
    """Branch → its secretary on `on` (who answers for following a lapsing member up), in the ledger as it stood
    then: a seat deleted later still stood, one entered with a start after `on` had not begun."""
    seats = BranchCommitteeMember.all_objects.filter(
        asof.live_on(on), organ_id=organ_id, post=BranchPost.SECRETARY, start__lte=on
    ).filter(Q(end__isnull=True) | Q(end__gte=on))
    return dict(seats.values_list("branch_id", "person_id"))


def _dues_rows(organ_id: int, as_of: dt.date, last_month: dt.date) -> QuerySet[DuesRecord]:
    return DuesRecord.all_objects.filter(asof.live_on(as_of), organ_id=organ_id, month__lte=last_month)


def dues_ledger_start(*, organ_id: int, as_of: dt.date, last_month: dt.date) -> dt.date | None:
    """The first month of the organ's dues ledger: months before it predate the system and are not judged."""
    return _dues_rows(organ_id, as_of, last_month).aggregate(first=Min("month"))["first"]


def settled_months(*, organ_id: int, as_of: dt.date, last_month: dt.date) -> dict[int, set[dt.date]]:
    """Person → the months up to `last_month` whose dues were paid on or before `as_of` (any amount: 少交 is
    paid, if short), or that owed nothing. A payment dated after `as_of` had not been made on that day."""
    rows = _dues_rows(organ_id, as_of, last_month).filter(Q(paid__gt=0, paid_on__lte=as_of) | Q(dues=0))
    found: dict[int, set[dt.date]] = defaultdict(set)
    for person_id, month in rows.values_list("person_id", "month"):
        found[person_id].add(month)
    return found


def organisational_life(*, organ_id: int, as_of: dt.date) -> tuple[dict[int, set[dt.date]], dict[int, set[dt.date]]]:
    """(listed, took part): person → months in which they were on the attendance list of a branch or party-group
    meeting held on or before `as_of`, and the months in which they came (出席) or were excused (请假, which states a
    reason: 党章第九条 speaks of 没有正当理由). The leading group's own meetings are not a member's 组织生活."""
    rows = Attendance.objects.filter(
        asof.live_on(as_of, "meeting__"), meeting__organ_id=organ_id, meeting__date__lte=as_of
    ).filter(Q(meeting__branch__isnull=False) | Q(meeting__party_group__isnull=False))
    listed: dict[int, set[dt.date]] = defaultdict(set)
    took_part: dict[int, set[dt.date]] = defaultdict(set)
    excused = (AttendanceStatus.PRESENT, AttendanceStatus.LEAVE)
    for person_id, status, day in rows.values_list("person_id", "status", "meeting__date"):
        listed[person_id].add(month_start(day))
        if status in excused:
            took_part[person_id].add(month_start(day))
    return listed, took_part
