"""Accounts (系统管理员) and role grants (安全管理员): the separated administrators' pages; and every account's own
password page.

An administrator's account is managed only on the server (`qinglian adminaccount`): a page's attempt to disable,
re-password or change the roles of one is refused with 403 (and audited) before any service runs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.http import form_page, next_url, post_action
from qinglian.org import exports, passwords, selectors, services
from qinglian.org.choices import ADMIN_ROLES, Role
from qinglian.org.forms import AccountForm, PasswordChangeForm, PasswordSetForm, RoleGrantForm
from qinglian.org.models import RoleGrant
from qinglian.org.permissions import (
    access_account,
    access_role_grant,
    can_grant_roles,
    can_manage_accounts,
    scope_of,
)


def _require_admin(request: HttpRequest) -> None:
    if not (can_manage_accounts(request.user) or can_grant_roles(request.user)):
        raise Forbidden("仅系统管理员和安全管理员可查看账号")


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    accounts = selectors.account_list(user=request.user)
    if request.GET.get("format") == "xlsx":
        return exports.accounts_xlsx(request, accounts)
    context = {
        "accounts": accounts,
        "can_manage": can_manage_accounts(request.user),
        "can_grant": can_grant_roles(request.user),
        "protected_ids": {
            a.pk for a in accounts if any(g.role in ADMIN_ROLES and not g.revoked_at for g in a.grants.all())
        },
    }
    return render(request, "org/account_list.html", context)


@login_required
def account_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_accounts(request.user):
        raise Forbidden("仅系统管理员可开设账号")
    organ_id = scope_of(request.user).organ_id
    form = AccountForm(request.POST or None, organ=organ_id)
    return form_page(
        request,
        form,
        title="开设账号",
        save=lambda: services.account_create(organ=request.user.organ, by=request.user, **form.cleaned_data),
        success=lambda account: f"已开设账号 {account.username}，请由安全管理员授予角色",
        then=lambda _: "account_list",
    )


@login_required
@require_POST
def account_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    account = access_account(request.user, pk, write=True)
    services.check_manageable(user=account, by=request.user)
    return post_action(
        request,
        do=lambda: services.account_set_active(user=account, active=not account.is_active, by=request.user),
        success=lambda user: f"账号 {user.username} 已{'启用' if user.is_active else '停用'}",
        then="account_list",
    )


@login_required
def role_grant(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_grant_roles(request.user):
        raise Forbidden("仅安全管理员可授予角色")
    account = access_account(request.user, pk)
    if request.method == "POST":
        services.check_manageable(user=account, by=request.user)
    form = RoleGrantForm(request.POST or None, organ=scope_of(request.user).organ_id)
    return form_page(
        request,
        form,
        title=f"授予角色：{account}",
        save=lambda: services.role_grant(user=account, by=request.user, **form.cleaned_data),
        success=lambda _: f"已为 {account} 授予角色",
        then=lambda _: "account_list",
        template="org/role_grant.html",
        context={
            "grants": account.grants.active().select_related("unit"),
            "protected": services.is_admin_account(account),
        },
    )


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access_role_grant(request.user, pk, write=True)
    services.check_manageable(user=grant.user, by=request.user)
    return post_action(
        request,
        do=lambda: services.role_revoke(grant=grant, by=request.user),
        success=lambda revoked: f"已撤销：{revoked}",
        then=reverse("role_grant", args=[grant.user_id]),
    )


@login_required
def account_password_set(request: HttpRequest, pk: int) -> HttpResponse:
    """The system administrator resets an ordinary account's password; its owner must change it at next login."""
    account = access_account(request.user, pk, write=True)
    services.check_manageable(user=account, by=request.user)
    form = PasswordSetForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"重设密码：{account}",
        save=lambda: services.account_set_password(
            user=account, password=form.cleaned_data["password"], by=request.user
        ),
        success=lambda user: f"已重设 {user.username} 的密码；本人下次登录时须修改",
        then=lambda _: "account_list",
    )


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Every account's own password page (from the account menu); the only page reachable while a change is due."""
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.password_change(
                user=request.user, old_password=data["old_password"], new_password=data["new_password"]
            )
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            update_session_auth_hash(request, request.user)  # this session stays signed in; others end
            messages.success(request, "密码已修改")
            return redirect(_next(request))
    context = {
        "form": form,
        "title": "修改密码",
        "reason": passwords.change_required(request.user),
        "days_left": passwords.days_left(request.user),
        "next": _next(request),
    }
    return render(request, "org/password_change.html", context)


def _next(request: HttpRequest) -> str:
    return next_url(request, reverse("workbench"))


@login_required
def grant_history(request: HttpRequest) -> HttpResponse:
    """Every grant and revocation of a role, newest first: read by the audit and security administrators."""
    scope = scope_of(request.user)
    if not scope.has(Role.AUDITADMIN, Role.SECADMIN):
        raise Forbidden("仅审计管理员和安全管理员可查看授权变更记录")
    rows = (
        RoleGrant.history.filter(organ_id=scope.organ_id)
        .select_related("history_user", "user", "unit")
        .order_by("-history_date")[:500]
    )
    return render(request, "org/grant_history.html", {"rows": rows})
