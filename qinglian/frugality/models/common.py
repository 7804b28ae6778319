"""What every finance ledger row carries: the unit that spent, the voucher that proves it, where the row came from."""

from __future__ import annotations

from django.db import models

from qinglian.core.models import Record
from qinglian.frugality.choices import EntrySource


class Voucher(Record):
    """A row of a finance ledger. `voucher_no` (记账凭证号) is how a finding and a special check name it; an imported
    row always has one. `paid_on` is the day the money left (报销/支付日期), empty until reimbursed."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="承办委室")
    voucher_no = models.CharField("凭证号", max_length=40, blank=True, db_index=True)
    paid_on = models.DateField("报销日期", null=True, blank=True)
    entry_source = models.CharField(
        "来源", max_length=10, choices=EntrySource.choices, default=EntrySource.MANUAL, editable=False
    )
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        abstract = True
