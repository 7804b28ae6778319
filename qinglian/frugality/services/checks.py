"""Writes of the special check (专项检查) of 财务收支、接待经费: start it, refresh its rules and store its figures, draw
its sample, review each sampled voucher, issue the report, and send the problems found to the rectification ledger.

Who: the stationed group (a registered exception to its read-only accounts) and the party-affairs office
(`permissions.can_run_checks`) — never the finance officer whose vouchers are checked. Nobody reviews a voucher they
answer for (the traveller, the delegation's leader, the approver, the spending unit's head).

The draw (method "python-random-sample-v1"): the candidates are the live rows of the period of the chosen ledgers at
the moment of the draw, ordered by (ledger, pk); the sample is `random.Random(seed).sample(candidates, n)`, the seed
drawn once with `secrets`. Seed and candidates are recorded on the check and in the audit log: anyone holding them
draws the same vouchers again (`verify_draw`), whatever was entered or deleted since.

Once the report is issued the check is frozen: no run, draw, review or second report; its figures stay as they were
on the day of its last run. Every refusal is Chinese and writes nothing.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.compliance.engine import run_checks
from qinglian.compliance.owners import first_heads
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.frugality.choices import CheckStatus, Ledger, SampleVerdict
from qinglian.frugality.models import CheckSample, SpecialCheck
from qinglian.frugality.permissions import can_run_checks
from qinglian.frugality.selectors.checks import (
    LEDGERS,
    candidates,
    check_rules,
    ledger_label,
    rows_named,
    runner_name,
)
from qinglian.frugality.selectors.checks_figures import check_figures
from qinglian.integrity.choices import RectificationSource
from qinglian.integrity.models import RectificationBatch, RectificationProblem
from qinglian.integrity.permissions import can_keep_rectification
from qinglian.integrity.services.rectification import batch_save, problem_save
from qinglian.org.permissions import refuse_own_stake
from qinglian.org.scope import scope_of
from qinglian.org.selectors import supervisors_of

METHOD = "python-random-sample-v1"
MAX_SAMPLE = 200
RUN_ACTION = AuditAction.RULE_RUN
DRAW_ACTION = AuditAction.SPECIAL_CHECK_DRAWN

RUNNERS_ONLY = "只有派驻纪检监察组或机关纪委可以开展专项检查"
FROZEN = "检查报告已出具，检查已归档，不能再修改"
RECTIFY_ONLY = "移送整改台账须由机关党委专责人员办理"


# --- helpers -----------------------------------------------------------------------------------------------------


def _runner(by: Any) -> int:
    if not can_run_checks(by):
        raise Forbidden(RUNNERS_ONLY)
    return scope_of(by).organ_id


def _locked(check: SpecialCheck, by: Any) -> SpecialCheck:
    """The check's row locked for this write; refused when it is another organ's."""
    locked = SpecialCheck.objects.select_for_update().get(pk=check.pk)
    if locked.organ_id != scope_of(by).organ_id:
        raise Forbidden("不能修改其他机关的记录")
    return locked


def _open(check: SpecialCheck) -> None:
    if check.status != CheckStatus.OPEN:
        raise Conflict(FROZEN)


def _text(value: str | None, label: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(f"请填写{label}")
    if len(value) > limit:
        raise InvalidInput(f"{label}最长{limit}个字")
    return value


def _ledgers(values: Iterable[str] | None) -> list[str]:
    chosen = [str(v) for v in (values or [])]
    unknown = [v for v in chosen if v not in Ledger.values]
    if unknown:
        raise InvalidInput("未知的台账：" + "、".join(unknown))
    if not chosen:
        raise InvalidInput("请至少选择一个检查台账")
    return [ledger for ledger in Ledger.values if ledger in chosen]


# --- start and run -----------------------------------------------------------------------------------------------


@transaction.atomic
def check_start(
    *, title: str, period_start: Any, period_end: Any, ledgers: Iterable[str], sample_size: int | None, by: Any
) -> SpecialCheck:
    """A new check of the period's vouchers of `ledgers`, to sample `sample_size` of them."""
    organ_id = _runner(by)
    if period_start is None or period_end is None:
        raise InvalidInput("请填写检查期间")
    if period_start > period_end:
        raise InvalidInput("检查期间起不能晚于检查期间止")
    if period_end > clock.today():
        raise InvalidInput("检查期间止不能晚于今天")
    if sample_size is None or not 1 <= sample_size <= MAX_SAMPLE:
        raise InvalidInput(f"抽样数量应为1至{MAX_SAMPLE}张")
    check = SpecialCheck(
        organ_id=organ_id,
        title=_text(title, "检查名称", 200),
        period_start=period_start,
        period_end=period_end,
        ledgers=_ledgers(ledgers),
        sample_size=sample_size,
        created_by=by,
    )
    return save_checked(check, by=by)


