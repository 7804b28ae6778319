"""The walk of issue #14 item 10: each demo persona logs in through the real login form (and the second-factor
form, with the code its authenticator shows, where the demo gave the account one), then opens the workbench and
every page the menu offers them (the NavItem registry's entries their `allowed` grants) at 1280 px and at 375 px.
It fails on any 5xx or 4xx page, any console error (a Content-Security-Policy refusal is one) or uncaught page
error, a document wider than the phone's screen at 375 px (a table scrolling inside .table-responsive is fine),
and a workbench figure that disagrees with the list page it links to, counted there as the person reads it.
The workbench at both widths is saved as a screenshot (var/test-artifacts/screenshots/walk-*.png).

On the demo organ as its users see it on the day it is built (`make demo`): the shared build of the demo readers
(this module's name starts with test_demo so that it runs with them), served by a live server on the test's own
database connection with the organ's clock at that day (walking.py). Only SQLite's in-memory test database hands
its connection to the server, so the walk is marked `sqlite`: deselected on PostgreSQL (`make test-pg`, conftest.py),
walked by `make test` — never skipped."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.registry import nav_for
from qinglian.core.testing import PHONE
from qinglian.core.tests.test_demo_csp import ORGAN
from qinglian.org.models import User
from tests.browser.walking import (
    FIGURES,
    OVERFLOW,
    PAGINATED_COUNT,
    DemoServer,
    Figure,
    Watch,
    log_in,
    reader,
    same_number,
    shares_the_test_connection,
)

PERSONAS = (
    "party_officer",
    "personnel_officer",
    "finance_officer",
    "unit_head",
    "leader",  # the Party secretary
    "leader_member",
    "cadre",
    "supervisor",
    "sysadmin",
    "secadmin",
    "auditadmin",
)
ADMINISTRATORS = {"sysadmin", "secadmin", "auditadmin"}  # their workbench cards carry no figures
DESK = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}


@pytest.fixture
def demo_server(request):
    if not shares_the_test_connection():  # the `sqlite` marker keeps it off other databases (conftest.py)
        pytest.fail("演示数据在未提交的事务中，只有 SQLite 内存测试库能让浏览器服务线程读到（make test 运行此项）")
    request.getfixturevalue("shared_demo")
    server = DemoServer(_build_day_end())
    yield server
    server.stop()  # before the test's savepoint rolls back: no request may come after it


def _build_day_end() -> dt.datetime:
    """The end of the build's day: everything the demo entered is there, as on the evening of `make demo`."""
    return moment(ORGAN.today, 18)


def _pages(user: User) -> list[str]:
    """The workbench, then the menu's pages for this person in menu order, as the server reckons them."""
    with clock.replaying(_build_day_end()):
        menu = [reverse(item.url_name) for _, items in nav_for(user) for item in items]
    return [reverse("workbench"), *menu]


def _open(page, watch: Watch, base: str, path: str) -> None:
    watch.at = path
    response = page.goto(base + path)
    if response is None or response.status >= 400:
        watch.problems.append(f"{path}: answered {response.status if response else 'nothing'}")


def _walk(page, watch: Watch, base: str, pages: list[str], width: str, shot) -> None:
    for path in pages:
        _open(page, watch, base, path)
        if width == "375":
            wide = page.evaluate(OVERFLOW)
            if wide:
                watch.problems.append(f"{path}: at 375 px the {wide}")
        if path == pages[0]:
            page.screenshot(path=str(shot), full_page=True)


