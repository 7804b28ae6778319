"""一会一报: a forum, lecture, report meeting or seminar the organ hosts or co-hosts is filed before it happens —
speaker, topic, outline, audience, any foreign participants — and approved up its chain."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.ideology import querysets
from qinglian.ideology.choices import ForumKind, ForumStatus, ForumStep, HostRole, ReviewDecision


class Forum(Record):
    """One event filed under 一会一报. `filed_on` is the day the filing reached 机关党委; `held_on` the event's
    day. Approval is the ForumApproval rows: the chain is the hosting unit's head, the supervising leader, the
    foreign-affairs office first when foreign participants attend, and 机关党委's filing; the event is approved when
    the last required step approves. The rules compare the days (lead time in working days, core.workdays)."""

    kind = models.CharField("类型", max_length=16, choices=ForumKind.choices)
    host_role = models.CharField("主办方式", max_length=10, choices=HostRole.choices, default=HostRole.HOST)
    co_hosts = models.CharField("合办单位", max_length=200, blank=True)
    title = models.CharField("名称", max_length=200)
    topic = models.CharField("主题", max_length=300)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="主办委室")
    applicant = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="经办人")
    speaker = models.CharField("报告人", max_length=100)
    speaker_title = models.CharField("报告人单位及职务", max_length=200, blank=True)
    outline = models.TextField("内容提纲", blank=True)
    audience = models.CharField("参加对象", max_length=200)
    audience_size = models.PositiveIntegerField("参加人数", null=True, blank=True)
    venue = models.CharField("地点", max_length=200, blank=True)
    online = models.BooleanField("线上举办或直播", default=False)
    foreign_participants = models.BooleanField("有境外人员参加", default=False)
    foreign_detail = models.CharField("境外人员情况", max_length=300, blank=True)
    held_on = models.DateField("举办日期")
    filed_on = models.DateField("报备日期")
    status = models.CharField("状态", max_length=12, choices=ForumStatus.choices, default=ForumStatus.FILED)
    cancelled_reason = models.CharField("取消原因", max_length=300, blank=True)
    objects = querysets.ForumManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "一会一报"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organ", "held_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(held_on__gte=models.F("filed_on")), name="ideology_forum_filed_first")
        ]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class ForumApproval(models.Model):
    """One step of a forum's approval chain, dated. The applicant never approves their own filing."""

    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="approvals", verbose_name="一会一报")
    step = models.PositiveSmallIntegerField("审批环节", choices=ForumStep.choices)
    decision = models.CharField("意见", max_length=10, choices=ReviewDecision.choices)
    approver = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="审批人")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="账号",
    )
    decided_on = models.DateField("审批日期")
    decided_at = models.DateTimeField("签署时间", default=timezone.now)
    opinion = models.CharField("审批意见", max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "一会一报审批"
        ordering = ["forum", "step", "decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "step"], condition=Q(decision="approve"), name="ideology_forum_one_approval_per_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.get_decision_display()}"
