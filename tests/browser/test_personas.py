"""Each persona logs in through the real login form, opens the workbench and the people list, and the
screenshots (var/test-artifacts/screenshots/) show Chinese text, not boxes."""

from __future__ import annotations

import pytest

from conftest import PERSONAS

PASSWORD = "Qinglian-test-1"  # the factories' password for the personas

# Draw a Chinese character and a private-use code point (which no font has) on a canvas: with a CJK font the
# pixels differ; without one both are the same "tofu" box.
CJK_RENDERS = """() => {
  const draw = (ch) => {
    const c = document.createElement('canvas'); c.width = 40; c.height = 40;
    const g = c.getContext('2d'); g.font = '32px ' + getComputedStyle(document.body).fontFamily;
    g.fillText(ch, 2, 32); return c.toDataURL();
  };
  return draw('廉') !== draw('\\uE000');
}"""


def _login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_each_persona_logs_in_and_sees_chinese_pages(
    persona_name, request, transactional_db, live_server, browser, artifacts
):
    request.getfixturevalue(persona_name)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    failures: list[str] = []
    page.on("requestfailed", lambda r: failures.append(r.url))
    _login(page, live_server, persona_name)

    assert page.locator("h1").first.inner_text() == "我的工作台"
    assert persona_name in page.locator("[data-testid=account-menu]").inner_text()
    assert page.evaluate(CJK_RENDERS), "Chinese characters render as boxes: is fonts-noto-cjk installed?"
    page.screenshot(path=str(artifacts / f"{persona_name}-workbench.png"), full_page=True)

    page.goto(f"{live_server.url}/org/people/")
    assert "干部花名册" in page.locator("h1").inner_text()
    rows = page.locator("table tbody tr").count()
    page.screenshot(path=str(artifacts / f"{persona_name}-people.png"), full_page=True)
    assert not failures, f"requests failed: {failures}"
    if persona_name in ("sysadmin", "secadmin", "auditadmin"):
        assert "没有符合条件的人员" in page.content()
    else:
        assert rows >= 1
    context.close()


def test_the_shell_works_at_375px(transactional_db, live_server, browser, artifacts, party_officer):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    _login(page, live_server, "party_officer")
    page.goto(f"{live_server.url}/org/people/")
    # Nothing wider than the screen except inside scrollable tables.
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    page.click(".navbar-toggler")
    page.get_by_role("button", name="组织与人员").click()
    assert page.get_by_role("link", name="干部花名册").is_visible()
    page.screenshot(path=str(artifacts / "party_officer-people-375px.png"), full_page=True)
    context.close()
