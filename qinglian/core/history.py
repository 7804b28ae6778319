"""Change history of any record kept by django-simple-history, as rows a person can read.

Times are the organ's local time (settings.TIME_ZONE, Asia/Shanghai) wherever they appear — when a change was made
and any date-time value that changed (a soft delete's 删除时间, a reply's time) — never the UTC the database
keeps: a page headed 17:00 must not list the change as 09:00+00:00.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone

_ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}
_HIDDEN = {"updated_at", "created_at"}


def local_time(value: dt.datetime) -> dt.datetime:
    """An aware time in the organ's zone; a naive one (already local, USE_TZ off) as it is."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _display(field: models.Field, value: Any) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        return f"{local_time(value):%Y-%m-%d %H:%M}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    return str(value)


def changes_for(obj: models.Model, *, limit: int = 50) -> list[dict]:
    """Newest first: when (a local time), who, what (新建/修改/删除) and each changed field as label, old, new
    (text; a date-time in local time).

    A soft delete is a change of 删除时间 and shows as 删除.
    """
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit])
    rows: list[dict] = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        fields: list[dict] = []
        action = _ACTIONS.get(record.history_type, record.history_type)
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in _HIDDEN:
                    continue
                try:
                    field = model._meta.get_field(change.field)
                except Exception:  # an m2m field or one since removed
                    continue
                if change.field == "deleted_at" and change.new:
                    action = "删除"
                fields.append(
                    {
                        "label": field.verbose_name,
                        "old": _display(field, change.old),
                        "new": _display(field, change.new),
                    }
                )
            if not fields:
                continue
        rows.append(
            {"when": local_time(record.history_date), "who": record.history_user, "action": action, "fields": fields}
        )
    return rows
