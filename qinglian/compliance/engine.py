"""The runner: every rule over the ledgers of one organ, findings kept idempotent.

A finding is keyed by (organ, rule, subject, period). A re-run updates the row; a condition that no
longer holds closes its finding with a reason; a rule or a subject that raises is reported and the run
goes on with the rest. Findings are only auto-closed for the periods a rule looked at in this run, so
last year's unresolved gap does not vanish because this year's run no longer looks at last year.

A run for a date earlier than one a rule has already been checked for in the organ (RuleCheckpoint) is a
**replay**: the rule still judges the ledgers as they stood on that date (core.asof), but its verdicts go to
the run as a report of what was true then, and the live findings are left alone — a finding a later run
closed stays closed with the date it was closed, and today's to-do list is not rewritten by the past.

A verdict on a breach that is over (`Verdict.recorded`) makes a **recorded** finding (已记录): closed at once with
no due date, kept and counted, never a to-do; should a later run no longer find it (the ledger was corrected),
it is closed with that reason. Every open finding has a due date: the rule's, else `default_due` (the setting
QINGLIAN_FINDING_DUE_WORKING_DAYS working days after the run that first found it). Every finding has an owner:
the subject's unit and person, else the ledger's keeper (owners.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from qinglian.compliance import freshness
from qinglian.compliance.choices import OPEN_STATUSES, FindingStatus, RunStatus
from qinglian.compliance.models import Finding, RuleCheckpoint, RuleRun
from qinglian.compliance.owners import Routed, Router
from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import RULES, Context, Rule, Subject, Verdict
from qinglian.compliance.texts import render_reason
from qinglian.core import workdays
from qinglian.core.errors import InvalidInput

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
_UPDATABLE = [
    "severity",
    "reason",
    "due_date",
    "responsible_unit_id",
    "responsible_person_id",
    "subject_repr",
    "subject_link",
    "last_seen_at",
    "status",
    "closed_at",
    "close_reason",
    "via_keeper",
]
DEFAULT_DUE_WORKING_DAYS = 20


def default_due(as_of: dt.date) -> dt.date:
    """The due date of an open finding whose rule sets none (a standing gap, such as a committee short of members):
    QINGLIAN_FINDING_DUE_WORKING_DAYS working days (default 20, about a month) after the day it was found."""
    days = int(getattr(settings, "QINGLIAN_FINDING_DUE_WORKING_DAYS", DEFAULT_DUE_WORKING_DAYS))
    return workdays.after(as_of, days, "working_days")


def _recorded_note(as_of: dt.date) -> str:
    return f"违规已成事实，无法补救：{as_of:%Y-%m-%d}检查时记录在案（已记录，计入统计，不再作为待办）"


@dataclass
class RunResult:
    created: int = 0
    updated: int = 0
    closed: int = 0
    rules: int = 0
    subjects: int = 0
    errors: list[dict] = field(default_factory=list)
    replayed_rules: list[str] = field(default_factory=list)
    replay: list[dict] = field(default_factory=list)  # the verdicts of the replayed rules, as plain rows


def select_rules(codes: Iterable[str] | None) -> list[Rule]:
    if not codes:
        return [RULES[code] for code in sorted(RULES)]
    unknown = [code for code in codes if code not in RULES]
    if unknown:
        raise InvalidInput("未知的规则编号：" + "、".join(unknown))
    return [RULES[code] for code in codes]


def run_checks(
    *, organ_id: int, as_of: dt.date, codes: Iterable[str] | None = None, progress: Progress | None = None
) -> RunResult:
    rules = select_rules(codes)
    ctx = Context(organ_id=organ_id, as_of=as_of)
    in_force = sets_in_force(organ_id=organ_id, on=as_of, codes=[r.code for r in rules])
    result = RunResult(rules=len(rules))
    for index, rule in enumerate(rules, start=1):
        _run_rule(rule, ctx, in_force.get(rule.code), result)
        if progress:
            progress(index, len(rules), rule.code)
    return result


def _run_rule(rule: Rule, ctx: Context, param_set, result: RunResult) -> None:
    try:
        params = resolve(rule, param_set)
        ctx = replace(ctx, params=params)
        subjects = list(rule.collect(ctx))
    except MissingParameters as exc:
        result.errors.append({"rule": rule.code, "subject": "", "message": str(exc)})
        return
    except Exception as exc:  # a broken collector must not stop the other rules
        log.exception("rule %s failed to collect", rule.code)
        result.errors.append({"rule": rule.code, "subject": "", "message": f"读取台账出错：{exc}"})
        return
    verdicts: dict[tuple[str, str, str], tuple[Subject, Verdict]] = {}
    failed: set[tuple[str, str, str]] = set()
    for subject in subjects:
        try:
            verdict = rule.check(subject, params, ctx)
        except Exception as exc:
            log.exception("rule %s failed on %s", rule.code, subject.key)
            result.errors.append(
                {"rule": rule.code, "subject": subject.label, "message": f"{type(exc).__name__}: {exc}"}
            )
            failed.add(subject.key)
            continue
        if verdict is not None:
            verdicts[subject.key] = (subject, verdict)
    result.subjects += len(subjects)
    periods = {subject.period for subject in subjects}
    router = Router(rule, ctx.organ_id, (subject for subject, _ in verdicts.values()))
    with transaction.atomic():
        if _advance(rule, ctx):
            _apply(rule, ctx, verdicts, failed, periods, result, router)
        else:
            result.replayed_rules.append(rule.code)
            result.replay.extend(
                _replay_row(rule, subject, verdict, router.route(subject), ctx.as_of)
                for subject, verdict in verdicts.values()
            )


def _advance(rule: Rule, ctx: Context) -> bool:
    """Move the rule's checkpoint to `ctx.as_of`; False (a replay) when it has been checked for a later date."""
    checkpoint, created = RuleCheckpoint.objects.select_for_update().get_or_create(
        organ_id=ctx.organ_id, rule_code=rule.code, defaults={"as_of": ctx.as_of}
    )
    if created or checkpoint.as_of == ctx.as_of:
        return True
    if checkpoint.as_of > ctx.as_of:
        return False
    checkpoint.as_of = ctx.as_of
    checkpoint.save(update_fields=["as_of"])
    return True


