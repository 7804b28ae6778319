"""The status changes of the duty ledgers: one table, one check.

A service calls `check(name, status)` before it writes and sets the returned transition's target; a page asks
`allows(name, status)` before it offers the button. A refusal names what the record's state does not allow.
Who may make a change is a separate question, answered by permissions.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from qinglian.core.errors import InvalidInput
from qinglian.duty.choices import ListStatus, NoticeStatus, TaskStatus

L, T, N = ListStatus, TaskStatus, NoticeStatus
NEW = ""  # the state of a record not saved yet (a 督办单 being issued)
_REPORTABLE = (T.NOT_STARTED, T.IN_PROGRESS, T.COMPLETED)


@dataclass(frozen=True)
class Transition:
    label: str
    sources: tuple[str, ...]
    target: str
    refusal: str  # said when the current status is not one of `sources`


TRANSITIONS: dict[str, Transition] = {
    "list_publish": Transition("印发", (L.DRAFT,), L.PUBLISHED, "该清单已印发"),
    "task_report": Transition("报送进展", _REPORTABLE, T.IN_PROGRESS, "任务已销号，不能再报送"),
    "task_complete": Transition("报告完成", _REPORTABLE, T.COMPLETED, "任务已销号，不能再报送"),
    "task_confirm": Transition("确认销号", (T.COMPLETED,), T.CLOSED, "只有已报告完成的任务可以销号"),
    "task_return": Transition("退回", (T.COMPLETED, T.CLOSED), T.IN_PROGRESS, "只有已完成或已销号的任务可以退回"),
    "notice_issue": Transition("下发", (NEW,), N.ISSUED, "督办单已下发"),
    "notice_reply": Transition("回复", (N.ISSUED, N.REPLIED), N.REPLIED, "督办单已办结"),
    "notice_close": Transition("办结", (N.REPLIED,), N.CLOSED, "督办单回复后方可办结"),
    "notice_escalate": Transition("升级", (N.ISSUED,), N.ISSUED, "只有待回复的督办单可以升级"),
}


def allows(name: str, status: str) -> bool:
    return status in TRANSITIONS[name].sources


def check(name: str, status: str) -> Transition:
    """The transition `name` from `status`, or InvalidInput with its refusal."""
    transition = TRANSITIONS[name]
    if status not in transition.sources:
        raise InvalidInput(transition.refusal)
    return transition
