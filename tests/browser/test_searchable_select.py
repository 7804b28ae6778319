"""Searchable selects (core/static/core/select.js): a select of 40 units or 30 people becomes a box a user types
into to narrow the list and then picks from — by tap or by keyboard — at 375 px, under the Content-Security-Policy,
with the value sent as the plain select would send it; and without JavaScript the plain select still works."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qinglian.core.testing import PHONE, TEST_PASSWORD, phone_page
from qinglian.duty.models import OversightNotice
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory
from qinglian.org.tests.factories import PersonFactory, UnitFactory

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
SURNAMES = "王李张刘陈杨黄赵吴周"


@pytest.fixture
def many(org, unit_head):
    """40 units (one of them 财政经济委员会), 30 people, and 21 tasks: one of 办公室 (whose head is `unit_head`)."""
    for n in range(1, 40):
        UnitFactory(organ=org.organ, name=f"第{n}工作委员会", order=10 + n)
    budget = UnitFactory(organ=org.organ, name="财政经济委员会", order=99)
    for n in range(30):
        PersonFactory(organ=org.organ, unit=budget, name=f"{SURNAMES[n % 10]}{'一二三'[n // 10]}")
    duty_list = DutyListFactory(organ=org.organ)
    for n in range(20):
        AssignmentFactory(item=DutyItemFactory(duty_list=duty_list, content=f"落实第{n + 1}项工作"), unit=org.unit_b)
    item = DutyItemFactory(duty_list=duty_list, content="开展廉政风险点排查")
    return {"budget": budget, "task": AssignmentFactory(item=item, unit=org.unit_a)}


def _errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_a_user_types_to_filter_a_long_select_and_picks_at_375px(
    transactional_db, live_server, browser, artifacts, party_officer, many
):
    context, page = phone_page(browser, live_server, "party_officer")
    errors = _errors(page)
    page.goto(f"{live_server.url}{reverse('duty_notice_new')}")

    unit_box = page.locator("#id_unit-search")
    assert unit_box.is_visible() and page.locator("#id_unit").is_hidden()
    assert page.locator("label[for=id_unit-search]").count() == 1  # the label names the box
    unit_box.click()
    every = page.eval_on_selector("#id_unit", "s => s.options.length")
    assert every > 40 and page.locator("#id_unit-options li[role=option]").count() == every
    unit_box.fill("财政")
    options = page.locator("#id_unit-options li[role=option]")
    assert options.count() == 1 and options.first.inner_text() == "财政经济委员会"
    page.screenshot(path=str(artifacts / "searchable-select-375px.png"), full_page=True)
    options.first.click()
    assert page.eval_on_selector("#id_unit", "s => s.value") == str(many["budget"].pk)
    assert unit_box.input_value() == "财政经济委员会"
    assert page.locator("#id_unit-options").is_hidden()

    person_box = page.locator("#id_responsible-search")
    person_box.click()
    person_box.press_sequentially("李 二")  # every word must appear
    listed = page.locator("#id_responsible-options li[role=option]")
    assert listed.all_inner_texts() == ["李二（财政经济委员会）"]
    person_box.press("Enter")
    assert page.eval_on_selector("#id_responsible", "s => s.selectedOptions[0].text") == "李二（财政经济委员会）"
    person_box.click()
    person_box.fill("没有这个人")
    assert page.locator("#id_responsible-options .qs-empty").inner_text() == "没有符合的选项"
    person_box.press("Escape")
    assert person_box.input_value() == "李二（财政经济委员会）"  # nothing picked: the choice stands

    assert page.evaluate(OVERFLOW) <= 1
    assert not errors, errors
    context.close()


def test_the_picked_value_is_sent_as_the_select_would_send_it(
    transactional_db, live_server, browser, party_officer, unit_head, many
):
    context, page = phone_page(browser, live_server, "party_officer")
    errors = _errors(page)
    page.goto(f"{live_server.url}{reverse('duty_notice_new')}")
    task_box = page.locator("#id_assignment-search")
    task_box.click()
    task_box.fill("风险点")
    page.locator("#id_assignment-options li[role=option]").first.click()
    # duty/notice-form.js fills the unit and the person from the task once it is chosen
    page.wait_for_function("() => document.getElementById('id_responsible').value !== ''")
    assert page.locator("#id_unit-search").input_value() == "办公室"
    assert page.locator("#id_responsible-search").input_value().startswith("unit_head")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-testid=status]")
    notice = OversightNotice.objects.get()
    task = many["task"]
    assert (notice.assignment_id, notice.unit_id, notice.responsible_id) == (
        task.pk,
        task.unit_id,
        unit_head.person_id,
    )
    assert not errors, errors
    context.close()


def test_without_javascript_the_plain_select_works(transactional_db, live_server, browser, party_officer, many):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "party_officer")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}{reverse('duty_notice_new')}")
    assert page.locator("#id_unit").is_visible() and page.locator("#id_unit-search").count() == 0
    page.select_option("#id_assignment", str(many["task"].pk))
    page.select_option("#id_unit", str(many["task"].unit_id))
    page.fill("#id_reason", "请加快推进")
    page.click("main form button[type=submit]")
    notice = OversightNotice.objects.get()
    assert (notice.assignment_id, notice.unit_id) == (many["task"].pk, many["task"].unit_id)
    context.close()
