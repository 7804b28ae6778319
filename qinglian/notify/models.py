"""Notifications: the inbox (`Message`) and the outbox of deliveries by e-mail and webhook (`OutboxItem`).

A Message and its OutboxItems are written in one transaction by `services.notify()`; nothing is sent there.
`qinglian sendnotifications` later claims outbox rows and sends them (see sender.py), so a notification
created inside a transaction that rolls back is never sent, and a slow mail server never slows a page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from qinglian.notify.choices import Channel, MessageKind, OutboxStatus
from qinglian.notify.permissions import MessageQuerySet, OutboxQuerySet


class Message(models.Model):
    """One notification to one account, shown in 我的消息 until read.

    `key` names the event that caused it (e.g. ``reminder:task-12:2026-11-30``); the same key never makes a
    second message for the same recipient, so a job that reruns after a crash does not notify twice.
    """

    organ = models.ForeignKey(
        "org.Organ", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="所属机关"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notify_messages", verbose_name="接收人"
    )
    kind = models.CharField("类型", max_length=12, choices=MessageKind.choices, default=MessageKind.INFO)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=500, blank=True, help_text="站内相对地址，如 /compliance/tasks/12/")
    key = models.CharField("幂等键", max_length=200)
    created_at = models.DateTimeField("发送时间", default=timezone.now, editable=False)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    objects = MessageQuerySet.as_manager()
    # Not a field: services.notify() sets it on the messages it returns, True when that call made the message.
    is_new: bool = False

    class Meta:
        verbose_name = verbose_name_plural = "消息"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notify_message_unique_key")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notify_msg_recipient_read")]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutboxItem(models.Model):
    """One delivery of a message over one channel (e-mail or webhook), waiting, in flight, done or given up.

    A sender owns a row while `status` is ``sending`` and `claimed_until` lies in the future; after that any
    sender may take it over. `idempotency_key` travels with the delivery (Idempotency-Key header, Message-ID)
    so that a receiver can drop the rare duplicate left by a sender that crashed between sending and recording.
    """

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="deliveries", verbose_name="消息")
    channel = models.CharField("渠道", max_length=12, choices=Channel.choices)
    address = models.CharField("地址", max_length=500, help_text="邮箱地址或 Webhook 地址")
    status = models.CharField("状态", max_length=12, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试时间", default=timezone.now)
    claimed_by = models.CharField("发送进程", max_length=80, blank=True)
    claimed_until = models.DateTimeField("租约到期", null=True, blank=True)
    last_error = models.TextField("最近错误", blank=True)
    sent_at = models.DateTimeField("发送成功时间", null=True, blank=True)
    idempotency_key = models.CharField("幂等键", max_length=300, unique=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "待发送通知"
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notify_outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=[Channel.EMAIL, Channel.WEBHOOK]), name="notify_outbox_channel_external"
            ),
            models.CheckConstraint(
                condition=~Q(status=OutboxStatus.SENT) | Q(sent_at__isnull=False), name="notify_outbox_sent_has_time"
            ),
        ]

    def __str__(self) -> str:
        return self.idempotency_key

    @staticmethod
    def key_for(message: Message, channel: str) -> str:
        """The delivery's idempotency key: the event, the recipient and the channel."""
        return f"{message.key}:{message.recipient_id}:{channel}"


class Preference(models.Model):
    """How one account wants its reminders: one message per finding and stage (the default), or a daily digest —
    one message a day listing them all (compliance.reminders). A row exists only once the person has chosen."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_preference", verbose_name="账号"
    )
    daily_digest = models.BooleanField("每日汇总提醒", default=False)
    updated_at = models.DateTimeField("修改时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "提醒方式"

    def __str__(self) -> str:
        return f"{self.user} {'每日汇总' if self.daily_digest else '逐条提醒'}"
