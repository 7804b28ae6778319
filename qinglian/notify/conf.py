"""The notify app's settings, read with defaults so that an unconfigured site still runs (inbox only).

Every name here is listed in docs/notifications.md; config/settings.py reads them from the environment.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def email_enabled() -> bool:
    """QINGLIAN_EMAIL_ENABLED: also send each message by e-mail to recipients with an address."""
    return bool(getattr(settings, "QINGLIAN_EMAIL_ENABLED", False))


def webhook_url() -> str:
    """QINGLIAN_WEBHOOK_URL: POST each message as JSON here (a DingTalk / 浙政钉 relay); empty = off."""
    return str(getattr(settings, "QINGLIAN_WEBHOOK_URL", "") or "").strip()


def base_url() -> str:
    """QINGLIAN_BASE_URL: the site's address as users reach it, to make links in e-mail and webhooks absolute."""
    return str(getattr(settings, "QINGLIAN_BASE_URL", "") or "").rstrip("/")


def timeout_seconds() -> float:
    """QINGLIAN_NOTIFY_TIMEOUT: seconds to wait for the mail server or the webhook before giving up."""
    return float(getattr(settings, "QINGLIAN_NOTIFY_TIMEOUT", 10))


def max_attempts() -> int:
    """QINGLIAN_NOTIFY_MAX_ATTEMPTS: after this many failed attempts a delivery is given up (dead)."""
    return max(1, int(getattr(settings, "QINGLIAN_NOTIFY_MAX_ATTEMPTS", 8)))


def backoff_cap_minutes() -> int:
    """QINGLIAN_NOTIFY_BACKOFF_MAX_MINUTES: the longest wait between two attempts."""
    return max(1, int(getattr(settings, "QINGLIAN_NOTIFY_BACKOFF_MAX_MINUTES", 60)))


def lease_seconds() -> float:
    """QINGLIAN_NOTIFY_LEASE_SECONDS: how long a claimed row stays reserved for its sender.

    Never shorter than three send timeouts: the lease is renewed before each send, and it must outlast
    one send, or a second sender could take the row over while the first is still talking to the server.
    """
    configured = float(getattr(settings, "QINGLIAN_NOTIFY_LEASE_SECONDS", 300))
    return max(configured, 3 * timeout_seconds())


def mail_domain() -> str:
    """The right-hand side of our Message-IDs: the site's host name, else a reserved placeholder."""
    return urlsplit(base_url()).hostname or "qinglian.invalid"
