"""The reviewer's queue (我的审核), the workbench card and the to-dos: the queue lists exactly the pieces whose pending
stage the service would let the person sign, for every person of the chain and every stage, and it costs the same
number of queries for one piece as for ten."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qinglian.compliance.todos import SOURCES
from qinglian.core.errors import QinglianError
from qinglian.ideology.choices import PieceStatus
from qinglian.ideology.models import ReviewSignoff
from qinglian.ideology.nav.pieces import queue_widget
from qinglian.ideology.selectors.pieces import posts_of, returned_to_me, review_queue
from qinglian.ideology.services import pieces as svc
from qinglian.ideology.tests.factories import PieceFactory, SignoffFactory, VersionFactory
from qinglian.org.scope import scope_of

pytestmark = pytest.mark.django_db

CLEAN = "市人大常委会机关召开会议，传达学习全会精神。\n会议要求，各委室要结合实际抓好贯彻落实。\n"
PEOPLE = ("drafter", "editor", "head", "fenguan", "shuji", "party_officer")
# Who signed the stages before the one under test: the default chain, a leader who took 初审 (so one person less
# for the later stages), and a sensitive piece (each stage one level up).
SCENARIOS = {
    "plain": (False, ("editor", "head")),
    "leader_first": (False, ("fenguan", "shuji")),
    "sensitive": (True, ("head", "fenguan")),
}


class Rollback(Exception):
    pass


def _accepts(user, piece, stage: int) -> bool:
    """Whether review_sign accepts `user` approving `stage` now (rolled back either way)."""
    try:
        with transaction.atomic():
            svc.review_sign(user=user, piece=piece, stage=stage, decision="approve")
            raise Rollback
    except Rollback:
        return True
    except QinglianError:
        return False


def _in_review(chain, *, sensitive: bool = False):
    piece = svc.piece_create(
        user=chain.drafter,
        outlet=chain.outlet,
        title="机关召开会议",
        kind="article",
        text=CLEAN,
        sensitive=sensitive,
        sensitive_reason="涉及重大政策" if sensitive else "",
    )
    svc.piece_submit(user=chain.drafter, piece=piece)
    return piece


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("stage", [1, 2, 3])
def test_the_queue_shows_exactly_what_the_service_accepts(chain, scenario, stage):
    sensitive, earlier = SCENARIOS[scenario]
    piece = _in_review(chain, sensitive=sensitive)
    for n, name in enumerate(earlier[: stage - 1], start=1):
        svc.review_sign(user=getattr(chain, name), piece=piece, stage=n, decision="approve")
    piece.refresh_from_db()
    shown, accepted = set(), set()
    for name in PEOPLE:
        user = getattr(chain, name)
        rows = [r for r in review_queue(user) if r.piece.pk == piece.pk]
        assert all(r.stage == stage for r in rows)
        if rows:
            shown.add(name)
        if _accepts(user, piece, stage):
            accepted.add(name)
    assert shown == accepted
    assert "drafter" not in shown
    if scenario == "plain":
        assert {1: {"editor", "head", "fenguan", "shuji"}, 2: {"head", "fenguan", "shuji"}, 3: {"fenguan", "shuji"}}[
            stage
        ] == shown
    if scenario == "leader_first" and stage == 3:
        assert shown == set()  # both leaders above 终审's level have signed a stage


def test_returned_and_finished_pieces_leave_the_queue_and_the_drafter_sees_the_return(chain):
    piece = _in_review(chain)
    assert [r.piece.pk for r in review_queue(chain.editor)] == [piece.pk]
    svc.review_sign(user=chain.editor, piece=piece, stage=1, decision="return", opinion="请补充会议要求")
    assert review_queue(chain.editor) == [] and review_queue(chain.fenguan) == []
    assert list(returned_to_me(chain.drafter)) == [piece]
    items = SOURCES["ideology_piece_returned"].items(chain.drafter)
    assert len(items) == 1 and "请补充会议要求" in items[0].detail and items[0].link == f"/ideology/pieces/{piece.pk}/"
    assert SOURCES["ideology_piece_returned"].count(chain.drafter) == 1
    assert SOURCES["ideology_piece_returned"].count(chain.editor) == 0


def test_the_card_and_the_todo_of_the_queue(chain, cadre_other_unit, supervisor):
    request = RequestFactory().get("/")
    request.user = chain.editor
    assert queue_widget(request) is None
    piece = _in_review(chain)
    data = queue_widget(request)
    assert data["count"] == 1 and data["rows"][0].piece == piece
    items = SOURCES["ideology_piece_queue"].items(chain.editor)
    assert [i.title for i in items] == ["《机关召开会议》待初审"] and items[0].due is None
    assert SOURCES["ideology_piece_queue"].count(chain.editor) == 1
    for nobody in (cadre_other_unit, supervisor, chain.drafter):
        assert SOURCES["ideology_piece_queue"].count(nobody) == 0
    assert posts_of(supervisor).holds_any is False


def _pieces(chain, n: int) -> None:
    """n pieces in review of the chain's outlet, half of them past 初审 (rows only: the queue reads rows)."""
    for i in range(n):
        piece = PieceFactory(
            outlet=chain.outlet, unit=chain.outlet.unit, status=PieceStatus.IN_REVIEW, submitted_on=None
        )
        VersionFactory(piece=piece, number=1)
        if i % 2:
            SignoffFactory(piece=piece, stage=1, reviewer=chain.editor.person)


def _cost(user) -> tuple[int, int]:
    scope_of(user)  # the request's scope is computed once, before any page runs
    with CaptureQueriesContext(connection) as queries:
        rows = review_queue(user)
        SOURCES["ideology_piece_queue"].count(user)
        SOURCES["ideology_piece_returned"].count(user)
    return len(queries), len(rows)


@pytest.mark.parametrize("who", ["editor", "head", "fenguan", "shuji"])
def test_the_queue_costs_the_same_for_one_piece_and_for_ten(chain, who, django_assert_max_num_queries):
    user = getattr(chain, who)
    _pieces(chain, 1)
    one, shown_one = _cost(user)
    _pieces(chain, 9)
    ten, shown_ten = _cost(user)
    assert one == ten
    assert shown_ten > shown_one
    with django_assert_max_num_queries(14):
        review_queue(user)
    assert ReviewSignoff.objects.count() == 4


def test_the_workbench_and_the_todo_page_show_the_queue(chain, client):
    piece = _in_review(chain)
    client.force_login(chain.editor)
    page = client.get(reverse("workbench")).content.decode()
    assert 'data-testid="widget-ideology-queue"' in page and f"/ideology/pieces/{piece.pk}/" in page
    page = client.get(reverse("todo")).content.decode()
    assert "待审核稿件" in page and "《机关召开会议》待初审" in page
    page = client.get(reverse("ideology_piece_queue")).content.decode()
    assert 'data-testid="queue-row"' in page and 'data-stage="1"' in page
    client.force_login(chain.drafter)
    assert 'data-testid="widget-ideology-queue"' not in client.get(reverse("workbench")).content.decode()
