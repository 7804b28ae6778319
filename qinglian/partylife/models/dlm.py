"""民主生活会: the steps of the leading group's democratic-life meeting of a year, with the dates they were done."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.partylife import querysets
from qinglian.partylife.choices import DLMStep
from qinglian.partylife.models.meetings import Meeting


class DemocraticLifeStep(Record):
    """One step of the leading group's democratic-life meeting of a year, with the date it was done."""

    year = models.PositiveSmallIntegerField("年度")
    step = models.CharField("环节", max_length=12, choices=DLMStep.choices)
    done_on = models.DateField("完成日期", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="会议"
    )
    objects = querysets.DLMManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "民主生活会环节"
        ordering = ["year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "year", "step"], condition=Q(deleted_at__isnull=True), name="partylife_dlm_step_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.get_step_display()}"
