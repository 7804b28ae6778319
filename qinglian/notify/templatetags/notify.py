"""Filters for the outbox page: addresses are shown masked, and a backlog is flagged."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django import template
from django.utils import timezone

register = template.Library()

# A pending row due longer ago than this means no sender is running (a timer runs every minute or so).
BACKLOG_AFTER = dt.timedelta(minutes=10)


@register.filter
def mask_address(address: str) -> str:
    """`z***@example.cn` for e-mail; for a webhook only scheme, host and path — the query often holds a token."""
    if "@" in address and "://" not in address:
        local, _, domain = address.partition("@")
        return f"{local[:1]}***@{domain}"
    parts = urlsplit(address)
    suffix = "?…" if parts.query else ""
    return f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}{parts.path}{suffix}"


@register.filter
def is_overdue(moment: dt.datetime | None) -> bool:
    return moment is not None and moment < timezone.now() - BACKLOG_AFTER
