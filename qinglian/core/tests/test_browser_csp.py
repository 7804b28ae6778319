"""The Content-Security-Policy in a real browser (issue #13 item 7): the workbench's chart is drawn, the audit
log's htmx check answers in place, the print button prints and the watermark shows, with no violation reported
by chromium. A page that still needed an inline script, eval or an on*= handler would report one here."""

from __future__ import annotations

import pytest

from qinglian.audit.anchors import audit_export_head
from qinglian.core.testing import phone_page

pytestmark = pytest.mark.browser

# Runs before any page script (Playwright injects it outside the page's policy): records violations, and
# replaces window.print, whose dialog would block a headless browser.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
window.print = () => { window.__printed = (window.__printed || 0) + 1; };
"""


def _watched(browser, live_server, username):
    context, page = phone_page(browser, live_server, username)
    context.add_init_script(WATCH)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(str(error)))
    return context, page, console


def _violations(page, console: list[str]) -> list[str]:
    return [m for m in console if "Content Security Policy" in m] + page.evaluate("window.__violations || []")


def test_the_workbench_chart_draws_under_the_policy(transactional_db, live_server, browser, org, party_officer):
    from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory

    # The workbench's one chart: the units' completion rates on the organ's progress card (duty/nav.py).
    AssignmentFactory(item=DutyItemFactory(duty_list=DutyListFactory(organ=org.organ)), unit=org.unit_a)
    context, page, console = _watched(browser, live_server, "party_officer")
    response = page.goto(f"{live_server.url}/")
    assert "script-src 'self';" in response.headers["content-security-policy"]
    page.wait_for_selector("[data-testid=widget-duty-organ] [data-chart] svg")
    assert page.locator("[data-testid=widget-duty-organ] [data-chart]").get_attribute("data-chart-drawn") == "1"
    assert _violations(page, console) == []
    assert page.locator("[data-testid=watermark]").count() == 0  # the workbench shows no one's file
    context.close()


def test_the_audit_log_verifies_prints_and_carries_the_watermark_under_the_policy(
    transactional_db, live_server, browser, auditadmin
):
    audit_export_head()  # as the scheduled export would have
    context, page, console = _watched(browser, live_server, "auditadmin")
    page.goto(f"{live_server.url}/audit/")
    page.locator("[data-testid=audit-verify]").click()  # htmx, with allowEval off
    page.wait_for_selector("[data-testid=verify-result]")
    assert "审计日志校验通过" in page.locator("[data-testid=verify-result]").inner_text()
    page.locator("[data-action=print]").first.click()
    assert page.evaluate("window.__printed") == 1
    mark = page.locator("[data-testid=watermark]")
    assert "auditadmin" in mark.get_attribute("data-watermark-text")
    assert mark.locator("svg text").count() == 2
    assert _violations(page, console) == []
    context.close()
