"""The 公文审校 menu entries."""

from __future__ import annotations

from qinglian.core.registry import NavItem, register_nav
from qinglian.docreview.permissions import can_use_docreview

SECTION = "公文审校"

register_nav(
    NavItem(SECTION, "校对公文", "docreview_new", can_use_docreview, "spellcheck", 60),
    NavItem(SECTION, "我的校对记录", "docreview_list", can_use_docreview, "clock-history", 61),
    NavItem(SECTION, "本机关审校词表", "docreview_terms", can_use_docreview, "journal-text", 62),
)
