"""Meetings and their attendance: the ledger of 三会一课, 主题党日, 组织生活会, 民主评议 and the leading group's
meetings, each with its agenda (第一议题 marked) and who was due and came."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.partylife import querysets
from qinglian.partylife.choices import AttendanceStatus, Holder, MeetingKind


class Meeting(Record):
    """One meeting held (or being recorded) by a branch, a party group or the leading Party group."""

    kind = models.CharField("会议类型", max_length=32, choices=MeetingKind.choices)
    holder = models.CharField("召开组织", max_length=16, choices=Holder.choices, default=Holder.BRANCH)
    branch = models.ForeignKey(
        "org.Branch", on_delete=models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name="党支部"
    )
    party_group = models.ForeignKey(
        "org.PartyGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name="党小组",
    )
    date = models.DateField("日期")
    place = models.CharField("地点", max_length=100, blank=True)
    topic = models.CharField("主题", max_length=200)
    host = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="主持人"
    )
    recorder = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="记录人"
    )
    lecturer = models.ForeignKey(
        "org.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="授课人/主讲人",
    )
    hours = models.DecimalField("计入学时", max_digits=4, decimal_places=1, default=Decimal("0"))
    minutes = models.TextField("会议记录", blank=True)
    has_vote = models.BooleanField("有表决事项", default=False)
    voting_members_due = models.PositiveSmallIntegerField("应到有表决权党员数", null=True, blank=True)
    voting_members_present = models.PositiveSmallIntegerField("实到有表决权党员数", null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(
        "赞成人数", null=True, blank=True, help_text="表决事项赞成的有表决权党员人数（超过应到人数的半数为通过）"
    )
    plan_item = models.OneToOneField(
        "PlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting",
        verbose_name="对应计划",
    )
    objects = querysets.MeetingManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "组织生活会议"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organ", "kind", "date"]), models.Index(fields=["branch", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(holder=Holder.BRANCH) & Q(branch__isnull=False))
                | (Q(holder=Holder.PARTY_GROUP) & Q(party_group__isnull=False))
                | Q(holder=Holder.LEADING_GROUP),
                name="partylife_meeting_holder_named",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.topic}"


class AgendaItem(models.Model):
    """An item on a meeting's agenda. The 第一议题 (studying the latest central instructions first) is marked."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name="会议")
    order = models.PositiveSmallIntegerField("序号", default=1)
    title = models.CharField("议题", max_length=200)
    is_first_topic = models.BooleanField("第一议题", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "议题"
        ordering = ["meeting_id", "order"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """Who was due at a meeting and whether they came; absences carry a reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name="会议")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    status = models.CharField("出勤", max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT)
    reason = models.CharField("缺席/请假原因", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "出勤"
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="partylife_attendance_once")]

    def __str__(self) -> str:
        return f"{self.person} {self.get_status_display()}"
