"""领导干部个人有关事项报告: who must report, the reports' receipts and dates (never their content), the yearly
random draw and the checks (抽查核实) with their outcome.

The report itself is the most confidential record of the system. The organ keeps only the receipt, dates and
status here, and the scanned report as evidence, encrypted at rest (decision 0011); every row is visible only to
the person, the personnel officer and the stationed group (querysets.PersonalMattersQuerySet), and every opening
is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.integrity import querysets
from qinglian.integrity.choices import ChangeKind, CheckOutcome, CheckReason, ReportKind


class ExtraReporter(Record):
    """A person the organ lists as having to report although below the rank set by the rule's parameter (e.g. the
    head of finance, a 科级 post with 人财物 powers), from `start` until `end`."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    reason = models.CharField("列入原因", max_length=200)
    start = models.DateField("起始日期")
    end = models.DateField("截止日期", null=True, blank=True)
    objects = querysets.PersonalMattersManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "个人事项报告对象（增列）"
        ordering = ["person__name", "-start"]

    def __str__(self) -> str:
        return f"{self.person}（{self.reason}）"


class PersonalReport(Record):
    """One report: the yearly report (due by 31 January of `year`, on matters as they stood at the end of the
    year before) or a change report after an event (due within 30 days of `event_date`)."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="报告人")
    kind = models.CharField("报告类型", max_length=8, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(
        "报告年份", help_text="年度集中报告：报告所在年份（如2026年1月报告的填2026）"
    )
    change_kind = models.CharField("变化事项", max_length=16, choices=ChangeKind.choices, blank=True)
    event_date = models.DateField("事项发生日期", null=True, blank=True)
    submitted_on = models.DateField("报告日期")
    received_on = models.DateField("受理日期", null=True, blank=True)
    received_by = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="受理人"
    )
    receipt_no = models.CharField("回执编号", max_length=60, blank=True)
    managed_here = models.BooleanField(
        "本机关管理", default=True, help_text="市管干部向市委组织部报告，本机关只保存回执"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    objects = querysets.PersonalMattersManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "个人有关事项报告"
        ordering = ["-submitted_on", "-id"]
        indexes = [models.Index(fields=["organ", "year"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(kind="annual") & Q(deleted_at__isnull=True),
                name="integrity_one_annual_report",
            ),
            models.CheckConstraint(
                condition=Q(kind="annual")
                | (Q(event_date__isnull=False) & Q(submitted_on__gte=models.F("event_date"))),
                name="integrity_change_report_after_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}年{self.get_kind_display()}"


class SpotCheckDraw(Record):
    """The yearly random draw (随机抽查): who could be drawn, the recorded seed, and who was drawn.

    Reproducible: the same population (person ids, in order), seed and count give the same people
    (services.personal.draw_people), so anyone may re-run it and compare; the draw itself is audited."""

    year = models.PositiveSmallIntegerField("年度")
    drawn_on = models.DateField("抽取日期")
    seed = models.CharField("随机种子", max_length=64)
    ratio = models.DecimalField("抽查比例", max_digits=4, decimal_places=3)
    population = models.JSONField("抽取范围（人员编号）", default=list)
    drawn = models.JSONField("抽中人员（人员编号）", default=list)
    method = models.CharField("抽取方法", max_length=100, default="sha256-rank-v1")
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="抽取人"
    )
    objects = querysets.SpotCheckDrawManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "个人事项随机抽查抽取"
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "year"], condition=Q(deleted_at__isnull=True), name="integrity_one_draw_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年随机抽查"


class SpotCheck(Record):
    """One person's report checked (抽查核实): drawn at random, or proposed for promotion (凡提必核), with the
    outcome and, when 不一致, how it was handled."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="核实对象")
    year = models.PositiveSmallIntegerField("年度")
    reason = models.CharField("核实原因", max_length=12, choices=CheckReason.choices)
    draw = models.ForeignKey(
        SpotCheckDraw, on_delete=models.PROTECT, null=True, blank=True, related_name="checks", verbose_name="抽取批次"
    )
    event = models.ForeignKey(
        "org.PersonnelEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="对应提拔",
    )
    checked_on = models.DateField("核实完成日期", null=True, blank=True)
    outcome = models.CharField("核实结果", max_length=14, choices=CheckOutcome.choices, blank=True)
    handling = models.TextField("不一致的处理", blank=True, help_text="如：批评教育、责令作出检查、诫勉、暂缓提拔")
    objects = querysets.PersonalMattersManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "个人事项抽查核实"
        ordering = ["-year", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="inconsistent") | ~Q(handling=""), name="integrity_inconsistent_handled"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.person} {self.get_reason_display()}"
