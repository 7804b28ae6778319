"""The choices of the 廉政 ledgers (English values, Chinese labels)."""

from django.db import models


class IntegrityTalkKind(models.TextChoices):
    """廉政谈话 kinds. The first two are expected after a personnel event (rule INT-001)."""

    PRE_APPOINTMENT = "pre_appointment", "任前廉政谈话（新提任）"
    TRANSFER = "transfer", "转岗/交流廉政谈话"
    REMINDER = "reminder", "提醒谈话"
    COLLECTIVE = "collective", "集体廉政谈话"
    GENERAL = "general", "一般性廉政谈话"


# Kinds with one person talked to; a collective talk has attendance instead.
ONE_TO_ONE_KINDS = frozenset(
    {
        IntegrityTalkKind.PRE_APPOINTMENT,
        IntegrityTalkKind.TRANSFER,
        IntegrityTalkKind.REMINDER,
        IntegrityTalkKind.GENERAL,
    }
)


class OpinionPurpose(models.TextChoices):
    PROMOTION = "promotion", "提拔任用"
    AWARD = "award", "评先评优"
    RANK = "rank", "职级晋升"
    TRANSFER = "transfer", "转任"
    NOMINATION = "nomination", "推荐代表/委员人选"


class OpinionConclusion(models.TextChoices):
    CLEAR = "clear", "无反映问题"
    ISSUE = "issue", "有问题"


class ReportKind(models.TextChoices):
    ANNUAL = "annual", "年度集中报告"
    CHANGE = "change", "变化事项报告"


class ChangeKind(models.TextChoices):
    """Events after which a change report is due within 30 days (《领导干部报告个人有关事项规定》)."""

    MARRIAGE = "marriage", "本人婚姻变化"
    ABROAD = "abroad", "因私出国（境）"
    EMIGRATION = "emigration", "配偶、子女移居国（境）外"
    CHILD_MARRIAGE = "child_marriage", "子女与外国人、港澳台居民通婚"
    OTHER = "other", "其他应报告的变化"


class CheckReason(models.TextChoices):
    RANDOM = "random", "随机抽查"
    PROMOTION = "promotion", "拟提拔人选重点抽查（凡提必核）"


class CheckOutcome(models.TextChoices):
    CONSISTENT = "consistent", "一致"
    INCONSISTENT = "inconsistent", "不一致"


class RiskLevel(models.TextChoices):
    HIGH = "high", "高"
    MEDIUM = "medium", "中"
    LOW = "low", "低"


class RiskLedger(models.TextChoices):
    """The ledger where the risk occurs, so a risk point can point at the records that show it being controlled."""

    RECEPTION = "reception", "公务接待"
    TRAVEL = "travel", "差旅"
    CONFERENCE = "conference", "会议费"
    TRAINING = "training", "培训费"
    PROCUREMENT = "procurement", "政府采购"
    FUNDS = "funds", "资金资产管理"
    PERSONNEL = "personnel", "选人用人"
    SUGGESTIONS = "suggestions", "代表建议办理"
    LEGISLATION = "legislation", "立法与监督"
    PETITIONS = "petitions", "信访"
    OTHER = "other", "其他"


class RectificationSource(models.TextChoices):
    INSPECTION = "inspection", "巡视"
    CIRCUIT = "circuit", "巡察"
    AUDIT = "audit", "审计"
    DEMOCRATIC_LIFE = "democratic_life", "民主生活会"
    ORG_LIFE = "org_life", "组织生活会"
    SPECIAL_CHECK = "special_check", "专项检查"
    STATIONED = "stationed", "派驻纪检监察组建议"
    THEME_EDUCATION = "theme_education", "主题教育检视"


class ProblemStatus(models.TextChoices):
    OPEN = "open", "整改中"
    CLOSED = "closed", "已销号"


class ProposalKind(models.TextChoices):
    DISCIPLINE = "discipline", "纪律检查建议"
    SUPERVISION = "supervision", "监察建议"


class GiftHandling(models.TextChoices):
    HANDED_IN = "handed_in", "上交机关纪委"
    RETURNED = "returned", "退还送礼人"
    TRANSFERRED = "transferred", "交财务部门按规定处理"
