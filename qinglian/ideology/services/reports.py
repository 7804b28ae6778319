"""Writes of the analysis and reporting schedule (分析研判和报告). The party-affairs office (机关党委) keeps it: it
plans a year from the rule parameters in force, names the responsible person and the recipient, and withdraws a row
entered in error. The responsible person (or the office) records an item as done — the day it was held or sent and
what it said, the document itself attached as evidence — and undoes that record with a reason; every change stays
in the row's history and a withdrawal in the audit log. Nothing is deleted for real.

A row is always one of the periods the parameters give for its year (selectors.reports.expected_for), with the due
date computed there: the rules read the parameters too, so a row can never move its own deadline.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked, withdraw
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.models import ReportItem
from qinglian.ideology.permissions import can_draft, can_keep_register
from qinglian.ideology.selectors.reports import DEFAULT_RECIPIENT, Expected, expected_for
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person
from qinglian.org.scope import scope_of

REFUSAL = "只有机关党委可以安排和维护分析研判和报告计划"
DONE_REFUSAL = "只有责任人或机关党委可以登记完成情况"
FIRST_YEAR = 2015  # the responsibility system's implementing measures (2015): no schedule before it


def _office(by: Any, organ_id: int | None) -> int:
    """The caller's organ, when the caller keeps the schedule and the row is (or will be) of it."""
    if not can_keep_register(by):
        raise Forbidden(REFUSAL)
    own = scope_of(by).organ_id
    if organ_id is not None and organ_id != own:
        raise Forbidden("不能修改其他机关的记录")
    return own


def _current(item: ReportItem) -> ReportItem:
    current = ReportItem.all_objects.select_for_update().filter(pk=item.pk).first()
    if current is None or current.deleted_at is not None:
        raise Conflict("该分析研判或报告已删除")
    return current


def _answerable(by: Any, item: ReportItem) -> None:
    """The party-affairs office, or the item's responsible person (who may write at all), of the item's organ."""
    if item.organ_id != scope_of(by).organ_id:
        raise Forbidden("不能修改其他机关的记录")
    if can_keep_register(by):
        return
    if item.responsible_id is None or scope_of(by).person_id != item.responsible_id or not can_draft(by):
        raise Forbidden(DONE_REFUSAL)


def check_responsible(organ_id: int, person: Person | None) -> None:
    """Nobody, or an active person of the organ outside the stationed group (which writes nothing here)."""
    if person is None:
        return
    if person.organ_id != organ_id or person.deleted_at is not None:
        raise InvalidInput("责任人须为本机关人员")
    if not person.is_active:
        raise InvalidInput(f"{person.name}已不在职，不能作为责任人")
    if person.unit.kind == UnitKind.STATIONED:
        raise InvalidInput("派驻纪检监察组人员不能作为责任人")


def check_year(year: int | None) -> int:
    last = clock.today().year + 1
    if year is None or not FIRST_YEAR <= year <= last:
        raise InvalidInput(f"年度应在{FIRST_YEAR}至{last}年之间")
    return year


def _expected(organ_id: int, kind: str, start: dt.date | None, end: dt.date | None) -> Expected:
    """The period of the parameters that a row names; InvalidInput (Chinese, with the periods it may be) if none."""
    if kind not in ReportKind.values:
        raise InvalidInput("请选择类型")
    if start is None or end is None:
        raise InvalidInput("请填写所属期间起止日期")
    year = check_year(start.year)
    options = [e for e in expected_for(organ_id, year) if e.kind == kind]
    for e in options:
        if (e.start, e.end) == (start, end):
            return e
    shown = "、".join(f"{e.start:%Y-%m-%d}至{e.end:%Y-%m-%d}" for e in options)
    raise InvalidInput(f"按现行规则参数，{year}年{ReportKind(kind).label}的期间应为：{shown}")


def _save(item: ReportItem, by: Any, reason: str) -> ReportItem:
    item._change_reason = reason[:100]  # type: ignore[attr-defined]
    return save_checked(item, by=by)


@transaction.atomic
def plan_year(*, year: int, by: Any, responsible: Person | None = None) -> list[ReportItem]:
    """Create the year's items the parameters call for and the schedule has not yet: the rows there are stay as they
    are (a second call creates nothing). Returns the rows created."""
    organ_id = _office(by, None)
    check_year(year)
    check_responsible(organ_id, responsible)
    expected = expected_for(organ_id, year)
    have = set(
        ReportItem.objects.select_for_update()
        .filter(organ_id=organ_id, period_start__year=year)
        .values_list("kind", "period_start")
    )
    created = []
    for e in expected:
        if e.key in have:
            continue
        item = _new(organ_id, e, responsible, "", "")
        created.append(_save(item, by, f"安排{year}年分析研判和报告计划"))
    return created


