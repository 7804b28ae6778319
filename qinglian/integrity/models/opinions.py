"""党风廉政意见回复: the organ asks the stationed group for its opinion on a list of people; the group answers
per person and issues one numbered, dated reply."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.integrity import querysets
from qinglian.integrity.choices import OpinionConclusion, OpinionPurpose


class OpinionRequest(Record):
    """A request (征求党风廉政意见的函) for a purpose, on a list of people (the items).

    Drafted by the personnel officer or the party-affairs office, sent on `sent_on` (the reply deadline of rule
    INT-010 counts from it), answered by the stationed group item by item and closed by the group's reply, which
    carries its number (`reply_no`, 机关文号 style, given when issued) and date.
    """

    purpose = models.CharField("征求意见事由", max_length=16, choices=OpinionPurpose.choices)
    title = models.CharField("标题", max_length=200, help_text="如：关于征求拟提拔人选党风廉政意见的函")
    document_no = models.CharField("来函文号", max_length=60, blank=True)
    sent_on = models.DateField("送达派驻组日期", null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="经办人"
    )
    reply_no = models.CharField("回复文号", max_length=60, blank=True)
    replied_on = models.DateField("回复日期", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="回复人",
    )
    objects = querysets.OpinionManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党风廉政意见征求"
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "reply_no"],
                condition=~Q(reply_no="") & Q(deleted_at__isnull=True),
                name="integrity_opinion_reply_no_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OpinionItem(Record):
    """One person on a request: the record summary drafted from the ledgers (the group edits it), and the group's
    answer (无反映问题 / 有问题 with its text). The answer counts once the request's reply is issued."""

    request = models.ForeignKey(OpinionRequest, on_delete=models.PROTECT, related_name="items", verbose_name="征求函")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    proposed_post = models.CharField("拟任职务/事项", max_length=100, blank=True)
    summary = models.TextField("廉政情况摘要", blank=True, help_text="由系统根据台账生成草稿，派驻组可修改")
    summary_drafted_at = models.DateTimeField("摘要生成时间", null=True, blank=True, editable=False)
    conclusion = models.CharField("回复意见", max_length=8, choices=OpinionConclusion.choices, blank=True)
    answer = models.TextField("意见说明", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    objects = querysets.OpinionManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党风廉政意见（人员）"
        ordering = ["request", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "person"], condition=Q(deleted_at__isnull=True), name="integrity_opinion_person_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request}：{self.person}"
