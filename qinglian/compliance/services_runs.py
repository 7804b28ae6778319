"""Queue a rule run and start it: from the page's button in the background, from the command in process, and by
itself when an organ's findings are stale (freshness.py)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from qinglian.audit.services import audit_record
from qinglian.compliance.choices import RunStatus
from qinglian.compliance.engine import run_record, select_rules
from qinglian.compliance.models import RuleRun
from qinglian.core import clock
from qinglian.core.errors import Conflict

# A run queued or running for longer than this is taken for dead (a killed process) and no longer blocks another.
BUSY_WINDOW = dt.timedelta(minutes=15)


def _busy(organ_id: int):
    recent = timezone.now() - BUSY_WINDOW
    return RuleRun.objects.filter(
        organ_id=organ_id, status__in=[RunStatus.QUEUED, RunStatus.RUNNING], created_at__gte=recent
    )


@transaction.atomic
def run_queue(*, organ: Any, as_of: dt.date, codes: Iterable[str], by: Any, request: Any = None) -> RuleRun:
    codes = list(codes)
    select_rules(codes)  # refuses unknown codes before anything is written
    # One button press at a time; a run stuck for longer than the window (a killed process) no longer blocks.
    if by is not None and _busy(organ.pk).exists():
        raise Conflict("已有一次检查正在进行，请等待其完成")
    run = RuleRun.objects.create(organ=organ, as_of=as_of, rule_codes=codes, started_by=by)

    audit_record(
        action="rule_run",
        user=by,
        request=request,
        organ=organ,
        target=run,
        target_repr=f"检查日期 {as_of:%Y-%m-%d}",
        detail={"rules": codes or "全部"},
    )
    return run


@transaction.atomic
def run_queue_system(*, organ_id: int) -> RuleRun | None:
    """Queue a run of every rule for today, started by nobody (the automatic check, freshness.py); None when a run
    is already queued or running. Not in the audit log, which records what people do: the run is its own record
    (检查运行, with its time and what it changed)."""
    if _busy(organ_id).exists():
        return None
    return RuleRun.objects.create(organ_id=organ_id, as_of=clock.today(), rule_codes=[], started_by=None)


def run_start(run: RuleRun) -> None:
    """Start a queued run without holding the request: a detached `qinglian runchecks --run ID`.

    With QINGLIAN_RUNCHECKS_INLINE (tests, or a box that forbids subprocesses) it runs right here.
    A timer running `qinglian runchecks --queued` also picks up anything left queued.
    """
    if getattr(settings, "QINGLIAN_RUNCHECKS_INLINE", False):
        run_record(run)
        return
    transaction.on_commit(
        lambda: subprocess.Popen(
            [sys.executable, "-m", "qinglian.cli", "runchecks", "--run", str(run.pk)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            cwd=str(settings.BASE_DIR),
        )
    )
