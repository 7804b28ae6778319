"""Who may sign which stage (reviewers.py): levels per outlet, one level up for a sensitive piece, never the drafter
nor the signer of another stage."""

from __future__ import annotations

import pytest

from qinglian.ideology import reviewers
from qinglian.ideology.choices import ReviewerLevel, Stage
from qinglian.ideology.tests.factories import OutletFactory, PieceFactory, SignoffFactory

pytestmark = pytest.mark.django_db

E, H, S, P = (
    ReviewerLevel.OUTLET_EDITOR,
    ReviewerLevel.UNIT_HEAD,
    ReviewerLevel.SUPERVISING_LEADER,
    ReviewerLevel.PRINCIPAL,
)


@pytest.mark.parametrize(
    ("levels", "sensitive", "expected"),
    [
        ((E, H, S), False, (E, H, S)),
        ((E, H, S), True, (H, S, P)),
        ((H, S, P), True, (H, S, P)),
        ((E, S, P), True, (H, S, P)),
        ((E, H, P), True, (H, S, P)),
    ],
)
def test_levels_move_up_one_for_a_sensitive_piece_and_stay_ascending(org, levels, sensitive, expected):
    outlet = OutletFactory.build(first_level=levels[0], second_level=levels[1], final_level=levels[2])
    assert outlet.levels(sensitive=sensitive) == expected


def test_each_person_holds_the_highest_of_their_posts(chain):
    piece = PieceFactory(outlet=chain.outlet, unit=chain.outlet.unit, drafter=chain.drafter.person)
    assert reviewers.level_of(chain.editor.person.pk, piece) == E
    assert reviewers.level_of(chain.head.person.pk, piece) == H
    assert reviewers.level_of(chain.fenguan.person.pk, piece) == S
    assert reviewers.level_of(chain.shuji.person.pk, piece) == P
    assert reviewers.level_of(chain.drafter.person.pk, piece) is None


def test_eligible_excludes_the_drafter_and_the_signer_of_another_stage(chain):
    piece = PieceFactory(outlet=chain.outlet, unit=chain.outlet.unit, drafter=chain.head.person)
    first = {p.pk for p in reviewers.eligible(piece, Stage.FIRST)}
    assert chain.head.person.pk not in first  # the drafter
    assert {chain.editor.person.pk, chain.fenguan.person.pk, chain.shuji.person.pk} <= first
    SignoffFactory(piece=piece, stage=Stage.FIRST, reviewer=chain.fenguan.person)
    second = {p.pk for p in reviewers.eligible(piece, Stage.SECOND)}
    assert chain.fenguan.person.pk not in second
    assert second == {chain.shuji.person.pk}