def _replay_row(rule: Rule, subject: Subject, verdict: Verdict, owner: Routed, as_of: dt.date) -> dict[str, Any]:
    """A verdict of a replayed day as a plain row; its text as it read on that day."""
    return {
        "rule": rule.code,
        "subject": subject.label[:200],
        "link": subject.link,
        "period": subject.period,
        "severity": str(verdict.severity),
        "reason": render_reason(verdict.reason, verdict.due, as_of)[:500],
        "due": verdict.due.isoformat() if verdict.due and not verdict.recorded else "",
        "recorded": verdict.recorded,
        "unit_id": owner.unit_id,
        "person_id": owner.person_id,
    }


def _apply(rule: Rule, ctx: Context, verdicts, failed, periods, result: RunResult, router: Router) -> None:
    now = timezone.now()
    existing = {
        (f.subject_type, f.subject_id, f.period): f
        for f in Finding.objects.select_for_update().filter(organ_id=ctx.organ_id, rule_code=rule.code)
    }
    new: list[Finding] = []
    refreshed: list[Finding] = []
    closed: list[Finding] = []
    seen: list[int] = []  # unchanged: only "最近复查" moves, which is not a change worth a history row
    for key, (subject, verdict) in verdicts.items():
        finding = existing.get(key)
        owner = router.route(subject)
        if finding is None:
            new.append(_new_finding(rule, ctx, subject, verdict, owner, now))
        elif _refresh(finding, subject, verdict, owner, ctx.as_of, now):
            refreshed.append(finding)
        else:
            seen.append(finding.pk)
    for key, finding in existing.items():
        if key in verdicts or key in failed or finding.period not in periods:
            continue
        if finding.status in OPEN_STATUSES:
            finding.status = FindingStatus.CLOSED
            finding.closed_at = now
            finding.close_reason = f"条件已消除：{ctx.as_of:%Y-%m-%d}复查未再发现该问题，系统自动销号"
            closed.append(finding)
        elif finding.status == FindingStatus.RECORDED:
            finding.status = FindingStatus.CLOSED
            finding.closed_at = now
            finding.close_reason = f"台账已更正：{ctx.as_of:%Y-%m-%d}复查未再发现该违规，记录撤销"
            closed.append(finding)
    if new:
        bulk_create_with_history(new, Finding, batch_size=500)
    if refreshed or closed:
        bulk_update_with_history([*refreshed, *closed], Finding, _UPDATABLE, batch_size=500)
    if seen:
        Finding.objects.filter(pk__in=seen).update(last_seen_at=now)
    result.created += len(new)
    result.updated += len(refreshed)
    result.closed += len(closed)


