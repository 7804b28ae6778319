"""`qinglian backup <dir>`: database, attachments and a manifest of SHA-256 hashes, while the site runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qinglian.core.backup import backup
from qinglian.core.errors import QinglianError


class Command(BaseCommand):
    help = "备份数据库与附件到一个新的（或空的）目录，并写出含 SHA-256 的备份清单；系统运行时也可执行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="备份目录（不存在或为空）")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            result = backup(directory)
        except QinglianError as exc:
            raise CommandError(exc.message, returncode=1) from exc
        except OSError as exc:
            raise CommandError(f"备份失败：{exc.strerror or exc}（{exc.filename or directory}）", returncode=1) from exc
        message = f"已备份到 {result.path}：数据库 {result.rows} 行，附件 {result.files} 个"
        self.stdout.write(self.style.SUCCESS(message))
