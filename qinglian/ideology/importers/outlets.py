"""意识形态阵地台账导入 on the core import framework: one row per outlet, written through services.outlets
(outlet_save, then outlet_close when the row brings a closing date the register has not). An outlet is known by its
name (unique in the organ: the publication ledger finds outlets by name): the same outlet again is 无变化, or 更新
with what changed. The register's own export re-imports as it is (序号, 备案状态, 最近发布日期 are read past). All
or nothing: a file with one bad row writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, Change, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.ideology.choices import OutletKind, Platform, ReviewerLevel
from qinglian.ideology.models import Outlet
from qinglian.ideology.permissions import can_keep_register
from qinglian.ideology.services.outlets import check_outlet, outlet_close, outlet_save
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit

NAME, KIND, PLATFORM, ACCOUNT, UNIT, OWNER = "阵地名称", "类型", "平台", "账号名称或网址", "主管委室", "责任人"
FIRST, SECOND, FINAL = "初审层级", "复审层级", "终审层级"
OPENED, FILED, FILING_NO, CLOSED, NOTE = "开设日期", "备案日期", "备案编号", "关停日期", "备注"
EXPORT_ONLY = ("序号", "备案状态", "最近发布日期")
KINDS = {label: value for value, label in OutletKind.choices}
PLATFORMS = {label: value for value, label in Platform.choices}
LEVELS = {label: value for value, label in ReviewerLevel.choices}
CLOSE_REASON = "阵地台账导入"
# (column, attribute) compared with the register for 无变化/更新, in the sheet's order.
COMPARED = (
    (KIND, "kind"),
    (PLATFORM, "platform"),
    (ACCOUNT, "account"),
    (UNIT, "unit_id"),
    (OWNER, "owner_id"),
    (FIRST, "first_level"),
    (SECOND, "second_level"),
    (FINAL, "final_level"),
    (OPENED, "opened_on"),
    (FILED, "filed_on"),
    (FILING_NO, "filing_no"),
    (CLOSED, "closed_on"),
    (NOTE, "note"),
)


def outlet_columns(units: list[str]) -> list[Column]:
    return [
        Column(NAME, 22, required=True, note="本机关内不重名，如：门户网站·工作动态"),
        Column(KIND, 16, required=True, choices=list(KINDS)),
        Column(PLATFORM, 12, choices=list(PLATFORMS), note="政务新媒体必填，其他阵地不填"),
        Column(ACCOUNT, 26),
        Column(UNIT, 18, required=True, choices=units),
        Column(OWNER, 10, note="本机关在职人员姓名；同名的以主管委室人员为准"),
        Column(FIRST, 20, required=True, choices=list(LEVELS)),
        Column(SECOND, 20, required=True, choices=list(LEVELS)),
        Column(FINAL, 20, required=True, choices=list(LEVELS), note="初审、复审、终审层级须逐级提高"),
        Column(OPENED, 12, required=True),
        Column(FILED, 12, note="政务新媒体的备案日期"),
        Column(FILING_NO, 16),
        Column(CLOSED, 12, note="已关停的填写；关停原因写在备注中"),
        Column(NOTE, 30),
    ]


def outlet_cells(outlet: Outlet) -> tuple:
    """One outlet in the import's column order (the export writes these)."""
    return (
        outlet.name,
        outlet.get_kind_display(),
        outlet.get_platform_display() if outlet.platform else "",
        outlet.account,
        outlet.unit.name,
        outlet.owner.name if outlet.owner_id else "",
        outlet.get_first_level_display(),
        outlet.get_second_level_display(),
        outlet.get_final_level_display(),
        outlet.opened_on,
        outlet.filed_on,
        outlet.filing_no,
        outlet.closed_on,
        outlet.note,
    )


@dataclass
class OutletRow(RowPlan):
    outlet_id: int | None = None