@transaction.atomic
def check_run(*, check: SpecialCheck, by: Any, request: Any = None) -> SpecialCheck:
    """Refresh the FRG rules of the check's ledgers for today and store the figures of its period."""
    _runner(by)
    check = _locked(check, by)
    _open(check)
    today = clock.today()
    codes = [rule.code for rule in check_rules(check.ledgers)]
    # No rule for the ledgers yet: nothing to run (an empty list would mean every rule to the engine).
    errors = run_checks(organ_id=check.organ_id, as_of=today, codes=codes).errors if codes else []
    figures = check_figures(check, today, errors)
    if "sample" in check.counts:
        figures["sample"] = check.counts["sample"]
    check.counts, check.run_on = figures, today
    save_checked(check, by=by)
    audit_record(
        action=RUN_ACTION,
        user=by,
        request=request,
        target=check,
        target_repr=f"专项检查：{check.title}",
        detail={
            "special_check": check.pk,
            "as_of": today.isoformat(),
            "rules": codes,
            "findings": figures["findings"],
            "excess": figures["excess"],
        },
    )
    return check


# --- the sample --------------------------------------------------------------------------------------------------


def draw_sample(pool: Sequence[tuple[str, int]], seed: str, size: int) -> list[tuple[str, int]]:
    """python-random-sample-v1: `size` of `pool` (all when fewer) in the order drawn; the same seed and pool give
    the same sample on any machine (a string seed is hashed with SHA-512 by `random`)."""
    return random.Random(seed).sample(list(pool), min(size, len(pool)))


@transaction.atomic
def check_draw(*, check: SpecialCheck, by: Any, seed: str | None = None, request: Any = None) -> SpecialCheck:
    """Draw the sample, once. `seed` is given by the demo only (its randomness comes from its own generator);
    pages and the API never pass one, so a check runner cannot choose the vouchers."""
    _runner(by)
    check = _locked(check, by)
    _open(check)
    if check.drawn_at is not None:
        raise Conflict("本次检查已抽样；抽样只进行一次，种子已记录")
    now = clock.now()
    pool = candidates(check)
    if not pool:
        raise InvalidInput("检查期间内所选台账没有凭证，无法抽样")
    seed = seed or secrets.token_hex(16)
    drawn = draw_sample(pool, seed, check.sample_size)
    rows = rows_named(drawn)
    for position, (ledger, pk) in enumerate(drawn, start=1):
        row, spec = rows[(ledger, pk)], LEDGERS[ledger]
        sample = CheckSample(
            check_run=check,
            ledger=ledger,
            object_id=pk,
            voucher_no=row.voucher_no,
            label=spec.label(row),
            amount=spec.amount(row),
            position=position,
        )
        save_checked(sample, by=by)
    requested = check.sample_size
    check.seed, check.drawn_at, check.sample_size = seed, now, len(drawn)
    check.counts = {
        **check.counts,
        "sample": {
            "method": METHOD,
            "population": len(pool),
            "requested": requested,
            "drawn": len(drawn),
            "candidates": [_key(ledger, pk) for ledger, pk in pool],
        },
    }
    save_checked(check, by=by)
    audit_record(
        action=DRAW_ACTION,
        user=by,
        request=request,
        target=check,
        target_repr=f"专项检查抽样：{check.title}",
        detail={
            "ledger": "八项规定专项检查",
            "method": METHOD,
            "seed": seed,
            "drawn_at": now.isoformat(),
            "period": [check.period_start.isoformat(), check.period_end.isoformat()],
            "ledgers": check.ledgers,
            "population_size": len(pool),
            "count": len(drawn),
            "population": [_key(ledger, pk) for ledger, pk in pool],
            "drawn": [_key(ledger, pk) for ledger, pk in drawn],
        },
    )
    return check


def _key(ledger: str, pk: int) -> str:
    return f"{ledger}:{pk}"


def recorded_candidates(check: SpecialCheck) -> list[tuple[str, int]]:
    """The candidates the draw chose from, as recorded with it."""
    keys = (check.counts or {}).get("sample", {}).get("candidates", [])
    return [(ledger, int(pk)) for ledger, pk in (key.split(":") for key in keys)]


def verify_draw(check: SpecialCheck) -> bool:
    """Draw again with the recorded seed over the recorded candidates: the same vouchers, in the same order, as the
    samples stored."""
    if check.drawn_at is None:
        return False
    expected = draw_sample(recorded_candidates(check), check.seed, check.sample_size)
    recorded = list(check.samples.order_by("position").values_list("ledger", "object_id"))
    return expected == [tuple(r) for r in recorded]


@transaction.atomic
def sample_review(*, sample: CheckSample, verdict: str, remark: str, by: Any) -> CheckSample:
    """A reviewer's finding on one sampled voucher: 合规, or 问题 with what is wrong; changeable until the report."""
    _runner(by)
    check = _locked(sample.check_run, by)
    _open(check)
    sample = CheckSample.objects.select_for_update().get(pk=sample.pk)
    if verdict not in SampleVerdict.values:
        raise InvalidInput("请选择审核结论：合规或问题")
    remark = (remark or "").strip()
    if verdict == SampleVerdict.PROBLEM and not remark:
        raise InvalidInput("审核结论为“问题”的，请填写问题说明")
    if len(remark) > 500:
        raise InvalidInput("问题说明最长500个字")
    spec = LEDGERS[sample.ledger]
    row = rows_named([(sample.ledger, sample.object_id)])[(sample.ledger, sample.object_id)]
    refuse_own_stake(
        by,
        "审核该凭证",
        responsible_people=[getattr(row, name) for name in spec.people],
        responsible_units=[row.unit_id],
    )
    sample.verdict, sample.remark = verdict, remark
    sample.reviewed_by, sample.reviewed_at = by, clock.now()
    return save_checked(sample, by=by)


