"""The demo organ's special check: the stationed group's check of the first half of the demo year's receptions and
trips — 20 vouchers drawn from a recorded, audited seed and drawn again identically, every one reviewed, one or two
problems, the report issued and its problems in the rectification ledger once each. Reads the shared build."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from qinglian.audit.models import AuditEvent
from qinglian.core.testing import DemoSpec
from qinglian.frugality.models import SpecialCheck
from qinglian.frugality.selectors.checks import check_rules
from qinglian.frugality.services import checks as services
from qinglian.frugality.word.check_report import check_report_docx
from qinglian.integrity.choices import RectificationSource
from qinglian.integrity.models import RectificationProblem

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
BUILD = DemoSpec(seed=2026, today=TODAY)


@pytest.mark.demo_build(BUILD)
def test_the_demo_special_check(shared_demo):
    check = SpecialCheck.objects.get(organ=shared_demo.organ)
    assert check.created_by.username == "jijian" and check.title == "2026年上半年财务收支、接待经费专项检查"
    assert (check.period_start, check.period_end, check.ledgers) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 6, 30),
        ["reception", "travel"],
    )
    assert check.status == "reported" and check.reported_on == check.run_on == TODAY and check.report_no

    samples = list(check.samples.order_by("position"))
    assert len(samples) == 20 and all(s.verdict and s.reviewed_by.username == "jijian" for s in samples)
    assert {s.ledger for s in samples} == {"reception", "travel"}
    assert services.verify_draw(check)
    drawn = AuditEvent.objects.get(
        action=services.DRAW_ACTION, target_type="frugality.specialcheck", target_id=str(check.pk)
    )
    assert drawn.detail["seed"] == check.seed and len(drawn.detail["drawn"]) == 20

    problems = [s for s in samples if s.verdict == "problem"]
    assert 1 <= len(problems) <= 2 and all(s.remark for s in problems)
    sent = RectificationProblem.objects.filter(pk__in=[s.problem_id for s in problems])
    assert sent.count() == len(problems)
    assert {p.batch.source for p in sent} == {RectificationSource.SPECIAL_CHECK}

    codes = {r["code"] for r in check.counts["rules"]}
    assert codes == {rule.code for rule in check_rules(check.ledgers)} and codes
    text = "\n".join(p.text for p in Document(io.BytesIO(check_report_docx(check, samples, TODAY))).paragraphs)
    assert check.report_no in text and check.seed in text and problems[0].remark.rstrip("。") in text
