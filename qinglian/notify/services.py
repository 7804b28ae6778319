"""Writes of the notify app.

`notify()` is what other apps call (the compliance app's reminders and escalations). It writes the inbox
messages and their outbox rows in one transaction and sends nothing: `qinglian sendnotifications` does that
later, so a notification made inside a transaction that rolls back is never delivered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from qinglian.core.errors import InvalidInput, NotFound
from qinglian.notify import conf
from qinglian.notify.choices import Channel, MessageKind
from qinglian.notify.models import Message, OutboxItem, Preference
from qinglian.notify.selectors import unread_count
from qinglian.org.models import Organ, User

_KEY_CHARS = re.compile(r"[\x21-\x7e]{1,200}")

__all__ = ["mark_all_read", "message_mark_read", "notify", "preference_set", "unread_count"]


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: str,
    body: str,
    key: str,
    organ: Organ | None = None,
    link: str = "",
) -> list[Message]:
    """Put a message in each recipient's inbox and queue its e-mail / webhook deliveries.

    Idempotent per (recipient, key): calling again with the same key returns the existing message and queues
    nothing more, even when two callers race (the unique constraint decides); `message.is_new` tells which
    messages this call made. Inactive accounts are skipped: a disabled login can neither read an inbox nor
    should it receive mail. `link` is a relative URL inside the site ("/compliance/tasks/12/").
    Raises InvalidInput for a bad kind, key, link or subject, or a recipient of another organ.
    """
    _check_input(kind=kind, key=key, link=link)
    channels = _external_channels()
    messages: list[Message] = []
    with transaction.atomic():
        for recipient in _active_unique(recipients):
            message, created = _message_get_or_create(
                recipient=recipient, organ=organ, kind=kind, subject=subject, body=body, key=key, link=link
            )
            if created:
                _queue_deliveries(message=message, recipient=recipient, channels=channels)
            message.is_new = created
            messages.append(message)
    return messages


def message_mark_read(*, message: Message, user: Any) -> Message:
    """Mark one of the user's own messages read. Marking it again keeps the first reading time."""
    if message.recipient_id != getattr(user, "pk", None):
        raise NotFound("消息不存在或无权查看")
    if message.read_at is None:
        now = timezone.now()
        # Conditional: two tabs marking the same message keep the earlier time.
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=now)
        message.refresh_from_db(fields=["read_at"])
    return message


def mark_all_read(*, user: Any) -> int:
    """Mark every unread message of the user read; returns how many changed."""
    return Message.objects.visible_to(user).unread().update(read_at=timezone.now())


def preference_set(*, user: Any, daily_digest: bool) -> Preference:
    """The account's own choice of reminders (逐条 or 每日汇总). A personal setting of one's own inbox, like marking
    a message read: it changes nobody else's data, so it is not an audit event."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound("账号不存在")
    preference, _ = Preference.objects.update_or_create(
        user_id=user.pk, defaults={"daily_digest": bool(daily_digest), "updated_at": timezone.now()}
    )
    return preference


# --- helpers ------------------------------------------------------------------------------------


def _check_input(*, kind: str, key: str, link: str) -> None:
    if kind not in MessageKind.values:
        raise InvalidInput(f"未知的消息类型：{kind}")
    if not key:
        raise InvalidInput("消息缺少幂等键")
    if not _KEY_CHARS.fullmatch(key):
        # The key travels in HTTP and mail headers, which carry ASCII only.
        raise InvalidInput("幂等键只能包含英文字母、数字和符号，不能有空格或汉字")
    if link and not _is_relative_link(link):
        raise InvalidInput("消息链接必须是站内相对地址（以 / 开头）")


def _is_relative_link(link: str) -> bool:
    # "//host" and "/\host" are protocol-relative to browsers: an open redirect from a trusted message.
    parts = urlsplit(link)
    return link.startswith("/") and not link.startswith("//") and "\\" not in link and not parts.scheme


def _external_channels() -> dict[str, str]:
    """Channels configured now, with the webhook address (the e-mail address is per recipient)."""
    channels: dict[str, str] = {}
    if conf.email_enabled():
        channels[Channel.EMAIL] = ""
    if conf.webhook_url():
        channels[Channel.WEBHOOK] = conf.webhook_url()
    return channels


def _active_unique(recipients: Iterable[User]) -> list[User]:
    seen: set[int] = set()
    result = []
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        result.append(user)
    return result


def _organ_id_for(recipient: User, organ: Organ | None) -> int | None:
    own = recipient.organ_id or (recipient.person.organ_id if recipient.person_id else None)
    if organ is None:
        return own
    if own is not None and own != organ.pk:
        raise InvalidInput(f"接收人 {recipient} 不属于{organ}")
    return organ.pk


def _message_get_or_create(
    *, recipient: User, organ: Organ | None, kind: str, subject: str, body: str, key: str, link: str
) -> tuple[Message, bool]:
    existing = Message.objects.filter(recipient=recipient, key=key).first()
    if existing is not None:
        return existing, False
    message = Message(
        organ_id=_organ_id_for(recipient, organ),
        recipient=recipient,
        kind=kind,
        subject=subject,
        body=body,
        link=link,
        key=key,
    )
    try:
        # The unique constraint is left to the database: it, not a prior SELECT, decides a race.
        message.full_clean(validate_constraints=False)
    except ValidationError as exc:
        raise InvalidInput("消息内容不符合要求", detail=exc.message_dict) from exc
    try:
        with transaction.atomic():  # a savepoint, so a lost race leaves the caller's transaction usable
            message.save()
    except IntegrityError:
        return Message.objects.get(recipient=recipient, key=key), False
    return message, True


def _queue_deliveries(*, message: Message, recipient: User, channels: dict[str, str]) -> None:
    rows = []
    for channel, address in channels.items():
        target = recipient.email if channel == Channel.EMAIL else address
        if not target:
            continue  # no e-mail address on file: the inbox alone carries the message
        rows.append(
            OutboxItem(
                message=message,
                channel=channel,
                address=target,
                idempotency_key=OutboxItem.key_for(message, channel),
            )
        )
    OutboxItem.objects.bulk_create(rows)
