"""The org app's part of the demo organ (see qinglian/core/demo.py for the contract).

临江市人大常委会机关 as it stands on `ctx.today`: 14 internal units, the stationed supervision group and
ten city departments; about 150 cadres; the leading Party group and its 分管; five branches with their
committees and party groups; two years of personnel changes; one login per persona.
"""

from __future__ import annotations

from qinglian.core.demo import DemoContext
from qinglian.org.choices import UnitKind
from qinglian.org.demo import accounts, events, roster, structure, totp
from qinglian.org.demo.state import OrgDemo
from qinglian.org.demo.totp import describe_accounts  # the org logins, with their authenticator secrets

__all__ = ["build", "describe_accounts"]


def build(ctx: DemoContext) -> None:
    demo = OrgDemo(organ=ctx.organ, rng=ctx.random, today=ctx.today)
    structure.create_units(demo)
    structure.create_branches(demo)
    internal = sum(1 for u in demo.units.values() if u.kind == UnitKind.INTERNAL)
    ctx.say(f"委室 {internal} 个，派驻机构 1 个，外部单位 {len(demo.external)} 个；党支部 {len(demo.branches)} 个")
    leaders = roster.create_roster(demo)
    structure.create_leading_group(demo, leaders)
    # Who moves is decided before anything is recorded: the persona accounts, then the promotions that
    # need particular posts, then committees and group leaders (who must stay put through their term),
    # then everyone else's moves. The plan is then recorded in date order.
    people = accounts.choose_people(demo, leaders)
    changes = events.plan_vacancies(demo)
    structure.create_committees(demo, leaders={p.pk for p in leaders})
    changes += events.plan_moves(demo)
    count = events.record_changes(demo, changes)
    vacated = structure.vacate_seat(demo)
    active = sum(1 for p in demo.people if p.is_active)
    ctx.say(f"干部 {len(demo.people)} 名（在职 {active} 名），党组成员 {len(leaders)} 名，人事变动 {count} 条")
    ctx.say(f"  留给规则的缺口：{vacated}")
    accounts.create_accounts(demo, people, ctx.password)
    totp.create_devices(demo)
    describe_accounts(ctx)
    ctx.say(f"演示账号 {len(accounts.PERSONAS)} 个")
