"""The rows login security keeps. Imported by qinglian/org/models.py so that they belong to the org app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class LoginThrottle(models.Model):
    """Failed logins counted against one user name (whether or not such an account exists, so that a lock says
    nothing about existence) or one client address, and the lock they led to."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", "账号"
        ADDRESS = "address", "来源地址"

    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    key = models.CharField("用户名或地址", max_length=150)
    failures = models.PositiveIntegerField("失败次数", default=0)
    window_started_at = models.DateTimeField("计数开始时间", default=timezone.now)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录失败计数"
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="org_loginthrottle_kind_key")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}"


class AccountSession(models.Model):
    """One logged-in browser session of an account: what the account's session list shows and what the limit
    on concurrent sessions counts. Ending a session deletes it from the session store and this row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions", verbose_name="账号"
    )
    session_key = models.CharField("会话标识", max_length=40, unique=True)
    started_at = models.DateTimeField("登录时间", default=timezone.now)
    last_seen_at = models.DateTimeField("最近活动", default=timezone.now)
    ip = models.CharField("来源地址", max_length=45, blank=True)
    user_agent = models.CharField("浏览器", max_length=255, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录会话"
        indexes = [models.Index(fields=["user", "started_at"], name="org_accountsession_user")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.started_at:%Y-%m-%d %H:%M}"
