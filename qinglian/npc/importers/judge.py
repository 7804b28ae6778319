"""代表建议导入: judging every row of an upload against the organ (never writes)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from qinglian.core import clock
from qinglian.core.excel import SheetRows
from qinglian.core.importing import Action, SheetRow
from qinglian.npc.choices import SessionKind
from qinglian.npc.importers.common import (
    ASSIGNED,
    CATEGORIES,
    CATEGORY,
    CO_SIGNERS,
    CO_UNITS,
    COMMITTEE,
    CONTENT,
    INTERIM,
    KEY,
    LEAD,
    LEAD_UNIT,
    LEADER,
    NO,
    NUMBER,
    RECEIVED,
    SESSION,
    TITLE,
    YEAR,
    YES,
    DeputyRef,
    NewDeputy,
    SuggestionRow,
    session_label,
)
from qinglian.npc.models import Deputy, Session, Suggestion
from qinglian.org.choices import UnitKind
from qinglian.org.models import Organ, Person, Unit

_SPLIT = re.compile(r"[、，,；;\s]+")
_SESSION_NOISE = re.compile(r"\s|人民代表大会|人大")


def _session_key(text: str) -> str:
    """第十六届人民代表大会第五次会议, 第十六届人大第五次会议 and 第十六届第五次会议 are one session."""
    return _SESSION_NOISE.sub("", text)


@dataclass
class _Context:
    sessions: dict[str, list[Session]]
    interim: dict[int, list[Session]]  # year → the 闭会期间 sessions starting that year
    deputies: dict[str, list[Deputy]]
    units: dict[str, list[Unit]]  # by name and short name
    people: dict[str, list[Person]]
    taken: set[tuple[int, str]]  # (year, number) already in the ledger
    seen: dict[tuple[int, str], int] = field(default_factory=dict)  # (year, number) → first row in the file
    today: dt.date = field(default_factory=clock.today)


def judge_rows(organ: Organ, sheet: SheetRows, auto_create: bool) -> list[SuggestionRow]:
    """Every row of the sheet judged against `organ`; writes nothing."""
    ctx = _context(organ)
    return [_judge(SheetRow(number, record), ctx, auto_create) for number, record in sheet.rows]


def _grouped(pairs) -> dict[str, list]:
    found: dict[str, list] = {}
    for key, obj in pairs:
        if key and obj not in found.setdefault(key, []):
            found[key].append(obj)
    return found


def _context(organ: Organ) -> _Context:
    sessions = list(Session.objects.filter(organ=organ))
    interim: dict[int, list[Session]] = {}
    for s in sessions:
        if s.kind == SessionKind.INTERIM:
            interim.setdefault(s.start.year, []).append(s)
    session_keys = [(_session_key(session_label(s)), s) for s in sessions]
    session_keys += [(_session_key(s.term + s.number), s) for s in sessions if s.kind == SessionKind.PLENARY]
    units = list(Unit.objects.filter(organ=organ))
    return _Context(
        sessions=_grouped(session_keys),
        interim=interim,
        deputies=_grouped((d.name, d) for d in Deputy.objects.filter(organ=organ)),
        units=_grouped([(u.name, u) for u in units] + [(u.short_name, u) for u in units]),
        people=_grouped((p.name, p) for p in Person.objects.filter(organ=organ).select_related("unit")),
        taken=set(Suggestion.objects.filter(organ=organ).values_list("year", "number")),
    )


def _judge(row: SheetRow, ctx: _Context, auto_create: bool) -> SuggestionRow:
    year = _judge_year(row)
    number = row.judge_text(NUMBER, 20, required=True)
    _judge_number(row, ctx, year, number)
    received = row.judge_date(RECEIVED, required=True, today=ctx.today)
    values = {
        "number": number,
        "year": year,
        "session": _judge_session(row, ctx, year),
        "title": row.judge_text(TITLE, 200, required=True),
        "content": row.text(CONTENT),
        "category": row.judge_choice(CATEGORY, CATEGORIES, required=True, noun="类别"),
        "received_on": received,
    }
    name = f"{number} {values['title']}".strip()
    plan = SuggestionRow(row=row.number, name=name, action=Action.CREATE, values=values)
    plan.lead_deputy = _one_deputy(row, LEAD, row.text(LEAD), ctx, auto_create) if row.text(LEAD) else None
    if not row.text(LEAD):
        row.error(LEAD, "必填")
    plan.co_signers = _co_signers(row, plan.lead_deputy, ctx, auto_create)
    _judge_handling(row, plan, ctx, received)
    _judge_key(row, plan, ctx)
    plan.errors, plan.notes = row.errors, row.notes
    if row.errors:
        plan.action = Action.ERROR
    return plan


def _judge_year(row: SheetRow) -> int | None:
    text = row.text(YEAR).removesuffix("年")
    if not text:
        row.error(YEAR, "必填")
        return None
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        row.error(YEAR, f"“{text}”不是有效的年度，请填写四位数字，如 2026")
        return None
    return int(text)


def _judge_number(row: SheetRow, ctx: _Context, year: int | None, number: str) -> None:
    if year is None or not number:
        return
    key = (year, number)
    if key in ctx.seen:
        row.error(NUMBER, f"与第{ctx.seen[key]}行的建议编号重复（同一年度内编号不得重复）")
    elif key in ctx.taken:
        row.error(NUMBER, f"系统中{year}年已有编号为“{number}”的建议")
    ctx.seen.setdefault(key, row.number)


def _judge_session(row: SheetRow, ctx: _Context, year: int | None) -> Session | None:
    """A session by its full name or term + number; “闭会期间” is the between-sessions period of the year."""
    text = row.text(SESSION)
    if not text:
        row.error(SESSION, f"必填；闭会期间提出的填“{INTERIM}”")
        return None
    if text == INTERIM:
        found = ctx.interim.get(year, []) if year else []
        if len(found) > 1:
            row.error(SESSION, f"{year}年有{len(found)}个闭会期间（不同届次），请写明，如 {session_label(found[0])}")
            return None
        if not found:
            row.notes.append("系统中没有该年度的闭会期间记录，按闭会期间登记（不关联届次）")
            return None
        return found[0]
    found = ctx.sessions.get(_session_key(text), [])
    if len(found) != 1:
        problem = (
            "有多个同名的届次会议" if found else "系统中没有这个届次会议，请从下拉列表中选择或先在“届次会议”中登记"
        )
        row.error(SESSION, f"“{text}”：{problem}")
        return None
    return found[0]


def _one_deputy(row: SheetRow, header: str, text: str, ctx: _Context, auto_create: bool) -> DeputyRef | None:
    """A deputy by name, or "姓名/代表团" when the name is shared; a new one when allowed."""
    name, _, delegation = (re.sub(r"\s", "", part) for part in text.partition("/"))
    found = ctx.deputies.get(name, [])
    if delegation:
        found = [d for d in found if d.delegation == delegation]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        teams = "、".join(d.delegation or "未填代表团" for d in found)
        row.error(header, f"系统中有{len(found)}位代表名为“{name}”（{teams}），请写作 {name}/代表团 以区分")
        return None
    if not auto_create:
        row.error(header, f"系统中没有代表“{text}”；如需一并新增，请勾选“自动新增代表”后重新上传")
        return None
    if len(name) > 30:
        row.error(header, f"代表姓名“{name}”过长")
        return None
    row.notes.append(f"将新增代表“{name}”")
    return NewDeputy(name, delegation)


def _co_signers(row: SheetRow, lead: DeputyRef | None, ctx: _Context, auto_create: bool) -> list[DeputyRef]:
    signers: list[DeputyRef] = []
    for text in dict.fromkeys(t for t in _SPLIT.split(row.text(CO_SIGNERS)) if t):
        deputy = _one_deputy(row, CO_SIGNERS, text, ctx, auto_create)
        if deputy is None:
            continue
        if deputy == lead:
            row.notes.append(f"“{text}”是领衔代表，不再列为联名代表")
        elif deputy not in signers:
            signers.append(deputy)
    return signers


def _one_unit(row: SheetRow, header: str, text: str, ctx: _Context, kind: str) -> Unit | None:
    found = ctx.units.get(text, [])
    wanted = [u for u in found if u.kind == kind]
    if len(wanted) == 1:
        return wanted[0]
    if len(wanted) > 1:
        row.error(header, f"有多个单位的简称为“{text}”，请填写全称")
    elif found and kind == UnitKind.EXTERNAL:
        row.error(header, f"“{text}”是本机关内设机构，承办单位须为外部单位（政府部门等）")
    elif found:
        row.error(header, f"“{text}”不是本机关内设委室")
    elif kind == UnitKind.EXTERNAL:
        row.error(header, f"系统中没有承办单位“{text}”，请从下拉列表中选择，或先登记该外部单位")
    else:
        row.error(header, f"本机关没有名为“{text}”的委室")
    return None


def _judge_handling(row: SheetRow, plan: SuggestionRow, ctx: _Context, received: dt.date | None) -> None:
    lead_text = row.text(LEAD_UNIT)
    co_texts = list(dict.fromkeys(t for t in _SPLIT.split(row.text(CO_UNITS)) if t))
    plan.assigned_on = row.judge_date(ASSIGNED, today=ctx.today)
    if not lead_text:
        if co_texts:
            row.error(CO_UNITS, "填写协办单位的，须同时填写主办单位")
        if plan.assigned_on:
            row.error(ASSIGNED, "未填写主办单位，不能填写交办日期")
        return
    plan.lead_unit = _one_unit(row, LEAD_UNIT, lead_text, ctx, UnitKind.EXTERNAL)
    for text in co_texts:
        unit = _one_unit(row, CO_UNITS, text, ctx, UnitKind.EXTERNAL)
        if unit is not None and unit == plan.lead_unit:
            row.error(CO_UNITS, f"“{text}”已是主办单位，不能同时协办")
        elif unit is not None and unit not in plan.co_units:
            plan.co_units.append(unit)
    if plan.assigned_on is None and not any(h == ASSIGNED for h, _ in row.errors):
        row.error(ASSIGNED, "填写主办单位的，须填写交办日期")
    elif plan.assigned_on and received and plan.assigned_on < received:
        row.error(ASSIGNED, "交办日期不能早于收到日期")


def _judge_key(row: SheetRow, plan: SuggestionRow, ctx: _Context) -> None:
    text = row.text(KEY)
    if text not in ("", YES, NO):
        row.error(KEY, f"请填写“{YES}”或“{NO}”")
        return
    plan.is_key = text == YES
    committee, leader = row.text(COMMITTEE), row.text(LEADER)
    if not plan.is_key:
        if committee or leader:
            row.notes.append("不是重点督办建议，督办委室和督办领导不导入")
        return
    if not committee:
        row.error(COMMITTEE, "重点督办建议须填写督办委室")
    else:
        plan.committee = _one_unit(row, COMMITTEE, committee, ctx, UnitKind.INTERNAL)
    if not leader:
        row.error(LEADER, "重点督办建议须填写督办领导")
    else:
        plan.leader = _one_person(row, leader, ctx)


def _one_person(row: SheetRow, text: str, ctx: _Context) -> Person | None:
    name, _, unit = (re.sub(r"\s", "", part) for part in text.partition("/"))
    found = ctx.people.get(name, [])
    if unit:
        found = [p for p in found if unit in {p.unit.name, p.unit.short_name}]
    if len(found) == 1:
        return found[0]
    if found:
        units = "、".join(p.unit.name for p in found)
        row.error(LEADER, f"本机关有{len(found)}人名为“{name}”（{units}），请写作 {name}/所在委室 以区分")
    else:
        row.error(LEADER, f"本机关没有名为“{text}”的人员")
    return None
