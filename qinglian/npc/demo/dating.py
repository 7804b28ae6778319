"""The dating pass. The services stamped history and `updated_at` with the replayed moment (state.Clock), but
`created_at`, whose default was bound at import, carries the build's time: a row was created when its first
history row says, and last changed when its latest one says. Two subqueries per model, not a query per row."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from qinglian.npc.models import (
    Assignment,
    Contact,
    Deputy,
    DeputyActivity,
    HandlingUnitProfile,
    LiaisonStation,
    MaterialSubmission,
    MeetingAgendaItem,
    NpcMeeting,
    Reply,
    SatisfactionRecord,
    ServiceDesk,
    Session,
    Suggestion,
)
from qinglian.org.models import Organ, Unit

RECORDS = (
    ServiceDesk,
    Deputy,
    Session,
    HandlingUnitProfile,
    Suggestion,
    Assignment,
    Contact,
    Reply,
    SatisfactionRecord,
    NpcMeeting,
    MeetingAgendaItem,
    MaterialSubmission,
    LiaisonStation,
    DeputyActivity,
)


def redate(organ: Organ, unit_ids: list[int]) -> None:
    """Every npc row of the organ, and the external units the npc demo added (`unit_ids`)."""
    for model, rows in [(m, m.all_objects.filter(organ=organ)) for m in RECORDS] + [
        (Unit, Unit.all_objects.filter(pk__in=unit_ids))
    ]:
        history = model.history.model.objects.filter(id=OuterRef("pk"))
        first = history.order_by("history_date", "history_id").values("history_date")[:1]
        last = history.order_by("-history_date", "-history_id").values("history_date")[:1]
        rows.update(created_at=Subquery(first), updated_at=Subquery(last))
