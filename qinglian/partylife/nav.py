"""The party-life app's menu entries and workbench cards (imported from PartylifeConfig.ready()).

To add a page: one NavItem line in NAV_ITEMS (order 30–49 keeps the section together); to add a card: one
register_widget call with a function returning context or None, and its tier (core.registry.Tier).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.core import clock
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.org.choices import PARTY_STATUSES, Role
from qinglian.org.models import Person
from qinglian.org.permissions import scope_of
from qinglian.partylife.permissions import (
    can_keep_dues,
    can_record_meetings,
    can_view_lost_contact,
    committee_branch_ids,
)
from qinglian.partylife.selectors.meetings import widget_branches
from qinglian.partylife.selectors.workbench import quarter_lights, study_year

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


# --- workbench cards ----------------------------------------------------------------------------------------


def quarter_widget(request: HttpRequest) -> dict | None:
    """This quarter's 三会一课 of the branches the person sees on the card (selectors.workbench.quarter_lights)."""
    scope = scope_of(request.user)
    if not scope.is_business:
        return None
    branches = list(widget_branches(request.user))
    if not branches:
        return None
    today = clock.today()
    return {"lights": quarter_lights(user=request.user, organ_id=scope.organ_id, branches=branches, today=today)}


def _quarter_tier(user: Any) -> Tier:
    """The office keeps the ledger and a branch committee holds the meetings: theirs to follow, others' background."""
    if scope_of(user).has(Role.PARTY_OFFICER) or committee_branch_ids(user):
        return Tier.FOLLOW
    return Tier.BACKGROUND


def study_widget(request: HttpRequest) -> dict | None:
    """A Party member's own year: training hours against the yearly requirement, and talks. Not for the stationed
    group, whose study is recorded by the stationing commission (docs/decisions/0010)."""
    scope = scope_of(request.user)
    if not scope.is_business or scope.read_only or scope.person_id is None:
        return None
    person = Person.objects.filter(pk=scope.person_id, party_status__in=PARTY_STATUSES, is_active=True).first()
    if person is None:
        return None
    return {"person": person, "study": study_year(user=request.user, person=person, year=clock.today().year)}


def _study_tier(user: Any) -> Tier:
    """A cadre's own hours are theirs to follow; for those who read the whole organ they are background."""
    return Tier.BACKGROUND if scope_of(user).reads_organ else Tier.FOLLOW


register_widget(Widget("partylife/widgets/study.html", study_widget, 45, _study_tier))
register_widget(Widget("partylife/widgets/quarter.html", quarter_widget, 60, _quarter_tier))
