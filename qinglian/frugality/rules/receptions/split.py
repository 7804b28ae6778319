"""FRG-008 拆分接待: one visiting unit received in pieces — again within a few days, or on the same day by two
units — so that each list stays within the escort cap, the one working meal and the meal standard.

Precisely what is flagged, for a reception R:
- R's peers are the other receptions of the window whose visiting unit (来访单位, spaces and full-width letters
  folded) is R's, and whose days are at most `split_gap_days` calendar days from R's (0: overlapping or the same
  day; 1: the next day). The spending unit does not matter: the same unit receiving twice and two units receiving
  on one day are both pieces.
- **Red** when on a day R had a paid meal (工作餐 or 宴请) and a peer had one too, the day's paid meals together cost
  more than one meal for the largest table of that day at the standard in force that day (the higher standard
  when the lists give different guest levels): a group gets one working meal per reception (FRG-004), so two
  lists feeding one group on one day are one meal split in two, and each list may look within the standard while
  the whole is not. The reason gives the day, the total, the people, the cost per head and the standard.
- **Yellow** (a pattern to review, 请核实是否拆分) when R has peers and no day is red: the lists are named so the
  finance officer can check whether it was one visit; a day without an applicable standard is said so.
Every reception of the window is a subject (so a finding closes once the pattern is corrected); each piece of a
pattern carries its own finding, naming the others, for its own unit's head.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.frugality.rules.common import CATEGORY, FRUGALITY_RULES, LOOK_BACK, RECEPTION_RULES, finance_office
from qinglian.frugality.rules.receptions.data import CENT, PAID_KINDS, SUBJECTS, money, reception_subjects

NAMED = 3  # peers named in a reason (a finding's reason holds 500 characters)
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def visitor_key(name: str) -> str:
    """A visiting unit as compared: no spaces, full-width letters and digits folded."""
    return "".join(str(name or "").split()).translate(_FULL_WIDTH)


def _piece(s: Subject) -> dict[str, Any]:
    d = s.data
    return {
        "id": s.id,
        "label": s.label,
        "unit_name": d["unit_name"],
        "on": d["on"],
        "end_on": d["end_on"],
        "meals": tuple(m for m in d["meals"] if m["kind"] in PAID_KINDS),
    }


def collect_splits(ctx: Context) -> list[Subject]:
    """Every reception, its data with `peers`: the other receptions of the same visiting unit at most the rule's
    `split_gap_days` apart (kept to those here, so a visitor received hundreds of times a year costs comparisons,
    not copies of every other reception)."""
    subjects = reception_subjects(ctx)
    gap = int(ctx.params.split_gap_days)
    pieces = {s.id: _piece(s) for s in subjects}
    groups: dict[str, list[Subject]] = defaultdict(list)
    for s in subjects:
        groups[visitor_key(s.data["guest_unit"])].append(s)
    found = []
    for s in subjects:
        own = pieces[s.id]
        peers = tuple(
            pieces[o.id]
            for o in groups[visitor_key(s.data["guest_unit"])]
            if o.id != s.id and days_apart(own, pieces[o.id]) <= gap
        )
        found.append(replace(s, data={**s.data, "piece": own, "peers": peers}))
    return found


def days_apart(a: dict[str, Any], b: dict[str, Any]) -> int:
    """Calendar days between two receptions' spans; 0 when they overlap or touch the same day."""
    return max(0, (max(a["on"], b["on"]) - min(a["end_on"], b["end_on"])).days)


def _span(piece: dict[str, Any]) -> str:
    if piece["end_on"] == piece["on"]:
        return f"{piece['on']:%Y-%m-%d}"
    return f"{piece['on']:%Y-%m-%d}至{piece['end_on']:%Y-%m-%d}"


def combined_days(own: dict[str, Any], near: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(days whose paid meals together exceed one meal at the standard, days that could not be judged)."""
    over, unknown = [], []
    for day in sorted({m["on"] for m in own["meals"]}):
        theirs = [m for q in near for m in q["meals"] if m["on"] == day]
        if not theirs:
            continue
        meals = [m for m in own["meals"] if m["on"] == day] + theirs
        if any(m["cap"] is None for m in meals):
            unknown.append(f"{day:%Y-%m-%d}")
            continue
        total = sum((m["amount"] for m in meals), Decimal(0))
        heads = max(m["guests"] + m["escorts"] for m in meals)
        cap = max(m["cap"] for m in meals)
        if total > cap * heads:
            per_head = (total / heads).quantize(CENT, rounding=ROUND_HALF_UP)
            over.append(
                f"{day:%Y-%m-%d}各清单工作餐合计{money(total)}，按当日最多就餐{heads}人作一餐计，每人{per_head}元，"
                f"超过标准{cap}元/人·餐"
            )
    return over, unknown


@rule(
    code="FRG-008",
    title="不得拆分接待规避标准",
    basis=f"{RECEPTION_RULES}第十二条：接待费全额纳入预算，合理限定接待费预算总额；{FRUGALITY_RULES}：不得以拆分方式"
    "规避审批和标准",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="同一来访单位在相隔不超过N个日历日内另有接待（同一委室再次接待或两个委室同日分别接待）："
    "某日各清单的工作餐合计超过按当日最多就餐人数作一餐计算的标准为红色；否则为黄色，提示核实是否拆分",
    params=[
        Param("split_gap_days", "相隔天数", unit="天", minimum=0, maximum=30, period="days", help="0 = 仅同日"),
        LOOK_BACK,
    ],
    collect=collect_splits,
    short="疑似拆分接待",
    keeper=finance_office,
)
def not_split(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    own = subject.data["piece"]
    near = [q for q in subject.data["peers"] if days_apart(own, q) <= int(p.split_gap_days)]
    if not near:
        return None
    others = "；".join(f"{q['label']}（{q['unit_name']}，{_span(q)}）" for q in near[:NAMED])
    others += f"等{len(near)}次" if len(near) > NAMED else ""
    lead = f"来访单位“{subject.data['guest_unit']}”在{int(p.split_gap_days)}日内另有{len(near)}次接待：{others}"
    over, unknown = combined_days(own, near)
    if over:
        return Verdict(Severity.RED, f"{lead}。合并计算超过标准：{'；'.join(over)}")
    note = f"（{'、'.join(unknown)}没有适用的工作餐标准，未能合并核算）" if unknown else ""
    return Verdict(Severity.YELLOW, f"{lead}。请核实是否为同一次公务活动拆分接待{note}")
