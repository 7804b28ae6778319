"""The ledger of deputies' suggestions (代表建议): the suggestion, its assignments to handling units, the units'
contacts with the deputy, their replies and the deputy's evaluation of each reply."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.npc.choices import (
    ContactWay,
    HandlingRole,
    ReplyResult,
    Satisfaction,
    SessionKind,
    SuggestionCategory,
    SuggestionStatus,
)
from qinglian.npc.models.setup import Deputy, Session
from qinglian.npc.querysets import ALIVE, NpcManager


class Suggestion(Record):
    """One deputy's suggestion, criticism or opinion (代表建议) and its handling.

    `session` is the session it was made at; a suggestion made between sessions belongs to a Session of kind
    闭会期间 (`is_interim`). A missing session (e.g. an import of old rows) is treated as between sessions.
    `year` is the handling year the number belongs to; numbers are unique per organ and year.
    """

    number = models.CharField("建议编号", max_length=20, help_text="如：第0012号")
    year = models.PositiveSmallIntegerField("年度")
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, null=True, blank=True, related_name="suggestions", verbose_name="届次会议"
    )
    lead_deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="+", verbose_name="领衔代表")
    co_signers = models.ManyToManyField(Deputy, blank=True, related_name="+", verbose_name="附议代表")
    title = models.CharField("标题", max_length=200)
    content = models.TextField("内容", blank=True)
    category = models.CharField("类别", max_length=16, choices=SuggestionCategory.choices)
    received_on = models.DateField("收到日期")
    assigned_on = models.DateField("交办日期", null=True, blank=True)
    deputy_notified_on = models.DateField("通知代表受理日期", null=True, blank=True)
    is_key = models.BooleanField("重点督办", default=False)
    supervising_committee = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="督办委室"
    )
    supervising_leader = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="督办领导"
    )
    # 代表法 Art.52 ¶2 and the Zhejiang rules (Art.12): the chairpersons' meeting decides the key suggestions; the
    # supervising committee then draws up a supervision plan (Art.28 ¶2), which NPC-012 counts from that day.
    key_decided_on = models.DateField(
        "确定重点督办日期", null=True, blank=True, help_text="主任会议研究确定为重点督办建议的日期"
    )
    supervision_plan_on = models.DateField("督办工作方案日期", null=True, blank=True)
    supervision_plan = models.TextField("督办工作方案要点", blank=True)
    extension_requested_on = models.DateField("申请延期日期", null=True, blank=True)
    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    # Who entered the request: they do not also approve it (审批人不得是申请人).
    extension_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="延期申请登记人",
    )
    extension_approved_on = models.DateField("批准延期日期", null=True, blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="批准人",
    )
    status = models.CharField(
        "状态", max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.REGISTERED
    )
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords(m2m_fields=[co_signers])

    class Meta:
        verbose_name = verbose_name_plural = "代表建议"
        ordering = ["-year", "number", "id"]
        indexes = [models.Index(fields=["organ", "year", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "number"], condition=ALIVE, name="npc_suggestion_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_interim(self) -> bool:
        return self.session_id is None or self.session.kind == SessionKind.INTERIM

    @property
    def is_extended(self) -> bool:
        return self.extension_approved_on is not None


class Assignment(Record):
    """A unit given a suggestion to handle (交办), as lead (主办) or co-unit (协办).

    A return (退回) is recorded with its reason; once accepted the assignment is no longer active and the desk
    reassigns the suggestion. A suggestion has at most one active lead assignment at a time.
    """

    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="assignments", verbose_name="代表建议"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="承办单位")
    role = models.CharField("承办方式", max_length=8, choices=HandlingRole.choices)
    assigned_on = models.DateField("交办日期")
    received_on = models.DateField("签收日期", null=True, blank=True)
    returned_on = models.DateField("退回日期", null=True, blank=True)
    return_reason = models.CharField("退回理由", max_length=300, blank=True)
    return_accepted = models.BooleanField("同意退回", null=True, blank=True)
    is_active = models.BooleanField("承办中", default=True)
    co_opinion_on = models.DateField("协办意见日期", null=True, blank=True)
    co_opinion = models.TextField("协办意见", blank=True)
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "交办"
        ordering = ["suggestion_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion"],
                condition=ALIVE & Q(role=HandlingRole.LEAD, is_active=True),
                name="npc_one_active_lead",
            ),
            models.UniqueConstraint(
                fields=["suggestion", "unit"], condition=ALIVE & Q(is_active=True), name="npc_unit_once_per_suggestion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}（{self.get_role_display()}）"


class Contact(Record):
    """A contact of the handling unit with the deputy before the reply (面商/电话/走访…)."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="contacts", verbose_name="建议")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts", verbose_name="承办单位"
    )
    date = models.DateField("联系日期")
    way = models.CharField("方式", max_length=10, choices=ContactWay.choices)
    with_whom = models.CharField("联系对象", max_length=60, blank=True, help_text="默认为领衔代表")
    note = models.CharField("情况", max_length=300, blank=True)
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "联系沟通"
        ordering = ["suggestion_id", "date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_way_display()}"


class Reply(Record):
    """The lead unit's written reply (答复), or its re-reply after a 不满意 (`is_rereply`, `replaces`)."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="replies", verbose_name="建议")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="replies", verbose_name="主办单位"
    )
    document_no = models.CharField("答复文号", max_length=60, blank=True)
    date = models.DateField("答复日期")
    result = models.CharField("答复类别", max_length=10, choices=ReplyResult.choices)
    summary = models.TextField("答复要点", blank=True)
    is_rereply = models.BooleanField("重新答复", default=False)
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="rereplies", verbose_name="原答复"
    )
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "答复"
        ordering = ["suggestion_id", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_rereply=False, replaces__isnull=True) | Q(is_rereply=True, replaces__isnull=False),
                name="npc_rereply_names_original",
            ),
            # Held by the database too, not only by the service's check: two submissions at once (a double click,
            # two clerks) must not both become the first reply, nor two re-replies to one reply.
            models.UniqueConstraint(
                fields=["suggestion"],
                condition=ALIVE & Q(is_rereply=False),
                name="npc_one_first_reply",
                violation_error_message="该建议已答复；代表不满意的，登记满意度后再登记重新答复",
            ),
            models.UniqueConstraint(
                fields=["replaces"],
                condition=ALIVE & Q(is_rereply=True),
                name="npc_one_rereply",
                violation_error_message="该答复已重新答复",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {'重新答复' if self.is_rereply else '答复'} {self.document_no}"


class SatisfactionRecord(Record):
    """The deputy's evaluation of one reply (征询意见表): 满意 / 基本满意 / 不满意, with their opinion."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="satisfactions", verbose_name="答复")
    recorded_on = models.DateField("反馈日期")
    level = models.CharField("满意度", max_length=12, choices=Satisfaction.choices)
    opinion = models.CharField("代表意见", max_length=500, blank=True)
    objects = NpcManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "代表满意度"
        constraints = [
            models.UniqueConstraint(
                fields=["reply"],
                condition=ALIVE,
                name="npc_one_satisfaction",
                violation_error_message="该答复已登记满意度",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recorded_on} {self.get_level_display()}"
