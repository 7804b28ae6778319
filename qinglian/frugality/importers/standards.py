"""经费标准表导入 on the core import framework: the rows of one new table version from a sheet, its metadata (kind,
jurisdiction, title, 文号, source, period, confidence) from the page's fields beside the file.

The columns are generated from the kind's spec (standards/specs.py): its keys, then its values. A table's own export
(exports/standards.py) is this layout plus 序号, so it re-imports as it is. Only "all or nothing": a table version is
one document, never half of one. The metadata are refused before the file is read (overlap with a live version, end
before start…); every row is judged with the same cells the service reads; the whole version is then written by
`services.standards.standard_table_import` in `prepare` — a version is written whole, never row by row — so `write`
only counts its rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms

from qinglian.compliance.choices import Jurisdiction
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, LedgerImport, Plan, Result, RowPlan, SheetRow
from qinglian.core.importing.base import cell_text
from qinglian.core.importing.views import Count, ImportPage
from qinglian.frugality.forms.standards import table_meta_fields
from qinglian.frugality.models import StandardTable
from qinglian.frugality.permissions import can_keep_standards
from qinglian.frugality.services.standards import RowIn, check_table_meta, standard_table_import
from qinglian.frugality.standards.cells import clean_row, duplicates, key_text, value_text
from qinglian.frugality.standards.specs import ANY, SPECS, KeySpec, TableSpec, ValueSpec

META = ("kind", "jurisdiction", "title", "doc_no", "source", "effective_from", "effective_to", "confidence", "note")


def key_column(key: KeySpec) -> Column:
    labels = [label for _, label in key.choices]
    if key.choices and key.wildcard:
        labels.append(ANY)
    note = "其他地区（不区分）填“*”" if key.wildcard else ""
    return Column(key.header, 14, required=True, choices=labels, note=note)


def value_header(value: ValueSpec) -> str:
    """A value's column: its header with its unit ("住宿费限额（元/人·天）"); a text value's unit is a hint."""
    return f"{value.header}（{value.unit}）" if value.unit and value.kind in ("decimal", "int") else value.header


def value_column(value: ValueSpec) -> Column:
    labels = [label for _, label in value.choices]
    note = value.unit if value.kind == "text" else ("整数" if value.kind == "int" else "")
    return Column(value_header(value), 16, required=value.required, choices=labels, note=note)


def table_columns(spec: TableSpec) -> list[Column]:
    return [*(key_column(k) for k in spec.keys), *(value_column(v) for v in spec.values)]


@dataclass
class StandardRowPlan(RowPlan):
    summary: str = ""  # the row's values as the preview shows them

    @property
    def detail(self) -> str:
        return self.summary


def table_meta(options: dict[str, Any], organ: Any) -> dict[str, Any]:
    """The service's metadata from the page's fields: 本机关 is the importing account's organ."""
    meta = {name: options.get(name) for name in META}
    for name in ("title", "doc_no", "source", "note", "confidence"):
        meta[name] = meta[name] or ""
    meta["organ"] = organ if meta["jurisdiction"] == Jurisdiction.ORGAN else None
    return meta


class StandardTableImport(LedgerImport[StandardRowPlan]):
    title = "经费标准表"
    sheet = "经费标准表"
    upload_noun = "标准表"
    row_noun = "标准表的各行"
    change_reason = "导入标准表"
    refusal = "只有财务专责人员可以导入经费标准表"
    phrases: ClassVar = {Action.CREATE: "标准行 {} 行"}
    modes = ("all",)
    row_class = StandardRowPlan

    def __init__(self, organ: Any, user: Any = None, kind: str = "") -> None:
        super().__init__(organ, user)
        self.kind = kind
        self.table: StandardTable | None = None

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_standards(user)

    @property
    def spec(self) -> TableSpec:
        if self.kind not in SPECS:
            raise InvalidInput("请选择标准类别")
        return SPECS[self.kind]

    def columns(self) -> list[Column]:
        return table_columns(self.spec)

    def notes(self) -> list[str]:
        spec = self.spec
        return [
            f"{spec.label}：{spec.help}",
            "每行一项标准；表头带 * 的列为必填。本系统导出的标准表可直接上传。",
            "类别、级别等请从下拉列表中选择；金额可写 800、800元、0.08万元。",
            "同一标准表中各行的键不能重复；标准名称、文号、依据和生效期间在导入页面填写。",
            *spec.notes,
        ]

    def option_fields(self) -> dict[str, forms.Field]:
        return table_meta_fields()

    def parse(self, data: bytes, **options: Any) -> Plan[StandardRowPlan]:
        self.kind = options.get("kind") or ""  # the columns are the chosen kind's
        return super().parse(data, **options)

    def check(self, options: dict[str, Any]) -> None:
        check_table_meta(**table_meta(options, self.organ), by=self.user)

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[StandardRowPlan]:
        spec = self.spec
        key_headers = [k.header for k in spec.keys]
        value_headers = {v.name: value_header(v) for v in spec.values}
        plans, kept = [], []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            keys = [row.raw(h) for h in key_headers]
            clean, errors = clean_row(spec, keys, {name: row.raw(h) for name, h in value_headers.items()})
            name = key_text(spec, clean.keys) if clean else "/".join(cell_text(k) or "（空）" for k in keys)
            plan = StandardRowPlan(row=number, name=name, errors=errors)
            if clean is not None:
                plan.action = Action.CREATE
                plan.values = {"keys": list(clean.keys), "values": clean.values}
                plan.summary = "；".join(
                    f"{v.header} {value_text(v, clean.values[v.name])}" for v in spec.values if v.name in clean.values
                )
            plans.append(plan)
            kept.append(clean)
        for index, earlier in duplicates(kept).items():
            plans[index].action = Action.ERROR
            plans[index].errors.append(("键", f"与第{plans[earlier].row}行重复（{plans[index].name}）"))
        return plans

    def prepare(self, plan: Plan[StandardRowPlan], by: Any, result: Result[StandardRowPlan]) -> None:
        rows = [RowIn(tuple(r.values["keys"]), r.values["values"], r.row) for r in plan.rows]
        self.table = standard_table_import(**table_meta(plan.options, self.organ), rows=rows, by=by)

    def write(self, row: StandardRowPlan, by: Any, result: Result[StandardRowPlan]) -> Action:
        return Action.CREATE  # written with its table in `prepare`

    def audit(self, plan: Plan[StandardRowPlan], result: Result[StandardRowPlan]) -> dict[str, Any]:
        return {"target": self.table, "target_repr": str(self.table), "detail": self.audit_detail(result)}


STANDARD_PAGE = ImportPage(
    importer=StandardTableImport,
    heading="导入经费标准表",
    template_url="",
    testid="standards",
    intro=(
        "省、市公布新的标准或本机关制定标准时，按文件导入一张新版本的标准表：选择类别，照录标准名称、文号、依据和生效日期，"
        "上传按模板填写的表格。",
        "同一类别、同一层级的标准表生效期间不能重叠：请先在旧表页面为其设置失效日期。示例标准（待核实）可作废后导入正式标准。"
        "有任何一行存在问题时不写入任何数据。",
    ),
    file_label="标准表文件（.xlsx）",
    preview_hint="仅预览检查结果，不写入",
    options_template="frugality/standards_import_options.html",
    name_header="键",
    counts=(Count("导入的标准行", Action.CREATE, "text-success"),),
    done_link=("frugality_standard_list", "查看经费标准表"),
)
