"""The write helpers every app's services use: validate and save with the author in history, mark deleted.

Services own their transactions and permission checks; these only turn Django's validation into Chinese
InvalidInput/Conflict and make sure nothing is deleted for real.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from qinglian.core import clock, hooks
from qinglian.core.errors import Conflict, InvalidInput


def stamp(obj: models.Model, by: Any) -> None:
    """Record `by` as the author of the next save in the row's history (django-simple-history)."""
    obj._history_user = by


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "message_dict"):
        return error.message_dict
    return {"__all__": error.messages}


def save_checked(obj: models.Model, *, by: Any) -> models.Model:
    """full_clean() then save, recording `by` in the history; problems become InvalidInput (Chinese)."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        problems = _messages(exc)
        text = "；".join(
            f"{field_label(obj, name)}：{'，'.join(msgs)}" if name != "__all__" else "，".join(msgs)
            for name, msgs in problems.items()
        )
        raise InvalidInput(text, detail=problems) from exc
    stamp(obj, by)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise Conflict("与已有记录冲突（名称或证件号重复）") from exc
    return obj


def field_label(obj: models.Model, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except Exception:
        return name


@transaction.atomic
def soft_delete(obj: models.Model, *, by: Any) -> None:
    """Nothing is deleted for real: the row is marked and disappears from every list; history keeps it."""
    obj.deleted_at = clock.now()
    obj.deleted_by = by
    stamp(obj, by)
    obj.save(update_fields=["deleted_at", "deleted_by", "updated_at"])


def withdraw(obj: models.Model, *, by: Any, reason: str, target_repr: str) -> None:
    """Soft-delete a row entered in error, for a reason: the reason is the history row's change reason and goes to
    the audit log. Refused (Chinese) without one. The caller checks who may and holds the transaction."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("请填写删除原因")
    obj._change_reason = f"删除：{reason}"[:100]  # type: ignore[attr-defined]
    soft_delete(obj, by=by)
    hooks.audit_record(
        action="record_deleted",
        user=by,
        target=obj,
        target_repr=target_repr,
        detail={"model": obj._meta.label_lower, "reason": reason},
    )


def values_changed(obj: models.Model, data: dict[str, Any]) -> None:
    """Copy validated form/API data onto a model instance (caller saves through a service)."""
    for key, value in data.items():
        setattr(obj, key, value)