class OutletImport(LedgerImport[OutletRow]):
    title = "意识形态阵地台账"
    sheet = "意识形态阵地"
    upload_noun = "意识形态阵地台账"
    row_noun = "阵地信息"
    change_reason = "阵地台账导入"
    refusal = "只有机关党委可以导入意识形态阵地台账"
    phrases: ClassVar = {Action.CREATE: "新增 {} 个", Action.UPDATE: "更新 {} 个", Action.UNCHANGED: "无变化 {} 个"}
    modes = ("all",)
    text_columns = (NAME, ACCOUNT, OWNER, FILING_NO)
    export_only = EXPORT_ONLY
    row_class = OutletRow

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_register(user)

    def columns(self) -> list[Column]:
        return outlet_columns(list(self._units()))

    def notes(self) -> list[str]:
        return [
            "每行填写一个阵地；表头带 * 的列为必填。本页导出的意识形态阵地台账可直接上传。",
            "同名的阵地视为同一个：内容相同的显示为“无变化”，不同的更新；已关停阵地的关停日期不能通过导入修改。",
            "微信公众号、视频号等政务新媒体须填写平台，其他阵地不填；初审、复审、终审层级须逐级提高。",
            "日期写作 2026-01-15，不能晚于今天。任何一行有问题时整个文件不导入，请按提示修改后重新上传。",
        ]

    def _units(self) -> dict[str, int]:
        rows = Unit.objects.filter(organ=self.organ, kind=UnitKind.INTERNAL).order_by("order", "pk")
        return dict(rows.values_list("name", "pk"))

    def _people(self) -> dict[str, list[tuple[int, int]]]:
        """name → (person id, unit id) of the organ's active people."""
        people: dict[str, list[tuple[int, int]]] = {}
        rows = Person.objects.filter(organ=self.organ, is_active=True).order_by("pk")
        for pk, name, unit_id in rows.values_list("pk", "name", "unit_id"):
            people.setdefault(name, []).append((pk, unit_id))
        return people

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[OutletRow]:
        units, people = self._units(), self._people()
        existing = {o.name: o for o in Outlet.objects.filter(organ=self.organ).select_related("unit", "owner")}
        unit_names = {pk: name for name, pk in units.items()}
        person_names = {pk: name for name, rows in people.items() for pk, _ in rows}
        for outlet in existing.values():
            if outlet.owner_id:
                person_names.setdefault(outlet.owner_id, outlet.owner.name)
            unit_names.setdefault(outlet.unit_id, outlet.unit.name)
        names = {"unit_id": unit_names, "owner_id": person_names}
        seen: dict[str, int] = {}
        plans = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            values = self._values(row, units, people)
            plan = OutletRow(row=number, name=values["name"], errors=row.errors)
            if not row.errors:
                if values["name"] in seen:
                    row.error(NAME, f"与第{seen[values['name']]}行是同一个阵地（名称相同）")
                else:
                    seen[values["name"]] = number
                    plan.values = values
                    _compare(plan, existing.get(values["name"]), row, names)
            plans.append(plan)
        return plans

    def _values(self, row: SheetRow, units: dict[str, int], people: dict[str, list[tuple[int, int]]]) -> dict:
        today = clock.today()
        values = {
            "name": " ".join(row.judge_text(NAME, 100, required=True).split()),
            "kind": row.judge_choice(KIND, KINDS, required=True),
            "platform": row.judge_choice(PLATFORM, PLATFORMS),
            "account": row.judge_text(ACCOUNT, 200),
            "unit_id": row.judge_choice(UNIT, units, required=True, noun="委室") or None,
            "owner_id": None,
            "first_level": row.judge_choice(FIRST, LEVELS, required=True) or None,
            "second_level": row.judge_choice(SECOND, LEVELS, required=True) or None,
            "final_level": row.judge_choice(FINAL, LEVELS, required=True) or None,
            "opened_on": row.judge_date(OPENED, required=True, today=today),
            "filed_on": row.judge_date(FILED, today=today),
            "filing_no": row.judge_text(FILING_NO, 60),
            "closed_on": row.judge_date(CLOSED, today=today),
            "note": row.judge_text(NOTE, 500),
        }
        values["owner_id"] = _owner(row, people, values["unit_id"])
        if not row.errors:
            try:
                check_outlet(
                    kind=values["kind"],
                    platform=values["platform"],
                    levels=(values["first_level"], values["second_level"], values["final_level"]),
                    opened_on=values["opened_on"],
                    filed_on=values["filed_on"],
                    filing_no=values["filing_no"],
                )
            except InvalidInput as exc:
                row.error(_column_of(exc.message), exc.message)
            if values["closed_on"] is not None and values["closed_on"] < values["opened_on"]:
                row.error(CLOSED, "关停日期不能早于开设日期")
        return values

    def write(self, row: OutletRow, by: Any, result: Any) -> Action:
        v = dict(row.values)
        closed_on = v.pop("closed_on")
        if row.outlet_id is None:
            outlet = Outlet(organ=self.organ)
        else:
            outlet = Outlet.objects.filter(organ=self.organ, pk=row.outlet_id).first()
            if outlet is None:
                raise InvalidInput("该阵地已被他人删除，未更新")
        for name, value in v.items():
            setattr(outlet, name, value)
        outlet_save(outlet=outlet, by=by, reason=self.change_reason)
        if closed_on is not None and outlet.closed_on is None:
            outlet_close(outlet=outlet, closed_on=closed_on, reason=_close_reason(v["note"], closed_on), by=by)
        return row.action


