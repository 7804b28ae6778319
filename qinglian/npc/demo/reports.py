"""Last year's handling report (代表建议办理情况的报告, NPC-013) as the ledger holds it at the start of the year:
heard by the Standing Committee at its last meeting of the year, not yet made public — the slip left for NPC-013,
due before this year's session (the demo's ledgers hold only this year's suggestions, so this row is last year's
only trace)."""

from __future__ import annotations

import datetime as dt

from qinglian.npc.demo import data
from qinglian.npc.demo.state import NpcDemo
from qinglian.npc.models import HandlingReport, Session
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.selectors.reports import report_deadline
from qinglian.npc.services.reports import handling_report_save


def last_years_report(demo: NpcDemo, plenary: Session) -> HandlingReport:
    """Through the service, on the clock of the year's start (the set-up's)."""
    year = demo.year - 1
    month, day = data.LAST_YEARS_REPORT_HEARD
    report = HandlingReport(
        year=year,
        title=f"关于{year}年市人大代表建议、批评和意见办理情况的报告",
        reported_on=demo.days.on_or_after(dt.date(year, month, day)),
        note="常委会会议审议通过，已印发本次人民代表大会会议",
    )
    handling_report_save(report=report, by=demo.writers["npc_suggestions"])
    params = rule_params("NPC-013", organ_id=demo.organ.pk, on=demo.today)
    deadline = report_deadline(year, [plenary.start], params.days_before_session)
    # Named as NPC-013 names the year (the title may hold a 、, the separator of the build's lines).
    demo.slips.unpublished_report.append((f"{year}年度代表建议办理情况的报告", deadline.due + dt.timedelta(days=1)))
    return report
