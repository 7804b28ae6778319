"""IDEO-010…013: the three-stage review (三审三校) of every published piece.

The service never lets a piece made here break the order; what these rules find are the pieces copied in from the
organ's paper ledger (source paper) as they happened, and anything that slipped through. One read of the published
pieces serves the four rules (rules.common.ledger_rows on `published_on`, sign-offs and rounds prefetched). True on
any date: a check for D sees the pieces published on or before D (live on D), the approvals signed on or before D
and the proofreading rounds done on or before D — a later sign-off never clears an earlier day's finding.

Findings go to the outlet's unit and its responsible person (else the unit's head); the keeper of the register is
the party-affairs office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.owners import first_heads, party_office
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof
from qinglian.ideology import reviewers
from qinglian.ideology.choices import PRINT_KINDS, ReviewDecision, ReviewerLevel, SignoffSource, Stage
from qinglian.ideology.models import Outlet, Piece
from qinglian.ideology.rules.common import CATEGORY, LOOK_BACK, NEW_MEDIA, ORGAN_REVIEW, PUBLISHING, ledger_rows

SUBJECTS = "已发布的稿件（检查日及之前发布，含纸质发布登记台账补录的稿件）"
PROOF_ROUNDS = Param("proof_rounds", "印制类稿件应完成的校对次数", unit="次", minimum=1, maximum=3, help="3 = 三校")
STAGES = tuple(Stage.values)


def published(ctx: Context) -> list[Piece]:
    """The pieces published in the window up to D (read once per run for the four rules)."""
    return ledger_rows(
        ctx,
        Piece,
        date_field="published_on",
        related=("outlet", "unit", "drafter"),
        prefetch=("signoffs__reviewer", "proof_rounds"),
    )


def _approvals(piece: Piece, as_of: dt.date) -> dict[int, Any]:
    """Stage → its approval signed on or before D (the earliest, should a paper sheet show two)."""
    out: dict[int, Any] = {}
    for s in sorted(piece.signoffs.all(), key=lambda s: (s.signed_on, s.signed_at, s.pk)):
        if s.decision == ReviewDecision.APPROVE and s.signed_on <= as_of and s.stage not in out:
            out[s.stage] = s
    return out


def _label(piece: Piece) -> str:
    return f"{piece.quoted}（{piece.outlet.name}，{piece.published_on:%Y-%m-%d}发布）"


def _subject(piece: Piece, head_id: int | None, data: dict[str, Any]) -> Subject:
    return Subject(
        type="ideology.piece",
        id=str(piece.pk),
        label=_label(piece),
        period=str(piece.published_on.year),
        link=f"/ideology/pieces/{piece.pk}/",
        unit_id=piece.outlet.unit_id,
        person_id=piece.outlet.owner_id or head_id,
        data={"published_on": piece.published_on, "paper": piece.entry_source == SignoffSource.PAPER, **data},
    )


def _pieces_with_heads(ctx: Context) -> Iterator[tuple[Piece, int | None]]:
    pieces = published(ctx)
    heads = first_heads(ctx.organ_id, {p.outlet.unit_id for p in pieces if p.outlet.owner_id is None})
    for piece in pieces:
        yield piece, heads.get(piece.outlet.unit_id)


def _name(person: Any) -> str:
    return getattr(person, "name", "") or "（未知）"


# --- IDEO-010: three distinct people ----------------------------------------------------------------------------


def collect_three_people(ctx: Context) -> Iterator[Subject]:
    for piece, head in _pieces_with_heads(ctx):
        approvals = _approvals(piece, ctx.as_of)
        yield _subject(
            piece,
            head,
            {
                "signers": {stage: s.reviewer_id for stage, s in approvals.items()},
                "names": {stage: _name(s.reviewer) for stage, s in approvals.items()},
                "drafter": piece.drafter_id,
            },
        )


@rule(
    code="IDEO-010",
    title="稿件发布前经三个不同的人初审、复审、终审",
    basis=(
        f"{PUBLISHING}：任何两个环节不得由同一人担任；{ORGAN_REVIEW}：撰稿人或信息员初审、委室负责人复审、"
        "分管或主要负责人终审；国办发〔2018〕123号：分级分类审核、先审后发"
    ),
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="已发布的稿件在检查日前未经三个不同的人（撰稿人本人不计）分别审核通过初审、复审、终审为红色",
    params=[LOOK_BACK],
    collect=collect_three_people,
    short="稿件未经三审",
    keeper=party_office,
)
def three_distinct_reviewers(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    signers: dict[int, int] = d["signers"]
    problems = [f"缺少{Stage(s).label}" for s in STAGES if s not in signers]
    own = [Stage(s).label for s in STAGES if signers.get(s) == d["drafter"]]
    if own:
        problems.append(f"{'、'.join(own)}由撰稿人本人签署")
    by_person: dict[int, list[int]] = {}
    for stage, person in signers.items():
        if person != d["drafter"]:
            by_person.setdefault(person, []).append(stage)
    for stages in by_person.values():
        if len(stages) > 1:
            labels = "、".join(Stage(s).label for s in sorted(stages))
            problems.append(f"{d['names'][stages[0]]}一人签署了{labels}")
    if not problems:
        return None
    people = len(by_person)
    return Verdict(
        Severity.RED, f"{subject.label}：仅经{people}人审核（{'；'.join(problems)}），三审须由三个不同的人完成"
    )


# --- IDEO-011: published before 终审 ----------------------------------------------------------------------------


def collect_final_first(ctx: Context) -> Iterator[Subject]:
    for piece, head in _pieces_with_heads(ctx):
        final = _approvals(piece, ctx.as_of).get(Stage.FINAL)
        yield _subject(piece, head, {"final_on": final.signed_on if final else None})


@rule(
    code="IDEO-011",
    title="稿件先审后发（终审通过后发布）",
    basis=f"{NEW_MEDIA}：严格内容发布审核制度，坚持分级分类审核、先审后发；{ORGAN_REVIEW}",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="发布日期前（含当日）没有终审通过的签署为红色",
    params=[LOOK_BACK],
    collect=collect_final_first,
    short="稿件先发后审",
    keeper=party_office,
)
def final_before_publication(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    final_on: dt.date | None = d["final_on"]
    if final_on is not None and final_on <= d["published_on"]:
        return None
    if final_on is None:
        reason = f"{subject.label}：发布时未经终审，检查日仍无终审签署"
    else:
        reason = f"{subject.label}：{final_on:%Y-%m-%d}才终审，晚于发布日期（先发后审）"
    return Verdict(Severity.RED, reason)


# --- IDEO-012: three proofreading rounds of a printed piece ----------------------------------------------------


def collect_rounds(ctx: Context) -> Iterator[Subject]:
    for piece, head in _pieces_with_heads(ctx):
        if piece.outlet.kind not in PRINT_KINDS:
            continue
        rounds = {r.round for r in piece.proof_rounds.all() if r.done_on <= piece.published_on}
        yield _subject(piece, head, {"rounds": len(rounds)})


@rule(
    code="IDEO-012",
    title="印制类稿件发布前完成三校",
    basis=f"{PUBLISHING}：出版物须经一校、二校、三校并通读；适用于内部刊物、宣传栏等印制类阵地",
    category=CATEGORY,
    subjects="印制类阵地（内部刊物、宣传栏）已发布的稿件",
    severity_policy="发布前（含当日）完成的校对少于规定次数为黄色",
    params=[PROOF_ROUNDS, LOOK_BACK],
    collect=collect_rounds,
    short="印制稿件未完成三校",
    keeper=party_office,
)
def proofread_before_print(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    done, need = subject.data["rounds"], int(p.proof_rounds)
    if done >= need:
        return None
    return Verdict(Severity.YELLOW, f"{subject.label}：发布前仅完成{done}次校对，应完成{need}次")


# --- IDEO-013: each stage at its level ---------------------------------------------------------------------------


def _signed_level(signoff: Any, piece: Piece, seen: dict[tuple, int | None]) -> int | None:
    """The level recorded when signed here; a paper sheet's is the post the signer held on the day (asked once
    per signer, outlet, unit and day in a run: a year of paper sheets repeats them)."""
    if signoff.source == SignoffSource.SYSTEM and signoff.level is not None:
        return signoff.level
    key = (signoff.reviewer_id, piece.outlet_id, piece.unit_id, signoff.signed_on)
    if key not in seen:
        seen[key] = reviewers.level_of(signoff.reviewer_id, piece, on=signoff.signed_on)
    return seen[key]


LEVEL_FIELDS = ("first_level", "second_level", "final_level")


def _outlet_levels(ctx: Context) -> Callable[[Piece], tuple[int, int, int]]:
    """The levels each outlet required on a piece's publication day, from the outlets' history (read once per run):
    an outlet whose chain was raised later does not make last year's pieces short of it."""
    versions: dict[int, list[tuple[dt.datetime, dict[str, int]]]] = {}
    rows = Outlet.history.filter(organ_id=ctx.organ_id).order_by("id", "history_date", "history_id")
    for row in rows.values("id", "history_date", *LEVEL_FIELDS):
        versions.setdefault(row["id"], []).append((row["history_date"], {f: row[f] for f in LEVEL_FIELDS}))

    def required(piece: Piece) -> tuple[int, int, int]:
        cutoff = asof.end_of_day(piece.published_on)
        known = versions.get(piece.outlet_id) or [(cutoff, {f: getattr(piece.outlet, f) for f in LEVEL_FIELDS})]
        # The last version saved by the end of the day; a row entered later (back-filled) reads as first entered.
        fields = next((v for when, v in reversed(known) if when <= cutoff), known[0][1])
        return Outlet(**fields).levels(sensitive=piece.sensitive)

    return required


