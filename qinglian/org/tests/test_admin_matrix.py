"""Every administrative action × each of the three administrators (and a business user), through the pages.

Targets: an ordinary account (cadre_same_unit) and each administrator's account. "ok" = allowed and done;
otherwise the Chinese reason the page gives, with nothing changed. Administrators' accounts and the
administrator roles are managed only by `qinglian adminaccount` on the server (tested below the matrix).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from qinglian.org.choices import Role
from qinglian.org.models import RoleGrant, User

CMD = "只能由服务器端命令 qinglian adminaccount 管理"
ONLY_SYS_CREATES = "仅系统管理员可开设账号"
ONLY_SEC_GRANTS = "仅安全管理员可授予角色"
NO_ACCOUNT_WRITE = "无权修改该账号"
NO_GRANT_WRITE = "无权修改该角色授权"
HIDDEN = "不存在或无权查看"
ROLE_BY_CMD = "管理员角色只能由服务器端命令 qinglian adminaccount 授予或撤销"
PASSWORD = "Xinmima-2026!"

ACTORS = ("sysadmin", "secadmin", "auditadmin", "party_officer")
TARGETS = ("cadre_same_unit", "sysadmin", "secadmin", "auditadmin")

# (action, target) → reason per actor, in the order of ACTORS; None = not applicable (an actor cannot act on
# itself once disabled). The audit administrator sees only its own account (and grant), so it is refused there
# as read-only and gets "not found" for the others; a business user sees no account at all.
# fmt: off
MATRIX = {
    ("create", "-"):                   ("ok", ONLY_SYS_CREATES, ONLY_SYS_CREATES, ONLY_SYS_CREATES),
    ("disable", "cadre_same_unit"):    ("ok", NO_ACCOUNT_WRITE, HIDDEN, HIDDEN),
    ("disable", "sysadmin"):           (CMD, NO_ACCOUNT_WRITE, HIDDEN, HIDDEN),
    ("disable", "secadmin"):           (CMD, NO_ACCOUNT_WRITE, HIDDEN, HIDDEN),
    ("disable", "auditadmin"):         (CMD, NO_ACCOUNT_WRITE, NO_ACCOUNT_WRITE, HIDDEN),
    ("enable", "cadre_same_unit"):     ("ok", NO_ACCOUNT_WRITE, HIDDEN, HIDDEN),
    ("enable", "sysadmin"):            (None, NO_ACCOUNT_WRITE, HIDDEN, HIDDEN),
    ("enable", "secadmin"):            (CMD, None, HIDDEN, HIDDEN),
    ("enable", "auditadmin"):          (CMD, NO_ACCOUNT_WRITE, None, HIDDEN),
    ("set_password", "cadre_same_unit"): ("ok", NO_ACCOUNT_WRITE, HIDDEN, HIDDEN),
    ("set_password", "sysadmin"):      (CMD, NO_ACCOUNT_WRITE, HIDDEN, HIDDEN),
    ("set_password", "secadmin"):      (CMD, NO_ACCOUNT_WRITE, HIDDEN, HIDDEN),
    ("set_password", "auditadmin"):    (CMD, NO_ACCOUNT_WRITE, NO_ACCOUNT_WRITE, HIDDEN),
    ("grant", "cadre_same_unit"):      (ONLY_SEC_GRANTS, "ok", ONLY_SEC_GRANTS, ONLY_SEC_GRANTS),
    ("grant", "sysadmin"):             (ONLY_SEC_GRANTS, CMD, ONLY_SEC_GRANTS, ONLY_SEC_GRANTS),
    ("grant", "secadmin"):             (ONLY_SEC_GRANTS, CMD, ONLY_SEC_GRANTS, ONLY_SEC_GRANTS),
    ("grant", "auditadmin"):           (ONLY_SEC_GRANTS, CMD, ONLY_SEC_GRANTS, ONLY_SEC_GRANTS),
    ("grant_admin_role", "cadre_same_unit"): (ONLY_SEC_GRANTS, "选择一个有效的选项", ONLY_SEC_GRANTS, ONLY_SEC_GRANTS),
    ("revoke", "cadre_same_unit"):     (NO_GRANT_WRITE, "ok", HIDDEN, HIDDEN),
    ("revoke", "sysadmin"):            (NO_GRANT_WRITE, CMD, HIDDEN, HIDDEN),
    ("revoke", "secadmin"):            (NO_GRANT_WRITE, CMD, HIDDEN, HIDDEN),
    ("revoke", "auditadmin"):          (NO_GRANT_WRITE, CMD, NO_GRANT_WRITE, HIDDEN),
}
# fmt: on


def _cases():
    for (action, target), row in MATRIX.items():
        for actor, expected in zip(ACTORS, row, strict=True):
            if expected is not None:
                yield pytest.param(action, target, actor, expected, id=f"{action}-{target}-{actor}")


def _state(target: User | None) -> tuple:
    if target is None:
        return (User.objects.count(),)
    target.refresh_from_db()
    grants = sorted(RoleGrant.objects.filter(user=target, revoked_at__isnull=True).values_list("role", flat=True))
    return (target.is_active, target.password, target.must_change_password, tuple(grants))


def _act(client, action: str, target: User | None, org):
    if action == "create":
        data = {"username": "xinzhanghao", "password": PASSWORD, "display_name": ""}
        return client.post(reverse("account_create"), data)
    if action in ("disable", "enable"):
        return client.post(reverse("account_toggle", args=[target.pk]))
    if action == "set_password":
        return client.post(
            reverse("account_password_set", args=[target.pk]), {"password": PASSWORD, "confirm": PASSWORD}
        )
    if action == "grant":
        return client.post(reverse("role_grant", args=[target.pk]), {"role": Role.LEADER})
    if action == "grant_admin_role":
        return client.post(reverse("role_grant", args=[target.pk]), {"role": Role.AUDITADMIN})
    grant = RoleGrant.objects.filter(user=target, revoked_at__isnull=True).first()
    return client.post(reverse("role_revoke", args=[grant.pk]))


@pytest.mark.parametrize(("action", "target_name", "actor_name", "expected"), list(_cases()))
def test_admin_action(client, request, org, action, target_name, actor_name, expected):
    actor = request.getfixturevalue(actor_name)
    target = None if target_name == "-" else request.getfixturevalue(target_name)
    if action == "enable":
        User.objects.filter(pk=target.pk).update(is_active=False)
    before = _state(target)
    client.force_login(actor)
    response = _act(client, action, target, org)
    after = _state(target)
    text = response.content.decode() if response.status_code != 302 else ""
    if expected == "ok":
        assert response.status_code == 302, text[:500]
        assert after != before
        return
    if response.status_code == 302:  # a refusal shown as a message on the next page
        text = client.get(response["Location"]).content.decode()
    assert expected in text, f"{response.status_code}: {text[:800]}"
    assert after == before


def test_an_administrator_set_password_must_be_changed_and_is_audited(client, sysadmin, cadre_same_unit):
    from qinglian.audit.models import AuditEvent

    client.force_login(sysadmin)
    client.post(reverse("account_password_set", args=[cadre_same_unit.pk]), {"password": PASSWORD, "confirm": PASSWORD})
    cadre_same_unit.refresh_from_db()
    assert cadre_same_unit.must_change_password and cadre_same_unit.check_password(PASSWORD)
    row = AuditEvent.objects.filter(target_id=str(cadre_same_unit.pk)).latest("seq")
    assert (row.action, row.actor_id) == ("password_set", sysadmin.pk)


# --- the server command -------------------------------------------------------------------------


def _run(*args: str, stdin: str = "") -> str:
    import io
    import sys

    from django.core.management import call_command

    out, old = io.StringIO(), sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("adminaccount", *args, stdout=out)
    finally:
        sys.stdin = old
    return out.getvalue()


def test_the_command_manages_administrators_and_every_act_is_audited(org, sysadmin, auditadmin):
    from qinglian.audit.models import AuditEvent

    _run("create", "anquan2", "--role", "secadmin", "--organ", org.organ.code, "--password-stdin", stdin=PASSWORD)
    created = User.objects.get(username="anquan2")
    assert created.must_change_password and {g.role for g in created.grants.active()} == {Role.SECADMIN}
    _run("disable", auditadmin.username)
    auditadmin.refresh_from_db()
    assert not auditadmin.is_active
    _run("enable", auditadmin.username)
    _run("set-password", sysadmin.username, "--password-stdin", stdin=PASSWORD)
    sysadmin.refresh_from_db()
    assert sysadmin.must_change_password and sysadmin.check_password(PASSWORD)
    _run("revoke", auditadmin.username, "auditadmin")
    assert not auditadmin.grants.active().exists()
    _run("grant", auditadmin.username, "auditadmin")
    rows = AuditEvent.objects.filter(detail__via__startswith="qinglian adminaccount")
    vias = {row.detail["via"] for row in rows}
    assert vias == {
        f"qinglian adminaccount {a}" for a in ("create", "disable", "enable", "set-password", "revoke", "grant")
    }
    assert all(row.actor_id is None for row in rows)


def test_the_command_refuses_in_chinese(org, sysadmin):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="密码不符合要求"):
        _run("set-password", sysadmin.username, "--password-stdin", stdin="Qinglian2026")
    with pytest.raises(CommandError, match="不存在"):
        _run("disable", "nobody")
