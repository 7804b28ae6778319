"""Reads of the audit log. Every list starts from AuditEvent.objects.visible_to(user)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from qinglian.audit.choices import AuditAction
from qinglian.audit.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor: str = ""  # part of the actor's name or user name
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    success: bool | None = None

    def as_detail(self) -> dict[str, Any]:
        """The filter as recorded in the export's own audit row."""
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


def audit_event_list(*, user: Any, filters: AuditFilter = AuditFilter()) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.visible_to(user).select_related("organ").order_by("-seq")
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.actor:
        events = events.filter(actor_name__icontains=filters.actor)
    if filters.date_from:
        events = events.filter(created_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        events = events.filter(created_at__lt=_day_start(filters.date_to + dt.timedelta(days=1)))
    if filters.success is not None:
        events = events.filter(success=filters.success)
    return events


def _day_start(day: dt.date) -> dt.datetime:
    # Dates are the organ's local dates (Asia/Shanghai), not UTC ones.
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_summary(*, user: Any, days: int = 30) -> dict[str, int]:
    """Counts for the audit administrator's workbench card."""
    since = timezone.now() - dt.timedelta(days=days)
    return (
        AuditEvent.objects.visible_to(user)
        .filter(created_at__gte=since)
        .aggregate(
            total=Count("seq"),
            failed_logins=Count("seq", filter=Q(action=AuditAction.LOGIN_FAILED)),
            denials=Count("seq", filter=Q(action=AuditAction.PERMISSION_DENIED)),
        )
    )
