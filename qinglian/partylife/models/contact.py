"""失去联系党员: the register of members a branch has lost touch with, and how each case ended."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.partylife import querysets
from qinglian.partylife.choices import LostContactStatus
from qinglian.partylife.models.meetings import Meeting


class LostContact(Record):
    """失去联系党员: one member their branch has lost touch with, from the day contact was lost — the searches made,
    and how it ended: found again, or membership suspended (停止党籍) by a branch meeting after six months and, two
    years on and still not found, the member removed (除名, 按照自行脱党处理) — 《中国共产党党员教育管理工作条例》
    第二十四条. Rule PL-020 reads these dates.

    A member has at most one open record (neither found again nor removed); losing touch again later is a new
    record. The branch secretary records; what has been recorded is corrected by the party-affairs office.
    """

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="党员")
    lost_since = models.DateField("失去联系日期")
    searches = models.TextField(
        "查找情况", blank=True, help_text="何时、通过何种方式查找（电话、函询、走访家属、原单位、户籍地党组织等）及结果"
    )
    found_on = models.DateField("重新取得联系日期", null=True, blank=True)
    suspended_on = models.DateField("停止党籍日期", null=True, blank=True)
    suspension_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="作出停止党籍决定的会议",
    )
    removed_on = models.DateField("除名日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    objects = querysets.LostContactManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "失去联系党员"
        ordering = ["-lost_since", "-id"]
        indexes = [models.Index(fields=["organ", "lost_since"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "person"],
                condition=Q(deleted_at__isnull=True, found_on__isnull=True, removed_on__isnull=True),
                name="partylife_lost_contact_one_open",
                violation_error_message="该党员已有未结的失去联系记录",
            ),
            models.CheckConstraint(
                condition=Q(found_on__isnull=True) | Q(found_on__gte=models.F("lost_since")),
                name="partylife_lost_contact_found_after_lost",
                violation_error_message="重新取得联系日期不能早于失去联系日期",
            ),
            models.CheckConstraint(
                condition=Q(suspended_on__isnull=True) | Q(suspended_on__gte=models.F("lost_since")),
                name="partylife_lost_contact_suspended_after_lost",
                violation_error_message="停止党籍日期不能早于失去联系日期",
            ),
            # 除名 follows 停止党籍 (条例第二十四条): never without it, never before it.
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True)
                | Q(suspended_on__isnull=False, removed_on__gte=models.F("suspended_on")),
                name="partylife_lost_contact_removed_after_suspended",
                violation_error_message="除名日期应在停止党籍日期之后",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lost_since}起失去联系"

    @property
    def status(self) -> LostContactStatus:
        if self.removed_on:
            return LostContactStatus.REMOVED
        if self.found_on:
            return LostContactStatus.FOUND
        if self.suspended_on:
            return LostContactStatus.SUSPENDED
        return LostContactStatus.SEARCHING

    @property
    def is_open(self) -> bool:
        """Neither found again nor removed: the branch is still on it (one such record per member)."""
        return self.found_on is None and self.removed_on is None
