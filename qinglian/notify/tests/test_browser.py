"""我的消息 at 375 px (the width of 浙政钉's H5 view): nothing wider than the screen, and 标为已读 works in place."""

from __future__ import annotations

import pytest

from qinglian.notify.choices import MessageKind
from qinglian.notify.services import notify

pytestmark = pytest.mark.browser


OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Qinglian-test-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_the_inbox_works_at_375px(transactional_db, live_server, browser, artifacts, cadre_same_unit):
    for n in range(3):
        notify(
            recipients=[cadre_same_unit],
            kind=MessageKind.OVERDUE,
            subject=f"已逾期：第{n + 1}季度党风廉政建设责任制落实情况报告未按期报送",
            body="整改期限2026年11月30日已过，请尽快整改并销号。" * 3,
            key=f"browser:{n}",
            link="/org/people/",
        )
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    _login(page, live_server, "cadre_same_unit")
    page.goto(f"{live_server.url}/notify/")
    assert page.locator("h1").inner_text() == "我的消息"
    assert page.evaluate(OVERFLOW) <= 1
    page.locator("[data-testid=mark-read]").first.click()
    page.wait_for_function("() => document.getElementById('notify-unread-count').textContent.trim() === '2'")
    assert page.locator("[data-testid=mark-read]").count() == 2
    page.screenshot(path=str(artifacts / "cadre-inbox-375px.png"), full_page=True)
    context.close()


def test_the_outbox_page_fits_375px(transactional_db, live_server, browser, artifacts, sysadmin):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    _login(page, live_server, "sysadmin")
    page.goto(f"{live_server.url}/notify/outbox/")
    assert page.locator("h1").inner_text() == "消息发送状态"
    assert page.evaluate(OVERFLOW) <= 1
    page.screenshot(path=str(artifacts / "sysadmin-outbox-375px.png"), full_page=True)
    context.close()
