"""`qinglian adminaccount`: the three administrators' accounts, managed only on the server (三员分立).

    qinglian adminaccount create USERNAME --role sysadmin|secadmin|auditadmin --organ CODE [--name 显示名称]
    qinglian adminaccount set-password USERNAME      # asks twice; the owner must change it at the next login
    qinglian adminaccount disable USERNAME | enable USERNAME
    qinglian adminaccount grant USERNAME ROLE | revoke USERNAME ROLE
    qinglian adminaccount list [--organ CODE]

No page or API call may disable, re-password or change the roles of an administrator's account, nor grant or
revoke an administrator role (qinglian/org/services.py): whoever holds the server does it here, and every
action is written to the audit chain with the operating-system user who ran the command.
Passwords are read from the terminal (or `--password-stdin` for scripts), never from the command line.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qinglian.core.errors import QinglianError
from qinglian.org import services
from qinglian.org.choices import ADMIN_ROLES, Role
from qinglian.org.models import Organ, User

_ADMIN_CHOICES = sorted(str(role) for role in ADMIN_ROLES)


class Command(BaseCommand):
    help = "在服务器上管理三员（系统管理员、安全管理员、审计管理员）账号：开设、重设密码、停用、启用、授予和撤销角色"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="开设管理员账号并授予一个管理员角色")
        create.add_argument("username")
        create.add_argument("--role", required=True, choices=_ADMIN_CHOICES)
        create.add_argument("--organ", required=True, help="机关代码")
        create.add_argument("--name", default="", help="显示名称")
        create.add_argument("--password-stdin", action="store_true", help="从标准输入读一行作为密码")
        reset = actions.add_parser("set-password", help="重设账号密码（本人下次登录时须修改）")
        reset.add_argument("username")
        reset.add_argument("--password-stdin", action="store_true", help="从标准输入读一行作为密码")
        for name, text in (("disable", "停用账号"), ("enable", "启用账号")):
            actions.add_parser(name, help=text).add_argument("username")
        for name, text in (("grant", "授予角色"), ("revoke", "撤销角色")):
            sub = actions.add_parser(name, help=text)
            sub.add_argument("username")
            sub.add_argument("role", choices=sorted(Role.values))
        listing = actions.add_parser("list", help="列出管理员账号")
        listing.add_argument("--organ", default="", help="机关代码")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        handler = getattr(self, "_" + action.replace("-", "_"))
        try:
            # Every audit row the services write says it was done here, and by which operating-system user.
            with services.on_server(via=f"qinglian adminaccount {action}", os_user=_os_user()):
                handler(**options)
        except QinglianError as exc:
            raise CommandError(exc.message) from exc

    # --- actions ---------------------------------------------------------------------------------

    def _create(self, *, username: str, role: str, organ: str, name: str, password_stdin: bool, **_: Any) -> None:
        row = Organ.objects.filter(code=organ).first()
        if row is None:
            raise CommandError(f"机关代码“{organ}”不存在")
        password = self._password(password_stdin)
        user = services.account_create(
            organ=row, username=username, password=password, by=None, display_name=name or Role(role).label
        )
        services.role_grant(user=user, role=role, by=None)
        self.stdout.write(f"已开设 {Role(role).label} 账号 {username}；本人首次登录时须修改密码。")

    def _set_password(self, *, username: str, password_stdin: bool, **_: Any) -> None:
        user = self._user(username)
        services.account_set_password(user=user, password=self._password(password_stdin), by=None)
        self.stdout.write(f"已重设 {username} 的密码；本人下次登录时须修改。")

    def _disable(self, *, username: str, **_: Any) -> None:
        services.account_set_active(user=self._user(username), active=False, by=None)
        self.stdout.write(f"已停用 {username}。")

    def _enable(self, *, username: str, **_: Any) -> None:
        services.account_set_active(user=self._user(username), active=True, by=None)
        self.stdout.write(f"已启用 {username}。")

    def _grant(self, *, username: str, role: str, **_: Any) -> None:
        user = self._user(username)
        services.role_grant(user=user, role=role, by=None)
        self.stdout.write(f"已为 {username} 授予 {Role(role).label}。")

    def _revoke(self, *, username: str, role: str, **_: Any) -> None:
        user = self._user(username)
        grant = user.grants.active().filter(role=role).first()
        if grant is None:
            raise CommandError(f"{username} 没有有效的“{Role(role).label}”角色")
        services.role_revoke(grant=grant, by=None)
        self.stdout.write(f"已撤销 {username} 的 {Role(role).label}。")

    def _list(self, *, organ: str, **_: Any) -> None:
        users = User.objects.filter(grants__role__in=ADMIN_ROLES, grants__revoked_at__isnull=True).distinct()
        if organ:
            users = users.filter(organ__code=organ)
        for user in users.order_by("username").prefetch_related("grants"):
            roles = "、".join(Role(g.role).label for g in user.grants.all() if g.revoked_at is None)
            state = "启用" if user.is_active else "停用"
            must = "，须改密" if user.must_change_password else ""
            self.stdout.write(f"{user.username}\t{roles}\t{state}{must}")

    # --- helpers ---------------------------------------------------------------------------------

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"账号“{username}”不存在")
        return user

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n")
        first = getpass.getpass("新密码：")
        if first != getpass.getpass("再次输入："):
            raise CommandError("两次输入的密码不一致")
        return first


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
