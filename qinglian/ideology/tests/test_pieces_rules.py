"""IDEO-010…013 on published pieces (as the paper ledger brings them in): three distinct reviewers, 终审 before
publication, three proofreading rounds of a printed piece, each stage at its level — and a check for a past day D
that sees only what was signed, done and published by D."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context, Params
from qinglian.core import clock
from qinglian.ideology.choices import OutletKind, PieceStatus, ReviewerLevel, Stage
from qinglian.ideology.models import ProofRound
from qinglian.ideology.rules import common
from qinglian.ideology.tests.factories import OutletFactory, PieceFactory, SignoffFactory

pytestmark = pytest.mark.django_db

D = dt.date
CODES = ("IDEO-010", "IDEO-011", "IDEO-012", "IDEO-013")
SIGNED = D(2026, 3, 10)
PUBLISHED = D(2026, 3, 12)
AS_OF = D(2026, 12, 1)
SHIPPED = {"look_back_years": 2, "proof_rounds": 3}


def _run(organ_id: int, as_of: dt.date = AS_OF, **params) -> dict[tuple[str, str], object]:
    """Each rule's verdicts for D, collected and checked as the engine does (pure, no checkpoint)."""
    found = {}
    for code in CODES:
        rule = RULES[code]
        values = {p.name: params.get(p.name, SHIPPED[p.name]) for p in rule.params}
        ctx = Context(organ_id=organ_id, as_of=as_of, params=Params(values))
        for subject in rule.collect(ctx):
            verdict = rule.check(subject, ctx.params, ctx)
            if verdict is not None:
                found[(code, subject.id)] = verdict
    return found


def _published(chain, outlet=None, signers=None, published_on=PUBLISHED, signed_on=SIGNED, **kwargs):
    piece = PieceFactory(
        outlet=outlet or chain.outlet,
        unit=chain.outlet.unit,
        drafter=chain.drafter.person,
        status=PieceStatus.PUBLISHED,
        published_on=published_on,
        entry_source="paper",
        **kwargs,
    )
    default = {1: chain.editor, 2: chain.head, 3: chain.fenguan}
    for stage, user in (default if signers is None else signers).items():
        when = signed_on[stage] if isinstance(signed_on, dict) else signed_on
        SignoffFactory(piece=piece, stage=stage, reviewer=user.person, signed_on=when)
    return piece


def _codes(found, piece) -> set[str]:
    return {code for code, pk in found if pk == str(piece.pk)}


def test_a_piece_reviewed_by_three_people_at_their_levels_before_publication_gives_nothing(chain):
    piece = _published(chain)
    assert _codes(_run(chain.outlet.organ_id), piece) == set()


def test_a_piece_published_with_two_reviewers_is_red_and_so_is_the_missing_final_review(chain):
    piece = _published(chain, signers={1: chain.editor, 2: chain.head})
    found = _run(chain.outlet.organ_id)
    assert _codes(found, piece) == {"IDEO-010", "IDEO-011"}
    verdict = found[("IDEO-010", str(piece.pk))]
    assert verdict.severity == Severity.RED and "仅经2人审核（缺少终审）" in verdict.reason
    assert found[("IDEO-011", str(piece.pk))].severity == Severity.RED


def test_one_person_in_two_stages_or_the_drafter_signing_is_red(chain):
    twice = _published(chain, signers={1: chain.editor, 2: chain.fenguan, 3: chain.fenguan})
    own = _published(chain, signers={1: chain.drafter, 2: chain.head, 3: chain.fenguan})
    found = _run(chain.outlet.organ_id)
    assert "fenguan一人签署了复审、终审" in found[("IDEO-010", str(twice.pk))].reason
    assert "初审由撰稿人本人签署" in found[("IDEO-010", str(own.pk))].reason
    assert "IDEO-011" not in _codes(found, twice)


def test_published_before_the_final_review_is_red_and_a_past_day_ignores_the_later_sign_off(chain):
    late = D(2026, 4, 1)
    piece = _published(chain, signed_on={1: SIGNED, 2: SIGNED, 3: late})
    found = _run(chain.outlet.organ_id)
    assert _codes(found, piece) == {"IDEO-011"}
    assert "2026-04-01才终审，晚于发布日期" in found[("IDEO-011", str(piece.pk))].reason
    before = _run(chain.outlet.organ_id, as_of=D(2026, 3, 20))  # the 终审 was not yet signed on 20 March
    assert _codes(before, piece) == {"IDEO-010", "IDEO-011"}
    assert "检查日仍无终审签署" in before[("IDEO-011", str(piece.pk))].reason


