"""The personas of the organ, shared by every app's tests.

One organ with two internal units (A: 办公室, B: 研究室) and the stationed group:
- party_officer: 机关党委专责人员, in unit A
- unit_head: heads unit A
- cadre_same_unit: an ordinary cadre of unit A
- cadre_other_unit: an ordinary cadre of unit B
- leader: a Party group member who supervises unit B
- supervisor: 派驻纪检监察组
- sysadmin / secadmin / auditadmin: the three separated administrators, linked to no person
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from qinglian.core.testing import BUILDS, DemoSpec, SharedDemo
from qinglian.org.choices import Role, UnitKind

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The personas log in without an authenticator; the second-factor tests (qinglian/org/tests/test_totp.py)
    # put the required roles back. Accounts that have a confirmed device are still asked for the code.
    settings.QINGLIAN_TOTP_REQUIRED_ROLES = []
    # No check starts by itself after a test's page (compliance/freshness.py); its own tests turn it on.
    settings.QINGLIAN_CHECK_INTERVAL_MINUTES = 0
    # Tests serve static files from node_modules and the apps, not from a collected, hashed tree.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _private_media(tmp_path_factory):
    """Files a test run stores (the demo builds' evidence, uploads) go under the run's own temporary directory,
    never into var/media; a test may still point MEDIA_ROOT elsewhere with the `settings` fixture."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """The working-day calendar caches per process; a rolled-back test must not leak its edits."""
    from qinglian.core import workdays

    workdays.invalidate()
    yield
    workdays.invalidate()


@dataclass
class Organisation:
    organ: object
    unit_a: object
    unit_b: object
    stationed: object


@pytest.fixture
def org(db) -> Organisation:
    from qinglian.org.tests.factories import OrganFactory, UnitFactory

    organ = OrganFactory(code="test-organ", name="测试市人大常委会机关", short_name="测试")
    return Organisation(
        organ=organ,
        unit_a=UnitFactory(organ=organ, name="办公室", order=1),
        unit_b=UnitFactory(organ=organ, name="研究室", order=2),
        stationed=UnitFactory(organ=organ, name="派驻纪检监察组", kind=UnitKind.STATIONED, order=90),
    )


def _staff(org: Organisation, username: str, unit, *roles: str, head_of=None):
    from qinglian.org.models import RoleGrant
    from qinglian.org.tests.factories import PersonFactory, UserFactory

    person = PersonFactory(organ=org.organ, unit=unit, name=username)
    user = UserFactory(username=username, organ=org.organ, person=person)
    for role in roles:
        RoleGrant.objects.create(
            user=user, organ=org.organ, role=role, unit=head_of if role == Role.UNIT_HEAD else None
        )
    return user


def _admin(org: Organisation, username: str, role: str):
    from qinglian.org.models import RoleGrant
    from qinglian.org.tests.factories import UserFactory

    user = UserFactory(username=username, organ=org.organ)
    RoleGrant.objects.create(user=user, organ=org.organ, role=role)
    return user


@pytest.fixture
def party_officer(org):
    return _staff(org, "party_officer", org.unit_a, Role.PARTY_OFFICER)


@pytest.fixture
def unit_head(org):
    return _staff(org, "unit_head", org.unit_a, Role.UNIT_HEAD, head_of=org.unit_a)


@pytest.fixture
def cadre_same_unit(org):
    return _staff(org, "cadre_same_unit", org.unit_a)


@pytest.fixture
def cadre_other_unit(org):
    return _staff(org, "cadre_other_unit", org.unit_b)


@pytest.fixture
def leader(org):
    from qinglian.org.tests.factories import SupervisionFactory

    user = _staff(org, "leader", org.unit_a, Role.LEADER)
    SupervisionFactory(organ=org.organ, leader=user.person, unit=org.unit_b)
    return user


@pytest.fixture
def personnel_officer(org):
    """组织人事专责人员 in unit A: not one of PERSONAS (the older matrices have nine columns); the integrity
    matrices add it."""
    return _staff(org, "personnel_officer", org.unit_a, Role.PERSONNEL_OFFICER)


@pytest.fixture
def finance_officer(org):
    """财务专责人员 in unit A, who keeps the 八项规定 ledgers: like personnel_officer, not one of PERSONAS; the
    frugality matrices add it."""
    return _staff(org, "finance_officer", org.unit_a, Role.FINANCE_OFFICER)


@pytest.fixture
def supervisor(org):
    return _staff(org, "supervisor", org.stationed, Role.SUPERVISOR)


@pytest.fixture
def sysadmin(org):
    return _admin(org, "sysadmin", Role.SYSADMIN)


@pytest.fixture
def secadmin(org):
    return _admin(org, "secadmin", Role.SECADMIN)


@pytest.fixture
def auditadmin(org):
    return _admin(org, "auditadmin", Role.AUDITADMIN)


PERSONAS = (
    "party_officer",
    "unit_head",
    "cadre_same_unit",
    "cadre_other_unit",
    "leader",
    "supervisor",
    "sysadmin",
    "secadmin",
    "auditadmin",
)


@pytest.fixture
def persona(request, db):
    """Resolve a persona by name inside a parametrised test: `persona("leader")`."""
    return lambda name: request.getfixturevalue(name)


# --- the demo organ, built once per session for the tests that read it (qinglian/core/testing.py) ----------


def _demo_spec(item: pytest.Item | None) -> DemoSpec | None:
    marker = item.get_closest_marker("demo_build") if item is not None else None
    return marker.args[0] if marker is not None else None


def _in_demo_group(nodeid: str) -> bool:
    """The demo modules' tests (qinglian/<app>/tests/test_demo*.py) run together, on one xdist worker: the
    shared builds are made once, and a fresh build is compared with the shared one of the same process."""
    return nodeid.split("::", 1)[0].rsplit("/", 1)[-1].startswith("test_demo")


def _deselect_server_only(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Concurrency tests (N threads writing at once) need a server database: SQLite's in-memory test database
    answers a second writer "table is locked" at once instead of waiting. On SQLite they are deselected — not
    skipped: the PostgreSQL run of CI (`make test-pg`) runs them."""
    from django.conf import settings

    # The other way round, the browser walk of the demo organ serves the shared build through SQLite's one in-memory
    # connection; on PostgreSQL the build is an uncommitted transaction no server thread can read, and the SQLite
    # run of CI (`make test`) walks it.
    other = "sqlite" if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") else "postgresql"
    deselected = [item for item in items if item.get_closest_marker(other)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker(other)]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The demo's tests first (trylast: after pytest-django's ordering, so this one stands): the readers of
    each shared build one after another, so that it is built once, then the demo modules' other tests (which
    compare a fresh build with the shared one, already read by then). First, so that under xdist the worker
    given them starts with the longest piece of work."""
    _deselect_server_only(config, items)
    specs: dict[DemoSpec, int] = {}
    for item in items:
        spec = _demo_spec(item)
        if spec is not None:
            for level in spec.path():
                specs.setdefault(level, len(specs))
            # A reader uses the database: said here so that pytest-django creates it even for a run of
            # readers only. `shared_demo` sets `db` up itself, after opening the build; listed last, `db` is
            # not set up again.
            if "db" not in item.fixturenames:
                item.fixturenames.append("db")

    def rank(item: pytest.Item) -> tuple[int, int]:
        spec = _demo_spec(item)
        if spec is not None:  # grouped by build, then by the steps on top of it
            return (0, specs[spec.path()[0]] * 1000 + specs[spec])
        return (1, 0) if _in_demo_group(item.nodeid) else (2, 0)

    items.sort(key=rank)  # stable: the order within each group is kept


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """`--dist loadgroup` with the demo modules' tests as one group, named here by path. (pytest-xdist 3.8
    groups by the `xdist_group` mark by renaming node ids through an attribute pytest 9 no longer reads.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class DemoGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "demo" if _in_demo_group(nodeid) else super()._split_scope(nodeid)

    return DemoGroupScheduling(config, log)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After the test's own fixtures are torn down: roll back the shared build unless the next test reads it."""
    try:
        return (yield)
    finally:
        if BUILDS.is_open:
            BUILDS.settle(_demo_spec(nextitem))


