"""人大履职服务 setup: the desks that keep each ledger, deputies, sessions, and external handling units' profiles."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.npc.choices import DeskKind, SessionKind
from qinglian.npc.querysets import ALIVE, NpcManager


class ServiceDesk(Record):
    """Which internal unit keeps one ledger of the organ (e.g. 人事代表选举工作委员会 keeps suggestions and
    stations, 办公室 keeps meeting materials). Its people write that ledger; see permissions.py."""

    kind = models.CharField("台账", max_length=16, choices=DeskKind.choices)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="负责委室")
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "台账负责委室"
        constraints = [models.UniqueConstraint(fields=["organ", "kind"], condition=ALIVE, name="npc_desk_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.unit}"


class Deputy(Record):
    """A deputy to the People's Congress (人大代表). Deputies are not staff of the organ (not org.Person)."""

    name = models.CharField("姓名", max_length=30)
    delegation = models.CharField("代表团/选区", max_length=60, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    level_note = models.CharField("代表层级", max_length=60, blank=True, help_text="如：市人大代表、省人大代表")
    is_active = models.BooleanField("在任", default=True)
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "人大代表"
        ordering = ["delegation", "name", "id"]

    def __str__(self) -> str:
        return self.name


class Session(Record):
    """A session of the People's Congress (第十六届人民代表大会第三次会议), or — kind 闭会期间 — the interval
    between sessions of one term and year, to which suggestions made between sessions belong."""

    term = models.CharField("届次", max_length=20, help_text="如：第十六届")
    number = models.CharField("次会议", max_length=20, blank=True, help_text="如：第三次会议；闭会期间可空")
    kind = models.CharField("类型", max_length=10, choices=SessionKind.choices, default=SessionKind.PLENARY)
    start = models.DateField("开始日期")
    end = models.DateField("结束日期", null=True, blank=True)
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "届次会议"
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="npc_session_end"
            )
        ]

    def __str__(self) -> str:
        if self.kind == SessionKind.INTERIM:
            return f"{self.term}{self.start.year}年闭会期间"
        return f"{self.term}人民代表大会{self.number}"


class HandlingUnitProfile(Record):
    """The handling side of an external unit (a government department): its top leader answers for the
    suggestions it handles (责任人), and the contact person the desk calls."""

    unit = models.OneToOneField("org.Unit", on_delete=models.PROTECT, related_name="npc_profile", verbose_name="单位")
    leader_name = models.CharField("主要负责人", max_length=30)
    leader_title = models.CharField("职务", max_length=60, blank=True)
    contact_name = models.CharField("联系人", max_length=30, blank=True)
    contact_phone = models.CharField("联系电话", max_length=20, blank=True)
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "承办单位信息"

    def __str__(self) -> str:
        return f"{self.unit} {self.leader_name}"
