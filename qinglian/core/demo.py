"""The demo organ: one fictitious 市人大常委会机关 with its people, structure and two years of records.

`build_demo()` creates the organ and then lets every installed app add its part: for each app in
INSTALLED_APPS order that has a module `<app>.demo` with `build(ctx: DemoContext) -> None`, it calls that
function. The order matters and is the settings' order: `org` comes first, so later apps find the units,
people and accounts they hang their records on.

Contract for an app's `demo` module:
- `build(ctx)` writes through the app's services (or `bulk_create_with_history`), draws every random
  choice from `ctx.random` and every date from `ctx.today`, so the same seed and day give the same organ;
- it may add demo logins to `ctx.accounts` (persona key → DemoAccount), all with `ctx.password`;
- optionally `describe_accounts(ctx)` fills `ctx.accounts` again from an organ that already exists, so
  `manage.py demo --if-empty` can print the table without building anything.

Everything runs in one transaction: a failure in any app leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any, NamedTuple, TextIO

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from qinglian.core import hooks
from qinglian.core.errors import Conflict, InvalidInput

Organ = Any  # org.models.Organ; core names it through hooks only

DEMO_CODE = "demo"
DEMO_ORGAN = {"name": "临江市人大常委会机关", "short_name": "临江市人大机关", "region": "临江市"}
# One password for every demo login, printed by the command. Demo data, never a deployment setting. It must pass
# the password rules (qinglian/org/validators.py), which refuse the system's own name.
DEMO_PASSWORD = "Zhengfeng@2026"


class DemoAccount(NamedTuple):
    username: str
    password: str
    description: str  # who the account is and what it sees, in Chinese


@dataclass
class DemoContext:
    """What one app's `build(ctx)` gets. `random` is the app's own generator: one app drawing more or
    fewer numbers never changes what another app builds."""

    organ: Organ
    today: dt.date
    seed: int
    random: random.Random
    accounts: dict[str, DemoAccount] = field(default_factory=dict)
    password: str = DEMO_PASSWORD
    app_label: str = ""
    stdout: TextIO | None = None

    def say(self, message: str) -> None:
        """A progress line, indented under the app's heading."""
        if self.stdout is not None:
            self.stdout.write(f"    {message}\n")
            self.stdout.flush()


@dataclass(frozen=True)
class DemoResult:
    organ: Organ
    accounts: dict[str, DemoAccount]
    built: bool  # False when an existing demo organ was only described
    seconds: float = 0.0


def app_rng(seed: int, app_label: str) -> random.Random:
    # A string seed is hashed with SHA-512 by `random`, so it does not depend on PYTHONHASHSEED.
    return random.Random(f"qinglian-demo:{seed}:{app_label}")


def demo_modules() -> list[tuple[str, str, ModuleType]]:
    """(label, verbose name, module) of every installed app with a `demo.build`, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        # find_spec first: an ImportError raised *inside* an existing demo module must not be swallowed.
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        if callable(getattr(module, "build", None)):
            found.append((config.label, str(config.verbose_name), module))
    return found


def demo_organ() -> Organ | None:
    return hooks.organ_by_code(DEMO_CODE)


def build_demo(*, seed: int = 2026, today: dt.date | None = None, stdout: TextIO | None = None) -> DemoResult:
    """Create the demo organ and every app's part of it, in one transaction."""
    today = today or timezone.localdate()
    if today > timezone.localdate():
        # Services refuse dates in the future (入党时间, 变动日期); a demo "as of" a later day cannot be valid.
        raise InvalidInput("基准日不能晚于今天")
    if demo_organ() is not None:
        raise Conflict("演示机关已存在：可加 --if-empty 跳过，或换一个空数据库")
    started = time.perf_counter()
    _write(stdout, f"生成演示机关「{DEMO_ORGAN['name']}」（随机种子 {seed}，基准日 {today:%Y-%m-%d}）")
    accounts: dict[str, DemoAccount] = {}
    with transaction.atomic():
        organ = hooks.organ_create(code=DEMO_CODE, **DEMO_ORGAN)
        for label, verbose_name, module in demo_modules():
            _write(stdout, f"  {verbose_name}（{label}）")
            ctx = DemoContext(
                organ=organ,
                today=today,
                seed=seed,
                random=app_rng(seed, label),
                accounts=accounts,
                app_label=label,
                stdout=stdout,
            )
            module.build(ctx)
    seconds = time.perf_counter() - started
    _write(stdout, f"完成，用时 {seconds:.1f} 秒。")
    return DemoResult(organ=organ, accounts=accounts, built=True, seconds=seconds)


def describe_demo(*, seed: int = 2026, stdout: TextIO | None = None) -> DemoResult | None:
    """The accounts of an existing demo organ (nothing is written), or None when there is none."""
    organ = demo_organ()
    if organ is None:
        return None
    accounts: dict[str, DemoAccount] = {}
    base = DemoContext(
        organ=organ, today=timezone.localdate(), seed=seed, random=app_rng(seed, ""), accounts=accounts, stdout=stdout
    )
    for label, _verbose_name, module in demo_modules():
        describe: Callable[[DemoContext], None] | None = getattr(module, "describe_accounts", None)
        if describe is not None:
            describe(replace(base, random=app_rng(seed, label), app_label=label))
    return DemoResult(organ=organ, accounts=accounts, built=False)


def accounts_table(accounts: dict[str, DemoAccount]) -> str:
    """The demo logins as a plain-text table in Chinese, one block per persona."""
    if not accounts:
        return "（没有演示账号）\n"
    width = max(len(account.username) for account in accounts.values())
    lines = ["演示账号（用户名 / 密码 / 身份与可见范围）："]
    for account in accounts.values():
        lines.append(f"  {account.username:<{width}}  {account.password}  {account.description}")
    return "\n".join(lines) + "\n"


def print_accounts(accounts: dict[str, DemoAccount], stdout: TextIO) -> None:
    stdout.write(accounts_table(accounts))


def _write(stdout: TextIO | None, line: str) -> None:
    if stdout is not None:
        stdout.write(line + "\n")
        stdout.flush()
