"""`qinglian runchecks [--as-of DATE] [--rule CODE …] [--organ ID]` — run the rules and keep findings current.

Run it daily from cron or a systemd timer (docs/compliance.md). `--run ID` executes a run queued by the
page's button or by the automatic check; `--queued` executes every queued run (for a timer that picks up what
pages queued); `--if-stale` checks only the organs whose last check is older than QINGLIAN_CHECK_INTERVAL_MINUTES
(`make demo` ends with it, so the demo opens on current findings).
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from qinglian.compliance import freshness
from qinglian.compliance.choices import RunStatus
from qinglian.compliance.engine import run_record
from qinglian.compliance.models import RuleRun
from qinglian.compliance.services_runs import run_queue
from qinglian.core import clock
from qinglian.core.errors import QinglianError
from qinglian.org.models import Organ


class Command(BaseCommand):
    help = "运行合规检查规则，生成、更新或自动销号预警"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--as-of", help="检查日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--rule", action="append", dest="rules", help="只运行指定规则（可重复）")
        parser.add_argument("--organ", type=int, help="只检查指定机关（编号）")
        parser.add_argument("--run", type=int, help="执行页面提交的某次运行")
        parser.add_argument("--queued", action="store_true", help="执行所有排队中的运行")
        parser.add_argument("--if-stale", action="store_true", help="只检查最近一次检查已超过设定间隔的机关")
        parser.add_argument("--no-reminders", action="store_true", help="不发送到期提醒")

    def handle(self, *args, **options) -> None:
        if options["run"]:
            self._execute(RuleRun.objects.get(pk=options["run"]), options)
            return
        if options["queued"]:
            for run in RuleRun.objects.filter(status=RunStatus.QUEUED).order_by("created_at"):
                self._execute(run, options)
            return
        as_of = self._date(options["as_of"])
        organs = Organ.objects.all()
        if options["organ"]:
            organs = organs.filter(pk=options["organ"])
            if not organs:
                raise CommandError(f"机关 {options['organ']} 不存在")
        if options["if_stale"]:
            organs = [
                organ for organ in organs if freshness.last_checked(organ.pk) is None or freshness.is_stale(organ.pk)
            ]
            if not organs:
                self.stdout.write("各机关的检查结果均为最新，未重新检查。")
        for organ in organs:
            try:
                run = run_queue(organ=organ, as_of=as_of, codes=options["rules"] or [], by=None)
            except QinglianError as exc:
                raise CommandError(exc.message) from exc
            self._execute(run, options)

    def _execute(self, run: RuleRun, options) -> None:
        self.stdout.write(f"{run.organ.short_name}：检查日期 {run.as_of:%Y-%m-%d} …")
        run = run_record(run, reminders=not options["no_reminders"], stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"  完成：新增预警 {run.created}，更新 {run.updated}，自动销号 {run.closed}，规则错误 {len(run.errors)}"
            )
        )
        for error in run.errors:
            self.stdout.write(self.style.WARNING(f"  [{error['rule']}] {error['subject']} {error['message']}"))
        if run.replayed_rules:
            self.stdout.write(
                f"  回溯检查（{'、'.join(run.replayed_rules)} 已按更晚日期检查过，现有预警不变）："
                f"{run.as_of:%Y-%m-%d} 当日应有预警 {len(run.replay)} 条"
            )
            for row in run.replay:
                self.stdout.write(f"  [{row['rule']}] {row['subject']} {row['period']} {row['reason']}")

    @staticmethod
    def _date(raw: str | None) -> dt.date:
        if not raw:
            return clock.today()
        try:
            return dt.date.fromisoformat(raw)
        except ValueError as exc:
            raise CommandError(f"日期“{raw}”格式不正确，应为 YYYY-MM-DD") from exc
