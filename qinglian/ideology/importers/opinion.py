"""舆情事件台账导入 on the core import framework: one row per event, written through services.opinion (event_save,
then event_respond, event_report, event_handle and event_close for what the row brings and the register has not).
An event is known by its title and its moment of finding: the same event again is 无变化, or 更新 with what it adds
(a response, a report, the handling, the closing) or corrects while open. A recorded response or report is not
moved and a closed event not reopened by an import (the row says so). The register's own export re-imports as it
is (序号, 状态, 响应用时（小时）, 报告用时（小时） are read past). All or nothing: one bad row writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils import timezone

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column, parse_date
from qinglian.core.importing import Action, Change, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.ideology.choices import OpinionLevel, OpinionSource, OpinionStatus
from qinglian.ideology.models import OpinionEvent, Outlet
from qinglian.ideology.permissions import can_keep_register
from qinglian.ideology.services import opinion as services
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit

TITLE, SOURCE, LEVEL, FOUND, SUMMARY = "舆情标题", "来源", "等级", "发现时间", "舆情内容"
UNIT, PERSON, OUTLET = "责任委室", "责任人", "涉及阵地"
RESPONDED, MEASURE, REPORTED, REPORTED_TO = "首次响应时间", "首次响应措施", "报告时间", "报告对象"
HANDLING, CLOSED = "处置情况", "办结日期"
EXPORT_ONLY = ("序号", "状态", "响应用时（小时）", "报告用时（小时）")
SOURCES = {label: value for value, label in OpinionSource.choices}
LEVELS = {label: value for value, label in OpinionLevel.choices}
MOMENT = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：](\d{1,2}))?分?$")
# (column, attribute) of the particulars an open event's import may correct.
PARTICULARS = (
    (SOURCE, "source"),
    (LEVEL, "level"),
    (SUMMARY, "summary"),
    (UNIT, "unit_id"),
    (PERSON, "responsible_id"),
    (OUTLET, "outlet_id"),
)


def event_columns(units: list[str], outlets: list[str]) -> list[Column]:
    return [
        Column(TITLE, 28, required=True),
        Column(SOURCE, 12, required=True, choices=list(SOURCES)),
        Column(LEVEL, 8, required=True, choices=list(LEVELS)),
        Column(FOUND, 17, required=True, note="精确到分钟，如 2026-03-10 09:30"),
        Column(SUMMARY, 36, required=True),
        Column(UNIT, 18, required=True, choices=units),
        Column(PERSON, 10, note="本机关在职人员姓名；同名的以责任委室人员为准"),
        Column(OUTLET, 18, choices=outlets),
        Column(RESPONDED, 17, note="如 2026-03-10 11:00；不早于发现时间"),
        Column(MEASURE, 30),
        Column(REPORTED, 17, note="较大、重大舆情向上级报告的时间"),
        Column(REPORTED_TO, 14),
        Column(HANDLING, 36),
        Column(CLOSED, 12, note="办结的填写，须已有首次响应和处置情况"),
    ]


def event_cells(event: OpinionEvent) -> tuple:
    """One event in the import's column order (the export writes these)."""
    return (
        event.title,
        event.get_source_display(),
        event.get_level_display(),
        event.found_at,
        event.summary,
        event.unit.name,
        event.responsible.name if event.responsible_id else "",
        event.outlet.name if event.outlet_id else "",
        event.first_response_at,
        event.first_response,
        event.reported_at,
        event.reported_to,
        event.handling,
        event.closed_on,
    )


