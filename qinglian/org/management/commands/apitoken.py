"""`manage.py apitoken`: bearer tokens for integrations calling /api/.

    manage.py apitoken create USERNAME --name 用途   # prints the token once; only its SHA-256 is kept
    manage.py apitoken revoke PREFIX                 # e.g. ql_Ab12Cd (the first characters shown by `list`)
    manage.py apitoken list [USERNAME]

A token acts as its account: it sees exactly what that account sees, no more.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from qinglian.core.errors import QinglianError
from qinglian.org import services
from qinglian.org.models import ApiToken, User
from qinglian.org.services import api_token_create


class Command(BaseCommand):
    help = "创建、撤销或列出接口令牌（Bearer）"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="为账号创建令牌；令牌只显示这一次")
        create.add_argument("username", help="令牌所属账号的用户名")
        create.add_argument("--name", required=True, help="令牌用途，如“与OA系统对接”")
        revoke = actions.add_parser("revoke", help="按前缀撤销令牌")
        revoke.add_argument("prefix", help="令牌前缀，如 ql_Ab12Cd")
        listing = actions.add_parser("list", help="列出令牌（不显示令牌本身）")
        listing.add_argument("username", nargs="?", default="", help="只列出该账号的令牌")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        handler = {"create": self._create, "revoke": self._revoke, "list": self._list}[action]
        handler(**options)

    def _create(self, *, username: str, name: str, **_: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"账号“{username}”不存在")
        if not user.is_active:
            raise CommandError(f"账号“{username}”已停用，不能创建令牌")
        try:
            row, token = api_token_create(user=user, name=name)
        except QinglianError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已为 {user.username} 创建令牌“{row.name}”（前缀 {row.prefix}）。")
        self.stdout.write("令牌只显示这一次，请立即妥善保存：")
        self.stdout.write(token)

    def _revoke(self, *, prefix: str, **_: Any) -> None:
        # ApiToken.prefix is the token's first 10 characters; a shorter prefix must still name one token.
        prefix = prefix.strip()
        if len(prefix) < 6:
            raise CommandError("前缀太短：请给出令牌的前 6 到 10 个字符（如 ql_Ab12Cd）")
        rows = list(ApiToken.objects.filter(prefix__startswith=prefix, revoked_at__isnull=True))
        if not rows:
            raise CommandError(f"没有前缀为 {prefix} 的有效令牌")
        if len(rows) > 1:
            raise CommandError(f"前缀 {prefix} 对应多个令牌，请给出更长的前缀")
        row = rows[0]
        services.api_token_revoke(token=row)
        self.stdout.write(f"已撤销令牌“{row.name}”（前缀 {row.prefix}，账号 {row.user.username}）。")

    def _list(self, *, username: str, **_: Any) -> None:
        rows = ApiToken.objects.select_related("user").order_by("user__username", "created_at")
        if username:
            rows = rows.filter(user__username=username)
        for row in rows:
            state = f"已撤销 {timezone.localtime(row.revoked_at):%Y-%m-%d}" if row.revoked_at else "有效"
            used = f"{timezone.localtime(row.last_used_at):%Y-%m-%d %H:%M}" if row.last_used_at else "从未使用"
            self.stdout.write(f"{row.prefix}\t{row.user.username}\t{row.name}\t{state}\t最近使用：{used}")
