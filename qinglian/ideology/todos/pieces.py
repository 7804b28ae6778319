"""To-do sources of pieces: the pieces whose pending stage the user may sign now (待审核稿件), and the user's own
pieces returned for changes (退回修改的稿件). Neither has a due date. The counts are cheap: the queue runs in a
bounded number of queries (selectors/pieces.py) and the returned pieces are one count."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.ideology.selectors.pieces import last_return, returned_to_me, review_queue


def _link(pk: int) -> str:
    return f"/ideology/pieces/{pk}/"


def to_review(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{row.piece.quoted}待{row.stage_label}",
            link=_link(row.piece.pk),
            detail=f"{row.piece.outlet.name} · {row.piece.drafter.name}"
            + (f" · {row.piece.submitted_on:%Y-%m-%d}送审" if row.piece.submitted_on else ""),
        )
        for row in review_queue(user)
    ]


def _returned_detail(piece: Any) -> str:
    signoff = last_return(piece)
    if signoff is None:
        return piece.outlet.name
    return f"{signoff.get_stage_display()}退回（{signoff.reviewer.name}）：{signoff.opinion}"[:200]


def returned(user: Any) -> list[TodoItem]:
    return [
        TodoItem(title=f"{p.quoted}退回修改", link=_link(p.pk), detail=_returned_detail(p))
        for p in returned_to_me(user)
    ]


register_todo(TodoSource("ideology_piece_queue", "待审核稿件", to_review, lambda u: len(review_queue(u)), order=131))
register_todo(
    TodoSource("ideology_piece_returned", "退回修改的稿件", returned, lambda u: returned_to_me(u).count(), order=132)
)
