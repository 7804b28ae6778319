"""Menu entry (礼品登记, order 105) and the cadre's card of the gifts register: 我登记的礼品, shown only to someone
who has registered a gift."""

from __future__ import annotations

from django.http import HttpRequest

from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.integrity.nav.common import SECTION, page
from qinglian.integrity.selectors.gifts import own_gifts

register_nav(NavItem(SECTION, "礼品登记", "integrity_gifts", page("integrity_gifts"), "gift", 105))


def mine_widget(request: HttpRequest) -> dict | None:
    gifts = own_gifts(request.user)
    return {"gifts": gifts[:6]} if gifts else None


register_widget(Widget("integrity/widgets/gifts_mine.html", mine_widget, 60, Tier.BACKGROUND))
