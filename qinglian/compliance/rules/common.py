"""The organisation as it stood on D, shared by the organisation rules: the branches standing on D with the term
running on D, each branch's committee as seated on D, and whether a dated seat was held on D.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from qinglian.compliance.registry import Subject
from qinglian.core import asof
from qinglian.org.choices import BranchPost
from qinglian.org.models import Branch, BranchCommitteeMember

# --- the organisation as it stood on D (people and units: org.selectors.people_on, party_members_on, units_on) --


def held_on(as_of: dt.date) -> Q:
    """A dated seat (支部委员, 党组成员, 分管) held on D: begun by D, not ended before D, not deleted by D."""
    return Q(start__lte=as_of) & (Q(end__isnull=True) | Q(end__gte=as_of)) & asof.live_on(as_of)


@dataclass(frozen=True)
class Term:
    """A branch committee's term as known on D. `later_only`: the only term on record began after D, so the one
    running on D was never entered."""

    start: dt.date | None
    end: dt.date | None
    later_only: bool = False


def _term_on(then: Mapping[str, Any], now: Mapping[str, Any] | None, as_of: dt.date) -> Term:
    """The term running on D: the one on record at the end of D, unless the term on record today began by D — a
    re-election held by D but entered after it counts, by its own start date; one held after D does not."""
    start, end = then["term_start"], then["term_end"]
    latest = now["term_start"] if now is not None else None
    if latest is not None and latest <= as_of and (start is None or start > as_of or latest > start):
        return Term(latest, now["term_end"] if now is not None else None)
    if start is not None and start > as_of:
        return Term(None, None, later_only=True)
    return Term(start, end)


@dataclass(frozen=True)
class BranchOnD:
    id: int
    name: str
    term: Term


def branches_on(organ_id: int, as_of: dt.date) -> list[BranchOnD]:
    """The organ's branches standing on D: established by D (成立日期, where recorded), not deleted by D."""
    fields = ["name", "established_on", "term_start", "term_end", "deleted_at"]
    then = asof.fields_on(Branch, as_of, fields, where={"organ_id": organ_id})
    current = Branch.all_objects.filter(organ_id=organ_id).values("id", "term_start", "term_end")
    now = {row["id"]: row for row in current}
    return [
        BranchOnD(pk, row["name"], _term_on(row, now.get(pk), as_of))
        for pk, row in sorted(then.items())
        if asof.stood(row["deleted_at"], as_of) and (row["established_on"] is None or row["established_on"] <= as_of)
    ]


@dataclass(frozen=True)
class Committee:
    seats: frozenset[int]  # the people holding a seat on D
    secretary: int | None


def committees_on(organ_id: int, as_of: dt.date) -> dict[int, Committee]:
    """Each branch's committee as seated on D (by the seats' own start and end dates)."""
    rows = (
        BranchCommitteeMember.all_objects.filter(organ_id=organ_id)
        .filter(held_on(as_of))
        .order_by("start", "id")
        .values_list("branch_id", "person_id", "post")
    )
    seats: dict[int, set[int]] = {}
    secretaries: dict[int, int] = {}
    for branch_id, person_id, post in rows:
        seats.setdefault(branch_id, set()).add(person_id)
        if post == BranchPost.SECRETARY:
            secretaries[branch_id] = person_id
    return {pk: Committee(frozenset(people), secretaries.get(pk)) for pk, people in seats.items()}


def branch_subject(branch: BranchOnD, committee: Committee | None, data: Mapping[str, Any]) -> Subject:
    return Subject(
        type="org.branch",
        id=str(branch.id),
        label=branch.name,
        link=f"/org/branches/{branch.id}/",
        person_id=committee.secretary if committee else None,
        data=data,
    )
