"""The heat map in a browser: on a desktop screen the ECharts chart (drawn by static/integrity/risk_heatmap.js, no
inline script) replaces the table, and a click on a cell opens the list of that unit and level; on a 375 px phone the
table of the same counts stays and nothing overflows sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qinglian.core.testing import TEST_PASSWORD, phone_page
from qinglian.integrity.choices import RiskLevel
from qinglian.integrity.tests.factories import RiskPointFactory

pytestmark = pytest.mark.browser
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def register(org):
    RiskPointFactory(unit=org.unit_a, level=RiskLevel.HIGH, matter="公务接待审批")
    RiskPointFactory(unit=org.unit_a, level=RiskLevel.HIGH, matter="政府采购")
    RiskPointFactory(unit=org.unit_b, level=RiskLevel.LOW, matter="课题经费")


def test_the_chart_on_a_desktop_opens_the_cells_list(transactional_db, live_server, browser, register, party_officer):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "party_officer")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{reverse('integrity_risks')}")
    chart = page.locator("[data-testid=heat-chart]")
    chart.locator("svg").first.wait_for()
    assert chart.is_visible() and not page.locator("[data-testid=heat-table]").is_visible()
    # The cell 办公室 × 高 (2): the chart's first row, first column.
    box = chart.bounding_box()
    assert box is not None
    cell = page.evaluate(
        """() => {
          const el = document.querySelector('[data-risk-heatmap]');
          const chart = echarts.getInstanceByDom(el);
          return chart.convertToPixel({seriesIndex: 0}, [0, 0]);
        }"""
    )
    page.mouse.click(box["x"] + cell[0], box["y"] + cell[1])
    page.wait_for_url("**/integrity/risks/?unit=*&level=high")
    assert page.locator("[data-risk]").count() == 2
    assert errors == []
    context.close()


def test_the_table_on_a_375px_phone(transactional_db, live_server, browser, artifacts, register, party_officer):
    context, page = phone_page(browser, live_server, "party_officer")
    page.goto(f"{live_server.url}{reverse('integrity_risks')}")
    page.wait_for_selector("[data-testid=heat-table]")
    assert page.locator("[data-testid=heat-table]").is_visible()
    assert not page.locator("[data-testid=heat-chart]").is_visible()
    assert page.evaluate(OVERFLOW) <= 1
    page.screenshot(path=str(artifacts / "integrity-risks-375px.png"), full_page=True)
    context.close()
