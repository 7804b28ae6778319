"""Writes of the democratic-life meeting process (民主生活会): marking a step done."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of
from qinglian.partylife.choices import DLMStep
from qinglian.partylife.models import DemocraticLifeStep
from qinglian.partylife.selectors.dlm import dlm_meeting


@transaction.atomic
def dlm_step_mark(
    *, organ_id: int, year: int, step: str, done_on: dt.date, note: str = "", by: Any
) -> DemocraticLifeStep:
    """Record that a step of the year's democratic-life meeting was done on `done_on` (one row per step).

    Only the party-affairs office keeps this ledger. Marking a step again corrects its date and note.
    """
    if not scope_of(by).has(Role.PARTY_OFFICER):
        raise Forbidden("只有机关党委专责人员可以登记民主生活会环节")
    if step not in DLMStep.values:
        raise InvalidInput("环节无法识别")
    if done_on > clock.today():
        raise InvalidInput("完成日期不能晚于今天")
    row = DemocraticLifeStep.objects.select_for_update().filter(
        organ_id=organ_id, year=year, step=step
    ).first() or DemocraticLifeStep(organ_id=organ_id, year=year, step=step)
    row.done_on = done_on
    row.note = note.strip()
    if step == DLMStep.MEETING and row.meeting_id is None:
        row.meeting = dlm_meeting(organ_id=organ_id, year=year)
    return save_checked(row, by=by)
