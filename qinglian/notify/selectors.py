"""Reads of the notify app: the inbox of one account and the outbox overview for the system administrator."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min, QuerySet

from qinglian.notify.choices import Channel, OutboxStatus
from qinglian.notify.models import Message, OutboxItem, Preference

# Rows an administrator should look at: still retrying, given up, or (if stale) stuck in flight.
PROBLEM_STATUSES = (OutboxStatus.FAILED, OutboxStatus.DEAD, OutboxStatus.SENDING)


def message_list(*, user: Any, unread_only: bool = False) -> QuerySet[Message]:
    messages = Message.objects.visible_to(user)
    return messages.unread() if unread_only else messages


def unread_count(user: Any) -> int:
    """Unread messages of the account; 0 for anonymous. One COUNT on the (recipient, read_at) index."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Message.objects.visible_to(user).unread().count()


def outbox_summary(*, user: Any) -> list[dict]:
    """Per channel, how many rows are in each status (all channels and statuses, zeros included)."""
    counts = {
        (row["channel"], row["status"]): row["n"]
        for row in OutboxItem.objects.visible_to(user).values("channel", "status").annotate(n=Count("id"))
    }
    return [
        {
            "channel": channel,
            "counts": [(status, counts.get((channel.value, status.value), 0)) for status in OutboxStatus],
        }
        for channel in (Channel.EMAIL, Channel.WEBHOOK)
    ]


def oldest_due(*, user: Any) -> Any:
    """When the longest-waiting pending row became due; far in the past means the sender is not running."""
    due = OutboxItem.objects.visible_to(user).filter(status=OutboxStatus.PENDING)
    return due.aggregate(oldest=Min("next_attempt_at"))["oldest"]


def outbox_list(*, user: Any, status: str = "") -> QuerySet[OutboxItem]:
    items = OutboxItem.objects.visible_to(user).select_related("message__recipient")
    if status in OutboxStatus.values:
        return items.filter(status=status)
    return items.filter(status__in=PROBLEM_STATUSES)


def wants_digest(user: Any) -> bool:
    """Whether the account asked for one daily digest of its reminders instead of one message each."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Preference.objects.filter(user_id=user.pk, daily_digest=True).exists()


def digest_user_ids(user_ids: set[int]) -> set[int]:
    """Of these accounts, those that asked for the daily digest (one query)."""
    if not user_ids:
        return set()
    return set(Preference.objects.filter(user_id__in=user_ids, daily_digest=True).values_list("user_id", flat=True))
