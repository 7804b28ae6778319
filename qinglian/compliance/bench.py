"""`qinglian benchrules`: time every rule over the demo organ and over generated organs 5, 10 and 20 times
its size, to see how a run grows; for each, a run for today (current tables) and a replay for a date a quarter
back (the ledgers read as they stood then, from history: core.asof). Results go to docs/benchmarks.md by hand,
with the machine and date.

Run it on a scratch database (`make bench` uses var/bench.sqlite3), never on production data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import tracemalloc
from dataclasses import dataclass

from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding, RuleCheckpoint
from qinglian.core import clock
from qinglian.org.choices import PartyStatus, UnitKind
from qinglian.org.models import Branch, LeadingGroupMember, Organ, Person, Supervision, Unit


@dataclass
class Timing:
    label: str
    people: int
    subjects: int
    first_s: float
    rerun_s: float
    findings: int
    peak_mib: float
    queries: int


def generate_organ(*, factor: int, seed: int = 7) -> Organ:
    """An organ shaped like the demo (14 units, ~150 people, 5 branches) but `factor` times larger,
    with a few honest gaps: members outside any branch, units without a supervising leader, terms ending."""
    rng = random.Random(seed + factor)
    organ = Organ.objects.create(code=f"bench-x{factor}", name=f"基准测试机关×{factor}", short_name=f"基准×{factor}")
    today = dt.date(2026, 11, 25)
    # With history rows, as the demo and every service write them: a replay reads the people as they stood.
    units = bulk_create_with_history(
        [Unit(organ=organ, name=f"委室{i:04d}", kind=UnitKind.INTERNAL, order=i) for i in range(14 * factor)], Unit
    )
    branches = bulk_create_with_history(
        [
            Branch(
                organ=organ,
                name=f"第{i}党支部",
                term_start=today - dt.timedelta(days=rng.randint(100, 1200)),
                term_end=today + dt.timedelta(days=rng.randint(-30, 900)),
            )
            for i in range(5 * factor)
        ],
        Branch,
    )
    people = bulk_create_with_history(
        [
            Person(
                organ=organ,
                name=f"人员{i}",
                gender="male",
                unit=rng.choice(units),
                rank="clerk_2",
                party_status=PartyStatus.MEMBER if rng.random() < 0.88 else PartyStatus.MASSES,
                branch=rng.choice(branches) if rng.random() < 0.97 else None,
            )
            for i in range(151 * factor)
        ],
        Person,
        batch_size=1000,
    )
    leaders = people[: 8 * factor]
    LeadingGroupMember.objects.bulk_create(
        LeadingGroupMember(organ=organ, person=p, post="secretary" if i == 0 else "member", start=dt.date(2023, 1, 1))
        for i, p in enumerate(leaders[:8])
    )
    Supervision.objects.bulk_create(
        Supervision(organ=organ, leader=rng.choice(leaders), unit=u, start=dt.date(2023, 1, 1))
        for u in units
        if rng.random() < 0.95
    )
    return organ


def time_organ(organ: Organ, *, as_of: dt.date, label: str) -> Timing:
    people = Person.objects.filter(organ=organ).count()
    tracemalloc.start()
    queries_before = len(connection.queries)
    started = time.perf_counter()
    first = run_checks(organ_id=organ.pk, as_of=as_of)
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    run_checks(organ_id=organ.pk, as_of=as_of)
    rerun_s = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Timing(
        label=label,
        people=people,
        subjects=first.subjects,
        first_s=first_s,
        rerun_s=rerun_s,
        findings=Finding.objects.filter(organ=organ).count(),
        peak_mib=peak / 2**20,
        queries=len(connection.queries) - queries_before,
    )


def _both(organ: Organ, *, as_of: dt.date, label: str) -> list[Timing]:
    """Today's run (writes findings), then a replay a quarter back (reads history, writes none)."""
    Finding.objects.filter(organ=organ).delete()
    RuleCheckpoint.objects.filter(organ=organ).delete()
    return [
        time_organ(organ, as_of=as_of, label=label),
        time_organ(organ, as_of=as_of - dt.timedelta(days=91), label=f"{label}（回溯91天）"),
    ]


def run(*, factors: tuple[int, ...] = (5, 10, 20), as_of: dt.date | None = None) -> list[Timing]:
    as_of = as_of or clock.today()
    results = []
    demo = Organ.objects.filter(code="demo").first()
    if demo is not None:
        results += _both(demo, as_of=as_of, label="演示机关")
    for factor in factors:
        with transaction.atomic():
            Organ.objects.filter(code=f"bench-x{factor}").exists() or generate_organ(factor=factor)
        results += _both(Organ.objects.get(code=f"bench-x{factor}"), as_of=as_of, label=f"生成机关 ×{factor}")
    return results
