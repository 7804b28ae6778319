"""Writes of the logins: accounts, passwords and role grants (三员分立), and API tokens."""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import secrets
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from qinglian.core import clock, hooks
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.org.choices import ADMIN_ROLES, Role, UnitKind
from qinglian.org.models import (
    ApiToken,
    Organ,
    PasswordHistory,
    Person,
    RoleGrant,
    Unit,
    User,
)

# --- accounts and roles (三员分立) -----------------------------------------------------------------
# `by` is the administrator acting through a page (or the API); `by=None` is the server side — the
# `qinglian adminaccount` command, the demo, an import — run by whoever holds the server. Accounts holding an
# administrator role are managed only from the server side, so no administrator can lock out, re-password or
# strip another (nor make a fourth administrator whose first password they would know).

ADMIN_ONLY_BY_COMMAND = "三员分立：管理员账号只能由服务器端命令 qinglian adminaccount 管理，不能在页面或接口中操作"
ADMIN_ROLE_BY_COMMAND = "三员分立：管理员角色只能由服务器端命令 qinglian adminaccount 授予或撤销"
STATIONED_ONLY_SUPERVISOR = "派驻纪检监察组人员的账号只能授予“派驻纪检监察组”角色（只读）"
SUPERVISOR_ALONE = "派驻纪检监察组角色只读，不能与其他业务角色同时授予"


def is_admin_account(user: User) -> bool:
    return user.grants.active().filter(role__in=ADMIN_ROLES).exists()


def check_manageable(*, user: User, by: User | None) -> None:
    """Forbidden when `by` (a page or API caller) acts on an administrator's account; the server side may."""
    if by is not None and is_admin_account(user):
        raise Forbidden(ADMIN_ONLY_BY_COMMAND)


def _check_new_password(password: str, user: User) -> None:
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput("密码不符合要求：" + "；".join(exc.messages), detail={"password": exc.messages}) from exc


def _store_password(user: User, password: str, *, chosen_by_owner: bool) -> None:
    """Set the password (caller has checked it), keeping the old hash for the no-reuse rule."""
    from django.conf import settings

    if user.pk is not None and user.has_usable_password():
        PasswordHistory.objects.create(user=user, password=user.password)
        keep = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[
            : settings.QINGLIAN_PASSWORD_HISTORY
        ]
        PasswordHistory.objects.filter(user=user).exclude(pk__in=list(keep)).delete()
    user.set_password(password)
    user.must_change_password = not chosen_by_owner
    user.password_changed_at = timezone.now()


@transaction.atomic
def account_create(
    *,
    organ: Organ,
    username: str,
    password: str,
    by: User | None,
    person: Person | None = None,
    display_name: str = "",
    must_change_password: bool = True,
) -> User:
    """Open an account with an initial password. Its owner must change that password at first login
    (`must_change_password`; only the demo's printed logins are opened without). It has no role: the security
    administrator grants one."""
    if User.objects.filter(username=username).exists():
        raise Conflict(f"用户名“{username}”已被使用")
    if person is not None and User.objects.filter(person=person).exists():
        raise Conflict(f"{person.name} 已有账号")
    user = User(username=username, organ=organ, person=person, display_name=display_name)
    _check_new_password(password, user)
    _store_password(user, password, chosen_by_owner=not must_change_password)
    save_checked(user, by=by)
    _audit("account_created", by, user, {"username": username, "person": person.name if person else ""})
    return user


@transaction.atomic
def account_set_active(*, user: User, active: bool, by: User | None) -> User:
    check_manageable(user=user, by=by)
    if by is not None and user.pk == by.pk and not active:
        raise InvalidInput("不能停用自己的账号")
    user.is_active = active
    save_checked(user, by=by)
    _audit("account_enabled" if active else "account_disabled", by, user, {"username": user.username})
    return user


@transaction.atomic
def account_set_password(*, user: User, password: str, by: User | None) -> User:
    """An administrator sets (resets) an account's password: the owner must change it at the next login."""
    check_manageable(user=user, by=by)
    if by is not None and user.pk == by.pk:
        raise InvalidInput("修改自己的密码请使用“修改密码”页面")
    _check_new_password(password, user)
    _store_password(user, password, chosen_by_owner=False)
    save_checked(user, by=by)
    _audit_password(by, user, "administrator_set")
    return user


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> User:
    """The owner changes their own password: the old one must be right, the new one follow the rules."""
    if not user.check_password(old_password):
        raise InvalidInput("原密码不正确", detail={"old_password": "原密码不正确"})
    if new_password == old_password:
        raise InvalidInput("新密码不能与原密码相同", detail={"new_password": "新密码不能与原密码相同"})
    _check_new_password(new_password, user)
    _store_password(user, new_password, chosen_by_owner=True)
    save_checked(user, by=user)
    _audit_password(user, user, "owner_changed")
    return user


