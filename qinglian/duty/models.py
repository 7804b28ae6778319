"""主体责任: the year's responsibility list, its tasks per unit, progress, letters, 督办 and 约谈.

The chain the issue asks to make visible: DutyList (the year's 责任清单) → DutySection (一、（一）) →
DutyItem (one duty, with its lead leader and deadline) → DutyAssignment (a unit's share: lead or co-unit,
claimed, reported, confirmed) → ProgressReport (with evidence). Every row keeps its history.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from qinglian.core import workdays
from qinglian.core.models import Record
from qinglian.duty import querysets
from qinglian.duty.choices import (
    OPEN_TASK_STATUSES,
    OVERDUE_LABEL,
    AssignmentRole,
    LetterLevel,
    ListStatus,
    NoticeStatus,
    Recurrence,
    TalkKind,
    TaskStatus,
    Theme,
)


class DutyList(Record):
    """The year's responsibility list (责任清单/工作要点) of the Party group."""

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=120)
    document_no = models.CharField("文号", max_length=60, blank=True)
    status = models.CharField("状态", max_length=12, choices=ListStatus.choices, default=ListStatus.DRAFT)
    published_on = models.DateField("印发日期", null=True, blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="沿用自"
    )
    objects = querysets.DutyListManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "责任清单"
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "year"], condition=Q(deleted_at__isnull=True), name="duty_list_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return self.title


class DutySection(models.Model):
    """A heading of the list: 一、 (level 1) or （一） (level 2, with a parent)."""

    duty_list = models.ForeignKey(DutyList, on_delete=models.CASCADE, related_name="sections", verbose_name="清单")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name="上级标题"
    )
    order = models.PositiveSmallIntegerField("序号", default=1)
    title = models.CharField("标题", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "清单标题"
        ordering = ["duty_list_id", F("parent_id").asc(nulls_first=True), "order", "id"]  # headings first on every DB

    def __str__(self) -> str:
        return self.title


class DutyItem(Record):
    """One duty of the list, with who leads it, by when, and what counts as done."""

    duty_list = models.ForeignKey(DutyList, on_delete=models.CASCADE, related_name="items", verbose_name="清单")
    section = models.ForeignKey(
        DutySection, on_delete=models.PROTECT, null=True, blank=True, related_name="items", verbose_name="所属标题"
    )
    order = models.PositiveSmallIntegerField("序号", default=1)
    content = models.TextField("任务内容")
    theme = models.CharField("类别", max_length=24, choices=Theme.choices, default=Theme.STRICT_GOVERNANCE)
    lead_leader = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="牵头领导"
    )
    deadline = models.DateField("完成时限", null=True, blank=True, help_text="一次性任务的截止日期")
    recurrence = models.CharField("周期", max_length=12, choices=Recurrence.choices, default=Recurrence.ONCE)
    standard = models.TextField("完成标准", blank=True)
    evidence_required = models.CharField("佐证材料要求", max_length=300, blank=True)
    objects = querysets.DutyItemManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "清单事项"
        ordering = ["duty_list_id", "order", "id"]

    def __str__(self) -> str:
        return f"{self.order}. {self.content[:40]}"


class DutyAssignment(Record):
    """A unit's share of an item (牵头/配合): claimed, reported on, completed and confirmed (销号)."""

    item = models.ForeignKey(DutyItem, on_delete=models.CASCADE, related_name="assignments", verbose_name="事项")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="duty_tasks", verbose_name="责任委室")
    role = models.CharField("分工", max_length=8, choices=AssignmentRole.choices, default=AssignmentRole.LEAD)
    status = models.CharField("状态", max_length=16, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED)
    claimed_at = models.DateTimeField("认领时间", null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="认领人",
    )
    completed_on = models.DateField("完成日期", null=True, blank=True)
    confirmed_at = models.DateTimeField("销号时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="销号人",
    )
    objects = querysets.AssignmentManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "责任任务"
        ordering = ["item__duty_list_id", "item__order", "-role", "unit__order"]  # "lead" before "co"
        constraints = [
            models.UniqueConstraint(
                fields=["item", "unit"], condition=Q(deleted_at__isnull=True), name="duty_assignment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}：{self.item.content[:30]}"

    def is_overdue(self, on: dt.date) -> bool:
        deadline = self.item.deadline
        return self.status in OPEN_TASK_STATUSES and deadline is not None and workdays.is_overdue(deadline, on)

    def display_status(self, on: dt.date) -> str:
        return OVERDUE_LABEL if self.is_overdue(on) else self.get_status_display()


class ProgressReport(Record):
    """A unit's report on its task; for recurring items, one per period (`period` = "2026-03", "2026-Q1")."""

    assignment = models.ForeignKey(
        DutyAssignment, on_delete=models.CASCADE, related_name="reports", verbose_name="责任任务"
    )
    period = models.CharField("所属期间", max_length=10, blank=True)
    date = models.DateField("报送日期")
    content = models.TextField("进展情况")
    percent = models.PositiveSmallIntegerField("完成进度（%）", default=0)
    is_final = models.BooleanField("报告完成", default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="报送人"
    )
    objects = querysets.ProgressManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "进展报告"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["assignment", "period"])]

    def __str__(self) -> str:
        return f"{self.date} {self.assignment.unit.name} {self.percent}%"


