"""A scenario case is a row: the regulation's words, the crafted facts, the as-of date, the expected findings.

The expectations are read from the regulation (docs/scenarios.md), never from what a rule returns. `check` builds
the organ, runs the one rule through the engine for the as-of date and compares the findings it holds for the
subjects the case names — nothing else the rule may say about the crafted organ is looked at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qinglian.compliance.choices import COUNTED_STATUSES, FindingStatus
from qinglian.compliance.engine import RunResult, run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.tests.scenarios.builders import Step, World, build
from qinglian.duty.models import OversightNotice
from qinglian.org.models import Organ

# Findings keep the subject type they had when a model was renamed (督办单 was SupervisionNotice).
_SUBJECT_TYPE: dict[type, str] = {OversightNotice: "duty.supervisionnotice"}


# The due date a case does not pin: the regulation does not fix it (会前: the meeting day or the day before?).
ANY_DUE: Any = ...


@dataclass(frozen=True)
class Expected:
    """An open finding of a colour due on a date — or, `recorded`, a breach over and done that the regulation's
    words make a fact for the record (已记录: no due date, not a to-do)."""

    severity: str
    due: dt.date | None = None
    recorded: bool = False

    def __str__(self) -> str:
        text = f"{self.severity}（due {self.due}）" if self.due not in (None, ANY_DUE) else self.severity
        return f"{text}（已记录）" if self.recorded else text

    def matches(self, found: Expected) -> bool:
        if self.recorded or found.recorded:
            return self.recorded == found.recorded and self.severity == found.severity
        # No due date in the case: the regulation fixes none, and the engine gives its default period (engine.py).
        return self.severity == found.severity and (self.due in (None, ANY_DUE) or self.due == found.due)


def red(due: dt.date | None = None) -> Expected:
    return Expected("red", due)


def yellow(due: dt.date | None = None) -> Expected:
    return Expected("yellow", due)


def blue(due: dt.date | None = None) -> Expected:
    return Expected("blue", due)


def recorded(severity: str = "red") -> Expected:
    """A breach that is over and cannot be undone (done late, a period ended short): kept as a recorded fact."""
    return Expected(severity, None, recorded=True)


NONE = None  # no finding for this subject (and period): neither open nor recorded


@dataclass(frozen=True)
class Case:
    """One row of a scenario table.

    `expect` maps a subject to what the regulation says about it on `as_of`: "b1" is the thing a step named b1,
    "b1@2026-02" that thing for one period (the rule's period key: "2026-02", "2026-Q3", "2026-H1", "2026").
    `earlier` are as-of dates run before `as_of`, in order; when one is later than `as_of` the last run is a
    replay and the case reads its report (the answer that was true then) instead of the live findings.
    """

    id: str
    rule: str
    regulation: str
    facts: tuple[Step, ...]
    as_of: dt.date
    expect: Mapping[str, Expected | None]
    boundary: bool = False
    earlier: tuple[dt.date, ...] = ()

    def __post_init__(self) -> None:
        if not self.id.isascii() or not self.expect:
            raise ValueError(f"case {self.id!r}: an ASCII id and at least one expectation")


def subject_of(obj: Any) -> tuple[str, str]:
    return _SUBJECT_TYPE.get(type(obj), obj._meta.label_lower), str(obj.pk)


def _label_hint(obj: Any) -> str:
    """What a replayed verdict's subject label shows of the thing (the replay report has no subject ids): a
    name, a duty task's content, a suggestion's number."""
    if isinstance(obj, Organ):
        return obj.short_name
    if hasattr(obj, "item"):
        return obj.item.content[:40]
    if hasattr(obj, "suggestion"):
        return obj.suggestion.number
    return str(getattr(obj, "name", obj))


def _split(key: str) -> tuple[str, str | None]:
    name, _, period = key.partition("@")
    return name, period or None


def _live(world: World, case: Case, name: str, period: str | None) -> list[Expected]:
    subject_type, subject_id = subject_of(world[name])
    rows = Finding.objects.filter(
        organ=world.organ,
        rule_code=case.rule,
        subject_type=subject_type,
        subject_id=subject_id,
        status__in=COUNTED_STATUSES,
    )
    if period is not None:
        rows = rows.filter(period=period)
    return [Expected(str(f.severity), f.due_date, f.status == FindingStatus.RECORDED) for f in rows]


def _replayed(world: World, result: RunResult, name: str, period: str | None) -> list[Expected]:
    hint = _label_hint(world[name])
    rows = [r for r in result.replay if hint in r["subject"] and (period is None or r["period"] == period)]
    return [
        Expected(r["severity"], dt.date.fromisoformat(r["due"]) if r["due"] else None, r.get("recorded", False))
        for r in rows
    ]


def check(case: Case) -> None:
    """Build the case's organ, run its rule for each date and compare what the regulation expects."""
    world = build(case.facts)
    result = RunResult()
    for day in (*case.earlier, case.as_of):
        result = run_checks(organ_id=world.organ.pk, as_of=day, codes=[case.rule])
        assert not result.errors, f"{case.rule} failed to run on {day}: {result.errors}"
    replay = case.rule in result.replayed_rules
    assert replay == any(day > case.as_of for day in case.earlier), f"{case.rule} on {case.as_of}: replay {replay}"
    problems: list[str] = []
    for key, wanted in case.expect.items():
        name, period = _split(key)
        found = _replayed(world, result, name, period) if replay else _live(world, case, name, period)
        if not (found == [] if wanted is None else len(found) == 1 and wanted.matches(found[0])):
            shown = "、".join(map(str, found)) or "无"
            problems.append(f"  {key}: 应为 {wanted or '无预警'}，实为 {shown}")
    assert not problems, (
        f"{case.rule} as of {case.as_of}{'（回放）' if replay else ''} 与规定不符：\n"
        + "\n".join(problems)
        + f"\n  依据：{case.regulation}"
    )


def counts(tables: Sequence[Sequence[Case]]) -> tuple[int, int]:
    """(cases, cases at a boundary) over the tables."""
    cases = [case for table in tables for case in table]
    return len(cases), sum(case.boundary for case in cases)
