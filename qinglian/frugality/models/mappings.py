"""The finance system's export columns, mapped once to a ledger's columns and remembered per organ."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.core.models import ClockDateTimeField
from qinglian.frugality.choices import Ledger


class ColumnMapping(models.Model):
    """For one organ and one ledger: {our column header: the finance export's header}. A header mapped to "" is
    left unread."""

    organ = models.ForeignKey("org.Organ", on_delete=models.CASCADE, related_name="+", verbose_name="所属机关")
    ledger = models.CharField("台账", max_length=10, choices=Ledger.choices)
    mapping = models.JSONField("列对应关系", default=dict)
    updated_at = ClockDateTimeField("修改时间", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="修改人"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "财务导入列对应"
        constraints = [models.UniqueConstraint(fields=["organ", "ledger"], name="frugality_one_mapping")]

    def __str__(self) -> str:
        return self.get_ledger_display()
