"""礼品登记: gifts that could not be refused, registered and handed in within the period the rule sets."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.integrity import querysets
from qinglian.integrity.choices import GiftHandling


class Gift(Record):
    """A gift received in official dealings that could not be refused: who received it, from whom, what and its
    estimated value, when it was registered and handed in, and how it was dealt with (INT-060)."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="受礼人")
    received_on = models.DateField("收受日期")
    back_on = models.DateField("回单位日期", null=True, blank=True, help_text="在外地收受的，期限自回单位之日起算")
    giver = models.CharField("送礼人/单位", max_length=100)
    occasion = models.CharField("场合", max_length=100, blank=True)
    description = models.CharField("礼品名称", max_length=200)
    value = models.DecimalField("估价（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    registered_on = models.DateField("登记日期", null=True, blank=True)
    handed_in_on = models.DateField("上交日期", null=True, blank=True)
    handling = models.CharField("处理方式", max_length=12, choices=GiftHandling.choices, blank=True)
    handling_note = models.CharField("处理情况", max_length=200, blank=True)
    received_by = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="登记受理人"
    )
    objects = querysets.GiftManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "礼品登记"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.received_on} {self.description}"