class ResponsibilityLetter(Record):
    """A 党风廉政建设责任书 for a year: issuer (the higher level) and signer. Unsigned until signed_on is set."""

    year = models.PositiveSmallIntegerField("年度")
    level = models.CharField("层级", max_length=12, choices=LetterLevel.choices)
    issuer = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="签发人"
    )
    signer = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="签订人")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="所在委室")
    signed_on = models.DateField("签订日期", null=True, blank=True)
    trigger_event = models.ForeignKey(
        "org.PersonnelEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="因人事变动补签",
    )
    note = models.CharField("备注", max_length=200, blank=True)
    objects = querysets.LetterManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党风廉政建设责任书"
        ordering = ["-year", "level", "unit__order", "id"]
        indexes = [models.Index(fields=["organ", "year", "signer"])]
        constraints = [
            # One year's letter per person, and one 补签 per personnel event — held by the database, so that two
            # generations at once (or a double submit) cannot make two.
            models.UniqueConstraint(
                fields=["organ", "year", "signer"],
                condition=Q(deleted_at__isnull=True, trigger_event__isnull=True),
                name="duty_letter_once_per_year",
                violation_error_message="此人本年度已有责任书",
            ),
            models.UniqueConstraint(
                fields=["trigger_event"],
                condition=Q(deleted_at__isnull=True, trigger_event__isnull=False),
                name="duty_letter_once_per_event",
                violation_error_message="该人事变动已补签责任书",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.signer.name} {self.get_level_display()}"


class OversightNotice(Record):
    """督办单: issued for a slipping task or an open finding, with a reply due by a date."""

    number = models.CharField("督办单编号", max_length=40)
    assignment = models.ForeignKey(
        DutyAssignment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name="督办任务",
    )
    finding = models.ForeignKey(
        "compliance.Finding",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="督办预警",
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="被督办委室")
    responsible = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任人"
    )
    issued_on = models.DateField("督办日期")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="督办人",
    )
    reason = models.TextField("督办事由")
    requirement = models.TextField("办理要求", blank=True)
    reply_due = models.DateField("回复期限")
    status = models.CharField("状态", max_length=12, choices=NoticeStatus.choices, default=NoticeStatus.ISSUED)
    reply = models.TextField("回复内容", blank=True)
    replied_on = models.DateField("回复日期", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="回复人",
    )
    escalated_to = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="升级至"
    )
    escalated_on = models.DateField("升级日期", null=True, blank=True)
    objects = querysets.NoticeManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "督办单"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "number"], condition=Q(deleted_at__isnull=True), name="duty_notice_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.unit.name}"


class AccountabilityTalk(Record):
    """约谈/提醒谈话: who talked to whom, why, and what came of it, linked to what caused it."""

    kind = models.CharField("类型", max_length=12, choices=TalkKind.choices, default=TalkKind.ADMONITION)
    date = models.DateField("日期")
    interviewer = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="约谈人")
    interviewee = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="被约谈人")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="所在委室"
    )
    reason = models.TextField("约谈事由")
    outcome = models.TextField("约谈结果/整改要求", blank=True)
    notice = models.ForeignKey(
        OversightNotice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="talks",
        verbose_name="相关督办单",
    )
    assignment = models.ForeignKey(
        DutyAssignment, on_delete=models.PROTECT, null=True, blank=True, related_name="talks", verbose_name="相关任务"
    )
    finding = models.ForeignKey(
        "compliance.Finding",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="相关预警",
    )
    objects = querysets.TalkManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "约谈记录"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.interviewer.name}约谈{self.interviewee.name}"


class AgendaTag(models.Model):
    """Tags a Party-group agenda item (partylife.AgendaItem) with a theme, so its study frequency can be counted."""

    agenda_item = models.ForeignKey(
        "partylife.AgendaItem", on_delete=models.CASCADE, related_name="duty_tags", verbose_name="议题"
    )
    theme = models.CharField("类别", max_length=24, choices=Theme.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党组议题类别"
        constraints = [models.UniqueConstraint(fields=["agenda_item", "theme"], name="duty_agenda_tag_once")]

    def __str__(self) -> str:
        return f"{self.agenda_item.title}（{self.get_theme_display()}）"


class SuperiorReport(Record):
    """The Party group's yearly report to the superior Party organisation on how it carried out its main
    responsibility (向上级党组织报告落实全面从严治党主体责任情况): one per year reported on, with the day it was
    sent (its own date: a check for an earlier day does not see it) and the evidence (the report as sent)."""

    year = models.PositiveSmallIntegerField("报告年度", help_text="所报告的年度，如2025年度的报告于2026年初报送")
    reported_on = models.DateField("报送日期")
    recipient = models.CharField("报送对象", max_length=60, help_text="上级党组织，如：中共××市委")
    title = models.CharField("报告标题", max_length=120)
    document_no = models.CharField("文号", max_length=60, blank=True)
    summary = models.TextField("主要内容", blank=True)
    objects = querysets.SuperiorReportManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "主体责任年度报告"
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "year"], condition=Q(deleted_at__isnull=True), name="duty_superior_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年度落实全面从严治党主体责任情况报告"
