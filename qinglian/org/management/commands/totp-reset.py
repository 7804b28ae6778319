"""`qinglian totp-reset USERNAME`: remove an account's authenticator (a lost or replaced phone), from the server
only, audited. The account sets up a new one at its next login (mandatory roles) or when it chooses."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qinglian.org.auth import totp
from qinglian.org.models import User


class Command(BaseCommand):
    help = "重置账号的身份验证器（手机丢失或更换时）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="账号的用户名")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"账号“{username}”不存在")
        count = totp.totp_reset(user=user, via=f"命令行（{getpass.getuser()}）")
        self.stdout.write(f"已重置“{username}”的身份验证器（{count} 个）；下次登录时重新设置")
