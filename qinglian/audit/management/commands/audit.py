"""`qinglian audit verify` and `qinglian audit purge --before YYYY-MM-DD`."""

from __future__ import annotations

import datetime as dt
import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qinglian.audit.services import audit_purge, audit_verify, retention_days
from qinglian.core.errors import QinglianError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无法识别，请写作 2025-01-31") from None


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链完整性；purge 清理保存期限以前的记录。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify,purge}")
        sub.add_parser("verify", help="校验审计日志哈希链，断链时返回码为 1")
        purge = sub.add_parser("purge", help=f"删除某日期以前的审计日志（须早于保存期限，至少 {retention_days()} 天）")
        purge.add_argument("--before", required=True, type=_date, help="清理此日期（不含）以前的记录，YYYY-MM-DD")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "verify":
            self._verify()
        else:
            self._purge(options["before"])

    def _verify(self) -> None:
        result = audit_verify()
        if not result.ok:
            raise CommandError(str(result), returncode=1)
        self.stdout.write(self.style.SUCCESS(str(result)))

    def _purge(self, before: dt.date) -> None:
        try:
            result = audit_purge(before=before, via=f"命令行（操作系统账号 {_os_user()}）")
        except QinglianError as exc:
            raise CommandError(exc.message, returncode=1) from exc
        message = (
            f"已清理 {before:%Y-%m-%d} 以前的审计日志 {result.deleted} 条；哈希链自第 {result.anchor_seq + 1} 条起校验"
        )
        self.stdout.write(self.style.SUCCESS(message))


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "未知"
