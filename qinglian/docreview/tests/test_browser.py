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


def test_suggestions_fold_and_the_fixed_copies_appear_after_accepting_at_375px(
    transactional_db, live_server, browser, artifacts, cadre_same_unit
):
    from qinglian.docreview.tests.test_outputs import ERROR, SUGGESTION, _stored

    check = _stored(cadre_same_unit, [SUGGESTION, ERROR])
    context, page = phone_page(browser, live_server, "cadre_same_unit")
    page.goto(f"{live_server.url}/docreview/{check.pk}/")
    folded = page.locator("[data-testid=suggestions] [data-testid=issue]")
    assert not folded.first.is_visible()  # folded away until asked for
    assert page.locator("[data-testid=download-fixed-disabled]").is_visible()
    page.locator("[data-testid=suggestions] summary").click()
    assert folded.first.is_visible() and "tf-0123" in folded.first.inner_text()
    assert page.evaluate(OVERFLOW) <= 1
    folded.first.locator("[data-testid=accept]").click()
    page.wait_for_selector("[data-testid=download-tracked]")
    assert "1 处" in page.locator("[data-testid=download-tracked]").inner_text()
    assert page.evaluate(OVERFLOW) <= 1
    page.screenshot(path=str(artifacts / "docreview-suggestions-375px.png"), full_page=True)
    context.close()


def test_the_new_check_form_with_its_date_fits_375px(transactional_db, live_server, browser, cadre_same_unit):
    context, page = phone_page(browser, live_server, "cadre_same_unit")
    page.goto(f"{live_server.url}/docreview/new/")
    page.fill("#id_text", WRONG)
    page.fill("#id_document_date", "2016-05-04")
    assert page.evaluate(OVERFLOW) <= 1
    page.click("[data-testid=run-check]")
    page.wait_for_url("**/docreview/*/")
    assert page.locator("[data-testid=document-date]").inner_text() == "2016年5月4日"
    assert page.evaluate(OVERFLOW) <= 1
    context.close()
