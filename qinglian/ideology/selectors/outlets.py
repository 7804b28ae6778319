"""Reads of the outlet register (意识形态阵地). Every list starts from `visible_to(user)`: every business account of
the organ sees which outlets it runs and who answers for them.

The last publication date of an outlet is the latest `published_on` of its live pieces up to today, whoever may
read the pieces themselves: that an outlet published, and when, is public. The IDEO-001 figures in force today
(warn_days, silent_days) colour the list as the rule will judge it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import RULES
from qinglian.core import clock
from qinglian.ideology.choices import NEW_MEDIA_KINDS, ONLINE_KINDS, FilingStatus, ReviewerLevel, Stage
from qinglian.ideology.models import Outlet, Piece
from qinglian.ideology.reviewers import principals
from qinglian.org.models import Person
from qinglian.org.selectors import supervisors_of, unit_heads

STATUS_FILTERS = [("open", "开设中"), ("closed", "已关停")]
SILENCE_RULE = "IDEO-001"
RECENT_PIECES = 10


@dataclass(frozen=True)
class Silence:
    """How long an open online outlet has not published, and how the IDEO-001 figures in force judge it."""

    last: dt.date | None  # the latest publication, None: never (counted from the opening)
    days: int
    level: str  # "" / "warning" (past warn_days) / "danger" (past silent_days)


def with_last_publication(qs: QuerySet[Outlet], on: dt.date | None = None) -> QuerySet[Outlet]:
    """Annotate `last_published`: the latest publication of the outlet's live pieces on or before `on`."""
    on = on or clock.today()
    live = Q(pieces__deleted_at__isnull=True, pieces__published_on__lte=on)
    return qs.annotate(last_published=Max("pieces__published_on", filter=live))


def outlet_list(
    user: Any, *, kind: str = "", unit_id: int | None = None, status: str = "", q: str = ""
) -> QuerySet[Outlet]:
    """The register by kind and name, filtered; `status` open (开设 today) or closed (关停 by today)."""
    qs = Outlet.objects.visible_to(user).select_related("unit", "owner")
    if kind:
        qs = qs.filter(kind=kind)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(account__icontains=q) | Q(owner__name__icontains=q))
    today = clock.today()
    if status == "open":
        qs = qs.open_on(today)
    elif status == "closed":
        qs = qs.filter(closed_on__lte=today)
    return with_last_publication(qs, today).order_by("kind", "name", "pk")


def silence_figures(organ_id: int | None, on: dt.date | None = None) -> tuple[int, int] | None:
    """(warn_days, silent_days) of IDEO-001 in force on the day for the organ; None when it has none."""
    if organ_id is None or SILENCE_RULE not in RULES:
        return None
    found = sets_in_force(organ_id=organ_id, on=on or clock.today(), codes=[SILENCE_RULE]).get(SILENCE_RULE)
    try:
        params = resolve(RULES[SILENCE_RULE], found)
    except MissingParameters:
        return None
    return int(params.warn_days), int(params.silent_days)


def silence_of(outlet: Outlet, figures: tuple[int, int] | None, on: dt.date | None = None) -> Silence | None:
    """How long the outlet has been silent (an annotated `last_published`), None for an outlet the rule does not
    read: not online, or not open on the day."""
    on = on or clock.today()
    if outlet.kind not in ONLINE_KINDS or outlet.opened_on > on or (outlet.closed_on and outlet.closed_on <= on):
        return None
    last = getattr(outlet, "last_published", None)
    days = (on - (last or outlet.opened_on)).days
    level = ""
    if figures is not None:
        warn, silent = figures
        level = "danger" if days >= silent else "warning" if days >= warn else ""
    return Silence(last, days, level)


def rows_with_silence(outlets: list[Outlet], figures: tuple[int, int] | None) -> list[tuple[Outlet, Silence | None]]:
    today = clock.today()
    return [(o, silence_of(o, figures, today)) for o in outlets]


def outlet_one(outlet: Outlet) -> Outlet:
    """The outlet with its `last_published` (for the detail page and the API)."""
    found = with_last_publication(Outlet.objects.filter(pk=outlet.pk)).values_list("last_published", flat=True)
    outlet.last_published = found.first()  # type: ignore[attr-defined]
    return outlet


def recent_pieces(user: Any, outlet: Outlet) -> list[Piece]:
    """The latest pieces of the outlet that the user may read, the published first by date."""
    qs = Piece.objects.visible_to(user).filter(outlet=outlet).select_related("drafter", "unit")
    return list(qs.order_by("-published_on", "-created_at", "-pk")[:RECENT_PIECES])


def awaiting_filing(user: Any) -> QuerySet[Outlet]:
    """Open new-media accounts without their filing (待备案), oldest opening first: the party office's to-do."""
    qs = Outlet.objects.visible_to(user).open_on(clock.today())
    qs = qs.filter(kind__in=list(NEW_MEDIA_KINDS)).exclude(filing_status=FilingStatus.FILED)
    return qs.order_by("opened_on", "pk")


@dataclass(frozen=True)
class ChainStep:
    stage: str  # 初审 / 复审 / 终审
    level: str  # the level's label
    sensitive_level: str  # the level a sensitive piece needs
    holders: list[str]  # who holds exactly that level today for a piece of the outlet's unit


def review_chain(outlet: Outlet) -> list[ChainStep]:
    """The outlet's three stages: their levels (one up for a sensitive piece) and who holds each today for a piece
    drafted in the outlet's unit (a piece of another unit has that unit's head and supervising leader)."""
    today = clock.today()
    heads = unit_heads(outlet.organ_id, {outlet.unit_id}).get(outlet.unit_id, [])
    held = {
        ReviewerLevel.OUTLET_EDITOR: [outlet.owner_id] if outlet.owner_id else [],
        ReviewerLevel.UNIT_HEAD: list(heads),
        ReviewerLevel.SUPERVISING_LEADER: [p.pk for p in supervisors_of(outlet.unit, on=today)],
        ReviewerLevel.PRINCIPAL: sorted(principals(outlet.organ_id, today)),
    }
    ids = {pk for people in held.values() for pk in people}
    names = dict(Person.objects.filter(pk__in=ids).values_list("pk", "name"))
    plain, sensitive = outlet.levels(), outlet.levels(sensitive=True)
    steps = []
    for stage, level, up in zip(Stage, plain, sensitive, strict=True):
        people = [names[pk] for pk in held[ReviewerLevel(level)] if pk in names]
        steps.append(ChainStep(stage.label, ReviewerLevel(level).label, ReviewerLevel(up).label, people))
    return steps
