"""稿件 and the three-stage review (三审三校): a piece for an outlet, its versions as the engine saw them, the
sign-offs of 初审, 复审 and 终审, the final reviewer's overrides of political findings, and the proofreading rounds
(三校) of a printed piece."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.ideology import querysets
from qinglian.ideology.choices import PieceKind, PieceStatus, ReviewDecision, ReviewerLevel, SignoffSource, Stage


class Piece(Record):
    """One piece to publish on an outlet: an article, a post, an issue of the publication, a web notice. The
    drafter (撰稿人) and their unit write it; reviewers sign 初审 → 复审 → 终审; only then is it published. A
    sensitive or major piece (重大敏感) is reviewed one level higher. `entry_source` = paper: the row and its
    sign-offs were copied from the organ's paper ledger (the publication import), so the rules judge them as they
    happened; a piece made here cannot be published before 终审 (the service refuses)."""

    outlet = models.ForeignKey("ideology.Outlet", on_delete=models.PROTECT, related_name="pieces", verbose_name="阵地")
    kind = models.CharField("稿件类型", max_length=12, choices=PieceKind.choices, default=PieceKind.ARTICLE)
    title = models.CharField("标题", max_length=200)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="撰稿委室")
    drafter = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="撰稿人")
    sensitive = models.BooleanField("重大敏感", default=False)
    sensitive_reason = models.CharField("重大敏感说明", max_length=200, blank=True)
    status = models.CharField("状态", max_length=12, choices=PieceStatus.choices, default=PieceStatus.DRAFT)
    submitted_on = models.DateField("送审日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    published_url = models.CharField("发布网址或刊期", max_length=300, blank=True)
    withdrawn_reason = models.CharField("撤稿原因", max_length=300, blank=True)
    entry_source = models.CharField(
        "来源", max_length=10, choices=SignoffSource.choices, default=SignoffSource.SYSTEM, editable=False
    )
    objects = querysets.PieceManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "稿件"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organ", "status"]), models.Index(fields=["outlet", "published_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def quoted(self) -> str:
        """The title in book-title marks, a title inside it in single ones (GB/T 15834: 《…〈…〉…》)."""
        return "《" + self.title.replace("《", "〈").replace("》", "〉") + "》"


class PieceVersion(models.Model):
    """One version (稿) of a piece as the proofreading engine saw it. `issues` is the engine's list (Issue dicts, in
    its order); `political_errors` counts its political-category errors, which block 终审 until fixed in a later
    version or overridden. A .docx original is kept under MEDIA_ROOT (`stored_path`); its text is `text`."""

    piece = models.ForeignKey(Piece, on_delete=models.PROTECT, related_name="versions", verbose_name="稿件")
    number = models.PositiveSmallIntegerField("稿次")
    text = models.TextField("正文")
    file_name = models.CharField("文件名", max_length=255, blank=True)
    stored_path = models.CharField("原文件", max_length=300, blank=True)
    sha256 = models.CharField("内容摘要", max_length=64)
    chars = models.PositiveIntegerField("字数", default=0)
    note = models.CharField("修改说明", max_length=300, blank=True)
    author = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="修改人"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="上传账号",
    )
    created_at = models.DateTimeField("上传时间", default=timezone.now)
    issues = models.JSONField("审校问题", default=list, blank=True)
    error_count = models.PositiveIntegerField("错误数", default=0)
    political_errors = models.PositiveIntegerField("政治性错误数", default=0)
    category_counts = models.JSONField("分类计数", default=dict, blank=True)
    duration_ms = models.PositiveIntegerField("审校用时（毫秒）", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "稿件版本"
        ordering = ["piece", "number"]
        constraints = [models.UniqueConstraint(fields=["piece", "number"], name="ideology_version_unique")]

    def __str__(self) -> str:
        return f"{self.piece}（第{self.number}稿）"


class PoliticalOverride(models.Model):
    """The final reviewer lets one political finding of a version stand, with a reason (e.g. a quotation of a
    historical text). `issue_key` names the finding independent of its offsets (services.pieces.issue_key)."""

    version = models.ForeignKey(PieceVersion, on_delete=models.PROTECT, related_name="overrides", verbose_name="版本")
    issue_key = models.CharField("问题标识", max_length=300)
    issue = models.JSONField("问题", default=dict)
    reason = models.CharField("放行理由", max_length=500)
    by = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="终审人")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="账号")
    at = models.DateTimeField("放行时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "政治性问题放行"
        ordering = ["version", "at"]
        constraints = [models.UniqueConstraint(fields=["version", "issue_key"], name="ideology_override_unique")]

    def __str__(self) -> str:
        return f"放行：{self.issue.get('text', '')}"


class ReviewSignoff(models.Model):
    """One sign-off of one stage: approved, or returned for changes. At most one approval per stage; a person who
    approved one stage of a piece approves no other, and the drafter approves none (the service refuses; a paper
    sheet copied in is kept as it was and judged by the rules). `version` is the version signed (empty on paper);
    `level` the level the reviewer held for the piece when signing."""

    piece = models.ForeignKey(Piece, on_delete=models.PROTECT, related_name="signoffs", verbose_name="稿件")
    stage = models.PositiveSmallIntegerField("环节", choices=Stage.choices)
    decision = models.CharField("意见", max_length=10, choices=ReviewDecision.choices)
    reviewer = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="审核人")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="账号",
    )
    level = models.PositiveSmallIntegerField("审核层级", choices=ReviewerLevel.choices, null=True, blank=True)
    version = models.ForeignKey(
        PieceVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="signoffs", verbose_name="所审稿次"
    )
    signed_on = models.DateField("审核日期")
    signed_at = models.DateTimeField("签署时间", default=timezone.now)
    opinion = models.CharField("审核意见", max_length=500, blank=True)
    source = models.CharField("来源", max_length=10, choices=SignoffSource.choices, default=SignoffSource.SYSTEM)

    class Meta:
        verbose_name = verbose_name_plural = "审核签署"
        ordering = ["piece", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["piece", "stage"], condition=Q(decision="approve"), name="ideology_one_approval_per_stage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.get_decision_display()}"


class ProofRound(models.Model):
    """One of the three proofreading rounds (一校、二校、三校) of a printed piece."""

    piece = models.ForeignKey(Piece, on_delete=models.PROTECT, related_name="proof_rounds", verbose_name="稿件")
    round = models.PositiveSmallIntegerField("校次")
    proofreader = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+", verbose_name="校对人")
    done_on = models.DateField("校对日期")
    note = models.CharField("校对记录", max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="账号",
    )

    class Meta:
        verbose_name = verbose_name_plural = "校对记录"
        ordering = ["piece", "round"]
        constraints = [
            models.UniqueConstraint(fields=["piece", "round"], name="ideology_proof_round_unique"),
            models.CheckConstraint(condition=Q(round__gte=1) & Q(round__lte=3), name="ideology_proof_round_1_3"),
        ]

    def __str__(self) -> str:
        return f"第{self.round}校"
