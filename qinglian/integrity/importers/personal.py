"""年度集中报告回执清单导入: the personnel officer's list of the annual reports received (name, unit, year, report
date, receipt date and number), on the core import framework. Every row goes through services.personal
(report_record, report_receive), so the checks and the history are those of the forms.

A person is found by name within the named unit. A report already registered for the person and year is 无变化, or
更新 when the receipt differs (its report date is never changed by an import). A row without a report date (the
overview's 未报送 rows) is skipped as 无变化: the overview export re-imports as it is. All or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from simple_history.utils import update_change_reason

from qinglian.core import clock
from qinglian.core.excel import Column, SheetRows
from qinglian.core.importing import Action, Change, LedgerImport, Result, RowPlan, SheetRow
from qinglian.integrity.choices import ReportKind
from qinglian.integrity.models import PersonalReport
from qinglian.integrity.permissions import can_keep_personal_reports
from qinglian.integrity.services.personal import report_receive, report_record
from qinglian.org.models import Person

CHANGE_REASON = "个人事项报告回执导入"
NAME, UNIT, YEAR, SUBMITTED, RECEIVED, RECEIPT = "姓名", "所在委室", "报告年份", "报告日期", "受理日期", "回执编号"
EXPORT_ONLY = ("序号", "职级", "列入原因", "状态")


@dataclass
class ReceiptRow(RowPlan):
    report_id: int | None = None


class ReceiptImport(LedgerImport[ReceiptRow]):
    title = "个人有关事项报告回执"
    sheet = "报告回执"
    upload_noun = "回执清单"
    row_noun = "年度集中报告回执"
    change_reason = CHANGE_REASON
    refusal = "只有组织人事专责人员可以导入个人有关事项报告回执"
    phrases: ClassVar = {Action.CREATE: "新增 {} 份", Action.UPDATE: "更新 {} 份", Action.UNCHANGED: "无变化 {} 份"}
    modes = ("all",)
    text_columns = (YEAR, SUBMITTED, RECEIVED, RECEIPT)
    export_only = EXPORT_ONLY
    row_class = ReceiptRow

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_personal_reports(user)

    def columns(self) -> list[Column]:
        return [
            Column(NAME, 10, required=True),
            Column(UNIT, 18, required=True, note="与系统中的委室名称一致，用于区分同名人员"),
            Column(YEAR, 8, required=True, note="如 2026（2026年1月报告的填2026）"),
            Column(SUBMITTED, 12, note="如 2026-01-20；不填的行（未报送）不导入"),
            Column(RECEIVED, 12, note="如 2026-01-21；不能早于报告日期"),
            Column(RECEIPT, 18),
        ]

    def notes(self) -> list[str]:
        return [
            "年度集中报告回执清单：每行一名干部一个年度的年度集中报告，只登记报告和受理的日期、回执编号，不登记报告内容。",
            "人员按姓名和所在委室识别；已登记的报告只更新受理日期和回执编号，报告日期不因导入改变。",
            "本系统导出的“年度个人有关事项报告情况”表可直接上传，未报送的行不导入。",
            "全部行无误才导入；有任何一行有问题时不写入任何数据。",
        ]

    def judge(self, sheet: SheetRows, options: dict[str, Any]) -> list[ReceiptRow]:
        people: dict[tuple[str, str], list[Person]] = {}
        for person in Person.objects.filter(organ=self.organ).select_related("unit"):
            people.setdefault((person.name, person.unit.name), []).append(person)
        existing = {
            (r.person_id, r.year): r for r in PersonalReport.objects.filter(organ=self.organ, kind=ReportKind.ANNUAL)
        }
        seen: dict[tuple[int, int], int] = {}
        return [self._judge(SheetRow(n, rec), people, existing, seen) for n, rec in sheet.rows]

    def _judge(self, row: SheetRow, people, existing, seen) -> ReceiptRow:
        today = clock.today()
        name = re.sub(r"\s", "", row.text(NAME))
        unit = row.text(UNIT)
        person = None
        if not name:
            row.error(NAME, "必填")
        else:
            found = people.get((name, unit), [])
            if not found:
                row.error(NAME, f"{unit or '（未填委室）'}没有名为“{name}”的人员")
            elif len(found) > 1:
                row.error(NAME, f"{unit}有{len(found)}人名为“{name}”，请在系统中登记")
            else:
                person = found[0]
        year = None
        text = row.text(YEAR)
        if not text:
            row.error(YEAR, "必填")
        elif not (text.isdigit() and 2000 <= int(text) <= today.year + 1):
            row.error(YEAR, f"“{text}”不是有效的年份")
        else:
            year = int(text)
        submitted = row.judge_date(SUBMITTED, today=today)
        received = row.judge_date(RECEIVED, today=today)
        receipt = row.judge_text(RECEIPT, 60)
        if received is not None and submitted is not None and received < submitted:
            row.error(RECEIVED, "不能早于报告日期")
        plan = ReceiptRow(row=row.number, name=f"{name} {year or ''}", errors=row.errors)
        plan.values = {"person_id": getattr(person, "pk", None), "year": year, "submitted_on": submitted}
        plan.values |= {"received_on": received, "receipt_no": receipt}
        if person is not None and year is not None:
            key = (person.pk, year)
            if key in seen:
                row.error(NAME, f"与第{seen[key]}行是同一人同一年度，请删去重复行")
            seen.setdefault(key, row.number)
        if row.errors:
            plan.action = Action.ERROR
            return plan
        if submitted is None:
            plan.action = Action.UNCHANGED
            plan.notes.append("未填报告日期（未报送），不导入")
            return plan
        report = existing.get((person.pk, year))
        if report is None:
            plan.action = Action.CREATE
            return plan
        plan.report_id = report.pk
        if report.submitted_on != submitted:
            row.error(SUBMITTED, f"系统中登记的报告日期为{report.submitted_on:%Y-%m-%d}，导入不修改报告日期")
            plan.action = Action.ERROR
            return plan
        pairs = [
            (RECEIVED, f"{report.received_on or ''}", f"{received or ''}"),
            (RECEIPT, report.receipt_no, receipt),
        ]
        plan.changes = [Change(c, old, new) for c, old, new in pairs if old != new]
        plan.action = Action.UPDATE if plan.changes and received is not None else Action.UNCHANGED
        return plan

    def write(self, row: ReceiptRow, by: Any, result: Result[ReceiptRow]) -> Action:
        v = row.values
        if row.report_id is None:
            person = Person.objects.get(pk=v["person_id"])
            report = report_record(
                person=person, kind=ReportKind.ANNUAL, year=v["year"], submitted_on=v["submitted_on"], by=by
            )
        else:
            report = PersonalReport.objects.get(pk=row.report_id, organ=self.organ)
        if v["received_on"] is not None:
            report = report_receive(report=report, received_on=v["received_on"], receipt_no=v["receipt_no"], by=by)
        update_change_reason(report, CHANGE_REASON)
        return row.action
