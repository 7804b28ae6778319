"""Two people for a suggestion's extension (issue #13 item 4): whoever entered the request, or heads the lead
handling unit that asked for it, does not approve it; another approver may. The service refuses with the reason."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.core.errors import Forbidden
from qinglian.npc.choices import SuggestionStatus
from qinglian.npc.models import Suggestion
from qinglian.npc.services.suggestions import extension_approve, extension_request
from qinglian.npc.tests.factories import AssignmentFactory, SuggestionFactory

D = dt.date


@pytest.fixture
def suggestion(desks, bureau):
    suggestion = SuggestionFactory(organ=desks.organ, status=SuggestionStatus.HANDLING, assigned_on=D(2026, 7, 7))
    AssignmentFactory(suggestion=suggestion, unit=bureau, assigned_on=D(2026, 7, 7))
    return suggestion


def test_the_desk_head_who_entered_the_request_does_not_approve_it(suggestion, unit_head, leader):
    extension_request(suggestion=suggestion, requested_on=D(2026, 8, 1), reason="涉及多部门", by=unit_head)
    assert Suggestion.objects.get(pk=suggestion.pk).extension_requested_by == unit_head
    with pytest.raises(Forbidden, match="该事项由您本人提出或报送，不能批准延期"):
        extension_approve(suggestion=suggestion, approved_on=D(2026, 8, 3), by=unit_head)
    assert not Suggestion.objects.get(pk=suggestion.pk).is_extended
    extension_approve(suggestion=suggestion, approved_on=D(2026, 8, 3), by=leader)
    assert Suggestion.objects.get(pk=suggestion.pk).extension_approved_by == leader


def test_the_head_of_the_lead_unit_does_not_approve_its_own_extension(org, suggestion, cadre_same_unit, bureau):
    from conftest import _staff
    from qinglian.org.choices import Role

    bureau_head_leader = _staff(org, "bureau_head", org.unit_b, Role.LEADER, Role.UNIT_HEAD, head_of=bureau)
    extension_request(suggestion=suggestion, requested_on=D(2026, 8, 1), reason="涉及多部门", by=cadre_same_unit)
    with pytest.raises(Forbidden, match="您是该事项责任委室的负责人，不能批准延期"):
        extension_approve(suggestion=suggestion, approved_on=D(2026, 8, 3), by=bureau_head_leader)
