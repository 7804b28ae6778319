"""Enumerations of the notify app. Values are English and stable; labels are what the organ reads."""

from django.db import models


class Channel(models.TextChoices):
    """Where a message goes. The inbox is the Message row itself; the others go through the outbox."""

    INBOX = "inbox", "站内消息"
    EMAIL = "email", "电子邮件"
    WEBHOOK = "webhook", "工作通知（Webhook）"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败，待重试"
    DEAD = "dead", "已放弃"


# A sender may claim rows in these states (a `sending` row only once its lease has run out).
RETRYABLE_STATUSES = (OutboxStatus.PENDING, OutboxStatus.FAILED)


class MessageKind(models.TextChoices):
    REMINDER = "reminder", "提醒"
    OVERDUE = "overdue", "逾期"
    ESCALATION = "escalation", "升级"
    APPROVAL = "approval", "待审批"
    INFO = "info", "通知"
