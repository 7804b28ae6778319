"""花名册导入: judging every row of an upload against the organ (never writes)."""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db import models

from qinglian.core import clock
from qinglian.core.excel import SheetRows, parse_date
from qinglian.core.importing import Action, Change, RowPlan, SheetRow
from qinglian.core.importing.base import cell_text
from qinglian.org.choices import PARTY_STATUSES, Gender, Rank
from qinglian.org.models import Branch, Organ, Person, Unit
from qinglian.org.roster.columns import (
    BIRTH,
    BRANCH,
    FIELD_OF,
    GENDER,
    GENDERS,
    HEADER_OF,
    ID_NUMBER,
    JOINED,
    NAME,
    PARTY_STATUS,
    PHONE,
    POST,
    RANK,
    RANKS,
    STATUSES,
    UNIT,
    person_units,
)
from qinglian.org.services import person_problems
from qinglian.org.validators import birth_date_from_id, gender_from_id, id_number_problem, phone_problem


@dataclass
class PersonRow(RowPlan):
    """A roster row: `values` are the Person fields to write; `person_id` the person an update changes."""

    person_id: int | None = None


# --- parse -------------------------------------------------------------------------------------


@dataclass
class _Context:
    """What every row is judged against: the organ's units, branches and people, read once."""

    units: dict[str, list[Unit]]
    branches: dict[str, list[Branch]]
    existing: dict[str, Person]
    unregistered_names: set[str]
    id_rows: dict[str, list[int]]
    today: dt.date


def _id_key(value: Any) -> str:
    return re.sub(r"\s", "", cell_text(value)).upper().replace("Ｘ", "X")


def judge_rows(organ: Organ, sheet: SheetRows) -> list[PersonRow]:
    """Every row of the sheet judged against `organ`; the ID number is the key (an existing person is updated)."""
    ctx = _context(organ, sheet.rows)
    present = {FIELD_OF[h] for h in sheet.headers if h in FIELD_OF}
    return [_judge(SheetRow(number, record), organ, ctx, present) for number, record in sheet.rows]


def _context(organ: Organ, rows: list[tuple[int, dict[str, Any]]]) -> _Context:
    id_rows: dict[str, list[int]] = {}
    for number, record in rows:
        key = _id_key(record.get(ID_NUMBER))
        if key:
            id_rows.setdefault(key, []).append(number)
    units: dict[str, list[Unit]] = {}
    for unit in person_units(organ):
        for label in {unit.name, unit.short_name} - {""}:
            units.setdefault(label, []).append(unit)
    people = Person.objects.filter(organ=organ).select_related("unit", "branch", "party_group")
    return _Context(
        units=units,
        branches={b.name: [b] for b in Branch.objects.filter(organ=organ)},
        existing={p.id_number: p for p in people.with_id_number(*id_rows)},
        unregistered_names=set(people.without_id_number().values_list("name", flat=True)),
        id_rows=id_rows,
        today=clock.today(),
    )


def _judge(row: SheetRow, organ: Organ, ctx: _Context, present: set[str]) -> PersonRow:
    id_number = _judge_id(row, ctx)
    values: dict[str, Any] = {
        "name": _judge_text(row, NAME, required=True),
        "gender": row.judge_choice(GENDER, GENDERS, required=True),
        "unit": _judge_named(row, UNIT, ctx.units, "委室"),
        "post": _judge_text(row, POST),
        "rank": row.judge_choice(RANK, RANKS) or Rank.OTHER,
        "party_status": row.judge_choice(PARTY_STATUS, STATUSES, required=True),
        "branch": _judge_named(row, BRANCH, ctx.branches, "党支部"),
        "phone": _judge_phone(row),
    }
    values["birth_date"] = _judge_birth(row, id_number, values["gender"], ctx.today)
    values["party_joined_on"] = _judge_joined(row, values["party_status"], values["birth_date"], ctx.today)
    plan = PersonRow(row=row.number, name=values["name"] or row.text(NAME), action=Action.ERROR, errors=row.errors)
    if row.errors:
        return plan
    existing = ctx.existing.get(id_number)
    if existing is None:
        return _planned_create(plan, organ, id_number, values, ctx)
    # Columns left out of the file keep their values; the birth date always follows the ID number.
    values = {k: v for k, v in values.items() if k in present or k == "birth_date"}
    return _planned_update(plan, existing, values)


def _judge_id(row: SheetRow, ctx: _Context) -> str:
    """The normalised ID number when it is well formed (even if repeated in the file), else ""."""
    raw, key = row.raw(ID_NUMBER), _id_key(row.raw(ID_NUMBER))
    if not key:
        problem: str | None = "必填"
    elif isinstance(raw, float):  # 18 digits do not fit in a spreadsheet number: the last ones are gone
        problem = "被 Excel 存成了数字，末几位已丢失；请将该列设为文本格式后重新填写"
    else:
        problem = id_number_problem(key)
        if problem is None and birth_date_from_id(key) > ctx.today:
            problem = "出生日期段晚于今天"
    if problem:
        row.error(ID_NUMBER, problem)
    if key and len(ctx.id_rows.get(key, ())) > 1:
        rows = "、".join(str(n) for n in ctx.id_rows[key])
        row.error(ID_NUMBER, f"身份证号在表中重复出现（第{rows}行），同一人只能填写一行")
    return "" if problem else key


