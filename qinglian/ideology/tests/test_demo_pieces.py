"""The demo organ's year of pieces: about sixty-five through the review (January's copied from paper), drafters of
three units, the rules on the review (IDEO-010…013) find exactly the one planted paper row, the two political slips
caught before 终审 and fixed in a second version, the video account silent since mid-October while the other online
outlets keep publishing, and the three pieces left in review at today with the right reviewers."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.ideology import proofing, reviewers
from qinglian.ideology.choices import PRINT_KINDS, PieceStatus, ReviewDecision, SignoffSource, Stage
from qinglian.ideology.models import Outlet, Piece, PieceVersion, ReviewSignoff
from qinglian.ideology.services.pieces import pending_stage
from qinglian.org.models import User

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
ORGAN = DemoSpec(seed=2026, today=TODAY)
REVIEW_RULES = ("IDEO-010", "IDEO-011", "IDEO-012", "IDEO-013")
ONLINE = ("门户网站·工作动态", "门户网站·通知公告", "微信公众号")


def _person(username: str) -> int:
    return User.objects.get(username=username).person_id


@pytest.mark.demo_build(ORGAN)
def test_a_year_of_pieces_through_the_review(shared_demo):
    pieces = Piece.objects.filter(organ=shared_demo.organ)
    assert 60 <= pieces.count() <= 80
    published = pieces.filter(status=PieceStatus.PUBLISHED)
    assert published.count() == pieces.count() - 3
    assert not published.filter(published_on__gt=TODAY).exists()
    paper = published.filter(entry_source=SignoffSource.PAPER)
    assert paper.count() == 8
    assert set(paper.values_list("published_on__month", flat=True)) == {1}
    assert not published.filter(entry_source=SignoffSource.SYSTEM, published_on__month=1).exists()
    assert not ReviewSignoff.objects.filter(piece__in=paper).exclude(source=SignoffSource.PAPER).exists()
    system = published.filter(entry_source=SignoffSource.SYSTEM)
    assert not system.filter(versions__isnull=True).exists()  # the engine ran on every version made here
    units = set(pieces.values_list("unit__name", flat=True))
    assert {"法制工作委员会", "办公室", "人事代表选举工作委员会"} <= units
    assert pieces.filter(drafter_id=_person("ganbu")).count() >= 10
    for piece in published.filter(outlet__kind__in=PRINT_KINDS):
        rounds = sorted(piece.proof_rounds.values_list("round", "done_on"))
        assert [r for r, _ in rounds] == [1, 2, 3] and rounds[-1][1] <= piece.published_on, piece.title
    assert published.filter(sensitive=True).exists()


@pytest.mark.demo_build(ORGAN)
def test_the_review_rules_find_the_planted_paper_row_only(shared_demo):
    organ = shared_demo.organ
    run_checks(organ_id=organ.pk, as_of=TODAY, codes=list(REVIEW_RULES))
    findings = list(Finding.objects.filter(organ=organ, rule_code__in=REVIEW_RULES, status="open"))
    assert [(f.rule_code, f.severity) for f in findings] == [("IDEO-010", "red")], [f.reason for f in findings]
    piece = Piece.objects.get(pk=findings[0].subject_id)
    assert piece.entry_source == SignoffSource.PAPER and piece.published_on.month == 1
    signers = dict(piece.signoffs.values_list("stage", "reviewer_id"))
    assert signers[Stage.SECOND] == signers[Stage.FINAL] != signers[Stage.FIRST]
    assert "一人签署了复审、终审" in findings[0].reason


@pytest.mark.demo_build(ORGAN)
def test_two_political_slips_are_returned_at_final_review_and_fixed_in_a_second_version(shared_demo):
    firsts = PieceVersion.objects.filter(piece__organ=shared_demo.organ, number=1, political_errors__gt=0)
    assert firsts.count() == 2
    for first in firsts:
        piece = first.piece
        assert piece.status == PieceStatus.PUBLISHED
        assert any(proofing.is_political_error(i) for i in first.issues)
        returned = piece.signoffs.get(stage=Stage.FINAL, decision=ReviewDecision.RETURN)
        assert returned.version == first and "政治性表述错误" in returned.opinion
        approved = piece.signoffs.get(stage=Stage.FINAL, decision=ReviewDecision.APPROVE)
        assert approved.version.number == 2 and approved.version.political_errors == 0
        assert not approved.version.overrides.exists()  # fixed, not overridden
        assert piece.published_on >= approved.signed_on
    # Every other version the organ wrote is free of political errors: the two slips are all the engine catches.
    others = PieceVersion.objects.filter(piece__organ=shared_demo.organ, political_errors__gt=0)
    assert set(others) == set(firsts)


@pytest.mark.demo_build(ORGAN)
def test_the_video_account_falls_silent_in_october_while_the_others_publish_weekly(shared_demo):
    last = {}
    for outlet in Outlet.objects.filter(organ=shared_demo.organ, name__in=(*ONLINE, "微信视频号")):
        days = sorted(
            outlet.pieces.filter(status=PieceStatus.PUBLISHED).values_list("published_on", flat=True).distinct()
        )
        last[outlet.name] = days[-1]
        if outlet.name in ONLINE:
            autumn = [d for d in days if d >= dt.date(2026, 9, 1)]
            gaps = [(b - a).days for a, b in itertools.pairwise(autumn)]
            assert len(autumn) >= 6 and max(gaps) < 14, (outlet.name, autumn)
    video = last.pop("微信视频号")
    assert dt.date(2026, 10, 10) <= video <= dt.date(2026, 10, 20)
    assert set(last) == set(ONLINE)
    assert all(TODAY - dt.timedelta(days=7) <= day < TODAY for day in last.values()), last
    run_checks(organ_id=shared_demo.organ.pk, as_of=TODAY, codes=["IDEO-001"])
    silent = Finding.objects.filter(organ=shared_demo.organ, rule_code="IDEO-001", status="open")
    assert [(f.subject_repr, f.severity) for f in silent] == [("微信视频号（视频号）", "red")], [
        f.reason for f in silent
    ]


@pytest.mark.demo_build(ORGAN)
def test_three_pieces_of_ganbu_wait_at_today_with_the_right_reviewers(shared_demo):
    ganbu, fuzeren, fuzhuren = _person("ganbu"), _person("fuzeren"), _person("fuzhuren")
    waiting = Piece.objects.filter(organ=shared_demo.organ).exclude(status=PieceStatus.PUBLISHED)
    assert set(waiting.values_list("drafter_id", flat=True)) == {ganbu}
    in_review = {pending_stage(p): p for p in waiting.filter(status=PieceStatus.IN_REVIEW)}
    assert set(in_review) == {Stage.SECOND, Stage.FINAL}

    final = in_review[Stage.FINAL]
    approvals = dict(final.signoffs.filter(decision=ReviewDecision.APPROVE).values_list("stage", "reviewer_id"))
    assert set(approvals) == {Stage.FIRST, Stage.SECOND} and approvals[Stage.SECOND] == fuzeren
    assert final.versions.get().issues  # the engine's findings are on the page
    assert fuzhuren in {p.pk for p in reviewers.eligible(final, Stage.FINAL, TODAY)}
    assert fuzeren not in {p.pk for p in reviewers.eligible(final, Stage.FINAL, TODAY)}

    second = in_review[Stage.SECOND]
    assert fuzeren in {p.pk for p in reviewers.eligible(second, Stage.SECOND, TODAY)}

    returned = waiting.get(status=PieceStatus.RETURNED)
    sent_back = returned.signoffs.get(decision=ReviewDecision.RETURN)
    assert sent_back.opinion and sent_back.stage == Stage.FIRST
    v1, v2 = returned.versions.order_by("number")
    assert (v1.error_count, v2.error_count) == (2, 1)
    changes = proofing.issue_changes(v1, v2)
    assert len(changes["fixed"]) == 2 and len(changes["new"]) == 1, changes
