"""Enumerations of the duty app (主体责任). Values are English and stable; labels are what the organ reads."""

from django.db import models


class ListStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已印发"


class Theme(models.TextChoices):
    """The three strands of the conference's name; items and the Party group's agenda are tagged with them."""

    STRICT_GOVERNANCE = "strict_governance", "全面从严治党"
    INTEGRITY = "integrity", "党风廉政建设"
    IDEOLOGY = "ideology", "意识形态"


class Recurrence(models.TextChoices):
    """A task done once by a date, or a report due every period (月报/季报/年报)."""

    ONCE = "once", "一次性"
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    YEARLY = "yearly", "每年"


RECURRENCE_PERIOD = {Recurrence.MONTHLY: "month", Recurrence.QUARTERLY: "quarter", Recurrence.YEARLY: "year"}


class AssignmentRole(models.TextChoices):
    LEAD = "lead", "牵头"
    CO = "co", "配合"


class TaskStatus(models.TextChoices):
    """Stored status of a unit's task. 逾期 is not stored: it is 未启动/推进中 past the deadline (see
    DutyAssignment.display_status), so it can never disagree with the date."""

    NOT_STARTED = "not_started", "未启动"
    IN_PROGRESS = "in_progress", "推进中"
    COMPLETED = "completed", "已完成"
    CLOSED = "closed", "已销号"


OPEN_TASK_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)
OVERDUE_LABEL = "逾期"


# Personnel events after which the person signs a letter for the new post (调出、退休 end the duty instead).
LETTER_EVENT_KINDS = ("appointment", "promotion", "transfer", "transfer_in")


class LetterLevel(models.TextChoices):
    """党风廉政建设责任书, signed level by level."""

    LEADER = "leader", "党组书记—党组成员"
    UNIT_HEAD = "unit_head", "党组—委室主要负责人"
    CADRE = "cadre", "委室负责人—干部"


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", "待回复"
    REPLIED = "replied", "已回复"
    CLOSED = "closed", "已办结"


class TalkKind(models.TextChoices):
    """约谈/提醒谈话 about a duty. 廉政谈话 live in the integrity app (decision 0005; moved by integrity 0002)."""

    REMINDER = "reminder", "提醒谈话"
    ADMONITION = "admonition", "约谈"
