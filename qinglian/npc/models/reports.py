"""The yearly ledger of the report on how deputies' suggestions were handled (代表建议办理情况的报告): when the
Standing Committee heard it and when and where it was made public.

代表法 (2025) Art.51 ¶3: the handling is reported to the Standing Committee and the report 印发下一次人民代表大会
会议 and 应当予以公开; the Zhejiang rules (Art.29) say the same and name the channels (门户网站, 代表履职服务平台).
NPC-013 reads this ledger.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.npc.models.meetings import MeetingAgendaItem
from qinglian.npc.querysets import ALIVE, NpcManager


class HandlingReport(Record):
    """One handling year's report: heard by the Standing Committee on `reported_on` (at `agenda_item` of a
    常委会会议, when the meetings ledger has it) and published on `published_on` at `published_where`.

    `year` is the handling year of the suggestions the report covers (`Suggestion.year`); one report per year.
    """

    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)], help_text="报告所述代表建议的办理年度"
    )
    title = models.CharField("报告名称", max_length=200, blank=True)
    reported_on = models.DateField("常委会会议听取日期", null=True, blank=True)
    agenda_item = models.ForeignKey(
        MeetingAgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="常委会会议议题",
        help_text="会议材料台账中听取该报告的常委会会议议题；选择后听取日期即为会议日期",
    )
    published_on = models.DateField("向社会公开日期", null=True, blank=True)
    published_where = models.CharField(
        "公开渠道", max_length=300, blank=True, help_text="网址，或公开的渠道（如人大门户网站、代表履职服务平台）"
    )
    note = models.CharField("备注", max_length=300, blank=True)
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "代表建议办理情况报告"
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["organ", "year"], condition=ALIVE, name="npc_report_year")]

    def __str__(self) -> str:
        return self.title or f"{self.year}年度代表建议办理情况的报告"
