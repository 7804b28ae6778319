"""Meetings of the Standing Committee (常委会会议) and of its chairpersons (主任会议), their agenda items, and
the materials each item's submitting unit sends to the office before the meeting."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.npc.choices import AgendaKind, AuditReport, NpcMeetingKind
from qinglian.npc.querysets import ALIVE, NpcManager


class NpcMeeting(Record):
    """One 主任会议 or 常委会会议 on a date; its agenda items carry the materials deadlines."""

    kind = models.CharField("会议类型", max_length=16, choices=NpcMeetingKind.choices)
    number = models.CharField("会次", max_length=20, help_text="如：第12次")
    date = models.DateField("会议日期")
    title = models.CharField("名称", max_length=200, blank=True)
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "常委会/主任会议"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organ", "kind", "date"])]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()}{self.number}"


class MeetingAgendaItem(Record):
    """An item on a meeting's agenda and the materials its submitting unit owes the office.

    `deadline` is when the first version is due, counted back from the meeting (services/meetings.py computes it
    from the parameters of NPC-008 in force on the meeting date). A special work report (专项工作报告, 监督法)
    has a second deadline, `final_deadline`, for the revised report to reach the members.
    """

    meeting = models.ForeignKey(NpcMeeting, on_delete=models.CASCADE, related_name="items", verbose_name="会议")
    order = models.PositiveSmallIntegerField("序号", default=1)
    title = models.CharField("议题", max_length=200)
    kind = models.CharField("议题类型", max_length=16, choices=AgendaKind.choices)
    submitting_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="提请/汇报单位"
    )
    materials_required = models.TextField("须报送材料", blank=True)
    is_special_report = models.BooleanField("专项工作报告", default=False)
    audit_report = models.CharField(
        "审计监督报告",
        max_length=16,
        choices=AuditReport.choices,
        blank=True,
        help_text="监督法第二十七条：听取审计工作报告后六个月内听取审计查出问题整改情况的报告",
    )
    deadline = models.DateField("报送期限", null=True, blank=True, editable=False)
    final_deadline = models.DateField("修改稿送交期限", null=True, blank=True, editable=False)
    outcome = models.CharField("审议结果", max_length=200, blank=True, help_text="如：通过、形成审议意见")
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "会议议题"
        ordering = ["meeting_id", "order", "id"]

    def __str__(self) -> str:
        return self.title


class MaterialSubmission(Record):
    """One version of an item's materials sent to the office, and the office's receipt of it.

    Versions count up per item. The item is on time when its first version was submitted on or before
    `deadline` and — for a special work report — a version marked final on or before `final_deadline`.
    """

    agenda_item = models.ForeignKey(
        MeetingAgendaItem, on_delete=models.CASCADE, related_name="submissions", verbose_name="议题"
    )
    version = models.PositiveSmallIntegerField("版本", editable=False)
    submitted_at = models.DateTimeField("报送时间")
    submitter = models.CharField("报送人", max_length=30, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )
    is_final = models.BooleanField("定稿", default=False)
    received_at = models.DateTimeField("签收时间", null=True, blank=True)
    received_by = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="签收人"
    )
    note = models.CharField("说明", max_length=300, blank=True)
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "材料报送"
        ordering = ["agenda_item_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "version"], condition=ALIVE, name="npc_submission_version")
        ]

    def __str__(self) -> str:
        return f"第{self.version}稿"
