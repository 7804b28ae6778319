"""`make bench-integrity`: time the draft of the record summary (廉政情况摘要,
selectors.opinion_summary.draft_summary) for every person of the demo organ — issue #16 asks for under 1 s per
person — and print the median, 90th percentile, maximum and the queries per person. Results go to
docs/benchmarks.md by hand, with the machine and date.

Run it on a scratch database (`make bench-integrity` uses var/bench.sqlite3, as `make bench` does), never on
production data: it reads only, but it reads every person's record.

    python -m qinglian.integrity.bench [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from dataclasses import dataclass


@dataclass
class SummaryTiming:
    people: int
    median_ms: float
    p90_ms: float
    max_ms: float
    total_s: float
    queries_per_person: float
    slowest: str


def run(*, as_of: dt.date | None = None) -> SummaryTiming | None:
    """Draft every person's summary on the demo organ (None when there is no demo organ)."""
    from django.conf import settings
    from django.db import connection, reset_queries

    from qinglian.core import clock
    from qinglian.core.demo import demo_organ
    from qinglian.integrity.selectors.opinion_summary import draft_summary
    from qinglian.org.models import Person

    organ = demo_organ()
    if organ is None:
        return None
    as_of = as_of or clock.today()
    people = list(Person.objects.filter(organ=organ).select_related("unit").order_by("pk"))
    settings.DEBUG = True  # count queries
    draft_summary(people[0], organ_id=organ.pk, as_of=as_of)  # the working-day calendar, loaded once per process
    reset_queries()
    times: list[tuple[float, str]] = []
    started = time.perf_counter()
    for person in people:
        t0 = time.perf_counter()
        draft_summary(person, organ_id=organ.pk, as_of=as_of)
        times.append((time.perf_counter() - t0, person.name))
    total = time.perf_counter() - started
    queries = len(connection.queries)
    settings.DEBUG = False
    seconds = sorted(t for t, _ in times)
    return SummaryTiming(
        people=len(people),
        median_ms=statistics.median(seconds) * 1000,
        p90_ms=seconds[int(len(seconds) * 0.9) - 1] * 1000,
        max_ms=seconds[-1] * 1000,
        total_s=total,
        queries_per_person=queries / len(people),
        slowest=max(times)[1],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="基准测试：演示机关每名人员的廉政情况摘要生成时间")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="摘要截止日期，默认今天")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from qinglian.integrity.models import IntegrityTalk

    if not IntegrityTalk.all_objects.exists():
        # `qinglian demo --if-empty` keeps a database built before the integrity demo: its summaries would be empty.
        print("演示数据库中没有廉政台账（可能早于廉政模块生成）：请删除 var/bench.sqlite3 后重新运行")
        return 1
    result = run(as_of=args.as_of)
    if result is None:
        print("没有演示机关：请先运行 qinglian demo（make bench-integrity 会在 var/bench.sqlite3 中生成）")
        return 1
    print("| 人员 | 中位数 ms | 90% ms | 最长 ms | 合计 s | 每人查询数 |")
    print("|---|---|---|---|---|---|")
    print(
        f"| {result.people} | {result.median_ms:.1f} | {result.p90_ms:.1f} | {result.max_ms:.1f} "
        f"| {result.total_s:.2f} | {result.queries_per_person:.1f} |"
    )
    print(f"最长的一人：{result.slowest}；要求：每人不超过 1 秒。")
    return 0 if result.max_ms < 1000 else 2


if __name__ == "__main__":
    sys.exit(main())
