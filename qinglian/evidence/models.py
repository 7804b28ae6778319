"""Evidence (佐证材料): files attached to ledger records."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.core.models import LiveManager, Record
from qinglian.evidence.permissions import EvidenceQuerySet
from qinglian.evidence.sniff import KINDS, PREVIEWABLE


class EvidenceManager(LiveManager.from_queryset(EvidenceQuerySet)):
    pass


class Evidence(Record):
    """One file attached to one ledger record (a person, a meeting, a talk…) as proof of what it says.

    The bytes live under MEDIA_ROOT (outside the web root) at `stored_path`, named by their SHA-256 and never
    by the uploader's file name; they are served only after the record's own permission check. Deleting
    evidence is a soft delete: the row is marked and the file stays, so an inspection can still see it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="记录类型")
    # An integer, not a CharField: every Qinglian model has an integer pk, and lists filter evidence with
    # `object_id IN (SELECT pk FROM <target> WHERE visible)`, which PostgreSQL will not compare across types.
    object_id = models.PositiveBigIntegerField("记录编号")
    target = GenericForeignKey("content_type", "object_id")
    original_name = models.CharField("文件名", max_length=255)
    stored_path = models.CharField("存储路径", max_length=255, unique=True, editable=False)
    size = models.PositiveBigIntegerField("大小（字节）")
    kind = models.CharField("类型", max_length=12, choices=[(k.code, k.label) for k in KINDS.values()])
    mime = models.CharField("MIME 类型", max_length=100)
    sha256 = models.CharField(
        "SHA-256", max_length=64, db_index=True, validators=[RegexValidator(r"^[0-9a-f]{64}$", "SHA-256 格式不正确")]
    )
    note = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)
    objects = EvidenceManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    # Set by evidence_attach when the same file was already on the record and no new row was made.
    reused: bool = False

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="evidence_target_idx")]
        constraints = [
            # The same file once per record; after a soft delete it may be attached again.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "sha256"],
                condition=Q(deleted_at__isnull=True),
                name="evidence_unique_live_file_per_target",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def kind_label(self) -> str:
        return self.get_kind_display()

    @property
    def previewable(self) -> bool:
        """Images and PDF open in the browser; everything else is only downloaded."""
        return self.kind in PREVIEWABLE

    @property
    def short_sha(self) -> str:
        return self.sha256[:12]

    @property
    def icon(self) -> str:
        """A Bootstrap Icons name for the list."""
        icons = {
            "pdf": "file-earmark-pdf",
            "docx": "file-earmark-word",
            "doc": "file-earmark-word",
            "xlsx": "file-earmark-excel",
            "xls": "file-earmark-excel",
            "pptx": "file-earmark-ppt",
            "text": "file-earmark-text",
            "zip": "file-earmark-zip",
        }
        return "file-earmark-image" if self.kind in PREVIEWABLE - {"pdf"} else icons.get(self.kind, "file-earmark")
