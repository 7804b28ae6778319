"""`qinglian audit verify`, `qinglian audit export-head [--mail]` and `qinglian audit purge --before YYYY-MM-DD`."""

from __future__ import annotations

import datetime as dt
import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qinglian.audit.anchors import audit_export_head, audit_mail_head, audit_verify_exported, head_file
from qinglian.audit.services import audit_purge, retention_days
from qinglian.core.errors import QinglianError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无法识别，请写作 2025-01-31") from None


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链及已导出的链头；export-head 导出链头；purge 清理保存期限以前的记录。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify,export-head,purge}")
        sub.add_parser("verify", help="校验审计日志哈希链，并与已导出的链头比对；不通过时返回码为 1")
        export = sub.add_parser("export-head", help="把当前链头追加到链头导出文件（QINGLIAN_AUDIT_HEAD_FILE）")
        export.add_argument("--mail", action="store_true", help="同时发给审计管理员（每天一封，重复运行不重发）")
        purge = sub.add_parser("purge", help=f"删除某日期以前的审计日志（须早于保存期限，至少 {retention_days()} 天）")
        purge.add_argument("--before", required=True, type=_date, help="清理此日期（不含）以前的记录，YYYY-MM-DD")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "verify":
            self._verify()
        elif subcommand == "export-head":
            self._export_head(mail=options["mail"])
        else:
            self._purge(options["before"])

    def _verify(self) -> None:
        result = audit_verify_exported()
        if not result.ok:
            raise CommandError(str(result), returncode=1)
        self.stdout.write(self.style.SUCCESS(str(result)))

    def _export_head(self, *, mail: bool) -> None:
        try:
            exported = audit_export_head()
        except OSError as exc:
            raise CommandError(f"链头导出文件 {head_file()} 无法写入：{exc.strerror or exc}", returncode=1) from exc
        self.stdout.write(self.style.SUCCESS(f"已导出审计日志链头：{exported}，写入 {head_file()}"))
        if mail:
            made = audit_mail_head(exported)
            self.stdout.write(f"已通知审计管理员 {made} 人次" if made else "今天已通知过审计管理员，未重复发送")

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
