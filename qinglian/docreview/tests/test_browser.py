"""校对公文 at 375 px: paste, see the highlighted issue, click 忽略 and watch it settle without a reload."""

from __future__ import annotations

import pytest

from qinglian.core.testing import phone_page
from qinglian.docreview.models import DocumentCheck
from qinglian.docreview.tests.conftest import WRONG

pytestmark = pytest.mark.browser

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_paste_highlight_and_ignore_at_375px(transactional_db, live_server, browser, artifacts, cadre_same_unit):
    context, page = phone_page(browser, live_server, "cadre_same_unit")
    page.goto(f"{live_server.url}/docreview/new/")
    page.fill("#id_text", WRONG)
    page.click("[data-testid=run-check]")
    page.wait_for_url("**/docreview/*/")
    mark = page.locator("[data-testid=checked-text] .dr-mark.dr-punct").first
    assert mark.inner_text() == ","
    assert page.evaluate(OVERFLOW) <= 1
    page.evaluate("() => { window.__notReloaded = true; }")
    card = page.locator("[data-testid=issue]").first
    card.locator("[data-testid=ignore]").click()
    page.wait_for_selector("[data-testid=issue] [data-testid=decision]")
    assert page.locator("[data-testid=issue] [data-testid=decision]").first.inner_text() == "已忽略"
    assert page.locator("[data-testid=checked-text] .dr-mark.dr-settled").count() >= 1
    assert page.evaluate("() => window.__notReloaded") is True  # swapped in place by htmx
    page.screenshot(path=str(artifacts / "docreview-375px.png"), full_page=True)
    assert DocumentCheck.objects.get().decisions == {"0": "ignored"}
    context.close()
