"""The review chain of the ideology tests: an outlet of unit A and the people who hold each level for its pieces.

`chain` gives: the drafter (a cadre of unit A), the outlet's responsible person (editor, a cadre of unit A), the
head of unit A (the `unit_head` fixture), the leader who supervises unit A (fenguan), the Party group secretary
(shuji), and the party-affairs officer who keeps the registers. The outlet's levels are the defaults: 初审 by the
responsible person, 复审 by the unit head, 终审 by the supervising leader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from qinglian.org.choices import LeadingGroupPost, Role


@dataclass
class Chain:
    outlet: Any
    drafter: Any
    editor: Any
    head: Any
    fenguan: Any
    shuji: Any
    party_officer: Any


def _staff(org, username: str, unit, *roles: str):
    from qinglian.org.tests.factories import PersonFactory, UserFactory

    person = PersonFactory(organ=org.organ, unit=unit, name=username)
    return UserFactory(username=username, organ=org.organ, person=person, roles=list(roles))


@pytest.fixture
def chain(org, unit_head, party_officer) -> Chain:
    from qinglian.ideology.tests.factories import OutletFactory
    from qinglian.org.models import LeadingGroupMember
    from qinglian.org.tests.factories import SupervisionFactory

    drafter = _staff(org, "drafter", org.unit_a, Role.CADRE)
    editor = _staff(org, "editor", org.unit_a, Role.CADRE)
    fenguan = _staff(org, "fenguan", org.unit_b, Role.LEADER)
    SupervisionFactory(organ=org.organ, leader=fenguan.person, unit=org.unit_a)
    shuji = _staff(org, "shuji", org.unit_b, Role.LEADER)
    LeadingGroupMember.objects.create(
        organ=org.organ, person=shuji.person, post=LeadingGroupPost.SECRETARY, start=dt.date(2020, 1, 1)
    )
    outlet = OutletFactory(unit=org.unit_a, owner=editor.person, name="门户网站·机关动态")
    return Chain(outlet, drafter, editor, unit_head, fenguan, shuji, party_officer)
