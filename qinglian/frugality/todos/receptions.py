"""To-do source of the 公务接待 ledger: for the finance officer, receptions whose official letter, signed list or
invoice is not on file yet — the three documents a reimbursement needs (FRG-007) — reimbursed ones first."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.frugality.models import Reception
from qinglian.frugality.selectors.receptions import receptions_missing_documents


def _missing(r: Reception) -> str:
    lacking = [
        label
        for day, label in ((r.letter_on, "派出单位公函"), (r.list_signed_on, "审签的接待清单"), (r.invoice_on, "发票"))
        if day is None
    ]
    paid = f"已于{r.paid_on:%Y-%m-%d}报销，" if r.paid_on else ""
    return f"{paid}待补录：{'、'.join(lacking)}"


def receptions_to_complete(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{r.voucher_no or '（无凭证号）'} {r.start_on:%Y-%m-%d} 接待{r.guest_unit}",
            link=f"/frugality/receptions/{r.pk}/",
            detail=_missing(r),
            overdue=r.paid_on is not None,
        )
        for r in receptions_missing_documents(user)
    ]


register_todo(
    TodoSource(
        "frugality_receptions",
        "公务接待待补录凭证",
        receptions_to_complete,
        lambda u: len(receptions_missing_documents(u)),
        order=112,
    )
)
