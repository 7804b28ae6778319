"""约谈 records: who talked to whom, why, and what came of it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.duty.models import AccountabilityTalk
from qinglian.duty.permissions import can_record_talks
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of


@transaction.atomic
def talk_record(*, talk: AccountabilityTalk, by: Any) -> AccountabilityTalk:
    scope = scope_of(by)
    if not (scope.has(Role.PARTY_OFFICER) or (can_record_talks(by) and scope.person_id == talk.interviewer_id)):
        raise Forbidden("只能登记本人作为约谈人的约谈，或由机关党委专责人员登记")
    if talk.interviewer_id == talk.interviewee_id:
        raise InvalidInput("约谈人与被约谈人不能是同一人")
    if talk.date > clock.today():
        raise InvalidInput("约谈日期不能晚于今天")
    if not talk.reason.strip():
        raise InvalidInput("请填写约谈事由")
    if talk.unit_id is None:
        talk.unit_id = talk.interviewee.unit_id
    return save_checked(talk, by=by)
