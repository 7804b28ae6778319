"""Two pages of issue #13 seen in a real browser: the idle warning (its box, its countdown, "继续使用" asking the
server to keep the session) and the API documentation, which must work under the Content-Security-Policy with
nothing refused in the console."""

from __future__ import annotations

import json

from tests.browser.test_personas import _login


def test_the_idle_warning_appears_and_continue_keeps_the_session(
    transactional_db, live_server, browser, party_officer, settings
):
    settings.QINGLIAN_IDLE_TIMEOUT_MINUTES = 30
    settings.QINGLIAN_IDLE_WARNING_MINUTES = 3
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")
    page = context.new_page()
    page.clock.install()
    pings: list[str] = []
    page.on("request", lambda r: pings.append(r.url) if r.method == "POST" and "ping" in r.url else None)
    _login(page, live_server, "party_officer")
    # The server is asked, not the page's own clock: answer "two minutes left" once, as if the person had been
    # away; the real server answers the "继续使用" ping.
    page.route(
        "**/account/sessions/status/",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps({"logged_in": True, "seconds_left": 120})
        ),
    )
    page.clock.fast_forward(27 * 60 * 1000 + 1000)  # 30 min timeout − 3 min warning
    warning = page.get_by_test_id("idle-warning")
    warning.wait_for(state="visible")
    assert "秒后自动退出登录" in warning.inner_text() and "2 分" in warning.inner_text()
    page.get_by_role("button", name="继续使用").click()
    warning.wait_for(state="detached")
    assert len(pings) == 1
    context.close()


def test_the_api_docs_work_under_the_content_security_policy(
    transactional_db, live_server, browser, party_officer, artifacts
):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    _login(context.new_page(), live_server, "party_officer")
    # The docs in a page of their own (the session is the context's): what the workbench still fetches after the
    # login is not counted against them.
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.text} {m.location.get('url', '')}") if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    page.on("response", lambda r: console.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    response = page.goto(f"{live_server.url}/api/docs")
    assert response.status == 200 and "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".swagger-ui .opblock").first.wait_for(state="visible", timeout=20000)
    assert page.locator(".swagger-ui .opblock").count() > 20
    page.screenshot(path=str(artifacts / "api-docs.png"))
    assert console == []
    context.close()
