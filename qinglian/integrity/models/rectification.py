"""问题整改台账: a batch of problems from one source (巡视/巡察, 审计, 民主生活会 …), each with its measures, its
销号 by a leader, and the long-term mechanisms (长效机制) it leaves behind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.integrity import querysets
from qinglian.integrity.choices import ProblemStatus, RectificationSource


class RectificationBatch(Record):
    """The problems fed back at once by one source (a 巡察 feedback meeting, an audit report …). The
    rectification report is due within the period the rule sets for the source, from `feedback_on` (INT-040)."""

    source = models.CharField("问题来源", max_length=16, choices=RectificationSource.choices)
    title = models.CharField("名称", max_length=200, help_text="如：市委第三巡察组巡察反馈问题整改")
    issuer = models.CharField("反馈单位", max_length=100, blank=True, help_text="如：市委第三巡察组、市审计局")
    feedback_on = models.DateField("反馈日期")
    lead = models.ForeignKey(
        "org.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="整改第一责任人",
        help_text="通常为党组书记",
    )
    report_submitted_on = models.DateField("整改报告报送日期", null=True, blank=True)
    report_no = models.CharField("整改报告文号", max_length=60, blank=True)
    objects = querysets.BatchManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "整改批次"
        ordering = ["-feedback_on", "-id"]

    def __str__(self) -> str:
        return self.title


class RectificationProblem(Record):
    """One problem of a batch, the unit and people who answer for it, and its 销号 — approved by a leader who is
    neither its owner nor its responsible leader, and only when every measure is done with evidence."""

    batch = models.ForeignKey(
        RectificationBatch, on_delete=models.PROTECT, related_name="problems", verbose_name="整改批次"
    )
    number = models.PositiveSmallIntegerField("序号")
    category = models.CharField("问题类别", max_length=60, blank=True, help_text="如：落实主体责任方面")
    description = models.TextField("问题描述")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任委室"
    )
    leader = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="分管领导"
    )
    owner = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任人"
    )
    status = models.CharField("状态", max_length=8, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="销号审批人",
    )
    close_note = models.TextField("销号意见", blank=True)
    objects = querysets.ProblemManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "整改问题"
        ordering = ["batch", "number", "id"]

    def __str__(self) -> str:
        return f"{self.batch} 问题{self.number}"


class RectificationMeasure(Record):
    """One measure against a problem: owner, deadline, and completion with evidence (INT-041 reads the dates)."""

    problem = models.ForeignKey(
        RectificationProblem, on_delete=models.PROTECT, related_name="measures", verbose_name="整改问题"
    )
    description = models.TextField("整改措施")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任委室"
    )
    owner = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任人"
    )
    deadline = models.DateField("完成时限")
    completed_on = models.DateField("完成日期", null=True, blank=True)
    completion_note = models.TextField("完成情况", blank=True)
    objects = querysets.MeasureManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "整改措施"
        ordering = ["problem", "deadline", "id"]
        indexes = [models.Index(fields=["organ", "deadline"])]

    def __str__(self) -> str:
        return f"{self.problem} 措施：{self.description[:30]}"


class LongTermMechanism(Record):
    """A rule or system made or revised so the problem does not come back (建章立制)."""

    problem = models.ForeignKey(
        RectificationProblem, on_delete=models.PROTECT, related_name="mechanisms", verbose_name="整改问题"
    )
    title = models.CharField("制度名称", max_length=200)
    document_no = models.CharField("文号", max_length=60, blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    objects = querysets.MechanismManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "长效机制"
        ordering = ["problem", "id"]

    def __str__(self) -> str:
        return self.title
