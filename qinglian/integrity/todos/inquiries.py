"""To-do sources of the proposals and letters of inquiry: a proposal waiting for the organ's written reply (the
party-affairs office, the target unit's head) and a letter of inquiry not yet answered (the party-affairs office)."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.integrity.selectors.inquiries import inquiries_waiting, proposals_waiting


def proposals_to_reply(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{p.number}《{p.title}》",
            link=f"/integrity/proposals/{p.pk}/",
            detail="纪检监察建议待书面回复",
            due=p.state.due,
            overdue=p.state.overdue,
        )
        for p in proposals_waiting(user)
    ]


def inquiries_to_reply(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{letter.received_on:%Y-%m-%d}收到的函询",
            link=f"/integrity/inquiries/{letter.pk}/",
            detail="函询待回复（登记签署意见和回复日期）",
            due=letter.state.due,
            overdue=letter.state.overdue,
        )
        for letter in inquiries_waiting(user)
    ]


register_todo(
    TodoSource(
        "integrity_proposals", "待回复的纪检监察建议", proposals_to_reply, lambda u: len(proposals_waiting(u)), order=40
    )
)
register_todo(
    TodoSource("integrity_inquiries", "待回复的函询", inquiries_to_reply, lambda u: len(inquiries_waiting(u)), order=41)
)
