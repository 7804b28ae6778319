"""The dating pass. Most rows are written in batches (ledger.py) with their history dated by the plan: a row was
created when its first history row says, and last changed when its latest one says (core.demo_days.redate)."""

from __future__ import annotations

from qinglian.core import demo_days
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
    demo_days.redate(RECORDS, organ=organ)
    demo_days.redate([Unit], pk__in=unit_ids)
