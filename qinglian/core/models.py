"""Base fields shared by every ledger, and the working-day calendar (the only tables core owns)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.core import clock
from qinglian.core.choices import DayKind


class ClockDateTimeField(models.DateTimeField):
    """A creation or change time that follows `core.clock` (the demo's replayed day), not only the wall clock.

    It deconstructs as a plain DateTimeField, so migrations see no change.
    """

    def get_default(self):
        moment = clock.replayed()
        return moment if moment is not None and self.has_default() else super().get_default()

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = clock.now()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs


class LiveQuerySet(models.QuerySet):
    """Rows that are not soft-deleted. Nothing in Qinglian is ever deleted for real."""

    def alive(self):
        return self.filter(deleted_at__isnull=True)


class LiveManager(models.Manager.from_queryset(LiveQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Record(models.Model):
    """A row that belongs to one organ, knows when it was made and changed, and is only soft-deleted."""

    organ = models.ForeignKey("org.Organ", on_delete=models.PROTECT, verbose_name="所属机关")
    created_at = ClockDateTimeField("创建时间", default=timezone.now, editable=False)
    updated_at = ClockDateTimeField("修改时间", auto_now=True)
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="删除人",
    )

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


# --- working-day calendar (docs/calendar.md) ----------------------------------------------------


class CalendarYear(models.Model):
    """One calendar year and whether its 放假安排 (the State Council's yearly notice) has been entered.

    `published=True` means: every holiday and 调休上班日 of this year is in CalendarDay, so working days
    of the year are exact. A year without a row, or with `published=False`, is computed from weekends
    only and every deadline in it carries a warning for the system administrator.
    """

    year = models.PositiveSmallIntegerField("年份", unique=True)
    published = models.BooleanField("已录入全年安排", default=False)
    source = models.CharField("依据", max_length=120, blank=True, help_text="如：国办发明电〔2025〕7号")
    source_url = models.URLField("原文链接", blank=True)
    note = models.TextField("说明", blank=True)
    updated_at = ClockDateTimeField("修改时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "工作日历年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    """One day whose status differs from, or is named beyond, the plain week.

    `holiday`: nobody works (a statutory holiday, a day taken in lieu, or a weekend inside a holiday
    period — listing weekend days of a period is allowed and only names them). `workday`: a Saturday or
    Sunday on which the organ works (调休上班). A day's status is its entry if it has one, otherwise
    Monday–Friday work and Saturday–Sunday rest.
    """

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日", max_length=30, blank=True, help_text="如：春节、国庆节")
    note = models.CharField("备注", max_length=200, blank=True)
    updated_at = ClockDateTimeField("修改时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "节假日与调休"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=DayKind.values), name="core_calendarday_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}{f'（{self.name}）' if self.name else ''}"


class IdempotentRequest(models.Model):
    """An API write run under an `Idempotency-Key`, and the answer to give its retries (core/idempotency.py).

    `caller` is a digest of the request's credential, `fingerprint` of its method, path and body; `status` is None
    while the request runs."""

    caller = models.CharField("调用方摘要", max_length=64)
    key = models.CharField("幂等键", max_length=100)
    fingerprint = models.CharField("请求摘要", max_length=64)
    status = models.PositiveSmallIntegerField("响应状态码", null=True, blank=True)
    content_type = models.CharField("响应类型", max_length=100, blank=True)
    body = models.BinaryField("响应内容", default=b"")
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "幂等请求"
        constraints = [models.UniqueConstraint(fields=["caller", "key"], name="core_idempotency_key_once")]

    def __str__(self) -> str:
        return f"{self.key}（{self.status or '处理中'}）"
