"""会议费 and 培训费: a meeting or a training course (category, whether in the approved plan, days, people,
venue, cost) and the lines of its bill; a course's lectures (财行〔2016〕214号; the training-fee rules)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.frugality import querysets
from qinglian.frugality.choices import ConferenceCategory, CostKind, LecturerTitle, TrainingCategory
from qinglian.frugality.models.common import Voucher


class Gathering(Voucher):
    """What a meeting and a course share. `plan_item` empty means unplanned: then an ad-hoc approval
    (`adhoc_approved_on`, on or before the start) is needed. `days` is the 会期 proper; `travel_days` the days of
    arrival and departure (报到和离开), counted apart as the rules count them."""

    name = models.CharField("名称", max_length=200)
    plan_item = models.ForeignKey(
        "frugality.PlanItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="年度计划事项",
    )
    adhoc_approved_on = models.DateField("计划外审批日期", null=True, blank=True)
    adhoc_approver = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="计划外审批人"
    )
    start_on = models.DateField("开始日期")
    end_on = models.DateField("结束日期")
    days = models.DecimalField("会期/培训天数", max_digits=5, decimal_places=1)
    travel_days = models.DecimalField("报到离开天数", max_digits=4, decimal_places=1, default=0)
    attendees = models.PositiveIntegerField("参加人数")
    staff = models.PositiveIntegerField("工作人员人数", default=0)
    venue = models.CharField("地点", max_length=200)
    venue_city = models.CharField("所在城市", max_length=40, blank=True)
    total_amount = models.DecimalField("费用合计（元）", max_digits=12, decimal_places=2, default=0)

    class Meta:
        abstract = True


class Conference(Gathering):
    """A meeting the organ held and paid for."""

    category = models.CharField(
        "会议类别", max_length=8, choices=ConferenceCategory.choices, default=ConferenceCategory.FOUR
    )
    briefing = models.BooleanField("传达布置类会议", default=False, help_text="传达、布置类会议会期不超过1天")
    objects = querysets.UnitLedgerManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "会议"
        ordering = ["-start_on", "-id"]
        indexes = [models.Index(fields=["organ", "start_on"])]

    def __str__(self) -> str:
        return f"{self.start_on} {self.name}"


class TrainingCourse(Gathering):
    """A training course the organ held and paid for."""

    category = models.CharField(
        "培训类别", max_length=8, choices=TrainingCategory.choices, default=TrainingCategory.THREE
    )
    objects = querysets.UnitLedgerManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "培训"
        ordering = ["-start_on", "-id"]
        indexes = [models.Index(fields=["organ", "start_on"])]

    def __str__(self) -> str:
        return f"{self.start_on} {self.name}"


class ConferenceCost(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="costs", verbose_name="会议")
    kind = models.CharField("费用类别", max_length=10, choices=CostKind.choices)
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2)
    description = models.CharField("摘要", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "会议费用明细"
        ordering = ["conference", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class TrainingCost(models.Model):
    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="costs", verbose_name="培训")
    kind = models.CharField("费用类别", max_length=10, choices=CostKind.choices)
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2)
    description = models.CharField("摘要", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "培训费用明细"
        ordering = ["course", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class Lecture(models.Model):
    """A lecturer's session: hours (学时) and the fee paid after tax, compared with the title's rate per hour."""

    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="lectures", verbose_name="培训")
    lecturer = models.CharField("授课人", max_length=50)
    title = models.CharField("职称", max_length=12, choices=LecturerTitle.choices)
    on = models.DateField("授课日期")
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)
    fee = models.DecimalField("讲课费（税后，元）", max_digits=12, decimal_places=2)
    from_afar = models.BooleanField("外地邀请", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "授课记录"
        ordering = ["course", "on", "id"]

    def __str__(self) -> str:
        return f"{self.lecturer} {self.on}"
