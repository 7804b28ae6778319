"""`qinglian restore <dir>`: a backup of `qinglian backup` onto an empty installation (after `qinglian migrate`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qinglian.core.backup import restore
from qinglian.core.errors import QinglianError


class Command(BaseCommand):
    help = "把 qinglian backup 生成的备份恢复到一个空的新安装上（先运行 qinglian migrate）；非空的系统拒绝恢复。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="备份目录")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            result = restore(directory)
        except QinglianError as exc:
            raise CommandError(exc.message, returncode=1) from exc
        head = result.audit_head
        self.stdout.write(
            self.style.SUCCESS(
                f"已恢复：数据库 {result.rows} 行，附件 {result.files} 个；审计日志链头为第 {head['seq']} 条。"
                "请运行 qinglian audit verify 核对审计日志"
            )
        )
