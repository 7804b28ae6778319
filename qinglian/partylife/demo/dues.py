"""党费: every member's dues month by month from January of last year, priced by the shipped standard and paid in
full on a working day of the month, with the gaps chosen up front for rule PL-015 — one member three to five months
behind (yellow), one six or more (red) — and a few months paid short (少交, which PL-015 does not count).

Members and their first month are the rule's own (`org.selectors.party_members_on`, `selectors.dues.first_due_month`),
so that nothing else is flagged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from simple_history.utils import bulk_create_with_history

from qinglian.core.demo_days import moment
from qinglian.org.models import Person
from qinglian.org.selectors import PersonOn, party_members_on
from qinglian.partylife.choices import DuesCategory
from qinglian.partylife.demo.state import PartyDemo
from qinglian.partylife.models import DuesRecord
from qinglian.partylife.selectors.dues import (
    Pricer,
    add_months,
    first_due_month,
    last_whole_month,
    month_end,
    month_start,
    months_between,
)

# Monthly after-tax pay of a city organ's cadres by 职级 (yuan, low–high); anyone else at the clerks' rate.
PAY: dict[str, tuple[int, int]] = {
    "department_chief": (14000, 16000),
    "department_deputy": (12000, 14000),
    "bureau_chief": (10000, 12000),
    "bureau_deputy": (8800, 10500),
    "inspector_1": (9500, 11000),
    "inspector_2": (8800, 10000),
    "inspector_3": (8000, 9200),
    "inspector_4": (7500, 8600),
    "section_chief": (7000, 8200),
    "section_deputy": (6200, 7400),
}
CLERKS = (4800, 6800)
RAISE = Decimal("1.03")  # this January's pay rise
SHORT_MONTHS = 3  # months paid short, spread over members not behind


@dataclass
class DuesGaps:
    behind: dict[int, int] = field(default_factory=dict)  # person → months unpaid up to the last whole month
    short: list[tuple[int, dt.date]] = field(default_factory=list)  # (person, month) paid short


def _pay(pd: PartyDemo, ranks: dict[int, str], person_id: int) -> dict[int, Decimal]:
    """Year → the member's monthly pay that year (to the yuan)."""
    low, high = PAY.get(ranks.get(person_id, ""), CLERKS)
    last_year = Decimal(pd.rng.randrange(low, high + 1, 10))
    return {pd.years[0]: last_year, pd.years[1]: (last_year * RAISE).quantize(Decimal("1"))}


def _first_month(member: PersonOn) -> dt.date | None:
    return first_due_month(member.party_joined_on, member.arrived_on)


def _choose(pd: PartyDemo, members: list[PersonOn]) -> DuesGaps:
    """Two members well away from the branch committees and the leading group fall behind; a few pay short."""
    busy = set(pd.leader_ids) | {pd.party_officer} | {p for seats in pd.committees.values() for p in seats.values()}
    busy |= {g.leader_id for groups in pd.groups.values() for g in groups} | set(pd.gaps.long_absent)
    pool = [m.id for m in members if m.id not in busy and (_first_month(m) or pd.start) <= pd.start]
    yellow, red, *others = pd.rng.sample(pool, 2 + SHORT_MONTHS)
    gaps = DuesGaps(behind={yellow: pd.rng.randint(3, 5), red: pd.rng.randint(6, 8)})
    last = last_whole_month(pd.today)
    for pid in others:
        gaps.short.append((pid, pd.rng.choice(months_between(pd.start, last))))
    return gaps


def _record(pd: PartyDemo, pricer: Pricer, pid: int, month: dt.date, income: Decimal, paid: str) -> DuesRecord | None:
    """One month: "full", "short" or "none" (entered as 欠缴 at the month's end); None for this month not yet paid."""
    price = pricer.price(month=month, category=DuesCategory.SERVING, income=income)
    if price is None:
        raise RuntimeError(f"{month:%Y年%m月}没有党费计算标准：请先 migrate（随版本发布的标准在迁移后载入）")
    day = pd.days.pick(month + dt.timedelta(days=4), month + dt.timedelta(days=24))
    if paid == "none":
        day = pd.days.pick(month + dt.timedelta(days=20), month_end(month))
    if day is None or day > pd.today:
        return None
    amount = {"full": price.dues, "short": (price.dues / 2).quantize(Decimal("1")), "none": Decimal("0")}[paid]
    record = DuesRecord(
        organ=pd.organ,
        person_id=pid,
        month=month,
        category=DuesCategory.SERVING,
        base_income=income,
        standard=price.standard,
        rate=price.rate,
        dues=price.dues,
        paid=amount,
        paid_on=day if amount else None,
        note="本人申请分次交纳，余额下月补齐" if paid == "short" else "",
    )
    record.created_at = record._history_date = moment(day, 15)
    return record


def build(pd: PartyDemo) -> tuple[list[DuesRecord], DuesGaps]:
    members = party_members_on(pd.organ.pk, pd.today)
    ranks = dict(Person.objects.filter(organ=pd.organ).values_list("pk", "rank"))
    gaps = _choose(pd, members)
    last, pricer = last_whole_month(pd.today), Pricer(pd.organ.pk)
    records = []
    for member in members:
        pay = _pay(pd, ranks, member.id)
        first = max(filter(None, [_first_month(member), pd.start]))
        behind = gaps.behind.get(member.id, 0)
        unpaid_from = add_months(last, 1 - behind) if behind else None
        for month in months_between(first, month_start(pd.today)):
            if unpaid_from and month >= unpaid_from:
                how = "none" if month <= last else "skip"  # nor this month, for one who is behind
            else:
                how = "short" if (member.id, month) in gaps.short else "full"
            record = None if how == "skip" else _record(pd, pricer, member.id, month, pay[month.year], how)
            if record is not None:
                records.append(record)
    bulk_create_with_history(records, DuesRecord, batch_size=1000)
    DuesRecord.all_objects.filter(organ=pd.organ).update(updated_at=F("created_at"))
    DuesRecord.history.filter(organ_id=pd.organ.pk).update(updated_at=F("created_at"))
    return records, gaps
