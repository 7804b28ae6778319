"""廉政谈话: one talk, who held it with whom, and (collective talks) who attended."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.integrity import querysets
from qinglian.integrity.choices import IntegrityTalkKind


class IntegrityTalk(Record):
    """An integrity talk held by a leader (or the stationed group) with one cadre, or with a group (集体廉政谈话).

    A talk that follows a promotion, appointment or transfer names that personnel event: rule INT-001 expects one
    within the configured working days of the event. The signed record is evidence attached to the row.
    """

    kind = models.CharField("谈话类型", max_length=16, choices=IntegrityTalkKind.choices)
    date = models.DateField("谈话日期")
    talker = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="谈话人")
    subject = models.ForeignKey(
        "org.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="谈话对象",
        help_text="集体廉政谈话不填，在参加人员中登记",
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="所在委室"
    )
    event = models.ForeignKey(
        "org.PersonnelEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="对应人事变动",
    )
    place = models.CharField("地点", max_length=100, blank=True)
    topic = models.CharField("主题", max_length=200, blank=True)
    points = models.TextField("谈话要点", blank=True)
    commitment_signed = models.BooleanField("已签订廉政承诺书", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    # The duty.AccountabilityTalk row of kind 廉政谈话 this talk was moved from (migration 0002), for the record.
    moved_from_duty_talk = models.PositiveIntegerField("原约谈记录编号", null=True, blank=True, editable=False)
    objects = querysets.TalkManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "廉政谈话"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organ", "date"])]
        constraints = [
            models.CheckConstraint(condition=~Q(talker=models.F("subject")), name="integrity_talk_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class TalkAttendance(models.Model):
    """One person expected at a collective integrity talk, and whether they came (like a meeting's attendance)."""

    talk = models.ForeignKey(IntegrityTalk, on_delete=models.CASCADE, related_name="attendance", verbose_name="谈话")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    present = models.BooleanField("出席", default=True)
    absence_reason = models.CharField("缺席原因", max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "集体廉政谈话出席"
        constraints = [models.UniqueConstraint(fields=["talk", "person"], name="integrity_attendance_once")]

    def __str__(self) -> str:
        return f"{self.person} {'出席' if self.present else '缺席'}"
