"""The demo organ's eight outlets, each with its responsible person and registered by the party-affairs officer; the
outlet rules find nothing but the one planted lapse (the video account silent since mid-October, IDEO-001)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.ideology.models import Outlet
from qinglian.org.selectors import people_on

TODAY = dt.date(2026, 11, 25)
ORGAN = DemoSpec(seed=2026, today=TODAY)
NAMES = {
    "门户网站·工作动态": ("website_column", "办公室", ""),
    "门户网站·通知公告": ("website_column", "办公室", ""),
    "微信公众号": ("wechat_account", "办公室", "wechat"),
    "微信视频号": ("video_account", "办公室", "wechat_channels"),
    "《人大工作通讯》": ("publication", "研究室", ""),
    "机关党建宣传栏": ("bulletin_board", "机关党委（机关纪委）", ""),
    "机关工作群": ("chat_group", "办公室", ""),
    "机关讲堂": ("lecture_hall", "机关党委（机关纪委）", ""),
}


@pytest.mark.demo_build(ORGAN)
def test_the_demo_outlets_have_owners_and_the_rules_find_only_the_silent_video_account(shared_demo):
    organ = shared_demo.organ
    outlets = {o.name: o for o in Outlet.objects.filter(organ=organ).select_related("unit", "owner")}
    assert {n: (o.kind, o.unit.name, o.platform) for n, o in outlets.items()} == NAMES
    in_organ = people_on(organ.pk, TODAY)
    for outlet in outlets.values():
        assert outlet.owner is not None and outlet.owner_id in in_organ, outlet.name
        assert outlet.closed_on is None and outlet.opened_on < dt.date(TODAY.year, 1, 1)
    assert outlets["门户网站·工作动态"].owner.unit.name == "办公室"
    assert outlets["《人大工作通讯》"].get_first_level_display() == "阵地责任人（责任编辑）"
    assert {o.filing_status for o in outlets.values() if o.platform} == {"filed"}
    users = set(Outlet.history.filter(organ=organ, history_type="+").values_list("history_user__username", flat=True))
    assert users == {"dangwei"}

    result = run_checks(organ_id=organ.pk, as_of=TODAY, codes=["IDEO-001", "IDEO-002", "IDEO-003", "IDEO-004"])
    assert result.errors == []
    findings = list(Finding.objects.filter(organ=organ, rule_code__in=["IDEO-002", "IDEO-003", "IDEO-004"]))
    assert findings == [], [f.reason for f in findings]
    silent = list(Finding.objects.filter(organ=organ, rule_code="IDEO-001"))
    assert [(f.subject_id, f.severity) for f in silent] == [(str(outlets["微信视频号"].pk), "red")], [
        f.reason for f in silent
    ]
