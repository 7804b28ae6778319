"""The spending summary in the menu (经费支出汇总, order 127) and the 八项规定 workbench cards:

- the finance officer's 单据待补齐 (their own work: what to complete in the ledgers), each figure linked to the
  ledger's list filtered to exactly the rows counted (selectors/summary_cards.py LINKS);
- a unit head's 本委室八项规定问题: the open FRG findings of the units they head, linked to the findings page.
"""

from __future__ import annotations

from django.http import HttpRequest

from qinglian.core import clock
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.frugality.selectors.summary import may_read_summary
from qinglian.frugality.selectors.summary_cards import missing_documents, unit_findings

SECTION = "八项规定"

register_nav(NavItem(SECTION, "经费支出汇总", "frugality_summary", may_read_summary, "bar-chart", 127))


def missing_widget(request: HttpRequest) -> dict | None:
    figures = missing_documents(request.user, clock.today())
    if figures is None:
        return None
    return {"figures": figures, "total": sum(f.count for f in figures)}


def unit_widget(request: HttpRequest) -> dict | None:
    units, first = unit_findings(request.user)
    if not any(u.count for u in units):
        return None
    return {"units": units, "findings": first, "total": sum(u.count for u in units)}


# Before the findings card (order 30): the finance officer's own work is the documents still missing.
register_widget(Widget("frugality/summary_widget_missing.html", missing_widget, 25, Tier.ACTION))
register_widget(Widget("frugality/summary_widget_unit.html", unit_widget, 70, Tier.FOLLOW))