def collect_levels(ctx: Context) -> Iterator[Subject]:
    seen: dict[tuple, int | None] = {}
    levels_for = _outlet_levels(ctx)
    for piece, head in _pieces_with_heads(ctx):
        required = levels_for(piece)
        stages = [
            {
                "stage": stage,
                "name": _name(s.reviewer),
                "level": _signed_level(s, piece, seen),
                "required": required[stage - 1],
            }
            for stage, s in sorted(_approvals(piece, ctx.as_of).items())
        ]
        yield _subject(piece, head, {"stages": stages, "sensitive": piece.sensitive})


@rule(
    code="IDEO-013",
    title="各审核环节由相应层级的人员签署（重大敏感稿件提级审核）",
    basis=(
        f"{NEW_MEDIA}：分级分类审核；{ORGAN_REVIEW}：撰稿人或信息员初审、委室负责人复审、分管或主要负责人终审，"
        "重大敏感信息提级审核"
    ),
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="某一环节的签署人低于阵地为该环节设定的审核层级（重大敏感稿件各提一级）为黄色",
    params=[LOOK_BACK],
    collect=collect_levels,
    short="稿件审核层级不足",
    keeper=party_office,
)
def stage_at_level(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    low = [s for s in subject.data["stages"] if (s["level"] or 0) < s["required"]]
    if not low:
        return None
    parts = [
        f"{Stage(s['stage']).label}由{s['name']}签署"
        f"（{ReviewerLevel(s['level']).label if s['level'] else '不具备审核层级'}），"
        f"应为{ReviewerLevel(s['required']).label}或以上"
        for s in low
    ]
    sensitive = "（重大敏感稿件提级审核）" if subject.data["sensitive"] else ""
    return Verdict(Severity.YELLOW, f"{subject.label}{sensitive}：{'；'.join(parts)}")
