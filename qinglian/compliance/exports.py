from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from qinglian.compliance.rules_meta import rule_short_title
from qinglian.compliance.selectors import UnitSummary
from qinglian.core.excel import Column, export_table


def findings_xlsx(request: HttpRequest, findings) -> HttpResponse:
    """The list as filtered, red first (the selector's order); the reason as it reads today."""
    headers = [
        Column("序号", 6),
        Column("等级", 10),
        Column("状态", 10),
        Column("规则", 30),
        Column("对象", 20),
        Column("期间", 10),
        Column("问题", 50),
        Column("责任单位", 20),
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
            f"{f.rule_code} {rule_short_title(f.rule_code)}",
            f.subject_repr,
            f.period,
            f.text,
            _unit(f),
            f.responsible_person.name if f.responsible_person_id else "",
            f.due_date,
            f.first_found_at,
            f.close_reason,
        )
        for i, f in enumerate(findings, start=1)
    ]
    return export_table(request, "预警清单", headers, rows)


def _unit(finding) -> str:
    if not finding.responsible_unit_id:
        return ""
    return finding.responsible_unit.name + ("（台账归口）" if finding.via_keeper else "")


def unit_summary_xlsx(request: HttpRequest, summary: UnitSummary) -> HttpResponse:
    """The organ's own units first, then the outside units, each marked in its own column."""
    headers = [
        Column("序号", 6),
        Column("责任单位", 30),
        Column("类别", 12),
        Column("红色", 8),
        Column("黄色", 8),
        Column("蓝色", 8),
        Column("其中逾期", 10),
        Column("合计", 8),
        Column("违规记录", 10),
    ]
    tagged = [("本机关", r) for r in summary.own] + [("外部承办单位", r) for r in summary.external]
    rows = [
        (i, r["unit_name"], kind, r["red"], r["yellow"], r["blue"], r["overdue"], r["total"], r["recorded"])
        for i, (kind, r) in enumerate(tagged, start=1)
    ]
    return export_table(request, "预警分委室汇总", headers, rows)
