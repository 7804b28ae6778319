"""Base fields shared by every ledger. core holds no domain models of its own."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class LiveQuerySet(models.QuerySet):
    """Rows that are not soft-deleted. Nothing in Qinglian is ever deleted for real."""

    def alive(self):
        return self.filter(deleted_at__isnull=True)


class LiveManager(models.Manager.from_queryset(LiveQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Record(models.Model):
    """A row that belongs to one organ, knows when it was made and changed, and is only soft-deleted."""

    organ = models.ForeignKey("org.Organ", on_delete=models.PROTECT, verbose_name="所属机关")
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="删除人",
    )

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
