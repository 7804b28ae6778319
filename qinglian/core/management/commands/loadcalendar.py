"""`manage.py loadcalendar FILE.json …` or `--shipped`: load holiday schedules into the working-day calendar.

Idempotent: running it twice changes nothing the second time. Each file is one year (the State Council's
notice, format in docs/calendar.md); the year is marked as entered. Entries of that year that the file
does not list are kept unless `--replace` is given.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qinglian.core.errors import QinglianError
from qinglian.core.services_calendar import calendar_file_load, read_calendar_file, shipped_files


class Command(BaseCommand):
    help = "载入国务院办公厅公布的节假日安排（JSON 文件），或用 --shipped 载入系统自带的安排"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", metavar="FILE.json", help="一个年份一个文件")
        parser.add_argument("--shipped", action="store_true", help="载入系统自带的各年安排")
        parser.add_argument("--replace", action="store_true", help="删除该年中文件里没有的设置，使该年与文件一致")

    def handle(self, *args: Any, files: list[str], shipped: bool, replace: bool, **options: Any) -> None:
        paths = [*files, *(shipped_files() if shipped else [])]
        if not paths:
            raise CommandError("请给出 JSON 文件，或加 --shipped 载入系统自带的安排")
        try:
            parsed = [read_calendar_file(path) for path in paths]  # check every file before writing any
            for calendar_file in parsed:
                result = calendar_file_load(calendar_file=calendar_file, replace=replace)
                self.stdout.write(f"{result.summary()}（依据：{calendar_file.source or '未注明'}）")
        except QinglianError as exc:
            raise CommandError(exc.message) from exc
