"""Enumerations of 人大履职服务. Values are English and stable (they are stored and keyed); labels are Chinese."""

from django.db import models


class SessionKind(models.TextChoices):
    """A suggestion is made at the plenary session (大会期间) or between sessions (闭会期间)."""

    PLENARY = "plenary", "大会期间"
    INTERIM = "interim", "闭会期间"


class SuggestionCategory(models.TextChoices):
    ECONOMY = "economy", "经济发展"
    URBAN_RURAL = "urban_rural", "城乡建设"
    SOCIAL = "social", "社会事业"
    LIVELIHOOD = "livelihood", "民生保障"
    ECOLOGY = "ecology", "生态环境"
    POLITICS_LAW = "politics_law", "政治法治"
    OTHER = "other", "其他"


class HandlingRole(models.TextChoices):
    LEAD = "lead", "主办"
    CO = "co", "协办"


class SuggestionStatus(models.TextChoices):
    """Where a suggestion stands. Allowed moves are `services.suggestions.SUGGESTION_MOVES`."""

    REGISTERED = "registered", "已登记"
    ASSIGNED = "assigned", "已交办"
    HANDLING = "handling", "办理中"
    REPLIED = "replied", "已答复"
    RE_HANDLING = "re_handling", "重新办理"
    CLOSED = "closed", "已办结"


# Assigned and not yet replied: an extension may be asked for, a lead may still return it.
UNREPLIED = (SuggestionStatus.ASSIGNED, SuggestionStatus.HANDLING)
# Waiting for a reply (a first reply, or a re-reply after 不满意).
OPEN_STATUSES = (*UNREPLIED, SuggestionStatus.RE_HANDLING)


class AssignmentState(models.TextChoices):
    """Where one unit's assignment stands, read from its row and replies (not stored). Allowed moves are
    `services.suggestions.ASSIGNMENT_MOVES`."""

    ACTIVE = "active", "承办中"
    REPLIED = "replied", "已答复"
    RETURNED = "returned", "已退回"


class ContactWay(models.TextChoices):
    FACE = "face", "面商"
    PHONE = "phone", "电话"
    VISIT = "visit", "走访"
    SYMPOSIUM = "symposium", "座谈"
    MAIL = "mail", "邮件"


class ReplyResult(models.TextChoices):
    """The reply's classification (答复类别). 已解决 and 正在解决 together are 办理落实 (see selectors)."""

    SOLVED = "solved", "已解决"
    SOLVING = "solving", "正在解决"
    PLANNED = "planned", "列入计划"
    REFERENCE = "reference", "留作参考"


SOLVED_RESULTS = (ReplyResult.SOLVED, ReplyResult.SOLVING)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


SATISFIED_LEVELS = (Satisfaction.SATISFIED, Satisfaction.BASICALLY)


class NpcMeetingKind(models.TextChoices):
    CHAIRPERSONS = "chairpersons", "主任会议"
    STANDING = "standing", "常委会会议"


class AgendaKind(models.TextChoices):
    REPORT_REVIEW = "report_review", "听取审议一府两院工作报告/专项工作报告"
    REGULATION = "regulation", "审查（审议）地方性法规"
    RESOLUTION = "resolution", "作出决议决定"
    INSPECTION = "inspection", "执法检查报告/审议意见"
    APPOINTMENT = "appointment", "人事任免"
    OTHER = "other", "其他"


class ActivityKind(models.TextChoices):
    RECEPTION = "reception", "接待选民"
    INSPECTION_VISIT = "inspection_visit", "视察"
    RESEARCH = "research", "调研"
    LAW_ENFORCEMENT = "law_enforcement", "执法检查"
    LEGISLATION = "legislation", "立法征求意见"
    # 代表法: 闭会期间的活动以集体活动为主，以代表小组活动为基本形式; deputies keep in touch with the voters (or the
    # electing congress) of the constituency that elected them. NPC-010 and NPC-011 count these two kinds.
    CONSTITUENCY = "constituency", "回原选区活动"
    GROUP = "group", "代表小组活动"


class AuditReport(models.TextChoices):
    """The two reports of 监督法 Art.27 ¶2: the audit work report, and six months later the rectification report."""

    WORK = "work", "审计工作报告"
    RECTIFICATION = "rectification", "审计查出问题整改情况报告"


class DeskKind(models.TextChoices):
    """Which ledger an internal unit keeps (ServiceDesk)."""

    SUGGESTIONS = "suggestions", "建议办理"
    MATERIALS = "materials", "会议材料"
    STATIONS = "stations", "联络站"
