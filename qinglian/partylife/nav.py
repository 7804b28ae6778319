"""The party-life app's menu entries and workbench cards (imported from PartylifeConfig.ready()).

To add a page: one NavItem line in NAV_ITEMS (order 30–49 keeps the section together); to add a card: one
register_widget call with a function returning context or None.
"""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, Widget, register_nav, register_widget
from qinglian.org.permissions import scope_of
from qinglian.partylife.permissions import can_keep_dues, can_record_meetings, can_view_lost_contact
from qinglian.partylife.views.meetings import quarter_widget

SECTION = "组织生活"


def _business(user: Any) -> bool:
    return scope_of(user).is_business


def _organ_reader(user: Any) -> bool:
    return scope_of(user).reads_organ


NAV_ITEMS = [
    NavItem(SECTION, "三会一课台账", "meeting_list", _business, "journal-bookmark", 30),
    NavItem(SECTION, "谈心谈话", "talk_list", _business, "chat-heart", 32),
    NavItem(SECTION, "学习培训", "study_list", _business, "book", 34),
    NavItem(SECTION, "学时统计", "training_hours", _business, "bar-chart", 35),
    NavItem(SECTION, "年度计划", "plan_index", _business, "calendar3", 36),
    NavItem(SECTION, "党费台账", "dues_ledger", _business, "cash-coin", 37),
    NavItem(SECTION, "民主生活会", "dlm_index", _organ_reader, "people", 38),
    NavItem(SECTION, "失去联系党员", "lost_contact_list", can_view_lost_contact, "person-dash", 39),
    NavItem(SECTION, "导入会议记录", "meeting_import", can_record_meetings, "upload", 48),
    NavItem(SECTION, "导入党费", "dues_import", can_keep_dues, "upload", 49),
]

register_nav(*NAV_ITEMS)
register_widget(Widget("partylife/widgets/quarter.html", quarter_widget, 25))
