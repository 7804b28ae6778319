"""Who may sign which stage of a piece: the level each person holds for it, and the people who hold a level.

A person's level for a piece is the highest of: the outlet's responsible person (阵地责任人) for the outlet's
pieces; a head of the drafting unit; a supervising leader (分管领导) of the drafting unit on the day; the Party
group secretary (主要负责人) for every piece. A stage needs its level or higher (Outlet.levels; one higher each for
a sensitive piece). Nobody signs their own draft, and one person signs one stage of a piece: three stages, three
people. Pages and services both ask here, so the queue shows exactly what the service will accept.
"""

from __future__ import annotations

import datetime as dt

from qinglian.core import clock
from qinglian.ideology.choices import ReviewerLevel
from qinglian.ideology.models import Piece
from qinglian.org.choices import LeadingGroupPost
from qinglian.org.models import LeadingGroupMember, Person
from qinglian.org.selectors import supervisors_of, unit_heads


def principals(organ_id: int, on: dt.date) -> set[int]:
    """Person ids of the Party group secretary (主要负责人) on the day."""
    rows = LeadingGroupMember.objects.filter(
        organ_id=organ_id, post=LeadingGroupPost.SECRETARY, start__lte=on, person__is_active=True
    ).exclude(end__lt=on)
    return set(rows.values_list("person_id", flat=True))


def holders(piece: Piece, on: dt.date | None = None) -> dict[int, set[int]]:
    """ReviewerLevel → person ids holding exactly that level's post for this piece (a person may appear twice)."""
    on = on or clock.today()
    outlet = piece.outlet
    return {
        ReviewerLevel.OUTLET_EDITOR: {outlet.owner_id} if outlet.owner_id else set(),
        ReviewerLevel.UNIT_HEAD: set(unit_heads(piece.organ_id, {piece.unit_id}).get(piece.unit_id, [])),
        ReviewerLevel.SUPERVISING_LEADER: {p.pk for p in supervisors_of(piece.unit, on=on)},
        ReviewerLevel.PRINCIPAL: principals(piece.organ_id, on),
    }


def level_of(person_id: int | None, piece: Piece, on: dt.date | None = None) -> int | None:
    """The highest ReviewerLevel `person_id` holds for the piece, None when they hold none."""
    if person_id is None:
        return None
    held = [level for level, people in holders(piece, on).items() if person_id in people]
    return max(held) if held else None


def eligible(piece: Piece, stage: int, on: dt.date | None = None) -> list[Person]:
    """People who may sign `stage` now: the level or higher, not the drafter, not a signer of another stage."""
    required = piece.outlet.levels(sensitive=piece.sensitive)[stage - 1]
    others = set(piece.signoffs.filter(decision="approve").exclude(stage=stage).values_list("reviewer_id", flat=True))
    people = set()
    for level, ids in holders(piece, on).items():
        if level >= required:
            people |= ids
    people -= others | {piece.drafter_id}
    return list(Person.objects.filter(pk__in=people).order_by("name"))
