"""Writes of the records about one person: heart-to-heart talks and study records."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.partylife.models import HeartTalk, StudyRecord
from qinglian.partylife.permissions import is_officer_or


@transaction.atomic
def heart_talk_record(*, talk: HeartTalk, by: Any) -> HeartTalk:
    if not is_officer_or(by, talk.initiator_id):
        raise Forbidden("只能登记本人作为谈话人的谈心谈话")
    if talk.initiator_id == talk.counterpart_id:
        raise InvalidInput("谈话人和谈话对象不能是同一人")
    if talk.date > clock.today():
        raise InvalidInput("谈话日期不能晚于今天")
    return save_checked(talk, by=by)


@transaction.atomic
def study_record_add(*, record: StudyRecord, by: Any) -> StudyRecord:
    if not is_officer_or(by, record.person_id):
        raise Forbidden("只能登记本人的学习记录")
    if record.hours is None or record.hours <= 0 or record.hours > Decimal("80"):
        raise InvalidInput("学时应大于0且单次不超过80")
    if record.date > clock.today():
        raise InvalidInput("学习日期不能晚于今天")
    return save_checked(record, by=by)
