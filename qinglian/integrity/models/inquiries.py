"""What the stationed group sends the organ: discipline and supervision proposals (纪检监察建议), answered by the
organ within the configured days; letters of inquiry (谈话函询), of which only status and dates are kept here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.integrity import querysets
from qinglian.integrity.choices import ProposalKind


class DisciplineProposal(Record):
    """A 纪律检查建议书 or 监察建议书 issued to the organ (or one unit of it) by the stationed group, recorded by
    the group itself; the organ's written reply (INT-050 reads its date)."""

    kind = models.CharField("建议类型", max_length=12, choices=ProposalKind.choices)
    number = models.CharField("文号", max_length=60)
    issued_on = models.DateField("送达日期")
    title = models.CharField("标题", max_length=200)
    summary = models.TextField("主要问题和建议")
    target_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="主送委室",
        help_text="主送机关党组的不填",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )
    replied_on = models.DateField("书面回复日期", null=True, blank=True)
    reply_no = models.CharField("回复文号", max_length=60, blank=True)
    reply_summary = models.TextField("整改落实情况", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    objects = querysets.ProposalManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "纪检监察建议"
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class InquiryLetter(Record):
    """A letter of inquiry (函询) to a cadre: received, answered in writing within 15 working days with the Party
    group secretary's signed opinion (INT-051). The letter's content and the answer stay with the group."""

    subject = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="被函询人")
    number = models.CharField("函询文号", max_length=60, blank=True)
    received_on = models.DateField("收到日期")
    signer = models.ForeignKey(
        "org.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="签署意见人",
        help_text="党组书记；被函询人为党组书记的直接回复",
    )
    signed_on = models.DateField("签署意见日期", null=True, blank=True)
    replied_on = models.DateField("回复日期", null=True, blank=True)
    objects = querysets.InquiryManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "谈话函询"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.received_on} 函询 {self.number}".strip()
