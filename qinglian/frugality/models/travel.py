"""差旅: a trip (who, on what band, where and when, approved when), its stays (nights and lodging per city) and its
tickets (mode and class), and the claim's allowances (《中央和国家机关差旅费管理办法》and the local tables)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.frugality import querysets
from qinglian.frugality.choices import SeatClass, TransportMode, TravelBand
from qinglian.frugality.models.common import Voucher


class Trip(Voucher):
    """One business trip of one traveller. `band` is the traveller's band on the day of departure as the claim
    states it (a later promotion does not change it). The claim: allowance days and amounts as reimbursed."""

    traveller = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="出差人")
    band = models.CharField("出差人员级别", max_length=12, choices=TravelBand.choices, default=TravelBand.OTHER)
    purpose = models.CharField("出差事由", max_length=200)
    start_on = models.DateField("出发日期")
    end_on = models.DateField("返回日期")
    approved_on = models.DateField("审批日期", null=True, blank=True)
    approver = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="审批人"
    )
    meal_days = models.PositiveSmallIntegerField("伙食补助天数", default=0)
    meal_amount = models.DecimalField("伙食补助费（元）", max_digits=12, decimal_places=2, default=0)
    transport_days = models.PositiveSmallIntegerField("市内交通费天数", default=0)
    transport_amount = models.DecimalField("市内交通费（元）", max_digits=12, decimal_places=2, default=0)
    total_amount = models.DecimalField("报销合计（元）", max_digits=12, decimal_places=2, default=0)
    objects = querysets.TripManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "差旅"
        ordering = ["-start_on", "-id"]
        indexes = [models.Index(fields=["organ", "start_on"]), models.Index(fields=["traveller", "start_on"])]

    def __str__(self) -> str:
        return f"{self.start_on} {self.purpose}"

    @property
    def calendar_days(self) -> int:
        """出差自然（日历）天数: both ends counted (531号)."""
        return (self.end_on - self.start_on).days + 1


class TripStay(models.Model):
    """A stay in one city: nights and the lodging paid for them. The cap is looked up by province, city and the
    trip's band in the table in force on the night."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="stays", verbose_name="差旅")
    province = models.CharField("省份", max_length=30)
    city = models.CharField("城市", max_length=40)
    arrive_on = models.DateField("到达日期")
    leave_on = models.DateField("离开日期")
    nights = models.PositiveSmallIntegerField("住宿天数（晚）", default=0)
    lodging_amount = models.DecimalField("住宿费（元）", max_digits=12, decimal_places=2, default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "差旅住宿"
        ordering = ["trip", "arrive_on", "id"]

    def __str__(self) -> str:
        return f"{self.city} {self.arrive_on}"


class TripTicket(models.Model):
    """A ticket of the trip: mode and class are what the rule compares with the band's entitlement."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="tickets", verbose_name="差旅")
    on = models.DateField("乘坐日期")
    mode = models.CharField("交通工具", max_length=12, choices=TransportMode.choices)
    seat_class = models.CharField("座位/舱位", max_length=16, choices=SeatClass.choices)
    from_city = models.CharField("出发地", max_length=40, blank=True)
    to_city = models.CharField("到达地", max_length=40, blank=True)
    amount = models.DecimalField("票价（元）", max_digits=12, decimal_places=2, default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "差旅交通票据"
        ordering = ["trip", "on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_seat_class_display()}"
