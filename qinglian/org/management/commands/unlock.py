"""`qinglian unlock USERNAME` (or `--address 10.0.0.5`): lift a login lock before it runs out, from the server.

The security administrator does the same on the page 登录锁定 (/account/locks/). Either way the unlock is
audited, naming where it was run from.
"""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qinglian.core.errors import QinglianError
from qinglian.org.auth import lockout


class Command(BaseCommand):
    help = "解除登录锁定（连续登录失败后被暂时锁定的用户名或来源地址）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", default="", help="被锁定的用户名")
        parser.add_argument("--address", default="", help="改为解除对该来源地址的锁定")

    def handle(self, *args: Any, username: str, address: str, **options: Any) -> None:
        if bool(username) == bool(address):
            raise CommandError("请给出一个用户名，或用 --address 给出一个来源地址")
        kind, key = ("address", address) if address else ("account", username)
        try:
            lockout.login_unlock(kind=kind, key=key, via=f"命令行（{getpass.getuser()}）")
        except QinglianError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"已解除对“{key}”的登录锁定")
