"""Shared pieces of the party-life rules: branch × period subjects and their "at least N" verdict.

The generic period helpers (`frequency`, `look_back`) live in compliance.periods: duty's rules use them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from django.db.models import Q

from qinglian.compliance.periods import Period, frequency, recent
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict
from qinglian.org.models import Branch, BranchCommitteeMember
from qinglian.partylife import selectors

WARN = Param("warn_working_days", "期末前提醒（工作日）", unit="个工作日", minimum=0, maximum=60)
BRANCH_BASIS = "《中国共产党支部工作条例（试行）》"


def _secretaries(organ_id: int, on: dt.date) -> dict[int, int]:
    rows = BranchCommitteeMember.objects.filter(organ_id=organ_id, post="secretary", start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    return {row.branch_id: row.person_id for row in rows}


def _branch_periods(ctx: Context, kind: str, meeting_kind: str) -> Iterator[Subject]:
    secretaries = _secretaries(ctx.organ_id, ctx.as_of)
    branches = list(Branch.objects.filter(organ_id=ctx.organ_id))
    for period in recent(kind, ctx.as_of, ctx.params.look_back):
        counts = selectors.meeting_counts(organ_id=ctx.organ_id, start=period.start, end=period.end)
        for branch in branches:
            if branch.established_on and branch.established_on > period.end:
                continue
            yield Subject(
                type="org.branch",
                id=str(branch.pk),
                label=branch.name,
                period=period.key,
                link=f"/partylife/meetings/?branch={branch.pk}",
                person_id=secretaries.get(branch.pk),
                data={"held": counts.get((branch.pk, meeting_kind), 0), "period": period},
            )


def branch_collector(kind: str, meeting_kind: str) -> Callable[[Context], Iterator[Subject]]:
    """Branch × period subjects for the rule's look-back window (its `look_back` parameter)."""

    def collect(ctx: Context) -> Iterator[Subject]:
        return _branch_periods(ctx, kind, meeting_kind)

    return collect


def branch_rule(subject: Subject, p: Params, ctx: Context, what: str, per_month: bool = False) -> Verdict | None:
    period: Period = subject.data["period"]
    need = p.min_count * (period.months_elapsed(ctx.as_of) if per_month else 1)
    return frequency(
        what=what, held=subject.data["held"], need=need, period=period, as_of=ctx.as_of, warn=p.warn_working_days
    )
