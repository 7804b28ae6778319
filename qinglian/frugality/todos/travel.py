"""To-do source of the travel ledger: for the finance officer, trips already departed whose record lacks the approval
date or the voucher number — the paper approval form and the voucher are at hand in the finance office, and FRG-013
reads the approval date — oldest first. Their own trips are someone else's to complete."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.core import clock
from qinglian.frugality.selectors.travel import count_to_complete, trips_to_complete


def _missing(trip: Any) -> str:
    gaps = [
        label for label, empty in (("审批日期", trip.approved_on is None), ("凭证号", not trip.voucher_no)) if empty
    ]
    return f"差旅记录缺{'、'.join(gaps)}，请对照出差审批单和报销凭证补录"


def trips_to_record(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{t.traveller.name} {t.start_on:%Y-%m-%d} {t.purpose}",
            link=f"/frugality/trips/{t.pk}/",
            detail=_missing(t),
        )
        for t in trips_to_complete(user, clock.today())
    ]


register_todo(
    TodoSource(
        "frugality_trips",
        "待补全的差旅记录",
        trips_to_record,
        lambda u: count_to_complete(u, clock.today()),
        order=113,
    )
)
