"""The figures of a special check (专项检查), as its run stores them in `SpecialCheck.counts` and its report freezes:

- per chosen ledger, its rows of the period and their amount;
- per FRG rule of those ledgers, the findings of the period — open findings and recorded facts whose subject is a
  row dated within the period (selectors.checks.period_findings) — by colour, and the amount over the standard
  (超标准金额): the rule's registered excess function (rules.common.EXCESS) summed over the subjects its collector
  returns whose data["on"] is within the period;
- the red findings of the period, named, for the report's list of problems;
- what could not be computed (a rule without parameters in force, a collector that failed), so the report never
  pretends a figure it does not have.

Amounts are strings in the JSON (Decimal has no JSON form): "1234.50".
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from decimal import Decimal
from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import Context, Rule, Subject
from qinglian.frugality.models import SpecialCheck
from qinglian.frugality.rules.common import EXCESS
from qinglian.frugality.selectors.checks import check_rules, ledger_label, ledger_totals, period_findings, rule_ledger

log = logging.getLogger(__name__)
RED_LIST_LIMIT = 200  # the report lists red findings one by one; past this many it says how many more
ZERO = Decimal("0.00")


def check_figures(check: SpecialCheck, as_of: dt.date, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The figures of `check` on `as_of` (after its rules were refreshed for that day); `errors` are the run's."""
    rules = check_rules(check.ledgers)
    codes = [r.code for r in rules]
    findings = list(period_findings(check, codes))
    in_force = sets_in_force(organ_id=check.organ_id, on=as_of, codes=codes)
    base = Context(organ_id=check.organ_id, as_of=as_of)  # one memo: each ledger is read once for every rule
    problems = list(errors or [])
    rows = []
    for rule in rules:
        mine = [f for f in findings if f.rule_code == rule.code]
        excess, subjects = _excess(rule, check, base, in_force.get(rule.code), problems)
        rows.append(_rule_row(rule, mine, excess, subjects))
    red = [f for f in findings if f.severity == Severity.RED]
    total_excess = sum((Decimal(r["excess"]) for r in rows if r["excess"] is not None), ZERO)
    return {
        "as_of": as_of.isoformat(),
        "ledgers": ledger_totals(check),
        "rules": rows,
        "findings": len(findings),
        "red": len(red),
        "excess": str(total_excess.quantize(ZERO)),
        "red_findings": [_finding_row(f) for f in red[:RED_LIST_LIMIT]],
        "red_more": max(0, len(red) - RED_LIST_LIMIT),
        "errors": problems,
    }


def _rule_row(rule: Rule, findings: list, excess: Decimal | None, subjects: int | None) -> dict[str, Any]:
    ledger = rule_ledger(rule)
    return {
        "code": rule.code,
        "title": rule.title,
        "short": rule.short_title,
        "basis": rule.basis,
        "ledger": ledger,
        "ledger_label": ledger_label(ledger),
        "subjects": subjects,
        "findings": len(findings),
        "red": sum(f.severity == Severity.RED for f in findings),
        "yellow": sum(f.severity == Severity.YELLOW for f in findings),
        "blue": sum(f.severity == Severity.BLUE for f in findings),
        "compares_amount": rule.code in EXCESS,
        "excess": None if excess is None else str(excess.quantize(ZERO)),
    }


def _finding_row(finding: Any) -> dict[str, Any]:
    return {
        "code": finding.rule_code,
        "subject": finding.subject_repr,
        "reason": finding.text,
        "link": finding.subject_link,
        "recorded": finding.is_recorded,
    }


def in_period(subject: Subject, check: SpecialCheck) -> bool:
    on = subject.data.get("on")
    return isinstance(on, dt.date) and check.period_start <= on <= check.period_end


def _excess(
    rule: Rule, check: SpecialCheck, base: Context, param_set: Any, problems: list[dict[str, Any]]
) -> tuple[Decimal | None, int | None]:
    """(amount over the standard of the period's subjects — None when the rule compares no amount —, how many
    subjects of the period the rule looked at); (None, None) with a problem noted when it cannot be computed."""
    try:
        params = resolve(rule, param_set)
        ctx = replace(base, params=params)
        subjects = [s for s in rule.collect(ctx) if in_period(s, check)]
        over = EXCESS.get(rule.code)
        total = sum((over(s, params, ctx) for s in subjects), ZERO) if over else None
    except MissingParameters as exc:
        problems.append({"rule": rule.code, "subject": "", "message": str(exc)})
        return None, None
    except Exception as exc:  # a broken rule must not stop the check's figures: it is named instead
        log.exception("special check %s: rule %s failed", check.pk, rule.code)
        problems.append({"rule": rule.code, "subject": "", "message": f"计算超标准金额出错：{exc}"})
        return None, None
    return total, len(subjects)
