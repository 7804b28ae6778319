"""公文审校: the organ's own terms for the engine, and each check a person ran."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.docreview.choices import CheckSource, MinSeverity, TermKind
from qinglian.docreview.querysets import DocumentCheckQuerySet, OrganTermQuerySet


class OrganTerm(models.Model):
    """One entry of an organ's proofreading profile, applied to every check its people run.

    kind=term: `text` is a wrong form and `replacement` the organ's right one (e.g. the organ's old name);
    kind=banned: `text` must not appear (`replacement` offered when given);
    kind=whitelist: `text` is never flagged (`rule` records which finding led someone to add it).
    Removing an entry is a soft delete (`deleted_at`); history keeps every change.
    """

    organ = models.ForeignKey("org.Organ", on_delete=models.PROTECT, verbose_name="所属机关")
    kind = models.CharField("类型", max_length=10, choices=TermKind.choices)
    text = models.CharField("词语", max_length=100)
    replacement = models.CharField("改为", max_length=100, blank=True)
    rule = models.CharField("来源规则", max_length=20, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="添加人"
    )
    created_at = models.DateTimeField("添加时间", default=timezone.now)
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="删除人",
    )
    objects = OrganTermQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "本机关审校词表"
        ordering = ["kind", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "kind", "text"], condition=Q(deleted_at__isnull=True), name="docreview_term_unique"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="docreview_term_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.text}"


class DocumentCheck(models.Model):
    """One document (pasted text, .txt or .docx) one person had checked, with what the engine found.

    `issues` is the engine's list of Issue dicts in its order; `decisions` maps an issue's index (as a
    string) to accepted/ignored. For a .docx the original is kept under MEDIA_ROOT (`stored_path`), so the
    commented and the corrected copies can be produced on demand rather than stored.
    """

    organ = models.ForeignKey("org.Organ", on_delete=models.PROTECT, verbose_name="所属机关")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="校对人"
    )
    created_at = models.DateTimeField("校对时间", default=timezone.now, db_index=True)
    source = models.CharField("来源", max_length=10, choices=CheckSource.choices)
    file_name = models.CharField("文件名", max_length=255, blank=True)
    sha256 = models.CharField("内容摘要", max_length=64)
    chars = models.PositiveIntegerField("字数", default=0)
    min_severity = models.CharField(
        "提示范围", max_length=4, choices=MinSeverity.choices, default=MinSeverity.SUGGESTION
    )
    # The 成文日期 the user gave (Options.document_date); empty when the engine took it from the text or today.
    document_date = models.DateField("成文日期", null=True, blank=True)
    error_count = models.PositiveIntegerField("错误数", default=0)
    suggestion_count = models.PositiveIntegerField("建议数", default=0)
    category_counts = models.JSONField("分类计数", default=dict, blank=True)
    duration_ms = models.PositiveIntegerField("用时（毫秒）", default=0)
    text = models.TextField("文本", blank=True)
    issues = models.JSONField("问题", default=list, blank=True)
    decisions = models.JSONField("处理结果", default=dict, blank=True)
    stored_path = models.CharField("原文件", max_length=300, blank=True)
    objects = DocumentCheckQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "公文审校记录"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organ", "user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title}（{timezone.localtime(self.created_at):%Y-%m-%d %H:%M}）"

    @property
    def title(self) -> str:
        return self.file_name or (self.text[:20].replace("\n", " ") + ("…" if len(self.text) > 20 else ""))

    @property
    def issue_count(self) -> int:
        return self.error_count + self.suggestion_count

    @property
    def is_docx(self) -> bool:
        return self.source == CheckSource.DOCX and bool(self.stored_path)
