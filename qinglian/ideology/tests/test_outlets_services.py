"""The outlet register's services: the party-affairs office registers, corrects, files and closes an outlet; every
refusal (levels not ascending, a new-media kind without a platform, a platform elsewhere, closed before opened, an
owner who is not an active person of the organ, anyone else writing) is in Chinese and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.ideology.choices import FilingStatus, OutletKind, Platform, ReviewerLevel
from qinglian.ideology.models import Outlet
from qinglian.ideology.services.outlets import outlet_close, outlet_file, outlet_save
from qinglian.org.tests.factories import OrganFactory, PersonFactory, UnitFactory

D = dt.date


def _outlet(org, **kw) -> Outlet:
    values = {
        "name": "门户网站·工作动态",
        "kind": OutletKind.WEBSITE_COLUMN,
        "unit": org.unit_a,
        "opened_on": D(2024, 3, 1),
    }
    return Outlet(organ=org.organ, **(values | kw))


def test_the_office_registers_files_and_closes_and_history_keeps_it(org, party_officer, cadre_same_unit):
    owner = cadre_same_unit.person
    outlet = outlet_save(
        outlet=_outlet(
            org, name=" 微信  公众号 ", kind=OutletKind.WECHAT_ACCOUNT, platform=Platform.WECHAT, owner=owner
        ),
        by=party_officer,
    )
    assert outlet.name == "微信 公众号" and outlet.filing_status == FilingStatus.PENDING
    outlet_file(outlet=outlet, filed_on=D(2024, 3, 20), filing_no=" 备〔2024〕1号 ", by=party_officer)
    outlet.refresh_from_db()
    assert (outlet.filing_status, outlet.filed_on, outlet.filing_no) == ("filed", D(2024, 3, 20), "备〔2024〕1号")
    outlet_close(outlet=outlet, closed_on=D(2026, 6, 30), reason="账号注销", by=party_officer)
    outlet.refresh_from_db()
    assert outlet.closed_on == D(2026, 6, 30) and outlet.note == "2026-06-30关停：账号注销"
    assert outlet.history.first().history_change_reason == "关停：账号注销"
    assert outlet.history.count() == 3 and outlet.history.first().history_user == party_officer
    with pytest.raises(Conflict, match="已于2026-06-30关停"):
        outlet_close(outlet=outlet, closed_on=D(2026, 7, 1), reason="再关", by=party_officer)
    outlet.note = "更正"
    outlet.closed_on = None  # a correction keeps the recorded closing
    outlet_save(outlet=outlet, by=party_officer)
    assert Outlet.objects.get(pk=outlet.pk).closed_on == D(2026, 6, 30)
    assert Outlet.objects.filter(pk=outlet.pk).exists()  # closed, never deleted


def test_filing_status_follows_the_kind_and_the_date(org, party_officer):
    board = outlet_save(outlet=_outlet(org, kind=OutletKind.BULLETIN_BOARD), by=party_officer)
    assert board.filing_status == FilingStatus.NOT_REQUIRED
    filed = _outlet(
        org, name="视频号", kind=OutletKind.VIDEO_ACCOUNT, platform="wechat_channels", filed_on=D(2024, 3, 5)
    )
    assert outlet_save(outlet=filed, by=party_officer).filing_status == FilingStatus.FILED
    with pytest.raises(InvalidInput, match="无需备案"):
        outlet_file(outlet=board, filed_on=D(2024, 3, 5), by=party_officer)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"second_level": ReviewerLevel.OUTLET_EDITOR}, "审核层级须逐级提高"),
        ({"final_level": ReviewerLevel.UNIT_HEAD}, "审核层级须逐级提高"),
        ({"kind": OutletKind.WECHAT_ACCOUNT}, "须填写所在平台"),
        ({"platform": Platform.WEIBO}, "不是政务新媒体账号，不填写平台"),
        ({"filed_on": D(2024, 3, 5)}, "无需备案"),
        ({"opened_on": None}, "请填写开设日期"),
        ({"opened_on": clock.today() + dt.timedelta(days=1)}, "开设日期不能晚于今天"),
        ({"name": "  "}, "请填写阵地名称"),
        ({"kind": OutletKind.WECHAT_ACCOUNT, "platform": "wechat", "filing_no": "x"}, "须同时填写备案日期"),
    ],
)
def test_refusals_write_nothing(org, party_officer, change, message):
    with pytest.raises(InvalidInput, match=message):
        outlet_save(outlet=_outlet(org, **change), by=party_officer)
    assert not Outlet.all_objects.exists()


def test_the_owner_must_be_an_active_person_of_the_organ(org, party_officer):
    elsewhere = PersonFactory(unit=UnitFactory(organ=OrganFactory(code="other")))
    left = PersonFactory(organ=org.organ, unit=org.unit_a, is_active=False)
    for person in (elsewhere, left):
        with pytest.raises(InvalidInput, match="责任人须为本机关在职人员"):
            outlet_save(outlet=_outlet(org, owner=person), by=party_officer)
    with pytest.raises(InvalidInput, match="主管委室"):
        outlet_save(outlet=_outlet(org, unit=org.stationed), by=party_officer)
    assert not Outlet.all_objects.exists()


def test_closing_refusals_and_who_may_write(org, party_officer, unit_head, leader, supervisor):
    outlet = outlet_save(outlet=_outlet(org), by=party_officer)
    for when, message in (
        (D(2024, 2, 1), "关停日期不能早于开设日期"),
        (clock.today() + dt.timedelta(days=1), "关停日期不能晚于今天"),
        (None, "请填写关停日期"),
    ):
        with pytest.raises(InvalidInput, match=message):
            outlet_close(outlet=outlet, closed_on=when, reason="撤并", by=party_officer)
    with pytest.raises(InvalidInput, match="请填写关停原因"):
        outlet_close(outlet=outlet, closed_on=D(2025, 1, 1), reason=" ", by=party_officer)
    for user in (unit_head, leader, supervisor):
        with pytest.raises(Forbidden, match="只有机关党委"):
            outlet_save(outlet=_outlet(org, name="另一个"), by=user)
        with pytest.raises(Forbidden):
            outlet_close(outlet=outlet, closed_on=D(2025, 1, 1), reason="撤并", by=user)
    outlet.refresh_from_db()
    assert outlet.closed_on is None and outlet.note == "" and Outlet.objects.count() == 1
    with pytest.raises(Conflict, match="已有名为"):
        outlet_save(outlet=_outlet(org), by=party_officer)
