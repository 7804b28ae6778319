"""Deputies' liaison stations (代表联络站) and the activities deputies take part in (履职活动)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.npc.choices import ActivityKind
from qinglian.npc.querysets import NpcManager


class LiaisonStation(Record):
    """A station where deputies meet voters, with its contact person and the deputies attached to it."""

    name = models.CharField("名称", max_length=100)
    address = models.CharField("地址", max_length=200, blank=True)
    area = models.CharField("所在区域", max_length=60, blank=True)
    contact_name = models.CharField("联系人", max_length=30, blank=True)
    contact_phone = models.CharField("联系电话", max_length=20, blank=True)
    deputies = models.ManyToManyField("npc.Deputy", blank=True, related_name="stations", verbose_name="进站代表")
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords(m2m_fields=[deputies])

    class Meta:
        verbose_name = verbose_name_plural = "代表联络站"
        ordering = ["area", "name", "id"]

    def __str__(self) -> str:
        return self.name


class DeputyActivity(Record):
    """One activity (接待选民, 视察, 调研, 执法检查, 立法征求意见) and the deputies who took part."""

    station = models.ForeignKey(
        LiaisonStation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name="联络站",
    )
    kind = models.CharField("活动类型", max_length=20, choices=ActivityKind.choices)
    date = models.DateField("日期")
    # A 视察 or a training may take several days; the deputies' days of duty (NPC-015) count them all.
    days = models.PositiveSmallIntegerField(
        "活动天数",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text="连续多日的活动（如集中视察、履职学习培训）填写天数，自活动日期起算",
    )
    title = models.CharField("主题", max_length=200)
    place = models.CharField("地点", max_length=100, blank=True)
    deputies = models.ManyToManyField("npc.Deputy", blank=True, related_name="activities", verbose_name="参加代表")
    note = models.TextField("情况记录", blank=True)
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords(m2m_fields=[deputies])

    class Meta:
        verbose_name = verbose_name_plural = "代表履职活动"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organ", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"
