"""The Party group's agenda board: tagging its agenda items with the three duties, so the rules can count
how often the Party group studies each (DUTY-005…007)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import stamp
from qinglian.duty.choices import Theme
from qinglian.duty.models import AgendaTag
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of
from qinglian.partylife.choices import Holder


@transaction.atomic
def agenda_tags_set(*, agenda_item: Any, themes: Iterable[str], by: Any) -> list[str]:
    """Tag one of the Party group's agenda items with 全面从严治党 / 党风廉政建设 / 意识形态 (any of them)."""
    if not scope_of(by).has(Role.PARTY_OFFICER):
        raise Forbidden("党组议题类别由机关党委专责人员标注")
    if agenda_item.meeting.holder != Holder.LEADING_GROUP:
        raise InvalidInput("只能标注党组会议的议题")
    wanted = set(themes)
    if not wanted <= set(Theme.values):
        raise InvalidInput("议题类别不正确")
    current = {tag.theme: tag for tag in AgendaTag.objects.filter(agenda_item=agenda_item)}
    for theme, tag in current.items():
        if theme not in wanted:
            stamp(tag, by)
            tag.delete()  # a tag is a label, not a record; its history row keeps who removed it
    for theme in wanted - set(current):
        tag = AgendaTag(agenda_item=agenda_item, theme=theme)
        stamp(tag, by)
        tag.save()
    return sorted(wanted)
