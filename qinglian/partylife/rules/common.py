"""Shared pieces of the party-life rules: branch × period subjects and their "at least N" verdict, and the
organ's branches and committees as they stood on the day checked.

Every collector judges the ledgers as they stood on `ctx.as_of` (core.asof): a period's count includes only
what is dated on or before that day (`asof.cap`), a row soft-deleted later still stood then
(`core.asof.live_on`), and the members are those of the day (`org.selectors.party_members_on`: membership, unit
and branch from their history and their dated personnel events, not from today's row).

The generic period helpers (`frequency`, `look_back`) live in compliance.periods: duty's rules use them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from django.db.models import Q

from qinglian.compliance.periods import Period, frequency, recent
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict
from qinglian.core import asof
from qinglian.org.models import Branch, BranchCommitteeMember, Person
from qinglian.partylife.selectors.counts import meeting_counts

WARN = Param("warn_working_days", "期末前提醒（工作日）", unit="个工作日", minimum=0, maximum=60, period="working_days")
BRANCH_BASIS = "《中国共产党支部工作条例（试行）》"


def branches_on(organ_id: int, on: dt.date) -> list[Branch]:
    """The organ's branches that existed on `on`: established by then and not deleted by its end."""
    rows = Branch.all_objects.filter(asof.live_on(on), organ_id=organ_id).order_by("id")
    return [b for b in rows if b.established_on is None or b.established_on <= on]


def committee_on(organ_id: int, on: dt.date, as_of: dt.date | None = None) -> list[BranchCommitteeMember]:
    """Branch committee seats held on `on` (their own start and end dates decide), in the ledger as it stood on
    `as_of` (default `on`): a seat entered in error and deleted by then was never held."""
    rows = BranchCommitteeMember.all_objects.filter(asof.live_on(as_of or on), organ_id=organ_id, start__lte=on)
    return list(rows.filter(Q(end__isnull=True) | Q(end__gte=on)))


def _secretaries(organ_id: int, on: dt.date) -> dict[int, int]:
    return {row.branch_id: row.person_id for row in committee_on(organ_id, on) if row.post == "secretary"}


def branches_of(person_ids: Iterable[int], on: dt.date) -> dict[int, int | None]:
    """Person → the branch they belonged to on `on` (from their history)."""
    return asof.values_on(Person, on, "branch_id", ids=list(person_ids))


# --- branch × period frequency rules ------------------------------------------------------------------------


def _branch_periods(ctx: Context, kind: str, meeting_kind: str) -> Iterator[Subject]:
    secretaries = _secretaries(ctx.organ_id, ctx.as_of)
    branches = branches_on(ctx.organ_id, ctx.as_of)
    for period in recent(kind, ctx.as_of, ctx.params.look_back):
        counts = meeting_counts(organ_id=ctx.organ_id, start=period.start, end=period.end, as_of=ctx.as_of)
        last = asof.cap(period.end, ctx.as_of)
        for branch in branches:
            if branch.established_on and branch.established_on > last:
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
