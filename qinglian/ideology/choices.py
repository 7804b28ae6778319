"""The choices of the 意识形态 ledgers (English values, Chinese labels)."""

from django.db import models

# --- outlets (意识形态阵地) -------------------------------------------------------------------------------------


class OutletKind(models.TextChoices):
    WEBSITE_COLUMN = "website_column", "门户网站栏目"
    WECHAT_ACCOUNT = "wechat_account", "微信公众号"
    VIDEO_ACCOUNT = "video_account", "视频号"
    OTHER_NEW_MEDIA = "other_new_media", "其他政务新媒体"
    PUBLICATION = "publication", "内部刊物"
    BULLETIN_BOARD = "bulletin_board", "宣传栏、党建专栏"
    CHAT_GROUP = "chat_group", "工作群"
    LECTURE_HALL = "lecture_hall", "讲堂、报告厅"


# Outlets that publish online: the "no update for two weeks" rule reads them.
ONLINE_KINDS = frozenset(
    {OutletKind.WEBSITE_COLUMN, OutletKind.WECHAT_ACCOUNT, OutletKind.VIDEO_ACCOUNT, OutletKind.OTHER_NEW_MEDIA}
)
# 政务新媒体 (国办发〔2018〕123号): filed when opened, changed or closed; one account per platform.
NEW_MEDIA_KINDS = frozenset({OutletKind.WECHAT_ACCOUNT, OutletKind.VIDEO_ACCOUNT, OutletKind.OTHER_NEW_MEDIA})
# Outlets whose pieces are printed: they add the three proofreading rounds (三校).
PRINT_KINDS = frozenset({OutletKind.PUBLICATION, OutletKind.BULLETIN_BOARD})


class Platform(models.TextChoices):
    """The third-party platform of a new-media account; "one account per platform" compares these."""

    WECHAT = "wechat", "微信"
    WECHAT_CHANNELS = "wechat_channels", "微信视频号"
    WEIBO = "weibo", "微博"
    DOUYIN = "douyin", "抖音"
    TOUTIAO = "toutiao", "今日头条"
    KUAISHOU = "kuaishou", "快手"
    OTHER = "other", "其他平台"


class FilingStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", "无需备案"
    PENDING = "pending", "待备案"
    FILED = "filed", "已备案"


# --- pieces and the three-stage review (三审三校) -----------------------------------------------------------------


class PieceKind(models.TextChoices):
    ARTICLE = "article", "文章"
    POST = "post", "推文"
    NOTICE = "notice", "网站通知公告"
    ISSUE = "issue", "刊物（期）"
    BOARD = "board", "展板、专栏内容"
    VIDEO = "video", "视频"
    OTHER = "other", "其他"


class PieceStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    IN_REVIEW = "in_review", "审核中"
    RETURNED = "returned", "退回修改"
    APPROVED = "approved", "终审通过"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤稿"


class Stage(models.IntegerChoices):
    FIRST = 1, "初审"
    SECOND = 2, "复审"
    FINAL = 3, "终审"


class ReviewerLevel(models.IntegerChoices):
    """Who may sign a stage, lowest first: a stage's reviewer must hold at least its level for the piece (the
    outlet's responsible person for its outlet, a unit head for their unit, a supervising leader for the units
    they supervise, the Party group secretary for every piece). Ascending: a later stage never needs less."""

    OUTLET_EDITOR = 1, "阵地责任人（责任编辑）"
    UNIT_HEAD = 2, "撰稿委室负责人"
    SUPERVISING_LEADER = 3, "分管领导"
    PRINCIPAL = 4, "主要负责人"


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", "同意"
    RETURN = "return", "退回修改"


class SignoffSource(models.TextChoices):
    """Signed here, or copied from a paper sign-off sheet (审签单) by the publication import."""

    SYSTEM = "system", "系统内审签"
    PAPER = "paper", "纸质审签单补录"


# --- 一会一报 -----------------------------------------------------------------------------------------------------


class ForumKind(models.TextChoices):
    FORUM = "forum", "论坛"
    LECTURE = "lecture", "讲座"
    REPORT_MEETING = "report_meeting", "报告会"
    SEMINAR = "seminar", "研讨会"


class HostRole(models.TextChoices):
    HOST = "host", "主办"
    CO_HOST = "co_host", "合办、协办"


class ForumStatus(models.TextChoices):
    FILED = "filed", "已报备待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "不予批准"
    HELD = "held", "已举办"
    CANCELLED = "cancelled", "已取消"


class ForumStep(models.IntegerChoices):
    """The approval chain of a forum: the hosting unit's head, the supervising leader, then 机关党委 files it."""

    UNIT = 1, "主办委室负责人审核"
    LEADER = 2, "分管领导审批"
    FOREIGN_AFFAIRS = 3, "外事部门前置审批"
    PARTY_OFFICE = 4, "机关党委备案"


# --- analysis and reporting -------------------------------------------------------------------------------------


class ReportKind(models.TextChoices):
    ANALYSIS = "analysis", "意识形态形势分析研判"
    ANNUAL_REPORT = "annual_report", "向上级报告意识形态工作责任制落实情况"
    BRIEFING = "briefing", "党内通报意识形态领域情况"


# --- public opinion (舆情) --------------------------------------------------------------------------------------


class OpinionLevel(models.TextChoices):
    GENERAL = "general", "一般"
    SERIOUS = "serious", "较大"
    MAJOR = "major", "重大"


class OpinionSource(models.TextChoices):
    MONITORING = "monitoring", "舆情监测"
    NETWORK_REPORT = "network_report", "网信部门转办"
    MEDIA = "media", "媒体报道"
    PUBLIC = "public", "群众反映"
    SELF_FOUND = "self_found", "自行发现"
    OTHER = "other", "其他"


class OpinionStatus(models.TextChoices):
    OPEN = "open", "处置中"
    CLOSED = "closed", "已办结"
