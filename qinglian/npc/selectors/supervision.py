"""Reads of key supervision (重点督办) for NPC-012: the suggestions that were key on a day, from when their
supervision plan (督办工作方案) is counted, and the plan's date.

The chairpersons' meeting's decision carries its own date (`Suggestion.key_decided_on`), so a suggestion marked key
now is key on a day only from that date on, however late the desk entered it. A mark taken off later has no date
of its own (unmarking clears the decision), so for a past day the suggestion is read from its history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from qinglian.core import asof
from qinglian.npc.models import Suggestion

_FIELDS = ["is_key", "key_decided_on", "supervising_committee_id", "supervising_leader_id", "supervision_plan_on"]


@dataclass(frozen=True)
class KeyOnDay:
    """A suggestion that was key on the day, as NPC-012 judges it."""

    id: int
    number: str
    title: str
    year: int
    start: dt.date  # the decision (key_decided_on); for a row without one, its 交办 date, else its receipt
    decided_on: dt.date | None
    committee_id: int | None
    leader_id: int | None
    plan_on: dt.date | None  # may be after the day: the rule judges it with core.asof.known


def _key_on(row: dict[str, Any], as_of: dt.date) -> bool:
    decided = row["key_decided_on"]
    return bool(row["is_key"]) and (decided is None or decided <= as_of)


def key_suggestions_as_of(*, organ_id: int, years: list[int], as_of: dt.date) -> list[KeyOnDay]:
    """The organ's suggestions of `years` received by `as_of` that were key at the end of it, by number.

    A suggestion key now with a recorded decision is judged by the decision's date (the ledger is back-filled);
    any other — unmarked since, or key without a date — by its history on the day (current rows for today).
    """
    rows = list(
        Suggestion.all_objects.filter(asof.live_on(as_of), organ_id=organ_id, year__in=years, received_on__lte=as_of)
        .order_by("year", "number", "pk")
        .values("pk", "number", "title", "year", "received_on", "assigned_on", *_FIELDS)
    )
    unsure = [r["pk"] for r in rows if not (r["is_key"] and r["key_decided_on"])]
    then = asof.fields_on(Suggestion, as_of, _FIELDS, ids=unsure) if unsure else {}
    found = []
    for row in rows:
        state = row if row["is_key"] and row["key_decided_on"] else then.get(row["pk"])
        if state is None or not _key_on(state, as_of):
            continue
        start = state["key_decided_on"] or asof.known(row["assigned_on"], as_of) or row["received_on"]
        found.append(
            KeyOnDay(
                id=row["pk"],
                number=row["number"],
                title=row["title"],
                year=row["year"],
                start=start,
                decided_on=state["key_decided_on"],
                committee_id=state["supervising_committee_id"],
                leader_id=state["supervising_leader_id"],
                plan_on=state["supervision_plan_on"],
            )
        )
    return found