def test_a_piece_published_after_d_is_not_seen_on_d(chain):
    piece = _published(chain, signers={1: chain.editor}, published_on=D(2026, 5, 6))
    assert _codes(_run(chain.outlet.organ_id, as_of=D(2026, 5, 5)), piece) == set()
    assert _codes(_run(chain.outlet.organ_id, as_of=D(2026, 5, 6)), piece) == {"IDEO-010", "IDEO-011"}


def test_a_printed_piece_needs_its_rounds_done_by_publication(chain, org):
    printed = OutletFactory(unit=org.unit_a, owner=chain.editor.person, kind=OutletKind.PUBLICATION, name="机关刊物")
    short = _published(chain, outlet=printed)
    late = _published(chain, outlet=printed)
    full = _published(chain, outlet=printed)
    for n in (1, 2):
        ProofRound.objects.create(piece=short, round=n, proofreader=chain.head.person, done_on=SIGNED)
    for piece, third in ((late, D(2026, 3, 13)), (full, PUBLISHED)):
        for n, day in ((1, SIGNED), (2, SIGNED), (3, third)):
            ProofRound.objects.create(piece=piece, round=n, proofreader=chain.head.person, done_on=day)
    web = _published(chain)  # an online outlet has no rounds to do
    found = _run(chain.outlet.organ_id)
    verdict = found[("IDEO-012", str(short.pk))]
    assert verdict.severity == Severity.YELLOW and "发布前仅完成2次校对，应完成3次" in verdict.reason
    assert "IDEO-012" in _codes(found, late) and "IDEO-012" not in _codes(found, full) | _codes(found, web)
    assert "IDEO-012" not in _codes(_run(chain.outlet.organ_id, proof_rounds=2), short)


def test_a_stage_signed_below_its_level_is_yellow_and_a_sensitive_piece_is_one_level_up(chain):
    low = _published(chain, signers={1: chain.editor, 2: chain.fenguan, 3: chain.head})
    sensitive = _published(chain, sensitive=True)  # editor, head, fenguan: each one below the raised levels
    found = _run(chain.outlet.organ_id)
    verdict = found[("IDEO-013", str(low.pk))]
    assert verdict.severity == Severity.YELLOW
    assert "终审由unit_head签署（撰稿委室负责人），应为分管领导或以上" in verdict.reason
    reason = found[("IDEO-013", str(sensitive.pk))].reason
    assert "重大敏感稿件提级审核" in reason and reason.count("应为") == 3
    assert _codes(found, low) == {"IDEO-013"}


def test_a_level_recorded_by_the_service_is_the_one_judged(chain):
    piece = _published(chain, signers={1: chain.editor, 2: chain.head})
    SignoffFactory(
        piece=piece,
        stage=Stage.FINAL,
        reviewer=chain.fenguan.person,
        signed_on=SIGNED,
        source="system",
        level=ReviewerLevel.UNIT_HEAD,  # what the reviewer held when signing (a post since changed)
    )
    assert "终审由fenguan签署（撰稿委室负责人）" in _run(chain.outlet.organ_id)[("IDEO-013", str(piece.pk))].reason


def test_the_levels_judged_are_the_outlets_on_the_publication_day(chain):
    """A chain raised after a piece was published (终审 by the secretary from now on) does not make it short."""
    from django.utils import timezone

    piece = _published(chain)  # editor, head, fenguan: the levels the outlet required then
    outlet = chain.outlet
    outlet.history.update(history_date=timezone.make_aware(dt.datetime(2024, 1, 1)))
    outlet.second_level, outlet.final_level = ReviewerLevel.SUPERVISING_LEADER, ReviewerLevel.PRINCIPAL
    outlet.save()  # its history row is dated today: after the publication
    found = _run(outlet.organ_id)
    assert ("IDEO-013", str(piece.pk)) not in found
    today = clock.today()
    later = _published(chain, published_on=today, signed_on=today)  # the same signers, under the raised chain
    assert ("IDEO-013", str(later.pk)) in _run(outlet.organ_id, as_of=today)


def test_findings_go_to_the_outlet_unit_and_its_responsible_person(chain, org):
    piece = _published(chain, signers={1: chain.editor, 2: chain.head})
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=CODES)
    finding = Finding.objects.get(rule_code="IDEO-010", subject_id=str(piece.pk))
    assert (finding.responsible_unit_id, finding.responsible_person_id) == (org.unit_a.pk, chain.editor.person.pk)
    assert finding.subject_link == f"/ideology/pieces/{piece.pk}/" and finding.status == "open"
    assert finding.severity == Severity.RED


def test_every_rule_cites_its_basis_and_reads_the_shipped_parameters():
    for code in CODES:
        rule = RULES[code]
        assert rule.basis.startswith("《") and rule.category == common.CATEGORY
        assert any(rule.basis.startswith(b) for b in (common.PUBLISHING, common.NEW_MEDIA))
    assert [p.name for p in RULES["IDEO-012"].params] == ["proof_rounds", "look_back_years"]