def _new_finding(rule: Rule, ctx: Context, subject: Subject, verdict: Verdict, owner: Routed, now) -> Finding:
    finding = Finding(
        organ_id=ctx.organ_id,
        rule_code=rule.code,
        subject_type=subject.type,
        subject_id=subject.id,
        subject_repr=subject.label[:200],
        subject_link=subject.link,
        period=subject.period,
        severity=verdict.severity,
        reason=verdict.reason[:500],
        responsible_unit_id=owner.unit_id,
        responsible_person_id=owner.person_id,
        via_keeper=owner.via_keeper,
        first_found_at=now,
        last_seen_at=now,
    )
    _set_state(finding, verdict, ctx.as_of, now)
    return finding


def _set_state(finding: Finding, verdict: Verdict, as_of: dt.date, now) -> None:
    """Status and due date from the verdict: a recorded fact has none; an open finding keeps the due date it was
    given while the rule sets none (the default counts from the run that found it, it does not move each run)."""
    if verdict.recorded:
        if finding.status != FindingStatus.RECORDED:
            finding.status = FindingStatus.RECORDED
            finding.closed_at = now
            finding.close_reason = _recorded_note(as_of)
        finding.due_date = None
        return
    if finding.status not in OPEN_STATUSES:  # new, closed or recorded before: the gap is (back) open
        kept = None
        finding.status = FindingStatus.OPEN
        finding.closed_at = None
        finding.close_reason = ""
    else:
        kept = finding.due_date
    finding.due_date = verdict.due or kept or default_due(as_of)


def _refresh(finding: Finding, subject: Subject, verdict: Verdict, owner: Routed, as_of: dt.date, now) -> bool:
    """Bring an existing finding up to date. Returns True when it must be saved.

    A waived finding stays waived (the waiver holds for this subject and period); a closed one reopens,
    because the gap is back, or becomes a recorded fact.
    """
    if finding.status == FindingStatus.WAIVED:
        return False
    before = [getattr(finding, name) for name in _UPDATABLE if name != "last_seen_at"]
    _set_state(finding, verdict, as_of, now)
    finding.severity = verdict.severity
    finding.reason = verdict.reason[:500]
    finding.responsible_unit_id = owner.unit_id
    finding.responsible_person_id = owner.person_id
    finding.via_keeper = owner.via_keeper
    finding.subject_repr = subject.label[:200]
    finding.subject_link = subject.link
    after = [getattr(finding, name) for name in _UPDATABLE if name != "last_seen_at"]
    finding.last_seen_at = now
    return before != after


# --- runs recorded in RuleRun (command line and the page's button) -------------------------------


def run_record(run: RuleRun, *, reminders: bool = True, stdout: Any = None) -> RuleRun:
    """Execute a queued run, writing progress into the row so the page can show it while it runs.

    Afterwards the reminders for open findings go out (each at most once: notify() is idempotent).
    """
    updated = RuleRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    if not updated:  # another worker took it
        return RuleRun.objects.get(pk=run.pk)
    run.refresh_from_db()
    rules = select_rules(run.rule_codes or None)
    RuleRun.objects.filter(pk=run.pk).update(total=len(rules))

    def progress(done: int, total: int, code: str) -> None:
        RuleRun.objects.filter(pk=run.pk).update(done=done, total=total)
        if stdout is not None:
            stdout.write(f"  [{done}/{total}] {code} {RULES[code].title}")

    try:
        result = run_checks(organ_id=run.organ_id, as_of=run.as_of, codes=run.rule_codes or None, progress=progress)
    except Exception as exc:
        log.exception("rule run %s failed", run.pk)
        RuleRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            errors=[{"rule": "", "subject": "", "message": str(exc)}],
        )
        raise
    RuleRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        finished_at=timezone.now(),
        created=result.created,
        updated=result.updated,
        closed=result.closed,
        errors=result.errors,
        done=len(rules),
        replayed_rules=result.replayed_rules,
        replay=result.replay,
    )
    freshness.forget(run.organ_id)  # the pages' "最近检查" reads the new time
    if reminders:
        from qinglian.compliance.reminders import send_reminders  # reminders read the engine's findings

        sent = send_reminders(organ_id=run.organ_id, as_of=run.as_of)
        if stdout is not None:
            stdout.write(f"  提醒：新发 {sent} 条")
    run.refresh_from_db()
    return run
