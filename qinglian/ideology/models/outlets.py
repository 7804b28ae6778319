"""意识形态阵地: the organ's outlets — website columns, new-media accounts, the internal publication, bulletin boards,
work chat groups, lecture halls — each with the unit and the person who answer for it and its review chain."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.ideology import querysets
from qinglian.ideology.choices import FilingStatus, OutletKind, Platform, ReviewerLevel


class Outlet(Record):
    """One outlet of the organ (阵地). `owner` is its responsible person (责任人); empty is a red finding. The three
    levels are who signs 初审, 复审 and 终审 of its pieces (ReviewerLevel, strictly ascending); a sensitive piece
    moves each up one. A new-media account (政务新媒体) names its platform and is filed (备案) when opened; it is open
    from `opened_on` until `closed_on`. Closing is a date, never a deletion: last year's findings still name it."""

    name = models.CharField("阵地名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=OutletKind.choices)
    platform = models.CharField("平台", max_length=20, choices=Platform.choices, blank=True)
    account = models.CharField("账号名称或网址", max_length=200, blank=True)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="主管委室")
    owner = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任人"
    )
    first_level = models.PositiveSmallIntegerField(
        "初审", choices=ReviewerLevel.choices, default=ReviewerLevel.OUTLET_EDITOR
    )
    second_level = models.PositiveSmallIntegerField(
        "复审", choices=ReviewerLevel.choices, default=ReviewerLevel.UNIT_HEAD
    )
    final_level = models.PositiveSmallIntegerField(
        "终审", choices=ReviewerLevel.choices, default=ReviewerLevel.SUPERVISING_LEADER
    )
    filing_status = models.CharField(
        "备案状态", max_length=16, choices=FilingStatus.choices, default=FilingStatus.NOT_REQUIRED
    )
    filed_on = models.DateField("备案日期", null=True, blank=True)
    filing_no = models.CharField("备案编号", max_length=60, blank=True)
    opened_on = models.DateField("开设日期")
    closed_on = models.DateField("关停日期", null=True, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)
    objects = querysets.OutletManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "意识形态阵地"
        ordering = ["kind", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_level__lt=F("second_level")) & Q(second_level__lt=F("final_level")),
                name="ideology_outlet_levels_ascending",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="ideology_outlet_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"

    def levels(self, *, sensitive: bool = False) -> tuple[int, int, int]:
        """The levels of 初审, 复审, 终审; a sensitive piece moves each up one, kept strictly ascending."""
        first, second, final = self.first_level, self.second_level, self.final_level
        if sensitive:
            final = min(final + 1, ReviewerLevel.PRINCIPAL)
            second = min(second + 1, final - 1)
            first = min(first + 1, second - 1)
        return first, second, final
