"""组织生活与理论学习: the ledgers of 三会一课, 主题党日, 组织生活会, 民主评议, 民主生活会, 谈心谈话, study and 党费."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.compliance.choices import Confidence, Jurisdiction
from qinglian.core.models import ClockDateTimeField, Record
from qinglian.partylife import querysets
from qinglian.partylife.choices import (
    AttendanceStatus,
    DLMStep,
    DuesCategory,
    DuesStatus,
    Holder,
    LostContactStatus,
    MeetingKind,
    StudyKind,
    TalkRole,
)


class Meeting(Record):
    """One meeting held (or being recorded) by a branch, a party group or the leading Party group."""

    kind = models.CharField("会议类型", max_length=32, choices=MeetingKind.choices)
    holder = models.CharField("召开组织", max_length=16, choices=Holder.choices, default=Holder.BRANCH)
    branch = models.ForeignKey(
        "org.Branch", on_delete=models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name="党支部"
    )
    party_group = models.ForeignKey(
        "org.PartyGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name="党小组",
    )
    date = models.DateField("日期")
    place = models.CharField("地点", max_length=100, blank=True)
    topic = models.CharField("主题", max_length=200)
    host = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="主持人"
    )
    recorder = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="记录人"
    )
    lecturer = models.ForeignKey(
        "org.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="授课人/主讲人",
    )
    hours = models.DecimalField("计入学时", max_digits=4, decimal_places=1, default=Decimal("0"))
    minutes = models.TextField("会议记录", blank=True)
    has_vote = models.BooleanField("有表决事项", default=False)
    voting_members_due = models.PositiveSmallIntegerField("应到有表决权党员数", null=True, blank=True)
    voting_members_present = models.PositiveSmallIntegerField("实到有表决权党员数", null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(
        "赞成人数", null=True, blank=True, help_text="表决事项赞成的有表决权党员人数（超过应到人数的半数为通过）"
    )
    plan_item = models.OneToOneField(
        "PlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting",
        verbose_name="对应计划",
    )
    objects = querysets.MeetingManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "组织生活会议"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organ", "kind", "date"]), models.Index(fields=["branch", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(holder=Holder.BRANCH) & Q(branch__isnull=False))
                | (Q(holder=Holder.PARTY_GROUP) & Q(party_group__isnull=False))
                | Q(holder=Holder.LEADING_GROUP),
                name="partylife_meeting_holder_named",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.topic}"


class AgendaItem(models.Model):
    """An item on a meeting's agenda. The 第一议题 (studying the latest central instructions first) is marked."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name="会议")
    order = models.PositiveSmallIntegerField("序号", default=1)
    title = models.CharField("议题", max_length=200)
    is_first_topic = models.BooleanField("第一议题", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "议题"
        ordering = ["meeting_id", "order"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """Who was due at a meeting and whether they came; absences carry a reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name="会议")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    status = models.CharField("出勤", max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT)
    reason = models.CharField("缺席/请假原因", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "出勤"
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="partylife_attendance_once")]

    def __str__(self) -> str:
        return f"{self.person} {self.get_status_display()}"


class HeartTalk(Record):
    """谈心谈话. Confidential: only the two people, the party-affairs office and the stationed supervisor see it."""

    initiator = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="谈话人")
    initiator_role = models.CharField("谈话人身份", max_length=12, choices=TalkRole.choices)
    counterpart = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="谈话对象")
    counterpart_role = models.CharField("谈话对象身份", max_length=12, choices=TalkRole.choices)
    branch = models.ForeignKey(
        "org.Branch", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="党支部"
    )
    date = models.DateField("日期")
    topic = models.CharField("主题", max_length=200)
    summary = models.TextField("谈话要点", blank=True)
    objects = querysets.HeartTalkManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "谈心谈话"
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(initiator=models.F("counterpart")), name="partylife_talk_two_people")
        ]

    def __str__(self) -> str:
        return f"{self.date} 谈心谈话"


class StudyRecord(Record):
    """Hours of centralised study a member took outside the recorded meetings (培训班, 网络学院, 专题讲座…)."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    kind = models.CharField("学习形式", max_length=12, choices=StudyKind.choices)
    date = models.DateField("日期")
    title = models.CharField("内容", max_length=200)
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)
    objects = querysets.StudyRecordManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "学习培训记录"
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="partylife_study_hours_positive")]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class AnnualPlan(Record):
    """A branch's plan for the year: which meetings in which month."""

    branch = models.ForeignKey("org.Branch", on_delete=models.PROTECT, related_name="plans", verbose_name="党支部")
    year = models.PositiveSmallIntegerField("年度")
    objects = querysets.PlanManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "年度计划"
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "year"], condition=Q(deleted_at__isnull=True), name="partylife_plan_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.branch} {self.year}年计划"


class PlanItem(models.Model):
    """One planned meeting (a slot) in a month; recording the held meeting links it here."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="items", verbose_name="计划")
    month = models.PositiveSmallIntegerField("月份")
    kind = models.CharField("会议类型", max_length=32, choices=MeetingKind.choices)
    topic = models.CharField("拟定主题", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "计划事项"
        ordering = ["plan_id", "month", "kind"]
        constraints = [models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="partylife_plan_month")]

    def __str__(self) -> str:
        return f"{self.month}月 {self.get_kind_display()}"


class DemocraticLifeStep(Record):
    """One step of the leading group's democratic-life meeting of a year, with the date it was done."""

    year = models.PositiveSmallIntegerField("年度")
    step = models.CharField("环节", max_length=12, choices=DLMStep.choices)
    done_on = models.DateField("完成日期", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="会议"
    )
    objects = querysets.DLMManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "民主生活会环节"
        ordering = ["year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "year", "step"], condition=Q(deleted_at__isnull=True), name="partylife_dlm_step_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.get_step_display()}"


# --- 党费 ---------------------------------------------------------------------------------------------


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


# --- 失去联系党员 -----------------------------------------------------------------------------------------


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