# --- the report and rectification --------------------------------------------------------------------------------


@transaction.atomic
def check_report(*, check: SpecialCheck, report_no: str, reported_on: Any, conclusion: str, by: Any) -> SpecialCheck:
    """Issue the report: the rules run, every sampled voucher reviewed; afterwards the check does not change."""
    _runner(by)
    check = _locked(check, by)
    _open(check)
    if check.run_on is None:
        raise InvalidInput("请先运行规则检查，再出具报告")
    if check.drawn_at is None:
        raise InvalidInput("请先抽取样本，再出具报告")
    pending = check.samples.filter(verdict="").count()
    if pending:
        raise InvalidInput(f"尚有{pending}张抽样凭证未审核，不能出具报告")
    report_no = _text(report_no, "报告文号", 60)
    if reported_on is None:
        raise InvalidInput("请填写报告日期")
    if reported_on > clock.today():
        raise InvalidInput("报告日期不能晚于今天")
    if reported_on < check.run_on:
        raise InvalidInput(f"报告日期不能早于规则检查日期（{check.run_on:%Y-%m-%d}）")
    twin = SpecialCheck.objects.filter(organ_id=check.organ_id, report_no=report_no).exclude(pk=check.pk)
    if twin.exists():
        raise Conflict(f"报告文号“{report_no}”已被其他专项检查使用")
    check.report_no, check.reported_on = report_no, reported_on
    check.conclusion = _text(conclusion, "检查结论", 5000)
    check.status = CheckStatus.REPORTED
    return save_checked(check, by=by)


@dataclass(frozen=True)
class Sent:
    """What one send did: the batch the problems are in, and how many were added now (0: all sent before)."""

    batch: RectificationBatch
    created: int


@transaction.atomic
def check_send_to_rectification(*, check: SpecialCheck, by: Any) -> Sent:
    """One step: each problem sample of a reported check becomes a problem of the check's rectification batch
    (source 专项检查; unit the spending unit, owner its head). A sample sent once is never sent again."""
    if not can_keep_rectification(by):
        raise Forbidden(RECTIFY_ONLY)
    check = _locked(check, by)
    if check.status != CheckStatus.REPORTED:
        raise InvalidInput("出具检查报告后才能移送整改台账")
    problems = list(check.samples.select_for_update().filter(verdict=SampleVerdict.PROBLEM).order_by("position"))
    if not problems:
        raise InvalidInput("抽样审核未发现问题，无需移送整改")
    sent = [s.problem_id for s in problems if s.problem_id is not None]
    batch = RectificationProblem.all_objects.get(pk=sent[0]).batch if sent else _new_batch(check, by)
    unsent = [s for s in problems if s.problem_id is None]
    last = RectificationProblem.all_objects.filter(batch=batch).aggregate(n=Max("number"))["n"] or 0
    rows = rows_named((s.ledger, s.object_id) for s in unsent)
    heads = first_heads(check.organ_id, {rows[(s.ledger, s.object_id)].unit_id for s in unsent})
    for number, sample in enumerate(unsent, start=last + 1):
        row = rows[(sample.ledger, sample.object_id)]
        problem = problem_save(problem=_problem(check, batch, number, sample, row, heads), by=by)
        sample.problem_id = problem.pk
        save_checked(sample, by=by)
    return Sent(batch, len(unsent))


def _new_batch(check: SpecialCheck, by: Any) -> RectificationBatch:
    batch = RectificationBatch(
        organ_id=check.organ_id,
        source=RectificationSource.SPECIAL_CHECK,
        title=f"{check.title}发现问题整改"[:200],
        issuer=runner_name(check)[:100],
        feedback_on=check.reported_on,
    )
    return batch_save(batch=batch, by=by)


def _problem(
    check: SpecialCheck, batch: RectificationBatch, number: int, sample: CheckSample, row: Any, heads: dict
) -> RectificationProblem:
    leaders = supervisors_of(row.unit, on=check.reported_on)
    voucher = f"凭证号{sample.voucher_no}" if sample.voucher_no else "（无凭证号）"
    return RectificationProblem(
        organ_id=check.organ_id,
        batch=batch,
        number=number,
        category=f"八项规定专项检查（{ledger_label(sample.ledger)}）",
        description=(
            f"{ledger_label(sample.ledger)}{voucher}（{sample.label}，金额{sample.amount}元）"
            f"抽样核查发现：{sample.remark}"
        ),
        unit_id=row.unit_id,
        owner_id=heads.get(row.unit_id),
        leader=leaders[0] if leaders else None,
    )
