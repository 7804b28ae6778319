"""Reading the shared demo build for the npc demo tests: a rule's verdicts on the demo's day (the rule called
directly, so no finding is written) and the names the build printed under a heading."""

from __future__ import annotations

from qinglian.compliance.registry import RULES, Context
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.tests.test_demo import TODAY


def flagged(code: str, organ_id: int) -> list[tuple[str, str, str]]:
    """(subject, period, severity) of every verdict of the rule on the demo's day."""
    rule = RULES[code]
    ctx = Context(organ_id=organ_id, as_of=TODAY, params=rule_params(code, organ_id=organ_id, on=TODAY))
    verdicts = ((s, rule.check(s, ctx.params, ctx)) for s in rule.collect(ctx))
    return [(s.label, s.period, str(v.severity)) for s, v in verdicts if v is not None]


def logged(log: str, heading: str) -> set[str]:
    """The names the build printed after `heading`."""
    [line] = [line for line in log.splitlines() if heading in line]
    return set(line.split(heading, 1)[1].strip().split("、"))
