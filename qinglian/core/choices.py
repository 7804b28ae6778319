"""Enumerations of the core app. Values are English and stable; labels are what the organ reads."""

from django.db import models


class DayKind(models.TextChoices):
    """What an explicit calendar entry says about its day (see docs/calendar.md).

    A day without an entry follows the week: Monday–Friday work, Saturday and Sunday rest.
    """

    HOLIDAY = "holiday", "法定节假日/休息日"
    WORKDAY = "workday", "调休上班日"
