"""What the browser walk (test_demo_walk.py) needs: a server that shows the shared demo build, the real login, what
the browser reports about a page, and how each list page a workbench figure links to counts, read in the browser.

The server. The demo organ is built once per test process inside a transaction that stays open while its readers
run (qinglian/core/testing.py); pytest-django's `live_server` would make the test transactional and flush that
build. SQLite's in-memory test database is one connection, which Django hands to the server's threads
(`connections_override`): they read the open build as the test does. Requests are served one at a time: the
threads share that connection, and two requests opening savepoints on it at once (a page and the htmx loads it
starts) would interleave them.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
from collections.abc import Callable, Iterable
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection, connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from qinglian.core import clock

# --- the server ---------------------------------------------------------------------------------------------------


class _OneRequestAtATime(ThreadedWSGIServer):
    """Each connection in its thread (a browser keeps several open), each request answered under one lock, on
    the organ's clock at `moment` when one is given. `close_all()` ends the connections a browser still keeps
    alive and waits for their threads, which touch the shared database connection as they finish."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.moment: dt.datetime | None = None
        self.open: list[tuple[threading.Thread, socket.socket]] = []

    def process_request(self, request: socket.socket, client_address: Any) -> None:
        thread = threading.Thread(target=self.process_request_thread, args=(request, client_address), daemon=True)
        self.open = [(t, r) for t, r in self.open if t.is_alive()] + [(thread, request)]
        thread.start()

    def close_all(self) -> None:
        for thread, request in self.open:
            with suppress(OSError):
                request.shutdown(socket.SHUT_RDWR)
            thread.join(timeout=10)

    def set_app(self, application: Callable[..., Iterable[bytes]]) -> None:
        lock = threading.Lock()

        def serially(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
            with lock, clock.replaying(self.moment) if self.moment else nullcontext():
                result = application(environ, start_response)
                try:
                    return [b"".join(result)]
                finally:
                    close = getattr(result, "close", None)
                    if close is not None:
                        close()  # Django's request_finished, still under the lock

        super().set_app(serially)


class _Thread(LiveServerThread):
    moment: dt.datetime | None = None

    def _create_server(self, connections_override: dict[str, Any] | None = None) -> _OneRequestAtATime:
        server = _OneRequestAtATime(
            (self.host, self.port),
            QuietWSGIRequestHandler,
            allow_reuse_address=False,
            connections_override=connections_override,
        )
        server.moment = self.moment
        return server


def shares_the_test_connection() -> bool:
    """Only SQLite's in-memory database hands the test's connection (and its open transaction) to the server."""
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


class DemoServer:
    """A live server on the test's own database connection; `stop()` before the test's transaction ends. Given a
    moment, every request runs on the organ's clock at it (`core.clock.replaying`), as `make demo`'s organ is
    seen on the day it is built, whatever the wall clock says."""

    def __init__(self, moment: dt.datetime | None = None) -> None:
        self.connection = connections["default"]  # the connection itself, not the thread-local proxy
        self.thread = _Thread("localhost", StaticFilesHandler, connections_override={"default": self.connection})
        self.thread.moment = moment
        self.thread.daemon = True
        self.connection.inc_thread_sharing()
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            self.stop()
            raise self.thread.error

    @property
    def url(self) -> str:
        return f"http://{self.thread.host}:{self.thread.port}"

    def stop(self) -> None:
        self.thread.terminate()
        if hasattr(self.thread, "httpd"):
            self.thread.httpd.close_all()
        self.connection.dec_thread_sharing()


# --- logging in -------------------------------------------------------------------------------------------------


def log_in(page: Any, base: str, username: str, password: str) -> None:
    """The login form, then — for an account with a confirmed authenticator (the demo gives one to the officer
    and the three administrators) — the second-factor form with the code the device shows now."""
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    if "/second-factor/" in page.url:
        page.fill("#id_code", current_code(username))
        page.click("form:has(#id_code) button[type=submit]")
    page.wait_for_url(f"{base}/")


def current_code(username: str) -> str:
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return f"{code:0{device.digits}d}"


# --- what the browser reports ---------------------------------------------------------------------------------------


@dataclass
class Watch:
    """Every 5xx answer, console error (a Content-Security-Policy refusal is one) and uncaught page error, each
    named with the page that was open when it came."""

    at: str = ""
    problems: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{self.at}: page error {error}"))

    def _response(self, response: Any) -> None:
        if response.status >= 500:
            self.problems.append(f"{self.at}: {response.status} from {response.url}")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"{self.at}: console error {message.text}")


# The document wider than the screen, and the outermost elements that stick out of it. An element inside a box that
# clips or scrolls (.table-responsive, .text-truncate) widens nothing and is left out.
OVERFLOW = """() => {
  const root = document.documentElement, limit = root.clientWidth + 1;
  if (root.scrollWidth <= limit) return null;
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.dataset.testid ? '[data-testid=' + el.dataset.testid + ']' : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' "' + (el.innerText || '').trim().slice(0, 30).replace(/\\s+/g, ' ') + '"';
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const right = el.getBoundingClientRect().right;
    if (right > limit && el.parentElement.getBoundingClientRect().right <= limit && !clipped(el)) {
      out.push(name(el) + ' to ' + Math.round(right) + 'px');
    }
  }
  return 'document ' + root.scrollWidth + 'px wide in ' + root.clientWidth + 'px: ' + out.slice(0, 4).join('; ');
}"""


