"""Test-only helpers; nothing in the product imports this.

- the persona × model × action matrix every app's tests write (see qinglian/org/tests/test_permission_matrix.py);
- the demo organ built once per test session and shared by the tests that only read it;
- `at_once`, the harness of the concurrency tests ("only one" invariants on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from typing import Any

import pytest
from django.db import close_old_connections

from qinglian.core.errors import Forbidden, NotFound


def at_once(count: int, work: Callable[[], Any]) -> list[Any]:
    """`work` in `count` threads released together by a barrier, each closing its own database connection after;
    what each returned, or the exception it raised, for the test to judge (a thread's error is never lost)."""
    start, outcomes = threading.Barrier(count), []

    def run() -> None:
        try:
            start.wait()
            outcome = work()
        except Exception as exc:
            outcome = exc
        finally:
            close_old_connections()
        outcomes.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def matrix_cases(matrix: Mapping[str, str], personas: Sequence[str]) -> list[tuple[str, str, str]]:
    """(target, persona, expected) for each cell of a table whose rows are "w r - …" in persona order."""
    return [
        (target, persona, expected)
        for target, row in matrix.items()
        for persona, expected in zip(personas, row.split(), strict=True)
    ]


def check_cell(*, model: Any, access: Callable[..., Any], user: Any, obj: Any, expected: str, label: str) -> None:
    """r: listed and readable, refused on write (403); w: also writable; -: neither listed nor found (404)."""
    visible = model.objects.visible_to(user).filter(pk=obj.pk).exists()
    assert visible == (expected in "rw"), label
    if expected == "-":
        with pytest.raises(NotFound):
            access(user, obj.pk)
        return
    assert access(user, obj.pk).pk == obj.pk, label
    if expected == "w":
        assert access(user, obj.pk, write=True).pk == obj.pk, label
    else:
        with pytest.raises(Forbidden):
            access(user, obj.pk, write=True)


# --- the demo organ, built once per test session -----------------------------------------------------------
# Building the demo organ takes seconds. The tests that only read it share one build per spec: the build runs
# in a transaction that stays open while those tests run one after another, each in its own savepoint as
# usual, and is rolled back as soon as the next test needs something else. The root conftest.py puts the
# readers of one spec next to each other (`pytest_collection_modifyitems`) and closes the build after the
# last of them (`pytest_runtest_teardown`). A reader is marked `@pytest.mark.demo_build(spec)` and takes the
# `shared_demo` fixture instead of `db`.


@dataclass(frozen=True)
class DemoSpec:
    """Which demo organ a test reads: `build_demo(seed=seed, today=today)`, then each step of `then` called
    with the build, each in its own savepoint (a spec with one more step reuses the build without it)."""

    today: dt.date
    seed: int = 2026
    then: tuple[Callable[[SharedDemo], None], ...] = ()

    def path(self) -> list[DemoSpec]:
        """What must be open for this spec, outermost first: the bare build, then one step more each time."""
        return [replace(self, then=self.then[:n]) for n in range(len(self.then) + 1)]


@dataclass(frozen=True)
class SharedDemo:
    """What a reader gets: `build_demo`'s result and what it printed."""

    organ: Any
    accounts: dict[str, Any]
    log: str
    seconds: float


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build(spec: DemoSpec) -> SharedDemo:
    """`build_demo` for `spec`, its progress captured, then the spec's steps."""
    from django.test import override_settings

    from qinglian.core.demo import build_demo

    out = io.StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        result = build_demo(seed=spec.seed, today=spec.today, stdout=out)
    demo = SharedDemo(result.organ, result.accounts, out.getvalue(), result.seconds)
    for step in spec.then:
        step(demo)
    return demo


class _Rollback(Exception):
    pass


def fresh_build(spec: DemoSpec, read: Callable[[SharedDemo], Any]) -> Any:
    """Build `spec` now, in a savepoint (the database must hold no demo organ), and return what `read` finds
    in it; the build is rolled back."""
    from django.db import transaction

    try:
        with transaction.atomic():
            value = read(build(spec))
            raise _Rollback
    except _Rollback:
        return value


_NOT_READ = object()


class DemoBuilds:
    """The shared builds of one test process: a stack of open transactions, the build outermost."""

    def __init__(self) -> None:
        self._open: list[tuple[DemoSpec, ExitStack]] = []
        self._demo: SharedDemo | None = None
        self._depth = 0  # the connection's atomic blocks with the shared builds open and no test running
        self._readings: dict[DemoSpec, dict[Callable[[SharedDemo], Any], Any]] = {}
        self.blocker: Any = None  # pytest-django's django_db_blocker, set by the demo_builds fixture

    def reading(self, spec: DemoSpec) -> Callable[[Callable[[SharedDemo], Any]], Callable[[SharedDemo], Any]]:
        """Decorator: take `read(demo)` from the session's build of `spec` as soon as it is built, so that a
        test on an empty database can compare a fresh build with it (`read_of`). Register at import time."""

        def register(read: Callable[[SharedDemo], Any]) -> Callable[[SharedDemo], Any]:
            self._readings.setdefault(spec, {})[read] = _NOT_READ
            return read

        return register

    def read_of(self, spec: DemoSpec, read: Callable[[SharedDemo], Any]) -> Any:
        """What `read` found in the session's build of `spec`. When that build has not run in this process
        (the test run on its own, or on another xdist worker) `spec` is built now for it and rolled back."""
        value = self._readings.get(spec, {}).get(read, _NOT_READ)
        if value is _NOT_READ:
            value = fresh_build(spec, read)
            self._readings.setdefault(spec, {})[read] = value
        return value

    def ensure(self, spec: DemoSpec) -> SharedDemo:
        """Open `spec` (reusing what is open of it); the caller's test transaction comes after, inside it."""
        from django.db import connection

        self.settle(spec)
        if len(connection.atomic_blocks) != self._depth:
            raise RuntimeError(
                "shared_demo must be set up before the test's own transaction: take the shared_demo fixture "
                "instead of the db fixture or the django_db mark"
            )
        for level in spec.path()[len(self._open) :]:
            self._enter(level)
        self._depth = len(connection.atomic_blocks)
        assert self._demo is not None
        return self._demo

    def settle(self, spec: DemoSpec | None) -> None:
        """Roll back what `spec` (None: nothing) does not need, innermost first."""
        from django.db import connection

        path = spec.path() if spec is not None else []
        keep = 0
        while keep < min(len(path), len(self._open)) and self._open[keep][0] == path[keep]:
            keep += 1
        while len(self._open) > keep:
            _level, stack = self._open.pop()
            stack.close()
        if not self._open:
            self._demo = None
        self._depth = len(connection.atomic_blocks) if self._open else 0

    @property
    def is_open(self) -> bool:
        return bool(self._open)

    def _enter(self, level: DemoSpec) -> None:
        from django.db import transaction

        stack = ExitStack()
        try:
            if not self._open:
                stack.enter_context(self.blocker.unblock())
            stack.enter_context(transaction.atomic())
            stack.callback(transaction.set_rollback, True)  # called first on close: the block rolls back
            if not self._open:
                self._demo = build(level)
            else:
                assert self._demo is not None
                level.then[-1](self._demo)
            for read in self._readings.get(level, {}):
                self._readings[level][read] = read(self._demo)
        except BaseException:
            stack.close()
            raise
        self._open.append((level, stack))


BUILDS = DemoBuilds()


# --- browser tests ---------------------------------------------------------------------------------------------

PHONE = {"viewport": {"width": 375, "height": 812}, "locale": "zh-CN", "is_mobile": True}
TEST_PASSWORD = "Qinglian-test-1"  # the factories' password for the personas


def phone_page(browser: Any, live_server: Any, username: str) -> tuple[Any, Any]:
    """A 375 px phone context logged in as `username` on the workbench: (context, page); close the context."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return context, page
