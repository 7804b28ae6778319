"""The compliance spine: versioned rule parameters, findings (预警) and rule runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.compliance import querysets
from qinglian.compliance.choices import OPEN_STATUSES, Confidence, FindingStatus, Jurisdiction, RunStatus, Severity
from qinglian.compliance.texts import render_reason
from qinglian.core import clock


class RuleParameterSet(models.Model):
    """The figures one rule uses, as set by one jurisdiction for a period (e.g. 中央 2018-10-28 起: 每月1次).

    A run uses the most specific set in force on the date being checked. Sets of the same rule and
    jurisdiction (and organ) never overlap in time; the service refuses that.
    """

    rule_code = models.CharField("规则编号", max_length=20, db_index=True)
    jurisdiction = models.CharField("制定层级", max_length=10, choices=Jurisdiction.choices)
    organ = models.ForeignKey(
        "org.Organ", on_delete=models.PROTECT, null=True, blank=True, verbose_name="适用机关（本机关层级）"
    )
    effective_from = models.DateField("生效日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    values = models.JSONField("参数值", default=dict)
    source = models.CharField("依据", max_length=300)
    confidence = models.CharField("可信度", max_length=12, choices=Confidence.choices, default=Confidence.HIGH)
    note = models.CharField("说明", max_length=500, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    retired_at = models.DateTimeField("作废时间", null=True, blank=True)
    objects = querysets.ParameterSetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "规则参数"
        ordering = ["rule_code", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="compliance_params_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(jurisdiction=Jurisdiction.ORGAN, organ__isnull=False)
                | (~Q(jurisdiction=Jurisdiction.ORGAN) & Q(organ__isnull=True)),
                name="compliance_params_organ_level_has_organ",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.get_jurisdiction_display()} {self.effective_from}起"


class Finding(models.Model):
    """A gap a rule found in the ledgers: who must fix it and by when — or, once the breach is over and can no
    longer be put right, a recorded fact (status 已记录, no due date) kept on the record and counted.

    Keyed by (organ, rule, subject, period): a re-run updates the same row and never duplicates it.
    """

    organ = models.ForeignKey("org.Organ", on_delete=models.PROTECT, verbose_name="机关")
    rule_code = models.CharField("规则编号", max_length=20)
    subject_type = models.CharField("对象类型", max_length=60)
    subject_id = models.CharField("对象编号", max_length=40)
    subject_repr = models.CharField("对象", max_length=200)
    subject_link = models.CharField("对象链接", max_length=300, blank=True)
    period = models.CharField("期间", max_length=20, blank=True)
    severity = models.CharField("等级", max_length=8, choices=Severity.choices)
    status = models.CharField("状态", max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    reason = models.CharField("问题", max_length=500)
    due_date = models.DateField("整改期限", null=True, blank=True)
    responsible_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任委室"
    )
    responsible_person = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="责任人"
    )
    # The subject has no unit of its own (a branch, the Party group): the unit is the keeper of the rule's ledger.
    via_keeper = models.BooleanField("台账归口单位负责", default=False)
    first_found_at = models.DateTimeField("首次发现", default=timezone.now)
    last_seen_at = models.DateTimeField("最近复查", default=timezone.now)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    close_reason = models.CharField("销号说明", max_length=500, blank=True)
    note = models.CharField("整改情况", max_length=500, blank=True)
    waiver_reason = models.CharField("豁免理由", max_length=500, blank=True)
    waiver_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="豁免申请人",
    )
    waiver_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="豁免批准人",
    )
    objects = querysets.FindingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "预警"
        ordering = [querysets.severity_rank().asc(), "due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "rule_code", "subject_type", "subject_id", "period"], name="compliance_finding_key"
            )
        ]
        indexes = [models.Index(fields=["organ", "status", "severity"]), models.Index(fields=["rule_code", "status"])]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.subject_repr} {self.period}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_recorded(self) -> bool:
        return self.status == FindingStatus.RECORDED

    @property
    def text(self) -> str:
        """The reason as it reads today: day counts ("已逾期N个工作日") counted now, not on the day of the run."""
        return render_reason(self.reason, self.due_date, clock.today())


class RuleRun(models.Model):
    """One run of the checks for one organ: what it covered, its progress, and what it changed."""

    organ = models.ForeignKey("org.Organ", on_delete=models.PROTECT, verbose_name="机关")
    as_of = models.DateField("检查日期")
    rule_codes = models.JSONField("规则范围", default=list, blank=True)
    status = models.CharField("状态", max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("提交时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    total = models.PositiveIntegerField("规则数", default=0)
    done = models.PositiveIntegerField("已完成", default=0)
    created = models.PositiveIntegerField("新增预警", default=0)
    updated = models.PositiveIntegerField("更新预警", default=0)
    closed = models.PositiveIntegerField("自动销号", default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    # Rules this run looked at for a date earlier than one they had already been checked for: their verdicts
    # are kept here as a report of what was true then; the live findings were left alone (engine docstring).
    replayed_rules = models.JSONField("回溯检查的规则", default=list, blank=True)
    replay = models.JSONField("回溯检查结果", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "检查运行"
        ordering = ["-created_at"]
        # "When did the last check finish?" is asked for every finding list (freshness.py): one index answers it.
        indexes = [models.Index(fields=["organ", "status", "finished_at"], name="compliance_run_finished")]

    def __str__(self) -> str:
        return f"{self.organ} {self.as_of} {self.get_status_display()}"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else (100 if self.status == RunStatus.DONE else 0)


class RuleCheckpoint(models.Model):
    """The latest date a rule has been checked for in an organ. A run for an earlier date is a replay."""

    organ = models.ForeignKey("org.Organ", on_delete=models.PROTECT, verbose_name="机关")
    rule_code = models.CharField("规则编号", max_length=20)
    as_of = models.DateField("最近检查日期")

    class Meta:
        verbose_name = verbose_name_plural = "规则检查进度"
        constraints = [models.UniqueConstraint(fields=["organ", "rule_code"], name="compliance_checkpoint_key")]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.as_of}"