def _owner(row: SheetRow, people: dict[str, list[tuple[int, int]]], unit_id: int | None) -> int | None:
    name = row.text(OWNER)
    if not name:
        return None
    found = people.get(name, [])
    if len(found) > 1:
        found = [p for p in found if p[1] == unit_id]
    if not found:
        row.error(OWNER, f"本机关没有名为“{name}”的在职人员")
        return None
    if len(found) > 1:
        row.error(OWNER, f"本机关主管委室有多名“{name}”，请核对")
        return None
    return found[0][0]


def _compare(plan: OutletRow, outlet: Outlet | None, row: SheetRow, names: dict[str, dict[int, str]]) -> None:
    """新增, or against the outlet already registered: 无变化, or 更新 with what changes (never another closing
    date once it is closed)."""
    v = plan.values
    if outlet is None:
        plan.action = Action.CREATE
        return
    plan.outlet_id = outlet.pk
    if outlet.closed_on is not None and v["closed_on"] != outlet.closed_on:
        row.error(CLOSED, f"该阵地已于{outlet.closed_on:%Y-%m-%d}关停，关停日期不能通过导入修改")
        plan.action = Action.ERROR
        return
    labels: dict[str, dict] = {
        "kind": dict(OutletKind.choices),
        "platform": dict(Platform.choices),
        **names,
        "first_level": dict(ReviewerLevel.choices),
        "second_level": dict(ReviewerLevel.choices),
        "final_level": dict(ReviewerLevel.choices),
    }
    plan.changes = [
        Change(header, _shown(getattr(outlet, attr), labels.get(attr, {})), _shown(v[attr], labels.get(attr, {})))
        for header, attr in COMPARED
        if (getattr(outlet, attr) or None) != (v[attr] or None)
    ]
    plan.action = Action.UPDATE if plan.changes else Action.UNCHANGED


def _shown(value: Any, labels: dict) -> str:
    if value is None or value == "":
        return ""
    if hasattr(value, "strftime"):
        return f"{value:%Y-%m-%d}"
    return str(labels.get(value, value))


def _close_reason(note: str, closed_on: Any) -> str:
    """The reason the note gives for the closing (the export writes it there), else the import's."""
    marker = f"{closed_on:%Y-%m-%d}关停："
    if marker in note:
        return note.split(marker, 1)[1].split("；", 1)[0].strip() or CLOSE_REASON
    return CLOSE_REASON


def _column_of(message: str) -> str:
    """The column a refusal of `check_outlet` is about."""
    for word, header in (("平台", PLATFORM), ("审核层级", FINAL), ("备案", FILED), ("开设", OPENED)):
        if word in message:
            return header
    return KIND


OUTLET_PAGE = ImportPage(
    importer=OutletImport,
    heading="导入意识形态阵地台账",
    template_url="ideology_outlet_import_template",
    testid="outlet-import",
    intro="用于把机关现有的网站栏目、政务新媒体账号、内部刊物、宣传栏、工作群、讲堂等阵地录入系统：请先下载模板，"
    "每行填写一个阵地；本页导出的台账可直接上传。",
    file_label="意识形态阵地台账（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的阵地和存在的问题，不写入任何数据",
    name_header="阵地",
    counts=(
        Count("新增", Action.CREATE, "text-success"),
        Count("更新", Action.UPDATE, "text-primary"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
    ),
    done_link=("ideology_outlet_list", "查看意识形态阵地台账"),
)
