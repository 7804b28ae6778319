"""一岗双责 follows the data: when a unit gets a new 分管领导, its open items move to them (services.tasks)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender="org.Supervision", dispatch_uid="duty_supervision_moved")
def _on_supervision_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    from qinglian.duty.services.tasks import supervision_moved
    from qinglian.org.models import Supervision

    previous = (
        Supervision.objects.filter(unit_id=instance.unit_id, start__lte=instance.start)
        .exclude(pk=instance.pk)
        .exclude(leader_id=instance.leader_id)
        .order_by("-start", "-id")
        .first()
    )
    if previous is not None:
        supervision_moved(
            unit_id=instance.unit_id,
            old_leader_id=previous.leader_id,
            new_leader_id=instance.leader_id,
            by=getattr(instance, "_history_user", None),
        )