def parse_moment(value: Any) -> dt.datetime | None:
    """A moment from a cell: a real date-time (Beijing time, as the export writes it) or "2026-03-10 09:30"; None
    when empty; ValueError (Chinese) for a bare date or anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        # Excel keeps a moment as a fraction of a day: round off what the float added.
        naive = (value.replace(tzinfo=None) + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        return timezone.make_aware(naive)
    if isinstance(value, dt.date):
        raise ValueError("请填写到分钟，如 2026-03-10 09:30")
    text = str(value).strip()
    match = MOMENT.match(text)
    if match is None and _is_date(text):
        raise ValueError("请填写到分钟，如 2026-03-10 09:30")
    if match is None:
        raise ValueError(f"时间“{text}”无法识别，请写作 2026-03-10 09:30")
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
    try:
        return timezone.make_aware(dt.datetime(y, mo, d, h, mi, s))
    except ValueError:
        raise ValueError(f"时间“{text}”不是有效的时间") from None


def _is_date(text: str) -> bool:
    try:
        return parse_date(text) is not None
    except ValueError:
        return False


def judge_moment(row: SheetRow, header: str, *, required: bool = False) -> dt.datetime | None:
    try:
        moment = parse_moment(row.raw(header))
    except ValueError as exc:
        row.error(header, str(exc))
        return None
    if moment is None and required:
        row.error(header, "必填")
    elif moment is not None and moment > clock.now():
        row.error(header, "不能晚于现在")
    return moment


@dataclass
class EventRow(RowPlan):
    event_id: int | None = None


class OpinionImport(LedgerImport[EventRow]):
    title = "舆情事件台账"
    sheet = "舆情事件"
    upload_noun = "舆情事件台账"
    row_noun = "舆情事件"
    change_reason = "舆情台账导入"
    refusal = "只有机关党委可以导入舆情事件台账"
    phrases: ClassVar = {Action.CREATE: "新增 {} 起", Action.UPDATE: "更新 {} 起", Action.UNCHANGED: "无变化 {} 起"}
    modes = ("all",)
    text_columns = (TITLE, PERSON, FOUND, RESPONDED, REPORTED)
    export_only = EXPORT_ONLY
    row_class = EventRow

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_register(user)

    def columns(self) -> list[Column]:
        return event_columns(list(self._units()), list(self._outlets()))

    def notes(self) -> list[str]:
        return [
            "每行填写一起舆情事件；表头带 * 的列为必填。本页导出的舆情事件台账可直接上传。",
            "标题和发现时间相同的视为同一起：内容相同的显示为“无变化”，补充了响应、报告、处置或办结的更新；"
            "已登记的首次响应时间、报告时间不能通过导入修改，已办结的不能通过导入重新打开。",
            "时间写作 2026-03-10 09:30（北京时间），不能晚于现在；办结日期写作 2026-03-15。"
            "任何一行有问题时整个文件不导入，请按提示修改后重新上传。",
        ]

    def _units(self) -> dict[str, int]:
        rows = Unit.objects.filter(organ=self.organ, kind=UnitKind.INTERNAL).order_by("order", "pk")
        return dict(rows.values_list("name", "pk"))

    def _outlets(self) -> dict[str, int]:
        return dict(Outlet.objects.filter(organ=self.organ).order_by("name").values_list("name", "pk"))

    def _people(self) -> dict[str, list[tuple[int, int]]]:
        people: dict[str, list[tuple[int, int]]] = {}
        rows = Person.objects.filter(organ=self.organ, is_active=True).order_by("pk")
        for pk, name, unit_id in rows.values_list("pk", "name", "unit_id"):
            people.setdefault(name, []).append((pk, unit_id))
        return people

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[EventRow]:
        units, outlets, people = self._units(), self._outlets(), self._people()
        existing = {(e.title, e.found_at): e for e in OpinionEvent.objects.filter(organ=self.organ)}
        seen: dict[tuple[str, Any], int] = {}
        plans = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            values = self._values(row, units, outlets, people)
            plan = EventRow(row=number, name=values["title"], errors=row.errors)
            if not row.errors:
                key = (values["title"], values["found_at"])
                if key in seen:
                    row.error(TITLE, f"与第{seen[key]}行是同一起舆情（标题和发现时间相同）")
                else:
                    seen[key] = number
                    plan.values = values
                    _compare(plan, existing.get(key), row)
            plans.append(plan)
        return plans

    def _values(self, row: SheetRow, units: dict, outlets: dict, people: dict) -> dict[str, Any]:
        values = {
            "title": " ".join(row.judge_text(TITLE, 200, required=True).split()),
            "source": row.judge_choice(SOURCE, SOURCES, required=True),
            "level": row.judge_choice(LEVEL, LEVELS, required=True),
            "found_at": judge_moment(row, FOUND, required=True),
            "summary": row.judge_text(SUMMARY, 5000, required=True),
            "unit_id": row.judge_choice(UNIT, units, required=True, noun="委室") or None,
            "outlet_id": row.judge_choice(OUTLET, outlets, noun="阵地") or None,
            "first_response_at": judge_moment(row, RESPONDED),
            "first_response": row.judge_text(MEASURE, 300),
            "reported_at": judge_moment(row, REPORTED),
            "reported_to": row.judge_text(REPORTED_TO, 100),
            "handling": row.judge_text(HANDLING, 5000),
            "closed_on": row.judge_date(CLOSED, today=clock.today()),
        }
        values["responsible_id"] = _person(row, people, values["unit_id"])
        if not row.errors:
            _check(row, values)
        return values

    def write(self, row: EventRow, by: Any, result: Any) -> Action:
        v = row.values
        if row.event_id is None:
            event = OpinionEvent(organ=self.organ, title=v["title"], found_at=v["found_at"])
        else:
            event = OpinionEvent.objects.filter(organ=self.organ, pk=row.event_id).first()
            if event is None:
                raise InvalidInput("该舆情已被他人删除，未更新")
        reason = self.change_reason
        if event.pk is None or event.status == OpinionStatus.OPEN:
            before = [getattr(event, attr) for _, attr in PARTICULARS]
            for _, attr in PARTICULARS:
                setattr(event, attr, v[attr])
            if event.pk is None or before != [getattr(event, attr) for _, attr in PARTICULARS]:
                services.event_save(event=event, by=by, reason=reason)
        if v["first_response_at"] and event.first_response_at is None:
            services.event_respond(
                event=event, at=v["first_response_at"], measure=v["first_response"], by=by, reason=reason
            )
        if v["reported_at"] and event.reported_at is None:
            services.event_report(event=event, at=v["reported_at"], to=v["reported_to"], by=by, reason=reason)
        if event.status == OpinionStatus.OPEN:
            if v["handling"] and v["handling"] != event.handling:
                services.event_handle(event=event, handling=v["handling"], by=by, reason=reason)
            if v["closed_on"] is not None:
                services.event_close(event=event, closed_on=v["closed_on"], by=by, reason=reason)
        return row.action


def _check(row: SheetRow, v: dict[str, Any]) -> None:
    """The row's moments by the services' own checks (the import judges as the forms do)."""
    found = v["found_at"]
    pairs = (
        (RESPONDED, MEASURE, v["first_response_at"], v["first_response"], services.check_response),
        (REPORTED, REPORTED_TO, v["reported_at"], v["reported_to"], services.check_report),
    )
    for header, text_header, at, text, check in pairs:
        if at is None and text:
            row.error(header, f"填写了{text_header}，请同时填写{header}")
        elif at is not None:
            try:
                check(found, at, text)
            except InvalidInput as exc:
                row.error(text_header if "请填写" in exc.message else header, exc.message)


def _person(row: SheetRow, people: dict[str, list[tuple[int, int]]], unit_id: int | None) -> int | None:
    name = row.text(PERSON)
    if not name:
        return None
    found = people.get(name, [])
    if len(found) > 1:
        found = [p for p in found if p[1] == unit_id]
    if not found:
        row.error(PERSON, f"本机关没有名为“{name}”的在职人员")
        return None
    if len(found) > 1:
        row.error(PERSON, f"责任委室有多名“{name}”，请核对")
        return None
    return found[0][0]


def _shown(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return services.local(value)
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _compare(plan: EventRow, event: OpinionEvent | None, row: SheetRow) -> None:
    """新增; or against the registered event: 无变化, 更新 with what it adds or corrects, or an error for what an
    import may not change (a recorded moment, a closed event's particulars or closing)."""
    v = plan.values
    if v["closed_on"] is not None and (event is None or event.status == OpinionStatus.OPEN):
        responded = v["first_response_at"] is not None or (event is not None and event.first_response_at is not None)
        handling = v["handling"] or (event.handling if event is not None else "")
        try:
            services.check_close(v["found_at"], v["closed_on"], handling, responded)
        except InvalidInput as exc:
            row.error(CLOSED, exc.message)
    if event is None:
        plan.action = Action.ERROR if row.errors else Action.CREATE
        return
    plan.event_id = event.pk
    changes = []
    closed = event.status == OpinionStatus.CLOSED
    for header, attr in PARTICULARS:
        if (getattr(event, attr) or None) != (v[attr] or None):
            if closed:
                row.error(header, "该舆情已办结，不能通过导入修改，请先在系统中重新打开")
            changes.append(Change(header, _shown(getattr(event, attr)), _shown(v[attr])))
    for header, attr, text_attr in (
        (RESPONDED, "first_response_at", "first_response"),
        (REPORTED, "reported_at", "reported_to"),
    ):
        old, new = getattr(event, attr), v[attr]
        if old is not None and new is not None and (new != old or v[text_attr] != getattr(event, text_attr)):
            row.error(header, f"已登记{header}{services.local(old)}，不能通过导入修改")
        elif old is None and new is not None:
            if closed:
                row.error(header, "该舆情已办结，不能通过导入补充，请先在系统中重新打开")
            changes.append(Change(header, "", f"{_shown(new)} {v[text_attr]}"))
    if closed and (v["closed_on"] != event.closed_on or (v["handling"] or event.handling) != event.handling):
        row.error(CLOSED, f"该舆情已于{event.closed_on:%Y-%m-%d}办结，不能通过导入修改办结情况或重新打开")
    elif not closed:
        if v["handling"] and v["handling"] != event.handling:
            changes.append(Change(HANDLING, event.handling, v["handling"]))
        if v["closed_on"] is not None:
            changes.append(Change(CLOSED, "", _shown(v["closed_on"])))
    if row.errors:
        plan.action = Action.ERROR
        return
    plan.changes = changes
    plan.action = Action.UPDATE if changes else Action.UNCHANGED


OPINION_PAGE = ImportPage(
    importer=OpinionImport,
    heading="导入舆情事件台账",
    template_url="ideology_opinion_import_template",
    testid="opinion-import",
    intro="用于把已有的舆情处置台账录入系统：请先下载模板，每行填写一起舆情事件；本页导出的台账可直接上传。",
    file_label="舆情事件台账（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的舆情事件和存在的问题，不写入任何数据",
    name_header="舆情",
    counts=(
        Count("新增", Action.CREATE, "text-success"),
        Count("更新", Action.UPDATE, "text-primary"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
    ),
    done_link=("ideology_opinion_list", "查看舆情事件台账"),
)
