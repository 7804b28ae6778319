"""舆情: public-opinion events about the organ — when found, how serious, the first response, whether reported
upward, how handled, when closed."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.ideology import querysets
from qinglian.ideology.choices import OpinionLevel, OpinionSource, OpinionStatus


class OpinionEvent(Record):
    """One public-opinion event (舆情). The rules time the first response and the report upward from `found_at`
    by the event's level (hours as parameters)."""

    title = models.CharField("舆情标题", max_length=200)
    source = models.CharField("来源", max_length=16, choices=OpinionSource.choices)
    level = models.CharField("等级", max_length=10, choices=OpinionLevel.choices, default=OpinionLevel.GENERAL)
    found_at = models.DateTimeField("发现时间")
    summary = models.TextField("舆情内容")
    outlet = models.ForeignKey(
        "ideology.Outlet", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="涉及阵地"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="责任委室")
    responsible = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任人"
    )
    first_response_at = models.DateTimeField("首次响应时间", null=True, blank=True)
    first_response = models.CharField("首次响应措施", max_length=300, blank=True)
    reported_upward = models.BooleanField("已向上级报告", default=False)
    reported_at = models.DateTimeField("报告时间", null=True, blank=True)
    reported_to = models.CharField("报告对象", max_length=100, blank=True)
    handling = models.TextField("处置情况", blank=True)
    status = models.CharField("状态", max_length=10, choices=OpinionStatus.choices, default=OpinionStatus.OPEN)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    objects = querysets.OpinionManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "舆情事件"
        ordering = ["-found_at", "-id"]
        indexes = [models.Index(fields=["organ", "found_at"])]

    def __str__(self) -> str:
        return self.title
