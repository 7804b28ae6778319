"""`qinglian sendnotifications`: deliver the notification outbox by e-mail and webhook.

Run it from a systemd timer or cron with `--once` (deliver what is due, then exit), or as a service without
it (poll every --loop-seconds). Any number may run at once: rows are claimed atomically (see sender.py).
"""

from __future__ import annotations

import contextlib
import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from qinglian.notify.sender import SendReport, new_worker_id, send_batch, send_due


class Command(BaseCommand):
    help = "发送待发送的通知（电子邮件、Webhook 工作通知），失败的按退避时间重试"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="发送当前到期的全部通知后退出（供定时任务使用）")
        parser.add_argument("--batch", type=int, default=50, help="每次认领的条数，默认 50")
        parser.add_argument("--loop-seconds", type=float, default=30.0, help="常驻运行时无待发送通知时的轮询间隔（秒）")

    def handle(self, *args: Any, once: bool, batch: int, loop_seconds: float, **options: Any) -> None:
        worker = new_worker_id()
        batch = max(1, batch)
        if once:
            self._print(send_due(worker=worker, batch=batch))
            return
        self._stopping = False
        # systemd stops a service with SIGTERM: finish the row in hand, then leave.
        signal.signal(signal.SIGTERM, self._stop)
        self.stdout.write(f"通知发送进程 {worker} 已启动，轮询间隔 {loop_seconds:g} 秒")
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C in a terminal: leave quietly
            self._loop(worker=worker, batch=batch, loop_seconds=loop_seconds)
        self.stdout.write("通知发送进程已退出")

    def _loop(self, *, worker: str, batch: int, loop_seconds: float) -> None:
        while not self._stopping:
            close_old_connections()  # a long-lived process must not keep a broken or expired connection
            report = send_batch(worker=worker, batch=batch, stop=lambda: self._stopping)
            if report.handled:
                self._print(report)
            if report.handled < batch:  # a full batch suggests more are waiting: go again at once
                self._sleep(loop_seconds)

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self._stopping and time.monotonic() < deadline:
            time.sleep(min(1.0, deadline - time.monotonic()))

    def _stop(self, signum: int, frame: Any) -> None:
        self._stopping = True

    def _print(self, report: SendReport) -> None:
        line = f"已发送 {report.sent} 条，失败待重试 {report.failed} 条，放弃 {report.dead} 条"
        if report.lost:
            line += f"，被其他发送进程接管 {report.lost} 条"
        style = self.style.WARNING if report.failed or report.dead else self.style.SUCCESS
        self.stdout.write(style(line))
