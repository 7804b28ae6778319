"""Change history of any record kept by django-simple-history, as rows a person can read."""

from __future__ import annotations

from typing import Any

from django.db import models

_ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}
_HIDDEN = {"updated_at", "created_at"}


def _display(field: models.Field, value: Any) -> str:
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    return str(value)


def changes_for(obj: models.Model, *, limit: int = 50) -> list[dict]:
    """Newest first: when, who, what (新建/修改/删除) and each changed field as label, old, new.

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
        rows.append({"when": record.history_date, "who": record.history_user, "action": action, "fields": fields})
    return rows
