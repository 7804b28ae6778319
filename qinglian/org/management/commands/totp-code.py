"""`qinglian totp-code USERNAME`: print the account's current TOTP code — a demo and testing aid.

The demo's administrator and party-officer accounts have authenticators with fixed, printed secrets; this
command saves typing them into a phone. It refuses to run when QINGLIAN_DEBUG is off (a production server)
unless --force is given, since whoever runs it passes the account's second factor.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP

from qinglian.org.auth import totp
from qinglian.org.models import User


class Command(BaseCommand):
    help = "显示账号身份验证器当前的 6 位验证码（仅供演示和测试）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="账号的用户名")
        parser.add_argument("--force", action="store_true", help="在生产环境（QINGLIAN_DEBUG 关闭）下也运行")

    def handle(self, *args: Any, username: str, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("此命令仅供演示和测试：QINGLIAN_DEBUG 关闭时拒绝运行（确需运行请加 --force）")
        user = User.objects.filter(username=username).first()
        device = totp.confirmed_device(user) if user is not None else None
        if device is None:
            raise CommandError(f"账号“{username}”不存在或未设置身份验证器")
        code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
        self.stdout.write(f"{code:0{device.digits}d}")
