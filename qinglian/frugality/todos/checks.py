"""To-do sources of the special check: for those who run checks, the sampled vouchers of an open check still to
review; for the party-affairs office, the problems of a reported check still to send to the rectification ledger
(the stationed group reports, the office keeps that ledger). Neither asks the database of anyone else."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.frugality.permissions import can_run_checks
from qinglian.frugality.selectors.checks import awaiting_rectification, awaiting_review
from qinglian.integrity.permissions import can_keep_rectification


def _link(check: Any) -> str:
    return f"/frugality/checks/{check.pk}/"


def to_review(user: Any) -> list[TodoItem]:
    if not can_run_checks(user):
        return []
    return [TodoItem(c.title, _link(c), f"{c.pending}张抽样凭证待审核") for c in awaiting_review(user)]


def to_rectify(user: Any) -> list[TodoItem]:
    if not can_keep_rectification(user):
        return []
    return [
        TodoItem(c.title, _link(c), f"检查报告{c.report_no}已出具，{c.unsent}个问题待移送整改台账")
        for c in awaiting_rectification(user)
    ]


register_todo(TodoSource("frugality_checks_review", "专项检查待审核凭证", to_review, lambda u: len(to_review(u)), 128))
register_todo(
    TodoSource("frugality_checks_rectify", "专项检查问题待移送整改", to_rectify, lambda u: len(to_rectify(u)), 129)
)
