"""因公临时出国（境）: a delegation's trip — countries, days, team size, its place in the yearly plan, and the report
handed in after return."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.frugality import querysets
from qinglian.frugality.models.common import Voucher


class AbroadTrip(Voucher):
    """One delegation (团组) abroad led by `leader`. `countries` lists the countries and regions visited, stops
    included, separated by 、; `days` counts the days of leaving and arriving. `plan_item` empty: outside the plan."""

    leader = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="团长")
    purpose = models.CharField("出访任务", max_length=200)
    countries = models.CharField("出访国家（地区）", max_length=200)
    country_count = models.PositiveSmallIntegerField("国家（地区）数")
    team_size = models.PositiveSmallIntegerField("团组人数")
    depart_on = models.DateField("出境日期")
    return_on = models.DateField("入境日期")
    approved_on = models.DateField("审批日期", null=True, blank=True)
    plan_item = models.ForeignKey(
        "frugality.PlanItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="年度计划事项",
    )
    report_on = models.DateField("出访报告提交日期", null=True, blank=True)
    total_amount = models.DecimalField("费用合计（元）", max_digits=12, decimal_places=2, default=0)
    objects = querysets.AbroadManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "因公临时出国（境）"
        ordering = ["-depart_on", "-id"]

    def __str__(self) -> str:
        return f"{self.depart_on} {self.countries}"

    @property
    def days(self) -> int:
        """在外天数, the days of leaving and arriving included."""
        return (self.return_on - self.depart_on).days + 1