@pytest.fixture(scope="session")
def demo_builds(request, django_db_setup, django_db_blocker):
    # Starting Playwright's sync API ends the atomic blocks open on the main thread's connection — the shared build
    # with them — so a process that will drive the browser (the demo walk reads the shared build) starts it first.
    if CHROMIUM.exists() and any("browser" in item.fixturenames for item in request.session.items):
        request.getfixturevalue("browser")
    BUILDS.blocker = django_db_blocker
    yield BUILDS
    BUILDS.settle(None)


@pytest.fixture
def shared_demo(request, demo_builds) -> SharedDemo:
    """The demo organ of the test's `@pytest.mark.demo_build(spec)`, shared with every test of the same spec;
    the test itself runs in a savepoint inside it (this fixture sets up `db` after opening the build)."""
    spec = _demo_spec(request.node)
    if spec is None:
        raise pytest.UsageError(f"{request.node.nodeid}: shared_demo needs @pytest.mark.demo_build(DemoSpec(...))")
    demo = demo_builds.ensure(spec)
    request.getfixturevalue("db")
    return demo


# --- browser tests: Playwright for Python driving Debian's chromium (never `playwright install`) ------------
# One sync Playwright session per test run: every browser test, in any app, uses these two fixtures.

CHROMIUM = Path(os.environ.get("QINGLIAN_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent / "var" / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI 需要 {CHROMIUM}（apt-get install -y chromium fonts-noto-cjk），.ci/run 应已安装")
        pytest.skip(f"本机未安装 {CHROMIUM}：apt-get install -y chromium fonts-noto-cjk 后可运行浏览器测试")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
