"""To-do source of the meetings ledger: for the finance officer, meetings recorded without a 凭证号 a week after they
ended — a finding and a special check name a meeting by its voucher."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.core import clock, workdays
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.frugality.selectors.conferences import conferences_without_voucher

# Reimbursement takes a few working days after a meeting; until then a missing number is no gap.
GRACE_WORKING_DAYS = 5


def _cutoff() -> dt.date:
    return workdays.add_working_days(clock.today(), -GRACE_WORKING_DAYS)


def _waiting(user: Any) -> list:
    if not can_keep_ledgers(user):
        return []
    return list(conferences_without_voucher(user, before=_cutoff()))


def vouchers_to_record(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{c.start_on:%Y-%m-%d} {c.name}",
            link=f"/frugality/conferences/{c.pk}/",
            detail="会议已录入，尚未填写凭证号",
        )
        for c in _waiting(user)
    ]


register_todo(
    TodoSource(
        "frugality_conference_vouchers", "待补录凭证号的会议", vouchers_to_record, lambda u: len(_waiting(u)), order=115
    )
)
