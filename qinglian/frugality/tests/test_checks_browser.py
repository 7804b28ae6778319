"""The special check's pages on a 375 px phone: the list, one check with its figures, its sample table and a review
form per voucher, and the report form — nothing wider than the screen (tables scroll inside .table-responsive), no
page error; a review saved from the phone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qinglian.core.testing import phone_page
from qinglian.frugality.tests.checks_support import (
    drawn,
    rows_of_the_half_year,
    stand_in_rules,  # noqa: F401  (a fixture)
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("stand_in_rules")]
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_check_pages_on_a_375px_phone(
    transactional_db, live_server, browser, artifacts, org, supervisor, cadre_same_unit
):
    rows_of_the_half_year(org, cadre_same_unit.person)
    check = drawn(supervisor)
    context, page = phone_page(browser, live_server, "supervisor")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for name, args, shot in (
        ("frugality_check_list", [], "list"),
        ("frugality_check_detail", [check.pk], "detail"),
        ("frugality_check_report", [check.pk], "report"),
        ("frugality_check_create", [], "create"),
    ):
        page.goto(f"{live_server.url}{reverse(name, args=args)}")
        assert page.evaluate(OVERFLOW) <= 1, name
        page.screenshot(path=str(artifacts / f"frugality-checks-{shot}-375px.png"), full_page=True)
    page.goto(f"{live_server.url}{reverse('frugality_check_detail', args=[check.pk])}")
    first = check.samples.order_by("position").first()
    form = page.locator(f"form[action='{reverse('frugality_check_sample_review', args=[first.pk])}']")
    form.locator("select[name=verdict]").select_option("compliant")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"#sample-{first.pk} [data-testid=verdict]")
    first.refresh_from_db()
    assert first.verdict == "compliant" and errors == []
    context.close()