def _role_conflict(role: str, active_roles: set[str]) -> str | None:
    """三员分立: an administrator's account holds one administrator role and no business role; the stationed
    group's read-only role stands alone."""
    if role in ADMIN_ROLES:
        others = active_roles - {role}
        if others:
            return "三员分立：系统管理员、安全管理员、审计管理员须使用独立账号，该账号已有其他角色"
    elif active_roles & ADMIN_ROLES:
        return "三员分立：管理员账号不能再授予业务角色"
    elif (role == Role.SUPERVISOR and active_roles - {role}) or (
        role != Role.SUPERVISOR and Role.SUPERVISOR in active_roles
    ):
        return SUPERVISOR_ALONE
    return None


@transaction.atomic
def role_grant(*, user: User, role: str, by: User | None, unit: Unit | None = None) -> RoleGrant:
    if role not in Role.values:
        raise InvalidInput("未知的角色")
    if by is not None and by.pk == user.pk:
        raise Forbidden("不能给自己授予角色")
    if by is not None and role in ADMIN_ROLES:
        raise Forbidden(ADMIN_ROLE_BY_COMMAND)
    check_manageable(user=user, by=by)
    if role == Role.UNIT_HEAD and unit is None:
        raise InvalidInput("委室负责人须指定负责的委室")
    if role != Role.UNIT_HEAD:
        unit = None
    organ = user.organ or (user.person.organ if user.person_id else None)
    if organ is None:
        raise InvalidInput("账号未归属任何机关")
    if unit is not None and unit.organ_id != organ.pk:
        raise InvalidInput("委室不属于该账号所在机关")
    active = set(user.grants.active().values_list("role", flat=True))
    conflict = _role_conflict(role, active)
    if conflict:
        raise InvalidInput(conflict)
    if role in ADMIN_ROLES and user.person_id:
        # An administrator is nobody's business login: a person link would show that person's records.
        raise InvalidInput("三员分立：管理员账号不能关联业务人员，请单独开设管理员账号")
    if user.person_id and user.person.unit.kind == UnitKind.STATIONED and role != Role.SUPERVISOR:
        raise InvalidInput(STATIONED_ONLY_SUPERVISOR)
    if user.grants.active().filter(role=role, unit=unit).exists():
        raise Conflict("该账号已有此角色")
    grant = RoleGrant(user=user, organ=organ, role=role, unit=unit, granted_by=by)
    grant._history_user = by
    grant.save()
    _audit("role_granted", by, grant, {"username": user.username, "role": role, "unit": unit.name if unit else ""})
    return grant


@transaction.atomic
def role_revoke(*, grant: RoleGrant, by: User | None) -> RoleGrant:
    if grant.revoked_at is not None:
        raise Conflict("该授权已撤销")
    if by is not None and grant.user_id == by.pk:
        raise Forbidden("不能撤销自己的角色")
    if by is not None and grant.role in ADMIN_ROLES:
        raise Forbidden(ADMIN_ROLE_BY_COMMAND)
    check_manageable(user=grant.user, by=by)
    grant.revoked_at = clock.now()
    grant.revoked_by = by
    grant._history_user = by
    grant.save(update_fields=["revoked_at", "revoked_by"])
    _audit("role_revoked", by, grant, {"username": grant.user.username, "role": grant.role})
    return grant


_SERVER_SIDE: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar("org_server_side", default=None)


@contextlib.contextmanager
def on_server(*, via: str, os_user: str) -> Iterator[None]:
    """Within this block, audit rows of server-side acts (`by=None`) say which command did them and who ran it."""
    token = _SERVER_SIDE.set({"via": via, "os_user": os_user})
    try:
        yield
    finally:
        _SERVER_SIDE.reset(token)


def _audit(action: str, by: User | None, target: models.Model, detail: dict) -> None:
    server = _SERVER_SIDE.get() if by is None else None
    hooks.audit_record(action=action, user=by, target=target, detail={**detail, **(server or {})})


def _audit_password(by: User | None, user: User, how: str) -> None:
    detail = {"username": user.username, "event": "password_" + how}
    if how == "administrator_set":
        detail["说明"] = "管理员设置密码，须在下次登录时修改"
    _audit("password_set" if how == "administrator_set" else "password_changed", by, user, detail)


# --- API tokens --------------------------------------------------------------------------------


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the row and the token itself, which is shown once and never stored."""
    if not name.strip():
        raise InvalidInput("请填写令牌用途")
    token = "ql_" + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, name=name.strip(), prefix=token[:10], digest=token_digest(token))
    return row, token


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is not None:
        raise Conflict("该令牌已撤销")
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    return token


def api_token_user(token: str) -> User | None:
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        # An account still on a password an administrator chose has never been taken up by its owner.
        .filter(user__must_change_password=False)
        .first()
    )
    if row is None:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=clock.now())
    return row.user