def _judge_text(row: SheetRow, header: str, *, required: bool = False) -> str:
    text = row.text(header)
    if header == NAME and re.fullmatch(r"[\u4e00-\u9fff\s]+", text):
        text = re.sub(r"\s", "", text)  # "王  五": two-character names are padded to line up with longer ones
    limit = Person._meta.get_field(FIELD_OF[header]).max_length
    if required and not text:
        row.error(header, "必填")
    elif len(text) > limit:
        row.error(header, f"过长，最多{limit}个字")
    return text


def _judge_named(row: SheetRow, header: str, options: dict[str, list[Any]], noun: str) -> Any:
    """A unit or branch named in the cell (full name, or a unit's short name); None when blank or wrong."""
    text = row.text(header)
    found = options.get(text, [])
    if not text:
        if header == UNIT:
            row.error(header, "必填")
    elif len(found) > 1:
        row.error(header, f"“{text}”对应多个{noun}，请填写全称")
    elif not found:
        row.error(header, f"本机关没有名为“{text}”的{noun}，请从下拉列表中选择")
    return found[0] if len(found) == 1 else None


def _judge_phone(row: SheetRow) -> str:
    phone = re.sub(r"\s", "", row.text(PHONE))
    if problem := phone_problem(phone):
        row.error(PHONE, problem)
    return phone


def _judge_date(row: SheetRow, header: str, *, allow_month: bool = False) -> dt.date | None:
    value = row.raw(header)
    if allow_month and isinstance(value, float):
        # "2010.10" typed into a number cell comes back as 2010.1: January or October cannot be told apart.
        if round(value, 1) == value:
            row.error(header, f"“{value:g}”被 Excel 当作数字，无法分辨月份；请将单元格设为文本，或写作 2010-10")
            return None
        value = f"{value:.2f}"
    try:
        return parse_date(value, allow_month=allow_month)
    except ValueError as exc:
        row.error(header, str(exc))
        return None


def _judge_birth(row: SheetRow, id_number: str, gender: str, today: dt.date) -> dt.date | None:
    given = _judge_date(row, BIRTH)
    from_id = birth_date_from_id(id_number) if id_number else None
    if given and given > today:
        row.error(BIRTH, "不能晚于今天")
    elif given and from_id and given != from_id:
        row.error(BIRTH, f"与身份证号不符（身份证号显示为 {from_id:%Y-%m-%d}）")
    if from_id and gender and gender != gender_from_id(id_number):
        row.error(GENDER, f"与身份证号不符（身份证号显示为{Gender(gender_from_id(id_number)).label}）")
    return given or from_id


def _judge_joined(row: SheetRow, status: str, birth: dt.date | None, today: dt.date) -> dt.date | None:
    joined = _judge_date(row, JOINED, allow_month=True)
    if joined is None:
        return None
    if status and status not in PARTY_STATUSES:
        row.error(JOINED, "非中共党员不应填写入党时间")
    elif joined > today:
        row.error(JOINED, "不能晚于今天")
    elif birth and joined < dt.date(birth.year + 18, birth.month, 1):
        # Month precision on purpose: "2010.07" stands for the first of the month.
        row.error(JOINED, "入党时未满18周岁，请核对入党时间和出生日期")
    return joined


def _planned_create(plan: PersonRow, organ: Organ, id_number: str, values: dict[str, Any], ctx: _Context) -> PersonRow:
    values = {"id_number": id_number, **values}
    if values["name"] in ctx.unregistered_names:
        plan.notes.append(f"本机关已有未登记身份证号的“{values['name']}”，如为同一人请先补录其身份证号")
    return _checked(plan, Person(organ=organ, **values), Action.CREATE, values)


def _planned_update(plan: PersonRow, existing: Person, values: dict[str, Any]) -> PersonRow:
    changes = [
        Change(HEADER_OF[k], _shown(existing, k, old=True), _shown(existing, k, v))
        for k, v in values.items()
        if not _same(existing, k, v)
    ]
    if "branch" in values and not _same(existing, "branch", values["branch"]) and existing.party_group_id:
        values["party_group"] = None  # a 党小组 belongs to its branch: leaving the branch leaves the group
        changes.append(Change(HEADER_OF["party_group"], _shown(existing, "party_group", old=True), "（空）"))
    plan.person_id, plan.changes = existing.pk, changes
    if not existing.is_active:  # leaving and returning go through personnel events, not the roster
        plan.notes.append("该人员已调出或退休，本次只更新信息，不改变在职状态")
    candidate = copy.copy(existing)
    for key, value in values.items():
        setattr(candidate, key, value)
    return _checked(plan, candidate, Action.UPDATE if changes else Action.UNCHANGED, values)


def _checked(plan: PersonRow, candidate: Person, action: Action, values: dict[str, Any]) -> PersonRow:
    """The service's own business checks on the person as it would be saved (e.g. the merged record)."""
    plan.errors.extend((HEADER_OF.get(k, k), v) for k, v in person_problems(candidate).items())
    plan.action = Action.ERROR if plan.errors else action
    plan.values = values
    return plan


def _same(person: Person, key: str, value: Any) -> bool:
    if isinstance(person._meta.get_field(key), models.ForeignKey):
        return getattr(person, f"{key}_id") == (value.pk if value is not None else None)
    return getattr(person, key) == value


def _shown(person: Person, key: str, value: Any = None, *, old: bool = False) -> str:
    """A value as the page shows it: labels for coded fields, names for units, （空） for nothing."""
    value = getattr(person, key) if old else value
    if value in (None, ""):
        return "（空）"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(dict(person._meta.get_field(key).flatchoices).get(value, value))
