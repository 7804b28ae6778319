"""The standard tables on a 375 px phone: the list, a table with its rows and the "which standard applies" page fit
the screen's width (wide tables scroll inside their own box), and the 待核实 badge is visible."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qinglian.core.testing import phone_page
from qinglian.frugality.choices import StandardKind
from qinglian.frugality.models import StandardTable

pytestmark = pytest.mark.browser
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_pages_fit_a_375px_phone(transactional_db, live_server, browser, artifacts, finance_officer):
    conference = StandardTable.objects.get(kind=StandardKind.CONFERENCE_RATE)
    pages = {
        "list": reverse("frugality_standard_list"),
        "detail": reverse("frugality_standard_detail", args=[conference.pk]),
        "in-force": reverse("frugality_standard_in_force") + "?province=浙江&city=杭州&band=other",
        "import": reverse("frugality_standard_import"),
    }
    context, page = phone_page(browser, live_server, "finance_officer")
    for name, url in pages.items():
        page.goto(f"{live_server.url}{url}")
        assert page.evaluate(OVERFLOW) <= 1, name
        page.screenshot(path=str(artifacts / f"frugality-standards-{name}-375px.png"), full_page=True)
    page.goto(f"{live_server.url}{pages['list']}")
    assert page.locator("[data-testid=unconfirmed]").first.is_visible()
    context.close()
