"""Persona × ideology record × action, in the form of qinglian/duty/tests/test_permission_matrix.py.

The personas (root conftest.py): party_officer, unit_head (heads 办公室, A), cadre_same_unit, personnel_officer and
finance_officer sit in A; cadre_other_unit in 研究室 (B); leader supervises B; supervisor is the stationed group; the
three administrators have no person. Every staff account also holds the cadre role. `someone` is a fourth cadre of A.

The records, all of unit A:
- outlet: its responsible person (owner) is cadre_same_unit;
- piece: drafted by someone on an outlet of A with no responsible person; piece_drafted: drafted by cadre_same_unit;
  piece_owner: drafted by someone on the outlet cadre_same_unit answers for; piece_signed: drafted by someone,
  初审 signed by cadre_other_unit; piece_review: in review, waiting for 初审; piece_published: drafted by
  cadre_same_unit on the outlet cadre_same_unit answers for, published;
- forum: filed by someone; forum_drafted: filed by cadre_same_unit;
- report: responsible someone; report_own: responsible cadre_same_unit;
- opinion: responsible someone; opinion_own: responsible cadre_same_unit.

r = listed and readable, refused on write (403); w = also writable (access_*(write=True)); - = neither listed nor
found (404). The answers are querysets.py's and permissions.py's as written (see the notes under the table).
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import PERSONAS
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.ideology import permissions
from qinglian.ideology.choices import PieceStatus, Stage
from qinglian.ideology.models import Forum, OpinionEvent, Outlet, Piece, ReportItem
from qinglian.ideology.tests.factories import (
    ForumFactory,
    OpinionEventFactory,
    OutletFactory,
    PieceFactory,
    ReportItemFactory,
    SignoffFactory,
)
from qinglian.org.tests.factories import PersonFactory

EVERYONE = (*PERSONAS, "personnel_officer", "finance_officer")

# fmt: off
# po party_officer, uh unit_head, cs cadre_same_unit, co cadre_other_unit, ld leader, sv supervisor,
# sa sysadmin, se secadmin, aa auditadmin, pe personnel_officer, fi finance_officer
#                     po  uh  cs  co  ld  sv  sa  se  aa  pe  fi
MATRIX = {
    "outlet":        "w   r   r   r   r   r   -   -   -   r   r",
    "piece":         "w   r   -   -   r   r   -   -   -   -   -",
    "piece_drafted": "w   r   w   -   r   r   -   -   -   -   -",
    "piece_owner":   "w   r   w   -   r   r   -   -   -   -   -",
    "piece_signed":  "w   r   -   w   r   r   -   -   -   -   -",
    "piece_review":  "w   w   -   -   r   r   -   -   -   -   -",
    "piece_published": "w   r   w   -   r   r   -   -   -   -   -",
    "forum":         "w   r   -   -   r   r   -   -   -   -   -",
    "forum_drafted": "w   r   w   -   r   r   -   -   -   -   -",
    "report":        "w   -   -   -   r   r   -   -   -   -   -",
    "report_own":    "w   -   w   -   r   r   -   -   -   -   -",
    "opinion":       "w   r   -   -   r   r   -   -   -   -   -",
    "opinion_own":   "w   r   r   -   r   r   -   -   -   -   -",
}
# fmt: on
# - Outlets are every business account's to read (which accounts the organ runs); only 机关党委 keeps the register.
# - Acting on a piece (permissions.may_write_piece): 机关党委 and the outlet's responsible person always; while it is
#   unpublished, its drafter and signers; while in review, whoever may sign the pending stage — piece_review waits
#   for 初审 (level: the outlet's responsible person, none here), so the head of A may sign it and the leader, who
#   supervises B, may not. A published piece: only 机关党委 and the outlet's responsible person (piece_published).
# - A report item has no unit: the head of the responsible person's unit does not see it.
# - An opinion event's responsible person reads it; the register is 机关党委's to write.

MODELS = {"outlet": Outlet, "piece": Piece, "forum": Forum, "report": ReportItem, "opinion": OpinionEvent}
ACCESS = {
    "outlet": permissions.access_outlet,
    "piece": permissions.access_piece,
    "forum": permissions.access_forum,
    "report": permissions.access_report_item,
    "opinion": permissions.access_opinion_event,
}


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in EVERYONE}


@pytest.fixture
def targets(org, everyone):
    a = org.unit_a
    someone = PersonFactory(organ=org.organ, unit=a, name="某干部")
    own = everyone["cadre_same_unit"].person
    other = everyone["cadre_other_unit"].person
    outlet = OutletFactory(unit=a, owner=own, name="机关动态")
    no_owner = OutletFactory(unit=a, owner=None, name="通知公告")
    signed = PieceFactory(outlet=no_owner, drafter=someone)
    SignoffFactory(piece=signed, stage=Stage.FIRST, reviewer=other)
    return {
        "outlet": outlet,
        "piece": PieceFactory(outlet=no_owner, drafter=someone),
        "piece_drafted": PieceFactory(outlet=no_owner, drafter=own),
        "piece_owner": PieceFactory(outlet=outlet, drafter=someone),
        "piece_signed": signed,
        "piece_review": PieceFactory(outlet=no_owner, drafter=someone, status=PieceStatus.IN_REVIEW),
        "piece_published": PieceFactory(
            outlet=outlet, drafter=own, status=PieceStatus.PUBLISHED, published_on=dt.date(2026, 3, 1)
        ),
        "forum": ForumFactory(unit=a, applicant=someone),
        "forum_drafted": ForumFactory(unit=a, applicant=own),
        "report": ReportItemFactory(responsible=someone),
        "report_own": ReportItemFactory(responsible=own, kind="briefing"),
        "opinion": OpinionEventFactory(unit=a, responsible=someone),
        "opinion_own": OpinionEventFactory(unit=a, responsible=own),
    }


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, EVERYONE))
def test_matrix(target, persona_name, expected, everyone, targets):
    kind = target.split("_", 1)[0]
    check_cell(
        model=MODELS[kind],
        access=ACCESS[kind],
        user=everyone[persona_name],
        obj=targets[target],
        expected=expected,
        label=f"{persona_name} / {target}",
    )


def test_who_keeps_the_registers_drafts_and_reviews(everyone):
    def who(check) -> set[str]:
        return {name for name in EVERYONE if check(everyone[name])}

    staff = {"party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader"}
    assert who(permissions.can_keep_register) == {"party_officer"}
    # The stationed group reads and never writes; the administrators have no person and no business role.
    assert who(permissions.can_draft) == staff | {"personnel_officer", "finance_officer"}
    assert who(permissions.can_review) == who(permissions.can_draft)


def test_another_organs_records_are_nobodys_here(org, everyone):
    """The organ readers read every record of their own organ only."""
    from qinglian.org.tests.factories import OrganFactory, UnitFactory

    unit = UnitFactory(organ=OrganFactory(code="elsewhere"))
    rows = {
        "outlet": OutletFactory(unit=unit),
        "piece": PieceFactory(outlet=OutletFactory(unit=unit)),
        "forum": ForumFactory(unit=unit),
        "report": ReportItemFactory(responsible=PersonFactory(unit=unit)),
        "opinion": OpinionEventFactory(unit=unit),
    }
    for name in ("party_officer", "leader", "supervisor"):
        for kind, row in rows.items():
            check_cell(
                model=MODELS[kind],
                access=ACCESS[kind],
                user=everyone[name],
                obj=row,
                expected="-",
                label=f"{name} / other organ's {kind}",
            )
