"""廉政风险点: the integrity risks of a unit and its posts, their level and controls, and their reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.integrity import querysets
from qinglian.integrity.choices import RiskLedger, RiskLevel


class RiskPoint(Record):
    """One risk of a unit (post blank) or of a post in it: what could go wrong, how likely and serious (高/中/低),
    the controls, who answers for them, and the ledger where the risk occurs (e.g. reception spending), so the
    register points at the records that show the control working. Reviewed at least yearly (rule INT-030)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="委室")
    post = models.CharField("岗位", max_length=60, blank=True, help_text="委室层面的风险点不填")
    matter = models.CharField("风险事项", max_length=100, help_text="如：公务接待审批、代表建议交办")
    description = models.TextField("风险描述")
    level = models.CharField("风险等级", max_length=8, choices=RiskLevel.choices)
    controls = models.TextField("防控措施")
    owner = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任人"
    )
    ledger = models.CharField("风险所在台账", max_length=16, choices=RiskLedger.choices, default=RiskLedger.OTHER)
    ledger_note = models.CharField("台账说明", max_length=200, blank=True)
    identified_on = models.DateField("排查日期")
    objects = querysets.UnitLedgerManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "廉政风险点"
        ordering = ["unit__order", "post", "id"]
        indexes = [models.Index(fields=["organ", "unit"])]

    def __str__(self) -> str:
        return f"{self.unit}{' ' + self.post if self.post else ''}：{self.matter}"


class RiskReview(models.Model):
    """One review of a risk point (年度复核): when, by whom, what changed. Rows, not a last-reviewed field, so a
    check for a past day sees the reviews held by then."""

    risk = models.ForeignKey(RiskPoint, on_delete=models.PROTECT, related_name="reviews", verbose_name="风险点")
    date = models.DateField("复核日期")
    note = models.CharField("复核情况", max_length=300, blank=True)
    level_before = models.CharField("复核前等级", max_length=8, choices=RiskLevel.choices, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "廉政风险点复核"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} 复核 {self.risk}"