# --- workbench figures and the lists they link to ----------------------------------------------------------------

FIGURES = """() => [...document.querySelectorAll('a[data-figure]')].map((a) => ({
  card: (a.closest('[data-testid^="widget-"]') || {dataset: {}}).dataset.testid || '',
  name: a.dataset.figure, count: a.dataset.count, href: a.getAttribute('href'), text: a.innerText,
}))"""


@dataclass(frozen=True)
class Figure:
    card: str
    name: str
    count: str
    href: str
    text: str

    def shown(self) -> bool:
        """The number the card carries is one the person reads on it."""
        return self.count in re.findall(r"\d+(?:\.\d+)?", self.text)


# Each reader is evaluated on the list page a figure links to and returns that page's count as text (None: the
# page does not show one). Keyed like qinglian/core/tests/test_workbench_roles.py's COUNTS: (url name, figure or
# None for any), so that both walks count the same things.

# "共 N 条" under a paginated list (core/_pagination.html), which says nothing under an empty one: then the
# list's rows, without its "暂无…" line (a table row of one cell, a muted list item).
PAGINATED_COUNT = """() => {
  for (const el of document.querySelectorAll('nav[aria-label="分页"] .page-link, main p.small.text-muted')) {
    const m = el.innerText.match(/共\\s*(\\d+)\\s*条/);
    if (m) return m[1];
  }
  const rows = document.querySelectorAll('main table tbody tr, main .list-group-item:not(.text-muted)');
  return String([...rows].filter((r) => !r.cells || r.cells.length > 1).length);
}"""
_TABLE_ROWS = (
    "() => String([...document.querySelectorAll('main table tbody tr')].filter((r) => r.cells.length > 1).length)"
)
_OVERALL_TOTAL = "() => document.querySelector('[data-testid=overall] [data-testid=completion]').dataset.total"
_OPEN_GROUPS = """() => String(['not_started', 'in_progress', 'overdue'].reduce((sum, key) => {
  const el = document.querySelector('[data-testid="group-' + key + '"] [data-testid=group-count]');
  return sum + (el ? Number(el.innerText) : 0);
}, 0))"""
_BOARD_OVERDUE = """() => {
  const board = document.querySelector('[data-testid=board-completion]');
  const m = board && board.innerText.match(/逾期\\s*(\\d+)\\s*项/);
  return m ? m[1] : null;
}"""
_CARD_OVERDUE = """() => {
  const c = document.querySelector('[data-testid=duty-card] [data-testid=completion]');
  if (!c) return null;
  const m = c.innerText.match(/逾期\\s*(\\d+)/);
  return m ? m[1] : '0';
}"""
_APPROVALS = """() => {
  for (const h of document.querySelectorAll('main h2')) {
    const m = h.innerText.match(/待我审批的豁免申请（(\\d+)）/);
    if (m) return m[1];
  }
  return '0';
}"""
_HOURS = "() => (document.querySelector('[data-testid=person-hours] strong') || {innerText: null}).innerText"
_TALKS = "() => String(document.querySelectorAll('[data-testid=person-talks] li a').length)"


def _timeliness(label: str) -> str:
    return (
        "() => String([...document.querySelectorAll('[data-testid=timeliness]')]"
        f".filter((b) => b.innerText.trim() === '{label}').length)"
    )


READERS: dict[tuple[str, str | None], str] = {
    ("person_list", None): PAGINATED_COUNT,
    ("unit_list", None): _TABLE_ROWS,
    ("branch_list", None): _TABLE_ROWS,
    ("finding_list", None): PAGINATED_COUNT,
    ("duty_notices", None): PAGINATED_COUNT,
    ("duty_index", None): _OVERALL_TOTAL,
    ("duty_unit_board", "open-tasks"): _OPEN_GROUPS,
    ("duty_unit_board", "overdue-tasks"): _BOARD_OVERDUE,
    ("duty_card", "card-overdue"): _CARD_OVERDUE,
    ("todo", "approvals"): _APPROVALS,
    ("notify_inbox", None): PAGINATED_COUNT,
    ("meeting_list", None): PAGINATED_COUNT,
    ("person_participation", "hours"): _HOURS,
    ("person_participation", "talks"): _TALKS,
    ("npc_suggestions", None): PAGINATED_COUNT,
    ("npc_meeting", "missing"): _timeliness("未报送"),
    ("npc_meeting", "pending"): _timeliness("未到期"),
    ("integrity_talks_expected", None): _TABLE_ROWS,
    ("frugality_reception_list", None): PAGINATED_COUNT,
    ("frugality_trip_list", None): PAGINATED_COUNT,
    ("frugality_conference_list", None): PAGINATED_COUNT,
    ("frugality_training_list", None): PAGINATED_COUNT,
    ("frugality_abroad_list", None): PAGINATED_COUNT,
    (
        "ideology_figures_list",
        None,
    ): "() => String(document.querySelectorAll('[data-testid=figure-rows] tr[data-row]').length)",
}


def reader(url_name: str, figure: str) -> str | None:
    return READERS.get((url_name, figure)) or READERS.get((url_name, None))


def same_number(card: str, listed: str | None) -> bool:
    return listed is not None and Decimal(card) == Decimal(listed.strip())
