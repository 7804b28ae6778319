"""Persona × npc model × action, in the form of qinglian/partylife/tests/test_permission_matrix.py.

Suggestions and stations are kept by unit A, materials by unit B (see conftest.py). Leaders and the
supervisor read everything and write nothing; the three administrators see nothing. The agenda item is
submitted by unit A, whose people may record its submissions but not change the item.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import PERSONAS
from qinglian.core.errors import NotFound
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.npc import permissions
from qinglian.npc.models import (
    Deputy,
    DeputyActivity,
    HandlingReport,
    LiaisonStation,
    MaterialSubmission,
    MeetingAgendaItem,
    NpcMeeting,
    Suggestion,
)
from qinglian.npc.tests.factories import (
    ActivityFactory,
    AgendaItemFactory,
    DeputyFactory,
    NpcMeetingFactory,
    StationFactory,
    SuggestionFactory,
)
from qinglian.org.tests.factories import OrganFactory

# fmt: off
#                  party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin
MATRIX = {
    "suggestion":  "w             w         w          r           r      r          -        -        -",
    "deputy":      "w             w         w          r           r      r          -        -        -",
    "station":     "w             w         w          r           r      r          -        -        -",
    "activity":    "w             w         w          r           r      r          -        -        -",
    "meeting":     "r             r         r          w           r      r          -        -        -",
    "item":        "r             r         r          w           r      r          -        -        -",
    "submission":  "w             w         w          w           r      r          -        -        -",
    "report":      "w             w         w          r           r      r          -        -        -",
}
# fmt: on

ACCESS = {
    "suggestion": (Suggestion, permissions.access_suggestion),
    "deputy": (Deputy, permissions.access_deputy),
    "station": (LiaisonStation, permissions.access_station),
    "activity": (DeputyActivity, permissions.access_activity),
    "meeting": (NpcMeeting, permissions.access_npc_meeting),
    "item": (MeetingAgendaItem, permissions.access_agenda_item),
    "submission": (MaterialSubmission, permissions.access_submission),
    "report": (HandlingReport, permissions.access_handling_report),
}


@pytest.fixture
def everyone(request, desks):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def targets(org, everyone):
    meeting = NpcMeetingFactory(organ=org.organ)
    item = AgendaItemFactory(meeting=meeting, submitting_unit=org.unit_a)
    submission = MaterialSubmission.objects.create(
        organ=org.organ, agenda_item=item, version=1, submitted_at=dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)
    )
    station = StationFactory(organ=org.organ)
    return {
        "suggestion": SuggestionFactory(organ=org.organ),
        "deputy": DeputyFactory(organ=org.organ),
        "station": station,
        "activity": ActivityFactory(organ=org.organ, station=station),
        "meeting": meeting,
        "item": item,
        "submission": submission,
        "report": HandlingReport.objects.create(organ=org.organ, year=2025),
    }


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, PERSONAS))
def test_matrix(target, persona_name, expected, everyone, targets):
    model, access = ACCESS[target]
    check_cell(
        model=model,
        access=access,
        user=everyone[persona_name],
        obj=targets[target],
        expected=expected,
        label=f"{persona_name} / {target}",
    )


@pytest.mark.parametrize(
    ("persona_name", "allowed"),
    [
        ("party_officer", False),
        ("unit_head", True),  # heads the suggestions desk unit
        ("cadre_same_unit", False),
        ("cadre_other_unit", False),
        ("leader", True),
        ("supervisor", False),
        ("sysadmin", False),
    ],
)
def test_only_a_leader_or_the_desk_head_approves_an_extension(persona_name, allowed, everyone):
    assert permissions.can_approve_extension(everyone[persona_name]) is allowed


def test_a_submitting_unit_records_only_its_own_items(org, everyone):
    meeting = NpcMeetingFactory(organ=org.organ)
    own_item = AgendaItemFactory(meeting=meeting, submitting_unit=org.unit_a)
    external_item = AgendaItemFactory(meeting=meeting)
    cadre = everyone["cadre_same_unit"]
    assert permissions.can_submit_material(cadre, own_item)
    assert not permissions.can_submit_material(cadre, external_item)
    assert permissions.can_submit_material(everyone["cadre_other_unit"], external_item)  # the materials desk


def test_another_organs_rows_are_invisible_even_to_its_desk(everyone):
    other = SuggestionFactory(organ=OrganFactory(code="other-organ"))
    with pytest.raises(NotFound):
        permissions.access_suggestion(everyone["party_officer"], other.pk)


def test_without_a_desk_nobody_writes(org, party_officer):
    suggestion = SuggestionFactory(organ=org.organ)
    assert permissions.access_suggestion(party_officer, suggestion.pk).pk == suggestion.pk
    assert not permissions.can_write_suggestions(party_officer)
