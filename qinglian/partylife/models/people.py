"""One person at a time: 谈心谈话 (confidential) and the hours of study a member took outside the recorded meetings."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from qinglian.core.models import Record
from qinglian.partylife import querysets
from qinglian.partylife.choices import StudyKind, TalkRole


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
