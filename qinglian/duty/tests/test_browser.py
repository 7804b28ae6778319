"""The list tree and a task page on a 375 px phone: nothing overflows sideways, and a unit reports progress."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qinglian.core.testing import phone_page
from qinglian.duty.choices import TaskStatus
from qinglian.duty.models import ProgressReport
from qinglian.duty.tests import test_pages_lists

ledger = test_pages_lists.ledger  # the shared fixture

pytestmark = pytest.mark.browser

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_tree_and_a_task_on_a_375px_phone(
    transactional_db, live_server, browser, artifacts, ledger, cadre_other_unit
):
    context, page = phone_page(browser, live_server, "cadre_other_unit")

    page.goto(f"{live_server.url}{reverse('duty_index')}")
    page.wait_for_selector("[data-testid=tree]")
    assert page.locator("[data-testid=item]").count() == 3
    assert page.locator("[data-testid=task-badge][data-status=overdue]").inner_text() == "研究室（牵头）· 逾期"
    assert page.evaluate(OVERFLOW) <= 1
    page.screenshot(path=str(artifacts / "duty-tree-375px.png"), full_page=True)

    page.locator("[data-testid=task-badge][data-status=overdue]").click()
    page.wait_for_selector("[data-testid=task-status]")
    assert page.evaluate(OVERFLOW) <= 1
    page.fill("#id_content", "已印发排查通知，各科室正在自查")
    page.fill("#id_percent", "30")
    page.click("[data-testid=report-form] button[type=submit]")
    page.wait_for_selector("text=已报送进展")
    assert page.locator("[data-testid=task-status]").inner_text() == "逾期"  # still open, still past its date
    assert page.evaluate(OVERFLOW) <= 1
    page.screenshot(path=str(artifacts / "duty-task-375px.png"), full_page=True)
    report = ProgressReport.objects.get(assignment=ledger.b2)
    assert report.percent == 30 and report.assignment.status == TaskStatus.IN_PROGRESS
    context.close()


# Counts the submits that go out (not prevented by core/forms.js) and keeps the page where it is.
COUNT_SUBMITS = """() => {
  window.sent = 0;
  document.addEventListener("submit", (e) => { if (!e.defaultPrevented) { window.sent += 1; } e.preventDefault(); });
}"""


def test_a_form_is_sent_once_however_often_it_is_submitted(
    transactional_db, live_server, browser, ledger, cadre_other_unit
):
    """core/forms.js: after the first submit the buttons are disabled and a second submit is stopped."""
    context, page = phone_page(browser, live_server, "cadre_other_unit")
    page.goto(f"{live_server.url}{reverse('duty_task', args=[ledger.b2.pk])}")
    page.evaluate(COUNT_SUBMITS)
    page.fill("#id_content", "已印发排查通知")
    page.fill("#id_percent", "30")
    button = page.locator("[data-testid=report-form] button[type=submit]")
    button.click()
    submit = "[data-testid=report-form] form button[type=submit]"
    page.wait_for_function(f"() => document.querySelector('{submit}').disabled")
    assert button.inner_text() == "正在提交…"
    page.evaluate("() => document.querySelector('[data-testid=report-form] form').requestSubmit()")
    assert page.evaluate("() => window.sent") == 1
    context.close()
