"""`qinglian demo`: build the demo organ (临江市人大常委会机关) and print its logins.

`make demo` runs `qinglian demo --if-empty` every time: when the demo organ exists it only prints the
accounts, which takes a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qinglian.core.demo import build_demo, describe_demo, print_accounts
from qinglian.core.errors import QinglianError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from exc


class Command(BaseCommand):
    help = "生成演示机关（临江市人大常委会机关）及各角色的演示账号"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="随机种子；相同种子生成相同的演示数据")
        parser.add_argument("--if-empty", action="store_true", help="演示机关已存在时不再生成，只列出账号")
        parser.add_argument("--today", type=_date, default=None, help="基准日 YYYY-MM-DD，默认今天")

    def handle(self, *args: Any, seed: int, if_empty: bool, today: dt.date | None, **options: Any) -> None:
        if if_empty:
            existing = describe_demo(seed=seed, stdout=self.stdout)
            if existing is not None:
                self.stdout.write(f"演示机关「{existing.organ.name}」已存在，未重新生成。")
                print_accounts(existing.accounts, self.stdout)
                return
        try:
            result = build_demo(seed=seed, today=today, stdout=self.stdout)
        except QinglianError as exc:
            raise CommandError(exc.message) from exc
        print_accounts(result.accounts, self.stdout)
