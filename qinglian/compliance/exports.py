from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from qinglian.compliance.rules_meta import rule_title
from qinglian.core.excel import Column, export_table


def findings_xlsx(request: HttpRequest, findings) -> HttpResponse:
    headers = [
        Column("序号", 6),
        Column("等级", 10),
        Column("状态", 10),
        Column("规则", 30),
        Column("对象", 20),
        Column("期间", 10),
        Column("问题", 50),
        Column("责任委室", 20),
        Column("责任人", 10),
        Column("整改期限", 12),
        Column("首次发现", 18),
        Column("销号说明", 30),
    ]
    rows = [
        (
            i,
            f.get_severity_display(),
            f.get_status_display(),
            f"{f.rule_code} {rule_title(f.rule_code)}",
            f.subject_repr,
            f.period,
            f.reason,
            f.responsible_unit.name if f.responsible_unit_id else "",
            f.responsible_person.name if f.responsible_person_id else "",
            f.due_date,
            f.first_found_at,
            f.close_reason,
        )
        for i, f in enumerate(findings, start=1)
    ]
    return export_table(request, "预警清单", headers, rows)


def unit_summary_xlsx(request: HttpRequest, summary: list[dict]) -> HttpResponse:
    headers = [
        Column("序号", 6),
        Column("责任委室", 30),
        Column("红色", 8),
        Column("黄色", 8),
        Column("蓝色", 8),
        Column("其中逾期", 10),
        Column("合计", 8),
    ]
    rows = [
        (i, r["unit_name"], r["red"], r["yellow"], r["blue"], r["overdue"], r["total"])
        for i, r in enumerate(summary, start=1)
    ]
    return export_table(request, "预警分委室汇总", headers, rows)
