"""公务接待: the sender's official letter (派出单位公函), the reception list (接待清单) with its meals, and the invoices
— the three documents a reimbursement needs (《党政机关国内公务接待管理规定》Arts. 6, 7, 10)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.frugality import querysets
from qinglian.frugality.choices import GuestLevel, MealKind
from qinglian.frugality.models.common import Voucher


class Reception(Voucher):
    """One official reception of a visiting group. The letter's fields are what the sender wrote; the list's what
    the organ recorded afterwards — the rules compare the two. A document's date empty means it is not on file."""

    # 派出单位公函
    letter_unit = models.CharField("公函派出单位", max_length=100, blank=True)
    letter_no = models.CharField("公函文号", max_length=60, blank=True)
    letter_on = models.DateField("公函日期", null=True, blank=True)
    letter_persons = models.PositiveSmallIntegerField("公函人数", null=True, blank=True)
    letter_purpose = models.CharField("公函事由", max_length=200, blank=True)
    letter_start = models.DateField("公函所列开始日期", null=True, blank=True)
    letter_end = models.DateField("公函所列结束日期", null=True, blank=True)
    # 接待清单
    guest_unit = models.CharField("来访单位", max_length=100)
    guest_lead = models.CharField("带队人及职务", max_length=100, blank=True)
    guest_level = models.CharField("接待对象级别", max_length=12, choices=GuestLevel.choices, default=GuestLevel.OTHER)
    guest_count = models.PositiveSmallIntegerField("接待对象人数")
    purpose = models.CharField("公务活动项目", max_length=200)
    start_on = models.DateField("接待开始日期")
    end_on = models.DateField("接待结束日期")
    venue = models.CharField("活动场所", max_length=200, blank=True)
    lodging_place = models.CharField("住宿地点", max_length=100, blank=True)
    lodging_amount = models.DecimalField("住宿费（元）", max_digits=12, decimal_places=2, default=0)
    other_amount = models.DecimalField("其他费用（元）", max_digits=12, decimal_places=2, default=0)
    total_amount = models.DecimalField("接待费合计（元）", max_digits=12, decimal_places=2, default=0)
    list_signed_on = models.DateField("清单审签日期", null=True, blank=True)
    approver = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="审签人"
    )
    # 财务票据
    invoice_no = models.CharField("发票号", max_length=120, blank=True)
    invoice_on = models.DateField("发票日期", null=True, blank=True)
    invoice_amount = models.DecimalField("发票金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    objects = querysets.UnitLedgerManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "公务接待"
        ordering = ["-start_on", "-id"]
        indexes = [models.Index(fields=["organ", "start_on"])]

    def __str__(self) -> str:
        return f"{self.start_on} 接待{self.guest_unit}"


class ReceptionMeal(models.Model):
    """A meal of a reception as the list records it: guests and escorts at the table, what it cost, what was
    served (the rules read the items and the venue for banned dishes, drinks and places)."""

    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="meals", verbose_name="接待")
    on = models.DateField("用餐日期")
    kind = models.CharField("用餐方式", max_length=10, choices=MealKind.choices, default=MealKind.WORK)
    guests = models.PositiveSmallIntegerField("接待对象人数")
    escorts = models.PositiveSmallIntegerField("陪餐人数", default=0)
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2)
    venue = models.CharField("用餐地点", max_length=100, blank=True)
    items = models.CharField("菜品酒水", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "接待用餐"
        ordering = ["reception", "on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"
