"""The audit log (审计日志): an append-only, hash-chained record of security-relevant events.

等保2.0 三级 安全审计 c asks that audit records be protected from unexpected deletion, change or overwrite. Three
layers do that here: the model and its queryset refuse updates and deletes in Python; on PostgreSQL a trigger
refuses them in the database (migration 0002); and every row carries a keyed hash (HMAC-SM3) of itself and the
previous one, so a change made behind both (raw SQL as the table owner) is found by `qinglian audit verify`, which
also compares the chain with the heads exported outside the database (anchors.py) to catch a cut-off tail.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from qinglian.audit.chain import GENESIS_HASH
from qinglian.audit.choices import AuditAction

APPEND_ONLY_MESSAGE = "审计日志只允许追加"


class AuditLogIsAppendOnly(RuntimeError):
    """Raised by any attempt to change or delete an audit row through the ORM: a programming error."""

    def __init__(self, message: str = APPEND_ONLY_MESSAGE) -> None:
        super().__init__(message)


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AuditEventQuerySet:
        """Only the audit administrator reads the log (三员分立): its organ's rows and the platform's own
        (organ-less) rows such as failed logins with an unknown user name. Everybody else: nothing."""
        # Imported here: permissions and the scope read these models.
        from qinglian.audit.permissions import can_read_audit_log
        from qinglian.org.permissions import scope_of

        if not can_read_audit_log(user):
            return self.none()
        return self.filter(Q(organ_id=scope_of(user).organ_id) | Q(organ__isnull=True))

    # Bulk writes would bypass both the chain and the per-row refusal below.
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly()

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly()

    delete.queryset_only = True  # as on QuerySet.delete: not copied onto the manager

    def bulk_create(self, *args: Any, **kwargs: Any) -> list:
        raise AuditLogIsAppendOnly("审计日志只能通过 audit_record() 逐条写入")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly()


class AuditEvent(models.Model):
    """One thing that happened and must be answerable for: who did what to which record, from where, and
    whether it succeeded. `seq` numbers the rows without gaps; `hash` seals this row and the one before."""

    seq = models.BigIntegerField("序号", primary_key=True)
    created_at = models.DateTimeField("时间", default=timezone.now, editable=False)
    organ = models.ForeignKey(
        "org.Organ", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="机关"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    # The account may be renamed later; the log keeps what it was called at the time.
    actor_name = models.CharField("操作人名称", max_length=80, blank=True)
    action = models.CharField("事件类型", max_length=32, choices=AuditAction.choices)
    success = models.BooleanField("是否成功", default=True)
    target_type = models.CharField("对象类型", max_length=100, blank=True)  # app_label.model
    target_id = models.CharField("对象编号", max_length=64, blank=True)
    target_repr = models.CharField("对象", max_length=200, blank=True)
    ip = models.CharField("IP地址", max_length=45, blank=True)  # text, so it hashes the same on every database
    user_agent = models.CharField("客户端", max_length=255, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    prev_hash = models.CharField("前一条摘要", max_length=64)
    hash = models.CharField("本条摘要", max_length=64, unique=True)

    objects = models.Manager.from_queryset(AuditEventQuerySet)()

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["organ", "created_at"], name="audit_organ_time"),
            models.Index(fields=["action", "created_at"], name="audit_action_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor_name or '系统'} {self.get_action_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only services.audit_record() may insert, because only it links the row into the chain.
        if not self._state.adding:
            raise AuditLogIsAppendOnly()
        if not getattr(self, "_chained", False):
            raise AuditLogIsAppendOnly("审计日志只能通过 audit_record() 写入")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly()

    @property
    def detail_text(self) -> str:
        """The detail as the page shows it: "键：值；键：值"."""
        return "；".join(f"{key}：{value}" for key, value in sorted(self.detail.items())) if self.detail else ""


class AuditChainHead(models.Model):
    """The single row at the end of the chain: the last link, and the anchor the chain starts from.

    Appending locks this row, so two writers can never chain onto the same previous row (a fork). After a
    purge the anchor holds the seq and hash of the last removed row, and verification starts from it.
    """

    SINGLETON = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON)
    last_seq = models.BigIntegerField("最后序号", default=0)
    last_hash = models.CharField("最后摘要", max_length=64, default=GENESIS_HASH)
    anchor_seq = models.BigIntegerField("起点序号", default=0)
    anchor_hash = models.CharField("起点摘要", max_length=64, default=GENESIS_HASH)
    # Rows from this seq on are sealed with HMAC-SM3 and the audit key; rows before it (written before
    # migration 0004) with plain SHA-256. Moving it either way breaks verification: see services.audit_verify.
    keyed_from_seq = models.BigIntegerField("密钥签名起始序号", default=1)
    purged_at = models.DateTimeField("最近清理时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审计日志链头"

    def __str__(self) -> str:
        return f"审计日志链头：第 {self.anchor_seq + 1}–{self.last_seq} 条"
