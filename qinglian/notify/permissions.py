"""Who may see which notifications.

- `Message.objects.visible_to(user)`: the user's own messages, nobody else's. An inbox is personal: not a
  unit head, not the supervisor, not an administrator reads another person's inbox.
- `OutboxItem.objects.visible_to(user)`: the system administrator sees delivery rows of the organ, to diagnose
  e-mail and webhook delivery. The outbox page shows no subject or body (三员分立: administrators see no
  business content), only channel, masked address, status and error.
- `access_message(user, pk)`: one of the user's messages, or NotFound (404) for anything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from qinglian.core.errors import NotFound
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of

if TYPE_CHECKING:
    from qinglian.notify.models import Message


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MessageQuerySet:
        scope = scope_of(user)
        if scope.user_id is None:
            return self.none()
        return self.filter(recipient_id=scope.user_id)

    def unread(self) -> MessageQuerySet:
        return self.filter(read_at__isnull=True)


class OutboxQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> OutboxQuerySet:
        if not can_see_outbox(user):
            return self.none()
        return self.filter(message__organ_id=scope_of(user).organ_id)


def can_see_outbox(user: Any) -> bool:
    return scope_of(user).has(Role.SYSADMIN)


def has_inbox(user: Any) -> bool:
    """Every active account has an inbox: staff (a person) and the administrators (a role) alike."""
    scope = scope_of(user)
    return scope.user_id is not None and (scope.person_id is not None or bool(scope.roles))


def access_message(user: Any, pk: Any) -> Message:
    from qinglian.notify.models import Message  # the models import this module's querysets

    try:
        return Message.objects.visible_to(user).get(pk=pk)
    except (Message.DoesNotExist, ValueError, TypeError):
        raise NotFound("消息不存在或无权查看") from None
