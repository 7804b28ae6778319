"""Which records may carry evidence, and how to ask whether a person may see or change one.

Evidence has no permission rules of its own: reading a file needs read access to its record, attaching or
deleting needs write access. Each ledger app registers its model with its `access_<thing>` function in its
AppConfig.ready():

    from qinglian.evidence.registry import register
    register(Meeting, access_meeting)

Only registered models can be the target of evidence, so a URL can never name an arbitrary table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from qinglian.core.errors import Forbidden, NotFound

# access(user, pk, write=False) -> the row, or NotFound (invisible) / Forbidden (visible, read-only)
Access = Callable[..., models.Model]


@dataclass(frozen=True)
class Registration:
    model: type[models.Model]
    access: Access
    # The file kinds (evidence.sniff codes) this record accepts, when narrower than the organ's setting: a
    # personal-matters report is a scan or its Word file, never a spreadsheet. None: the setting's kinds.
    kinds: frozenset[str] | None = None

    @property
    def label(self) -> str:
        """ "org.person": the name a URL uses for the model."""
        return self.model._meta.label_lower

    @property
    def noun(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model, for_concrete_model=False)

    def visible_pks(self, user: Any) -> models.QuerySet | None:
        """The pks of the rows `user` may see, as a subquery; None when the model has no `visible_to`."""
        visible_to = getattr(self.model.objects, "visible_to", None)
        return visible_to(user).values("pk") if visible_to else None


_REGISTRY: dict[str, Registration] = {}


def register(model: type[models.Model], access: Access, kinds: Iterable[str] | None = None) -> None:
    """Let `model` carry evidence, guarded by `access(user, pk, write=False)`, of the given file kinds only."""
    # Evidence keeps the target's pk in a PositiveBigIntegerField so lists can join on it.
    if not isinstance(model._meta.pk, models.IntegerField):  # AutoField and BigAutoField included
        raise ImproperlyConfigured(f"{model._meta.label} 的主键不是整数，不能挂接佐证材料")
    if not any(f.name == "organ" for f in model._meta.get_fields()):
        raise ImproperlyConfigured(f"{model._meta.label} 没有 organ 字段，不能挂接佐证材料")
    _REGISTRY[model._meta.label_lower] = Registration(
        model=model, access=access, kinds=frozenset(kinds) if kinds is not None else None
    )


def registrations() -> list[Registration]:
    return list(_REGISTRY.values())


def registration_for(model_or_label: type[models.Model] | models.Model | str) -> Registration:
    """The registration of a model (class, instance or "app.model" label); NotFound when not registered."""
    if isinstance(model_or_label, str):
        label = model_or_label.lower()
    else:
        label = model_or_label._meta.label_lower
    try:
        return _REGISTRY[label]
    except KeyError:
        raise NotFound("该类记录不支持佐证材料") from None


def registration_for_content_type(content_type_id: int) -> Registration:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return registration_for(f"{content_type.app_label}.{content_type.model}")


def access_target(user: Any, model_or_label: type[models.Model] | str, pk: Any, *, write: bool = False):
    """The record by its own access function: NotFound when invisible, Forbidden when read-only."""
    return registration_for(model_or_label).access(user, pk, write=write)


def can_write(user: Any, target: models.Model) -> bool:
    """Whether `user` may attach evidence to (and delete evidence of) `target`."""
    try:
        access_target(user, type(target), target.pk, write=True)
    except (Forbidden, NotFound):
        return False
    return True
