"""The two outside channels: e-mail through Django's mail backend, and a JSON webhook over urllib.

Each `send_*` either returns (the server accepted the message) or raises DeliveryError. No retries here;
the sender decides when to try again.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from django.core.mail import EmailMessage, get_connection

from qinglian.notify import conf
from qinglian.notify.choices import Channel
from qinglian.notify.models import Message, OutboxItem

USER_AGENT = "Qinglian-notify/1"


class DeliveryError(Exception):
    """The channel refused or could not be reached. `permanent` errors are not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def deliver(item: OutboxItem) -> None:
    if item.channel == Channel.EMAIL:
        send_email(item)
    elif item.channel == Channel.WEBHOOK:
        send_webhook(item)
    else:
        raise DeliveryError(f"不支持的渠道：{item.channel}", permanent=True)


def absolute_link(link: str) -> str:
    """The message's link as a full URL when QINGLIAN_BASE_URL is set; else as stored (relative)."""
    if not link:
        return ""
    return f"{conf.base_url()}{link}"


# --- e-mail -------------------------------------------------------------------------------------


def message_id(idempotency_key: str) -> str:
    """A Message-ID derived from the key: a re-sent duplicate has the same id, and mail clients merge them."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]
    return f"<{digest}@{conf.mail_domain()}>"


def email_body(message: Message) -> str:
    link = absolute_link(message.link)
    tail = f"\n\n查看详情：{link}" if link else ""
    return f"{message.body}{tail}\n\n—— 清廉系统自动发送，请勿直接回复。"


def send_email(item: OutboxItem) -> None:
    # EmailMessage rather than send_mail(): send_mail takes no headers, and the key must travel with the mail.
    email = EmailMessage(
        subject=item.message.subject,
        body=email_body(item.message),
        to=[item.address],
        headers={"Message-ID": message_id(item.idempotency_key), "X-Qinglian-Key": item.idempotency_key},
        connection=get_connection(timeout=conf.timeout_seconds()),
    )
    try:
        email.send(fail_silently=False)
    except (OSError, ValueError) as exc:  # smtplib errors are OSErrors; a bad address header is a ValueError
        raise DeliveryError(f"邮件发送失败：{type(exc).__name__}: {exc}") from exc


# --- webhook ------------------------------------------------------------------------------------


def webhook_payload(item: OutboxItem) -> dict[str, Any]:
    """DingTalk's markdown work-notification shape, plus what a relay needs to route and de-duplicate.

    A relay in front of 浙政钉 maps `recipient.username` to an employee code and passes `key` as `bizMsgId`.
    """
    message = item.message
    link = absolute_link(message.link)
    text = f"#### {message.subject}\n\n{message.body}"
    if link:
        text += f"\n\n[查看详情]({link})"
    return {
        "msgtype": "markdown",
        "markdown": {"title": message.subject, "text": text},
        "key": item.idempotency_key,
        "link": link,
        "kind": message.kind,
        "recipient": {"username": message.recipient.username, "name": str(message.recipient)},
        "created_at": message.created_at.isoformat(),
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure: following it would turn the POST into a GET and lose the body."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _check_webhook_address(url: str) -> None:
    # urllib also opens file:// and ftp:// URLs; only plain HTTP(S) may leave the server.
    if urlsplit(url).scheme not in ("http", "https"):
        raise DeliveryError("Webhook 地址必须以 http:// 或 https:// 开头", permanent=True)


def _refused_in_body(raw: bytes) -> str | None:
    """DingTalk answers 200 with {"errcode": 310000, …} when it refuses; treat that as a failure too."""
    try:
        data = json.loads(raw or b"null")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if data.get("errcode") not in (None, 0, "0") or data.get("success") is False:
        return f"对方拒绝：{json.dumps(data, ensure_ascii=False)[:300]}"
    return None


def send_webhook(item: OutboxItem) -> None:
    _check_webhook_address(item.address)
    body = json.dumps(webhook_payload(item), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        item.address,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": item.idempotency_key,
            "User-Agent": USER_AGENT,
        },
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=conf.timeout_seconds()) as response:
            status, raw = response.status, response.read(65536)
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"Webhook 返回 HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DeliveryError(f"Webhook 无法连接：{getattr(exc, 'reason', exc)}") from exc
    if not 200 <= status < 300:
        raise DeliveryError(f"Webhook 返回 HTTP {status}")
    refused = _refused_in_body(raw)
    if refused:
        raise DeliveryError(refused)
