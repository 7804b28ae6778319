"""标准表: the limits the money rules read — a lodging cap by city and band, a meeting rate by category, a lecturer's
fee by title — each table a version from one jurisdiction, in force from a date, with its source document.

A table is never edited in place once in use: a new version (a new row here, with its own effective date) is
imported when the province or the city publishes one, and the old one gets its end date. Not a `Record`: central,
provincial and city tables belong to no organ (organ is set only for 本机关 tables), as rule parameter sets do.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.compliance.choices import Confidence, Jurisdiction
from qinglian.core.models import ClockDateTimeField
from qinglian.frugality import querysets
from qinglian.frugality.choices import StandardKind


class StandardTable(models.Model):
    """One version of one kind of standard table: whose (jurisdiction, organ for 本机关), in force from
    `effective_from` to `effective_to` (open when empty), issued by `doc_no` (文号), with how sure we are of it.
    `confidence=unconfirmed` marks an example set (待核实) shipped for an administrator to replace."""

    kind = models.CharField("标准类别", max_length=24, choices=StandardKind.choices)
    jurisdiction = models.CharField("制定层级", max_length=12, choices=Jurisdiction.choices)
    organ = models.ForeignKey(
        "org.Organ", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="本机关"
    )
    title = models.CharField("标准名称", max_length=200)
    doc_no = models.CharField("文号", max_length=80, blank=True)
    source = models.CharField("依据", max_length=300, help_text="文件名称和条款")
    effective_from = models.DateField("生效日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    confidence = models.CharField("可信度", max_length=12, choices=Confidence.choices, default=Confidence.HIGH)
    note = models.CharField("说明", max_length=500, blank=True)
    created_at = ClockDateTimeField("录入时间", default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="录入人",
    )
    retired_at = models.DateTimeField("作废时间", null=True, blank=True)
    objects = querysets.StandardTableQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "经费标准表"
        ordering = ["kind", "-effective_from", "id"]
        indexes = [models.Index(fields=["kind", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_jurisdiction_display()}，{self.effective_from}起）"

    @property
    def unconfirmed(self) -> bool:
        return self.confidence == Confidence.UNCONFIRMED


class StandardRow(models.Model):
    """One line of a table: up to three keys (a city, a band, a category; "*" stands for 其他地区/any) and the
    values the kind's spec names (standards/specs.py), as JSON strings of decimals so nothing is rounded."""

    table = models.ForeignKey(StandardTable, on_delete=models.CASCADE, related_name="rows", verbose_name="标准表")
    key_a = models.CharField("键1", max_length=60, blank=True)
    key_b = models.CharField("键2", max_length=60, blank=True)
    key_c = models.CharField("键3", max_length=60, blank=True)
    values = models.JSONField("标准值", default=dict)
    position = models.PositiveIntegerField("行号", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "经费标准行"
        ordering = ["table", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["table", "key_a", "key_b", "key_c"], name="frugality_standard_row_keys")
        ]

    def __str__(self) -> str:
        return "/".join(k for k in (self.key_a, self.key_b, self.key_c) if k)
