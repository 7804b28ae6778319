"""Excel of the meetings ledger, as the import reads it (importers/conferences.py): one row per cost line with the
meeting's columns repeated (one row for a meeting without lines), plus 序号, 人天数 and 人均每天（元）, which the import
reads past — the export re-imports as it is. `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.frugality.importers.conferences import Approvers, conference_columns
from qinglian.frugality.models import Conference
from qinglian.frugality.rules.conferences import per_person_day, person_days
from qinglian.org.scope import scope_of


def meeting_cells(c: Conference, approvers: Approvers) -> tuple:
    """The meeting's columns, in the import's order up to 费用合计."""
    return (
        c.voucher_no,
        c.unit.name,
        c.name,
        c.get_category_display(),
        "是" if c.briefing else "否",
        c.plan_item.name if c.plan_item_id else "",
        c.adhoc_approved_on,
        approvers.label(c.adhoc_approver),
        c.start_on,
        c.end_on,
        c.days,
        c.travel_days,
        c.attendees,
        c.staff,
        c.venue,
        c.venue_city,
        c.paid_on,
        c.note,
        c.total_amount,
    )


def conferences_xlsx(request: HttpRequest, conferences: Iterable[Conference]) -> HttpResponse:
    """Meetings with their `costs` loaded (prefetch_related), as the list's filters selected them."""
    approvers = Approvers(scope_of(request.user).organ_id)
    columns = [Column("序号", 6), *conference_columns(), Column("人天数", 8), Column("人均每天（元）", 12)]
    rows = []
    for c in conferences:
        days = person_days(c.attendees, c.staff, c.days, c.travel_days)
        head = meeting_cells(c, approvers)
        figures = (days, per_person_day(c.total_amount, days))
        lines = [(line.get_kind_display(), line.amount, line.description) for line in c.costs.all()] or [("", None, "")]
        for line in lines:
            rows.append((len(rows) + 1, *head, *line, *figures))
    return export_table(request, "会议费台账", columns, rows)