def _figures(page, watch: Watch, base: str) -> tuple[list[Figure], list[str]]:
    """Each figure on the workbench against the count of the page it links to, both read in the browser."""
    _open(page, watch, base, reverse("workbench"))
    figures = [Figure(**f) for f in page.evaluate(FIGURES)]
    wrong = [
        f"{f.card} {f.name}: data-count {f.count} is not on the card ({f.text!r})" for f in figures if not f.shown()
    ]
    counted: dict[tuple[str, str], str | None] = {}
    for figure in figures:
        key = (figure.name, figure.href)
        if key not in counted:
            name = resolve(urlsplit(figure.href).path).url_name
            script = reader(name, figure.name)
            assert script is not None, f"no way to read the count of {name} for {figure}: add one to walking.READERS"
            _open(page, watch, base, figure.href)
            counted[key] = page.evaluate(script)
        if not same_number(figure.count, counted[key]):
            wrong.append(f"{figure.card} {figure.name}: card {figure.count}, list {counted[key]} ({figure.href})")
    return figures, wrong


@pytest.mark.sqlite
@pytest.mark.demo_build(ORGAN)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_opens_every_menu_page_at_1280_and_375_px_without_errors(
    browser, demo_server, shared_demo, persona, artifacts
):
    account = shared_demo.accounts[persona]
    pages = _pages(User.objects.get(username=account.username))
    assert len(pages) >= 4, f"only {pages}: the menu lost its entries"
    base = demo_server.url

    context = browser.new_context(**DESK)
    page = context.new_page()
    log_in(page, base, account.username, account.password)
    state = context.storage_state()  # one login, both widths
    watch = Watch()
    watch.attach(page)
    _walk(page, watch, base, pages, "1280", artifacts / f"walk-{persona}-workbench-1280px.png")
    figures, wrong = _figures(page, watch, base)
    context.close()

    context = browser.new_context(storage_state=state, **PHONE)
    page = context.new_page()
    watch.attach(page)
    _walk(page, watch, base, pages, "375", artifacts / f"walk-{persona}-workbench-375px.png")
    context.close()

    problems = watch.problems + wrong
    assert not problems, "\n".join(problems)
    assert figures or persona in ADMINISTRATORS, "no figure on the workbench: the figure check lost its reach"


# --- the walk's eyes, on pages made for them: each must see what it looks for ------------------------------------

PHONE_HEAD = '<meta name="viewport" content="width=device-width, initial-scale=1">'
WIDE = (
    PHONE_HEAD + '<main><div style="overflow:hidden"><span id="clipped" style="display:inline-block;width:800px">'
    '截断</span></div><div id="wide" style="width:600px">宽</div></main>'
)
SCROLLING = (
    PHONE_HEAD + '<main><div class="table-responsive" style="overflow-x:auto">'
    '<table style="width:900px"><tbody><tr><td>一</td><td>二</td></tr></tbody></table></div></main>'
)
LISTED = '<main><p class="small text-muted">共 45 条</p></main>'
EMPTY = '<main><table><tbody><tr><td colspan="6">暂无预警</td></tr></tbody></table></main>'
ROWS = "<main><table><tbody><tr><td>1</td><td>甲</td></tr><tr><td>2</td><td>乙</td></tr></tbody></table></main>"


def test_the_walks_checks_see_overflow_console_errors_and_counts(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    watch = Watch(at="/probe/")
    watch.attach(page)

    page.set_content(WIDE)
    wide = page.evaluate(OVERFLOW)
    assert wide is not None and "div#wide" in wide and "clipped" not in wide
    page.set_content(SCROLLING)
    assert page.evaluate(OVERFLOW) is None

    page.evaluate("() => console.error('拒绝执行内联脚本')")
    assert watch.problems == ["/probe/: console error 拒绝执行内联脚本"]

    counts = {}
    for name, html in {"paginated": LISTED, "empty": EMPTY, "rows": ROWS}.items():
        page.set_content(html)
        counts[name] = page.evaluate(PAGINATED_COUNT)
    assert counts == {"paginated": "45", "empty": "0", "rows": "2"}
    assert Figure("c", "tasks", "46", "/duty/", "87%\n完成率（40/46项）").shown()
    assert not Figure("c", "red", "4", "/", "3").shown()
    assert not same_number("3", None) and same_number("10.5", "10.5 ")
    context.close()
