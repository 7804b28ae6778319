from django.db import models


class Severity(models.TextChoices):
    """红色: violated or overdue. 黄色: at risk, act now. 蓝色: coming due, a reminder."""

    RED = "red", "红色预警"
    YELLOW = "yellow", "黄色预警"
    BLUE = "blue", "蓝色提示"


# Red before yellow before blue. The values are words, so a list sorted on the column would put blue first:
# every ordering goes through querysets.severity_rank() (a Case/When on this table) or this mapping in Python.
SEVERITY_ORDER = {Severity.RED: 0, Severity.YELLOW: 1, Severity.BLUE: 2}


class FindingStatus(models.TextChoices):
    """Open (待整改/整改中/申请豁免) until rectified and closed, waived, or — for a breach that is over and can no
    longer be put right (materials sent late, a reply given late, last year's hours short) — recorded (已记录):
    a fact kept on the record and counted in the figures, with no due date and nothing left to do."""

    OPEN = "open", "待整改"
    RECTIFYING = "rectifying", "整改中"
    WAIVER_REQUESTED = "waiver_requested", "申请豁免"
    WAIVED = "waived", "已豁免"
    CLOSED = "closed", "已销号"
    RECORDED = "recorded", "已记录"


OPEN_STATUSES = (FindingStatus.OPEN, FindingStatus.RECTIFYING, FindingStatus.WAIVER_REQUESTED)
# What the figures count as a breach found: the open ones and the recorded facts (违规记录).
COUNTED_STATUSES = (*OPEN_STATUSES, FindingStatus.RECORDED)


class Jurisdiction(models.TextChoices):
    """Whose figure it is. The most specific set in force wins: 本机关 > 市 > 省 > 中央."""

    CENTRAL = "central", "中央"
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    ORGAN = "organ", "本机关"


JURISDICTION_RANK = {Jurisdiction.ORGAN: 0, Jurisdiction.CITY: 1, Jurisdiction.PROVINCE: 2, Jurisdiction.CENTRAL: 3}


class Confidence(models.TextChoices):
    HIGH = "high", "已核实"
    MEDIUM = "medium", "基本可靠"
    LOW = "low", "地方惯例"
    UNCONFIRMED = "unconfirmed", "未核实"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "运行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
