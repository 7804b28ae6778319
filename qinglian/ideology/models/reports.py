"""分析研判和报告: the ideology situation analysis on its schedule, the yearly report upward on the responsibility
system, and the intra-Party briefings — each a scheduled item with its period, due date and responsible person."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.ideology import querysets
from qinglian.ideology.choices import ReportKind


class ReportItem(Record):
    """One scheduled analysis, report or briefing for one period (a quarter, a half-year, a year). `due_on` is
    computed from the rule parameters when the year is planned (core.workdays); `done_on` is the day it was held or
    sent, and the document itself is its evidence. The rules read the parameters, not these rows' due dates: a
    period with no row at all is still a finding."""

    kind = models.CharField("类型", max_length=16, choices=ReportKind.choices)
    period_start = models.DateField("所属期间起")
    period_end = models.DateField("所属期间止")
    title = models.CharField("名称", max_length=200)
    due_on = models.DateField("应完成日期")
    responsible = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="责任人", null=True, blank=True
    )
    done_on = models.DateField("完成日期", null=True, blank=True)
    recipient = models.CharField("报送或通报对象", max_length=200, blank=True)
    summary = models.TextField("主要内容", blank=True)
    objects = querysets.ReportItemManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "分析研判和报告"
        ordering = ["due_on", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "kind", "period_start"],
                condition=Q(deleted_at__isnull=True),
                name="ideology_report_item_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title
