"""公务用车: the register of the organ's official cars (《党政机关公务用车管理办法》Ch.2 caps, Ch.4 ledger)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.frugality import querysets
from qinglian.frugality.choices import CarType, Energy
from qinglian.frugality.models.common import Voucher


class OfficialCar(Voucher):
    """One official car: kind, price and displacement (compared with the caps in force on the purchase date),
    mileage, and when it left the register. `paid_on` is the purchase payment; `voucher_no` its voucher."""

    plate = models.CharField("车牌号", max_length=20)
    car_type = models.CharField("车辆类型", max_length=14, choices=CarType.choices)
    energy = models.CharField("能源类型", max_length=12, choices=Energy.choices, default=Energy.FUEL)
    model_name = models.CharField("品牌型号", max_length=100)
    price = models.DecimalField("购置价格（元）", max_digits=12, decimal_places=2)
    displacement = models.DecimalField("排气量（升）", max_digits=4, decimal_places=2, null=True, blank=True)
    purchased_on = models.DateField("购置日期")
    mileage = models.PositiveIntegerField("行驶里程（公里）", default=0)
    mileage_on = models.DateField("里程记录日期", null=True, blank=True)
    disposed_on = models.DateField("处置日期", null=True, blank=True)
    objects = querysets.OrganLedgerManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "公务用车"
        ordering = ["plate"]

    def __str__(self) -> str:
        return self.plate
