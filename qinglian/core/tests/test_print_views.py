"""Printouts as a reader gets them (issue #14), printed to PDF by chromium and read back with pdftotext: the title
once, the print time and "第 n 页，共 m 页" on every page, a paginated list saying on paper which page of how many
rows it is, and the meeting ledger's wide columns given to the topic rather than the absences."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.urls import reverse

from qinglian.core.testing import phone_page
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.tests.factories import MeetingFactory

STAMP = re.compile(r"打印时间：20\d\d-\d\d-\d\d \d\d:\d\d")


def _pdf_pages(page, tmp_path) -> list[str]:
    """The page printed as chromium prints it (page.pdf fires beforeprint, as the print command does)."""
    path = tmp_path / "print.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    pages = text.stdout.split("\f")
    return [p for p in pages if p.strip()]


def _desktop(browser, live_server, username):
    context, page = phone_page(browser, live_server, username)
    page.set_viewport_size({"width": 1280, "height": 900})
    return context, page


def test_a_paginated_list_says_on_paper_which_page_of_how_many_rows(client, settings, org, party_officer):
    settings.QINGLIAN_PAGE_SIZE = 2
    for n in range(3):
        PersonFactory(organ=org.organ, unit=org.unit_a, name=f"干部{n}")
    client.force_login(party_officer)
    html = client.get(reverse("person_list")).content.decode()
    note = re.search(r'data-testid="print-page-note">([^<]*)<', html).group(1)
    total = re.search(r"第 1 / (\d+) 页，共 (\d+) 条", html)
    assert note.startswith(f"第1页，共{total.group(2)}条（本页第1–2条")
    assert 'class="d-none d-print-block small" data-testid="print-page-note"' in html  # on paper only


@pytest.mark.browser
def test_the_meeting_ledger_prints_its_title_once_with_time_and_page_numbers_and_a_wide_topic(
    transactional_db, live_server, browser, tmp_path, org, party_officer
):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    for n in range(60):
        MeetingFactory(branch=branch, topic=f"学习贯彻党的二十届三中全会精神并研究本支部贯彻落实措施（第{n}次）")
    context, page = _desktop(browser, live_server, "party_officer")
    page.goto(f"{live_server.url}{reverse('meeting_print')}")
    pages = _pdf_pages(page, tmp_path)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页，共 {len(pages)} 页" in text
        assert STAMP.search(text)  # the page header
        assert "序号" in text  # the table's header row repeats
    assert "".join(pages).count("三会一课台账") == 1  # the paper title, once
    page.emulate_media(media="print")
    topic = page.locator("[data-testid=col-topic]").bounding_box()["width"]
    absent = page.locator("[data-testid=col-absent]").bounding_box()["width"]
    assert topic > 2 * absent
    context.close()


@pytest.mark.browser
def test_a_list_page_prints_one_title_and_its_page_note(
    transactional_db, live_server, browser, tmp_path, settings, org, party_officer
):
    settings.QINGLIAN_PAGE_SIZE = 2
    for n in range(3):
        PersonFactory(organ=org.organ, unit=org.unit_a, name=f"干部{n}")
    context, page = _desktop(browser, live_server, "party_officer")
    page.goto(f"{live_server.url}{reverse('person_list')}")
    text = "".join(_pdf_pages(page, tmp_path))
    assert text.count("干部花名册") == 1  # the heading 干部花名册 repeats the paper title: left off
    assert re.search(r"第1页，共\d+条（本页第1–2条", text)
    assert STAMP.search(text)
    context.close()
