"""Yearly plans the Party group approves: conferences and training courses (财行〔2016〕214号 Ch.2: the annual plan
approved by the unit's leadership), and trips abroad (the yearly quota of 因公临时出国)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.frugality import querysets
from qinglian.frugality.choices import PlanKind


class SpendingPlan(Record):
    """One year's plan of one kind, approved by the Party group on `approved_on` (a meeting's minutes)."""

    kind = models.CharField("计划类别", max_length=12, choices=PlanKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    approved_on = models.DateField("党组会审批日期", null=True, blank=True)
    approval_ref = models.CharField("审批会议/文号", max_length=100, blank=True)
    objects = querysets.OrganLedgerManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "年度经费计划"
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "kind", "year"],
                condition=models.Q(deleted_at__isnull=True),
                name="frugality_one_plan_per_kind_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.get_kind_display()}"


class PlanItem(models.Model):
    """A line of the plan: a meeting, a course or a trip abroad the organ means to hold, with its size and budget."""

    plan = models.ForeignKey(SpendingPlan, on_delete=models.CASCADE, related_name="items", verbose_name="计划")
    name = models.CharField("名称", max_length=200)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="承办委室"
    )
    category = models.CharField("类别", max_length=12, blank=True)
    people = models.PositiveIntegerField("计划人数", null=True, blank=True)
    days = models.DecimalField("计划天数", max_digits=5, decimal_places=1, null=True, blank=True)
    budget = models.DecimalField("预算（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "年度计划事项"
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return self.name