def _new(organ_id: int, e: Expected, responsible: Person | None, title: str, recipient: str) -> ReportItem:
    return ReportItem(
        organ_id=organ_id,
        kind=e.kind,
        period_start=e.start,
        period_end=e.end,
        due_on=e.due,
        title=title.strip() or e.title,
        responsible=responsible,
        recipient=recipient.strip() or DEFAULT_RECIPIENT.get(e.kind, ""),
    )


@transaction.atomic
def item_add(
    *,
    kind: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    by: Any,
    title: str = "",
    responsible: Person | None = None,
    recipient: str = "",
    reason: str = "",
) -> ReportItem:
    """One item of a period the parameters give (the import adds rows this way). Refused when the schedule already
    has that kind and period."""
    organ_id = _office(by, None)
    e = _expected(organ_id, kind, period_start, period_end)
    check_responsible(organ_id, responsible)
    if ReportItem.objects.filter(organ_id=organ_id, kind=kind, period_start=e.start).exists():
        raise Conflict(f"{e.title}已在计划中")
    return _save(_new(organ_id, e, responsible, title, recipient), by, reason or "新增分析研判或报告")


@transaction.atomic
def item_update(
    *, item: ReportItem, by: Any, title: str, responsible: Person | None, recipient: str, reason: str = ""
) -> ReportItem:
    """The title, the responsible person and the recipient. The responsible person may correct the title and the
    recipient; only the office names who is responsible."""
    current = _current(item)
    _answerable(by, current)
    if responsible != current.responsible and not can_keep_register(by):
        raise Forbidden("只有机关党委可以指定责任人")
    check_responsible(current.organ_id, responsible)
    title, recipient = (title or "").strip(), (recipient or "").strip()
    if not title:
        raise InvalidInput("请填写名称")
    current.title, current.responsible, current.recipient = title, responsible, recipient
    saved = _save(current, by, reason or "修改分析研判或报告")
    item.title, item.responsible, item.recipient = saved.title, saved.responsible, saved.recipient
    return saved


def check_done(item: ReportItem, done_on: dt.date | None, summary: str) -> None:
    """A completion's own facts (the import judges its rows by the same function)."""
    if done_on is None:
        raise InvalidInput("请填写完成日期")
    if done_on > clock.today():
        raise InvalidInput("完成日期不能晚于今天")
    if done_on < item.period_start:
        raise InvalidInput(f"完成日期不能早于所属期间的开始（{item.period_start:%Y-%m-%d}）")
    if not (summary or "").strip():
        raise InvalidInput("请填写主要内容（研判的主要情况、报告或通报的要点）")


@transaction.atomic
def item_done(*, item: ReportItem, done_on: dt.date | None, summary: str, by: Any, reason: str = "") -> ReportItem:
    """Record the day the analysis was held or the report/briefing sent, and what it said. A recorded completion
    is changed only by undoing it first (with a reason), so the history says why."""
    current = _current(item)
    _answerable(by, current)
    if current.done_on is not None:
        raise Conflict(f"已于{current.done_on:%Y-%m-%d}登记完成，如需更正请先撤销完成")
    check_done(current, done_on, summary)
    current.done_on, current.summary = done_on, summary.strip()
    saved = _save(current, by, reason or "登记完成")
    item.done_on, item.summary = saved.done_on, saved.summary
    return saved


@transaction.atomic
def item_undo(*, item: ReportItem, reason: str, by: Any) -> ReportItem:
    """Take back a completion recorded in error (the wrong day, the wrong item): the row is open again; the day and
    the reason stay in its history. The summary is kept for the next record."""
    current = _current(item)
    _answerable(by, current)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请填写撤销原因")
    if current.done_on is None:
        raise Conflict("该项尚未登记完成")
    was = current.done_on
    current.done_on = None
    saved = _save(current, by, f"撤销完成（原登记{was:%Y-%m-%d}）：{reason}")
    item.done_on = None
    return saved


@transaction.atomic
def item_delete(*, item: ReportItem, reason: str, by: Any) -> None:
    """Withdraw a row entered in error (soft delete; the reason in its history and the audit log). The rules still
    expect the period: a withdrawn item is a period with no item."""
    _office(by, item.organ_id)
    current = _current(item)
    withdraw(current, by=by, reason=reason, target_repr=f"分析研判和报告 {current.title}")
    item.deleted_at = current.deleted_at
