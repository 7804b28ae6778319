"""党费: the standards (brackets by jurisdiction and period) and the monthly ledger priced on them."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.compliance.choices import Confidence, Jurisdiction
from qinglian.core.models import ClockDateTimeField, Record
from qinglian.partylife import querysets
from qinglian.partylife.choices import DuesCategory, DuesStatus


def percent(rate: Decimal) -> str:
    """0.0150 → "1.5%" (the way the regulation writes its rates)."""
    return f"{(rate * 100).normalize():f}%"


def yuan(amount: Decimal) -> str:
    """3000.00 → "3000元"; 3000.50 → "3000.5元"."""
    return f"{amount.normalize():f}元"


class DuesStandard(models.Model):
    """党费计算标准: one version of the brackets (monthly after-tax income → share paid as dues), set by one
    jurisdiction for a period. The 2008 中组部 brackets ship with the code (dues_standards.json); a province, a city
    or the organ itself may add a later version.

    A month's dues are priced by the most specific standard in force on the first day of that month
    (本机关 > 市 > 省 > 中央), and the price is stored on the dues row: a later standard never rewrites old months.
    """

    jurisdiction = models.CharField("制定层级", max_length=10, choices=Jurisdiction.choices)
    organ = models.ForeignKey(
        "org.Organ", on_delete=models.PROTECT, null=True, blank=True, verbose_name="适用机关（本机关层级）"
    )
    effective_from = models.DateField("生效日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    source = models.CharField("依据", max_length=300)
    confidence = models.CharField("可信度", max_length=12, choices=Confidence.choices, default=Confidence.HIGH)
    note = models.CharField("说明", max_length=500, blank=True)
    created_at = ClockDateTimeField("创建时间", default=timezone.now, editable=False)
    objects = querysets.DuesStandardQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党费计算标准"
        ordering = ["-effective_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="partylife_dues_standard_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(jurisdiction=Jurisdiction.ORGAN, organ__isnull=False)
                | (~Q(jurisdiction=Jurisdiction.ORGAN) & Q(organ__isnull=True)),
                name="partylife_dues_standard_organ_level_has_organ",
            ),
        ]

    def __str__(self) -> str:
        return f"党费计算标准（{self.get_jurisdiction_display()}，{self.effective_from}起）"


class DuesBracket(models.Model):
    """One row of a standard: members of `category` whose monthly income is at most `upper_bound` (inclusive;
    blank for the open top bracket) and above the bound of the row below pay `rate` of it (0.005 = 0.5%)."""

    standard = models.ForeignKey(DuesStandard, on_delete=models.CASCADE, related_name="brackets", verbose_name="标准")
    category = models.CharField("人员类别", max_length=10, choices=DuesCategory.choices)
    upper_bound = models.DecimalField("月收入上限（含）", max_digits=12, decimal_places=2, null=True, blank=True)
    rate = models.DecimalField("交纳比例", max_digits=6, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党费计算档次"
        ordering = ["standard_id", "category", models.F("upper_bound").asc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(condition=Q(rate__gt=0, rate__lt=1), name="partylife_dues_bracket_rate_share"),
            models.UniqueConstraint(fields=["standard", "category", "upper_bound"], name="partylife_dues_bracket_once"),
        ]

    def __str__(self) -> str:
        bound = f"≤{yuan(self.upper_bound)}" if self.upper_bound is not None else "其余"
        return f"{self.get_category_display()} {bound} {percent(self.rate)}"


class DuesRecord(Record):
    """党费台账: one member's Party dues for one calendar month — the monthly income they were priced on, the
    dues the standard then in force asked (stored when the row was entered), what they paid and on which day.

    `month` is the first day of the month. Paid less than owed is 少交, nothing paid is 欠缴 (DuesStatus).
    """

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="党员")
    month = models.DateField("月份")
    category = models.CharField("人员类别", max_length=10, choices=DuesCategory.choices, default=DuesCategory.SERVING)
    base_income = models.DecimalField("月工资收入（税后）", max_digits=12, decimal_places=2)
    standard = models.ForeignKey(DuesStandard, on_delete=models.PROTECT, related_name="+", verbose_name="计算标准")
    rate = models.DecimalField("交纳比例", max_digits=6, decimal_places=4)
    dues = models.DecimalField("应交党费", max_digits=10, decimal_places=2)
    paid = models.DecimalField("实交金额", max_digits=10, decimal_places=2, default=Decimal("0"))
    paid_on = models.DateField("交纳日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    objects = querysets.DuesRecordManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党费记录"
        ordering = ["-month", "person_id"]
        indexes = [models.Index(fields=["organ", "month"]), models.Index(fields=["person", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "person", "month"],
                condition=Q(deleted_at__isnull=True),
                name="partylife_dues_once_a_month",
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="partylife_dues_month_first_day"),
            models.CheckConstraint(
                condition=Q(base_income__gte=0, dues__gte=0, paid__gte=0), name="partylife_dues_amounts_not_negative"
            ),
            # A payment has its day; a month with nothing paid has none.
            models.CheckConstraint(
                condition=Q(paid=0, paid_on__isnull=True) | Q(paid__gt=0, paid_on__isnull=False),
                name="partylife_dues_paid_has_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y年%m月}党费"

    @property
    def status(self) -> DuesStatus:
        if self.paid >= self.dues:
            return DuesStatus.PAID
        return DuesStatus.SHORT if self.paid > 0 else DuesStatus.UNPAID

    @property
    def arrears(self) -> Decimal:
        """What is still owed for the month (0 when paid in full or more)."""
        return max(self.dues - self.paid, Decimal("0"))

    @property
    def rate_label(self) -> str:
        return percent(self.rate)
