"""培训费导入 (core.importing): the finance office's courses, one row per cost line or lecture with the course's
columns repeated on each row; the rows sharing a 凭证号 are one course (their course columns agree, else the row
that differs is refused). A course without lines is one row with the line columns empty.

Each course is written at once, with all its lines, through services.training.course_save — the form's checks,
the course's history reason "培训费导入". A 凭证号 already in the ledger with the same course and lines is 无变化;
with other content it is 更新 (the course is saved with the imported lines). A row with a problem refuses its
whole course, so a course is never half-written, and the default mode writes nothing at all. The ledger's export
(exports/training.py) re-imports as it is: 序号 and 费用合计 are read past.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, Change, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.frugality.choices import CostKind, EntrySource, TrainingCategory
from qinglian.frugality.importers.common import cell_amount, cell_date, cell_number
from qinglian.frugality.importers.training_columns import (
    ADHOC_BY,
    ADHOC_ON,
    AFAR,
    ATTENDEES,
    CATEGORY,
    CATEGORY_LABELS,
    CITY,
    COST_AMOUNT,
    COST_COLUMNS,
    COST_KIND,
    COST_LABELS,
    COST_NOTE,
    COURSE_COLUMNS,
    DAYS,
    END,
    FEE,
    HOURS,
    LECTURE_COLUMNS,
    LECTURE_ON,
    LECTURER,
    NAME,
    NOTE,
    PAID,
    PLAN_ITEM,
    STAFF,
    START,
    TITLE,
    TITLE_LABELS,
    TOTAL,
    TRAVEL,
    UNIT,
    VENUE,
    VOUCHER,
    YES_NO,
    training_columns,
)
from qinglian.frugality.models import TrainingCourse
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.frugality.selectors.training import training_plan_items
from qinglian.frugality.services.training import (
    REFUSAL,
    CostLine,
    LectureLine,
    check_course_dates,
    cost_key,
    course_save,
    lecture_key,
)
from qinglian.integrity.importers.common import Roster
from qinglian.org.choices import UnitKind
from qinglian.org.models import Unit


@dataclass
class _Row:
    """One sheet row judged: its course columns, and its line (a cost, a lecture, or none)."""

    row: SheetRow
    course: dict[str, Any]
    cost: CostLine | None = None
    lecture: LectureLine | None = None
    raw_lecture_on: dt.date | None = None

    @property
    def ok(self) -> bool:
        return not self.row.errors


@dataclass
class _Course:
    voucher: str
    rows: list[_Row] = field(default_factory=list)

    @property
    def first(self) -> _Row:
        return self.rows[0]

    def costs(self) -> list[CostLine]:
        return [r.cost for r in self.rows if r.cost is not None]

    def lectures(self) -> list[LectureLine]:
        return [r.lecture for r in self.rows if r.lecture is not None]


class TrainingImport(LedgerImport[RowPlan]):
    title = "培训费台账"
    sheet = "培训费"
    upload_noun = "培训费台账"
    row_noun = "培训的费用明细和授课记录"
    change_reason = "培训费导入"
    refusal = REFUSAL
    phrases: ClassVar = {Action.CREATE: "新增 {} 行", Action.UPDATE: "更新 {} 行", Action.UNCHANGED: "无变化 {} 行"}
    export_only = ("序号", TOTAL)
    text_columns = (VOUCHER,)

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_ledgers(user)

    def _units(self) -> dict[str, Unit]:
        units = Unit.objects.filter(organ=self.organ, kind=UnitKind.INTERNAL).order_by("order")
        return {u.name: u for u in units}

    def columns(self) -> list[Column]:
        return training_columns(list(self._units()))

    def notes(self) -> list[str]:
        return [
            "每行填写一条费用明细或一条授课记录，同一培训的各行填写相同的凭证号，培训信息（委室至备注各列）应一致；"
            "没有明细的培训填写一行、明细各列留空。表头带 * 的列为必填。本页导出的培训费台账可直接上传。",
            "费用合计为各条费用明细之和；讲课费另行填写费用类别为“讲课费”的费用明细。",
            "金额可写作 1,280.50、1280.5元 或 0.3万元；日期写作 2026-03-05。结束日期不能早于开始日期，"
            "培训天数不能超过起止日期之间的天数，授课日期须在培训起止日期内。",
            "年度计划事项须为培训当年年度培训计划中的事项；计划外培训留空并填写计划外审批日期。",
            "系统中已有的凭证号：内容相同的显示为“无变化”，不同的按导入内容更新。",
            "全部成功才导入：任何一行有问题，都不会写入任何数据；同一凭证号的任何一行有问题，该培训的各行都不导入。",
        ]

    # --- judging ---------------------------------------------------------------------------------------------

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[RowPlan]:
        units, people = self._units(), Roster(self.organ)
        judged = [self._judge_row(SheetRow(number, record), units, people) for number, record in sheet.rows]
        courses: dict[str, _Course] = {}
        for j in judged:
            voucher = j.course[VOUCHER]
            if voucher:
                self._join(j, courses.setdefault(voucher, _Course(voucher)))
        existing = self._existing(list(courses))
        plans: dict[int, RowPlan] = {}
        for course in courses.values():
            self._judge_course(course)
            self._plan_course(course, existing.get(course.voucher, []), plans)
        return [plans.get(j.row.number) or self._plan(j, Action.ERROR) for j in judged]

    def _judge_row(self, row: SheetRow, units: dict[str, Unit], people: Roster) -> _Row:
        unit_name = row.judge_text(UNIT, 100, required=True)
        unit = units.get(unit_name)
        if unit_name and unit is None:
            row.error(UNIT, f"本机关没有“{unit_name}”这个委室")
        approver = people.find(row, ADHOC_BY, "") if row.text(ADHOC_BY) else None
        course = {
            VOUCHER: row.judge_text(VOUCHER, 40, required=True),
            UNIT: unit,
            NAME: row.judge_text(NAME, 200, required=True),
            CATEGORY: row.judge_choice(CATEGORY, CATEGORY_LABELS, required=True),
            PLAN_ITEM: row.judge_text(PLAN_ITEM, 200),
            ADHOC_ON: cell_date(row, ADHOC_ON),
            ADHOC_BY: approver,
            START: cell_date(row, START, required=True),
            END: cell_date(row, END, required=True),
            DAYS: cell_number(row, DAYS, required=True),
            TRAVEL: cell_number(row, TRAVEL) or Decimal(0),
            ATTENDEES: cell_number(row, ATTENDEES, required=True, whole=True),
            STAFF: cell_number(row, STAFF, whole=True) or Decimal(0),
            VENUE: row.judge_text(VENUE, 200, required=True),
            CITY: row.judge_text(CITY, 40),
            PAID: cell_date(row, PAID),
            NOTE: row.judge_text(NOTE, 500),
        }
        judged = _Row(row, course)
        self._judge_line(judged)
        return judged

    def _judge_line(self, j: _Row) -> None:
        row = j.row
        is_cost = any(row.text(h) for h in COST_COLUMNS)
        is_lecture = any(row.text(h) for h in LECTURE_COLUMNS)
        if is_cost and is_lecture:
            row.error(COST_KIND, "一行只能填写一条费用明细或一条授课记录，请分成两行")
        elif is_cost:
            kind = row.judge_choice(COST_KIND, COST_LABELS, required=True)
            amount = cell_amount(row, COST_AMOUNT)
            if amount is None and row.text(COST_AMOUNT) == "":
                row.error(COST_AMOUNT, "必填")
            note = row.judge_text(COST_NOTE, 200)
            if kind and amount is not None:
                j.cost = CostLine(kind, amount, note)
        elif is_lecture:
            lecturer = row.judge_text(LECTURER, 50, required=True)
            title = row.judge_choice(TITLE, TITLE_LABELS, required=True)
            on = cell_date(row, LECTURE_ON, required=True)
            hours = cell_number(row, HOURS, required=True)
            if hours is not None and hours <= 0:
                row.error(HOURS, "应大于0")
            fee = cell_amount(row, FEE)
            if fee is None and row.text(FEE) == "":
                row.error(FEE, "必填")
            afar = row.judge_choice(AFAR, YES_NO) == "1"
            if not row.errors:
                j.lecture = LectureLine(lecturer, title, on, hours, fee, afar)

    def _join(self, j: _Row, course: _Course) -> None:
        """A row of a course already begun agrees with its first row on every course column."""
        if course.rows:
            first = course.first
            for header in COURSE_COLUMNS:
                mine, theirs = j.course[header], first.course[header]
                if mine is not None and theirs is not None and mine != theirs:
                    j.row.error(header, f"与第{first.row.number}行同一凭证号，{header}应一致")
        course.rows.append(j)

    def _judge_course(self, course: _Course) -> None:
        """The checks of the course as a whole, once every row of it is clean: its dates, plan item and lectures."""
        if not all(r.ok for r in course.rows):
            return
        first = course.first
        c = first.course
        try:
            check_course_dates(start_on=c[START], end_on=c[END], days=c[DAYS])
        except InvalidInput as exc:
            first.row.error(END, exc.message)
            return
        for r in course.rows:
            if r.lecture is not None and not c[START] <= r.lecture.on <= c[END]:
                r.row.error(LECTURE_ON, f"不在培训起止日期（{c[START]:%Y-%m-%d}至{c[END]:%Y-%m-%d}）内")
        if not c[ATTENDEES]:
            first.row.error(ATTENDEES, "参训人数应大于0")
        if c[ADHOC_ON] is not None and c[ADHOC_ON] > clock.today():
            first.row.error(ADHOC_ON, "不能晚于今天")
        if c[PAID] is not None and c[PAID] > clock.today():
            first.row.error(PAID, "不能晚于今天")
        c["plan_item"] = self._plan_item(first.row, c[PLAN_ITEM], c[START])

    def _plan_item(self, row: SheetRow, name: str, start: dt.date) -> Any:
        if not name:
            return None
        found = list(training_plan_items(self.organ.pk, start.year).filter(name=name)[:2])
        if not found:
            row.error(PLAN_ITEM, f"{start.year}年度培训计划中没有“{name}”")
            return None
        if len(found) > 1:
            row.error(PLAN_ITEM, f"{start.year}年度培训计划中有多个“{name}”，请在页面上选择")
            return None
        return found[0]

    # --- planning ---------------------------------------------------------------------------------------------

    def _existing(self, vouchers: list[str]) -> dict[str, list[TrainingCourse]]:
        found: dict[str, list[TrainingCourse]] = defaultdict(list)
        qs = TrainingCourse.objects.filter(organ=self.organ, voucher_no__in=vouchers).prefetch_related(
            "costs", "lectures"
        )
        for course in qs:
            found[course.voucher_no].append(course)
        return found

    def _plan(self, j: _Row, action: Action) -> RowPlan:
        c = j.course
        name = f"{c[VOUCHER]} {c[NAME]}".strip()
        if j.cost is not None:
            name += f" · {CostKind(j.cost.kind).label}"
        elif j.lecture is not None:
            name += f" · 讲课 {j.lecture.lecturer}"
        return RowPlan(row=j.row.number, name=name, action=action, errors=j.row.errors)

    def _plan_course(self, course: _Course, current: list[TrainingCourse], plans: dict[int, RowPlan]) -> None:
        first = course.first
        if len(current) > 1:
            first.row.error(VOUCHER, "系统中有多条该凭证号的培训记录，请在页面上修改")
        broken = next((r for r in course.rows if not r.ok), None)
        for r in course.rows:
            if broken is not None and r.ok:
                r.row.error(VOUCHER, f"同一凭证号的第{broken.row.number}行有问题，该培训的各行都不导入")
        if broken is not None or len(current) > 1:
            for r in course.rows:
                plans[r.row.number] = self._plan(r, Action.ERROR)
            return
        old = current[0] if current else None
        changes = _changes(old, course) if old is not None else []
        action = Action.CREATE if old is None else (Action.UPDATE if changes else Action.UNCHANGED)
        for r in course.rows:
            plans[r.row.number] = self._plan(r, action)
        head = plans[first.row.number]
        head.changes = changes
        head.values = {"course": first.course, "costs": course.costs(), "lectures": course.lectures()}
        head.values["pk"] = old.pk if old is not None else None

    # --- writing ----------------------------------------------------------------------------------------------

    def write(self, row: RowPlan, by: Any, result: Any) -> Action:
        v = row.values
        if "course" not in v:  # written with the first row of its course
            return row.action
        c = v["course"]
        course = TrainingCourse.objects.get(pk=v["pk"]) if v["pk"] else TrainingCourse(organ=self.organ)
        if v["pk"] is None:
            course.entry_source = EntrySource.IMPORTED
        _fill(course, c)
        course_save(course=course, costs=v["costs"], lectures=v["lectures"], by=by, reason=self.change_reason)
        result.tally["courses"] += 1
        return row.action

    def audit_detail(self, result: Any) -> dict[str, Any]:
        return super().audit_detail(result) | {"courses": result.tally["courses"]}


def _fill(course: TrainingCourse, c: dict[str, Any]) -> None:
    course.voucher_no = c[VOUCHER]
    course.unit = c[UNIT]
    course.name = c[NAME]
    course.category = c[CATEGORY]
    course.plan_item = c.get("plan_item")
    course.adhoc_approved_on = c[ADHOC_ON]
    course.adhoc_approver = c[ADHOC_BY]
    course.start_on, course.end_on = c[START], c[END]
    course.days, course.travel_days = c[DAYS], c[TRAVEL]
    course.attendees, course.staff = int(c[ATTENDEES]), int(c[STAFF])
    course.venue, course.venue_city = c[VENUE], c[CITY]
    course.paid_on = c[PAID]
    course.note = c[NOTE]


def _course_values(course: TrainingCourse) -> dict[str, Any]:
    """The course columns of a course in the ledger, as a row of the file reads them."""
    return {
        UNIT: course.unit.name,
        NAME: course.name,
        CATEGORY: course.get_category_display(),
        PLAN_ITEM: course.plan_item.name if course.plan_item_id else "",
        ADHOC_ON: course.adhoc_approved_on,
        ADHOC_BY: course.adhoc_approver.name if course.adhoc_approver_id else "",
        START: course.start_on,
        END: course.end_on,
        DAYS: course.days,
        TRAVEL: course.travel_days,
        ATTENDEES: course.attendees,
        STAFF: course.staff,
        VENUE: course.venue,
        CITY: course.venue_city,
        PAID: course.paid_on,
        NOTE: course.note,
    }


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(getattr(value, "name", value))


def _changes(old: TrainingCourse, course: _Course) -> list[Change]:
    """What an import would change in a course already in the ledger: its columns, then its lines."""
    c = course.first.course
    new = {**c, UNIT: c[UNIT].name, CATEGORY: TrainingCategory(c[CATEGORY]).label}
    new[PLAN_ITEM] = c["plan_item"].name if c.get("plan_item") else ""
    changes = [
        Change(header, _shown(before), _shown(new[header]))
        for header, before in _course_values(old).items()
        if _shown(before) != _shown(new[header])
    ]
    before_costs = sorted(cost_key(x) for x in old.costs.all())
    after_costs = sorted(x.key() for x in course.costs())
    if before_costs != after_costs:
        changes.append(Change("费用明细", f"{len(before_costs)}条", f"{len(after_costs)}条（内容有变化）"))
    before_lectures = sorted(lecture_key(x) for x in old.lectures.all())
    after_lectures = sorted(x.key() for x in course.lectures())
    if before_lectures != after_lectures:
        changes.append(Change("授课记录", f"{len(before_lectures)}条", f"{len(after_lectures)}条（内容有变化）"))
    return changes


TRAINING_PAGE = ImportPage(
    importer=TrainingImport,
    heading="导入培训费台账",
    template_url="frugality_training_import_template",
    testid="training-import",
    intro=(
        "用于把财务系统导出或手工整理的培训费记录录入系统：请先下载模板，每行填写一条费用明细或一条授课记录，"
        "同一培训的各行填写相同的凭证号。本页导出的培训费台账可直接上传；任何一行有问题都不会写入任何数据。"
    ),
    file_label="培训费台账（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的培训和存在的问题，不写入任何数据",
    name_header="凭证号 培训 · 明细",
    counts=(
        Count("新增（行）", Action.CREATE, "text-success"),
        Count("更新（行）", Action.UPDATE, "text-primary"),
        Count("无变化（行）", Action.UNCHANGED, "text-secondary"),
        Count("跳过（有问题）", Action.ERROR, "text-danger"),
    ),
    done_link=("frugality_training_list", "查看培训费台账"),
)
