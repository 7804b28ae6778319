"""专项检查: the stationed group's special check of 财务收支、接待经费 — a period and ledgers, the rules' run over
them, a reproducible random sample of vouchers reviewed by hand, and the report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.frugality import querysets
from qinglian.frugality.choices import CheckStatus, Ledger, SampleVerdict


class SpecialCheck(Record):
    """One special check. `ledgers` lists Ledger values. `seed` is drawn once, recorded and audited, so the same
    sample can be drawn again from the same rows. `counts` keeps the run's figures when the report is issued
    (findings per rule, amounts over the standard), so the report says what was true that day."""

    title = models.CharField("检查名称", max_length=200)
    period_start = models.DateField("检查期间起")
    period_end = models.DateField("检查期间止")
    ledgers = models.JSONField("检查台账", default=list)
    status = models.CharField("状态", max_length=10, choices=CheckStatus.choices, default=CheckStatus.OPEN)
    sample_size = models.PositiveIntegerField("抽样数量", default=0)
    seed = models.CharField("抽样种子", max_length=64, blank=True)
    drawn_at = models.DateTimeField("抽样时间", null=True, blank=True)
    run_on = models.DateField("规则检查日期", null=True, blank=True)
    counts = models.JSONField("检查统计", default=dict, blank=True)
    report_no = models.CharField("报告文号", max_length=60, blank=True)
    reported_on = models.DateField("报告日期", null=True, blank=True)
    conclusion = models.TextField("检查结论", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="发起人"
    )
    objects = querysets.CheckManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "专项检查"
        ordering = ["-period_end", "-id"]

    def __str__(self) -> str:
        return self.title


class CheckSample(models.Model):
    """A voucher drawn for manual review and what the reviewer found. The row is named by ledger and id, and its
    voucher number, label and amount are copied when drawn, so the sample reads the same after the row changes."""

    check_run = models.ForeignKey(
        SpecialCheck, on_delete=models.CASCADE, related_name="samples", verbose_name="专项检查"
    )
    ledger = models.CharField("台账", max_length=10, choices=Ledger.choices)
    object_id = models.PositiveIntegerField("记录编号")
    voucher_no = models.CharField("凭证号", max_length=40, blank=True)
    label = models.CharField("摘要", max_length=300)
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2, default=0)
    position = models.PositiveIntegerField("抽样序号")
    verdict = models.CharField("审核结论", max_length=10, choices=SampleVerdict.choices, blank=True)
    remark = models.CharField("问题说明", max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    # The rectification problem this sample's problem became (integrity's ledger), once sent.
    problem_id = models.PositiveIntegerField("整改问题编号", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "抽样凭证"
        ordering = ["check_run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["check_run", "ledger", "object_id"], name="frugality_sample_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_ledger_display()} {self.voucher_no or self.object_id}"
