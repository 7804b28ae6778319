"""A branch's annual plan and its monthly slots; a held meeting (meetings.Meeting.plan_item) links to its slot."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.partylife import querysets
from qinglian.partylife.choices import MeetingKind


class AnnualPlan(Record):
    """A branch's plan for the year: which meetings in which month."""

    branch = models.ForeignKey("org.Branch", on_delete=models.PROTECT, related_name="plans", verbose_name="党支部")
    year = models.PositiveSmallIntegerField("年度")
    objects = querysets.PlanManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "年度计划"
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "year"], condition=Q(deleted_at__isnull=True), name="partylife_plan_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.branch} {self.year}年计划"


class PlanItem(models.Model):
    """One planned meeting (a slot) in a month; recording the held meeting links it here."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="items", verbose_name="计划")
    month = models.PositiveSmallIntegerField("月份")
    kind = models.CharField("会议类型", max_length=32, choices=MeetingKind.choices)
    topic = models.CharField("拟定主题", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "计划事项"
        ordering = ["plan_id", "month", "kind"]
        constraints = [models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="partylife_plan_month")]

    def __str__(self) -> str:
        return f"{self.month}月 {self.get_kind_display()}"
