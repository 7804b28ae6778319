from django.db import models


class MeetingKind(models.TextChoices):
    """组织生活的会议类型 (glossary: the identifiers are the project's English names)."""

    BRANCH_GENERAL_MEETING = "branch_general_meeting", "支部党员大会"
    BRANCH_COMMITTEE_MEETING = "branch_committee_meeting", "支部委员会会议"
    PARTY_GROUP_MEETING = "party_group_meeting", "党小组会"
    PARTY_LECTURE = "party_lecture", "党课"
    THEME_DAY = "theme_day", "主题党日"
    ORG_LIFE_MEETING = "org_life_meeting", "组织生活会"
    DEMOCRATIC_APPRAISAL = "democratic_appraisal", "民主评议党员"
    DEMOCRATIC_LIFE_MEETING = "democratic_life_meeting", "民主生活会"
    CENTRAL_GROUP_STUDY = "central_group_study", "理论学习中心组学习"
    LEADING_GROUP_MEETING = "leading_group_meeting", "党组会议"


# 三会一课 and the other branch-level meetings; the last three are held by the leading group.
BRANCH_KINDS = (
    MeetingKind.BRANCH_GENERAL_MEETING,
    MeetingKind.BRANCH_COMMITTEE_MEETING,
    MeetingKind.PARTY_GROUP_MEETING,
    MeetingKind.PARTY_LECTURE,
    MeetingKind.THEME_DAY,
    MeetingKind.ORG_LIFE_MEETING,
    MeetingKind.DEMOCRATIC_APPRAISAL,
)
LEADING_GROUP_KINDS = (
    MeetingKind.DEMOCRATIC_LIFE_MEETING,
    MeetingKind.CENTRAL_GROUP_STUDY,
    MeetingKind.LEADING_GROUP_MEETING,
)


class Holder(models.TextChoices):
    BRANCH = "branch", "党支部"
    PARTY_GROUP = "party_group", "党小组"
    LEADING_GROUP = "leading_group", "党组"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "出席"
    LEAVE = "leave", "请假"
    ABSENT = "absent", "缺席"


class TalkRole(models.TextChoices):
    SECRETARY = "secretary", "党组织书记"
    COMMITTEE = "committee", "支部委员"
    LEADER = "leader", "党组成员"
    MEMBER = "member", "党员"


class StudyKind(models.TextChoices):
    MEETING = "meeting", "组织生活会议"
    LECTURE = "lecture", "党课/专题讲座"
    TRAINING = "training", "集中培训/培训班"
    ONLINE = "online", "网络学习"
    OTHER = "other", "其他集中学习"


class DLMStep(models.TextChoices):
    """民主生活会 as a process: what must happen before and after the meeting, in order.

    APPROVAL is needed only for a meeting held outside its usual quarter (提前或延期须报上级党组织同意, rule PL-021):
    it is one of the `DLM_OPTIONAL_STEPS`, shown on the process page only when recorded or called for.
    """

    OPINIONS = "opinions", "会前征求意见"
    TALKS = "talks", "会前谈心谈话"
    MATERIALS = "materials", "撰写对照检查材料"
    APPROVAL = "approval", "调整召开时间报上级党组织同意"
    PLAN_FILED = "plan_filed", "会议方案报上级党组织"
    MEETING = "meeting", "召开民主生活会"
    REPORT = "report", "会后向上级报送情况报告"


# Steps a year's democratic-life meeting has only when its circumstances call for them.
DLM_OPTIONAL_STEPS = (DLMStep.APPROVAL,)


class DuesCategory(models.TextChoices):
    """Which column of the 党费计算标准 prices a member's dues: 在职 by after-tax pay, 离退休 by pension."""

    SERVING = "serving", "在职"
    RETIRED = "retired", "离退休"


class DuesStatus(models.TextChoices):
    """A month's dues as the ledger shows them: paid in full (or more), paid less than owed, or nothing paid."""

    PAID = "paid", "已交"
    SHORT = "short", "少交"
    UNPAID = "unpaid", "欠缴"


class LostContactStatus(models.TextChoices):
    """Where a 失去联系党员 record stands (derived from its dates, never stored): still searched for, membership
    suspended (停止党籍), found again, or removed from the Party (除名, 按自行脱党处理)."""

    SEARCHING = "searching", "查找中"
    SUSPENDED = "suspended", "已停止党籍"
    FOUND = "found", "已取得联系"
    REMOVED = "removed", "已除名"
