"""审计日志 at 375 px (the width of 浙政钉's H5 view): nothing wider than the screen; 校验完整性 works in place."""

from __future__ import annotations

import pytest

from qinglian.audit.anchors import audit_export_head
from qinglian.audit.services import audit_record
from qinglian.core.testing import phone_page

pytestmark = pytest.mark.browser

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_audit_log_fits_375px_and_verifies_in_place(
    transactional_db,
    live_server,
    browser,
    artifacts,
    org,
    auditadmin,
    cadre_same_unit,
):
    for n in range(5):
        audit_record(
            action="evidence_downloaded",
            user=cadre_same_unit,
            target=org.unit_a,
            target_repr=f"关于2026年第{n + 1}季度党风廉政建设责任制落实情况的报告（附件：佐证材料汇编）.pdf",
            detail={"file": "a" * 80, "size": 1024 * n},
        )
    audit_export_head()  # as the scheduled export would have
    context, page = phone_page(browser, live_server, "auditadmin")
    page.goto(f"{live_server.url}/audit/")
    assert page.locator("h1").inner_text() == "审计日志"
    assert page.evaluate(OVERFLOW) <= 1
    page.locator("[data-testid=audit-verify]").click()
    page.wait_for_selector("[data-testid=verify-result]")
    assert "审计日志校验通过，共 6 条" in page.locator("[data-testid=verify-result]").inner_text()
    assert page.url.rstrip("/").endswith("/audit")  # htmx swapped the result in; no navigation
    page.screenshot(path=str(artifacts / "auditadmin-audit-log-375px.png"), full_page=True)
    context.close()
