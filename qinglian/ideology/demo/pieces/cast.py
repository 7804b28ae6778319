"""Who writes and signs the demo's pieces: the org demo's logins, plus the few the review chains need and nobody
else opened — the secretary-general (supervises the 办公室: its pieces' 复审), a cadre of 人代选工委 (a drafter of a
third unit), and each outlet's responsible person who has no login yet (初审 and publication). Accounts are opened
when the system goes live, not replayed (as the npc demo's desks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from qinglian.core.demo import DemoContext
from qinglian.ideology.models import Outlet
from qinglian.ideology.permissions import can_review
from qinglian.org import services as org_services
from qinglian.org.choices import Role
from qinglian.org.models import Person, Unit, User
from qinglian.org.selectors import supervisors_of, unit_heads

OFFICE, LAW, DEPUTIES = "办公室", "法制工作委员会", "人事代表选举工作委员会"
REQUIRED = ("dangwei", "ganbu", "fuzeren", "fuzhuren", "shuji")


@dataclass
class Cast:
    office: User  # the party-affairs office: copies paper in, keeps the board's proofs when its keeper has no login
    users: dict[str, User]  # the org demo's logins by username
    logins: dict[int, User]  # person id → a login that may sign a stage
    pools: dict[str, list[User]] = field(default_factory=dict)  # drafters by unit: law, office, deputies


def cast_of(ctx: DemoContext, outlets: Iterable[Outlet]) -> Cast | None:
    users = {u.username: u for u in User.objects.filter(organ=ctx.organ, person__isnull=False)}
    if any(name not in users for name in REQUIRED):
        return None
    units = {u.name: u for u in Unit.objects.filter(organ=ctx.organ, name__in=(OFFICE, LAW, DEPUTIES))}
    leader = next(iter(supervisors_of(units[OFFICE], on=ctx.today)), None) if OFFICE in units else None
    if leader is not None:
        _login(ctx, leader, "mishuzhang", Role.LEADER)
    drafter = _deputies_cadre(ctx, units.get(DEPUTIES))
    if drafter is not None:
        users["daixuan"] = _login(ctx, drafter, "daixuan")
    for i, outlet in enumerate(sorted(outlets, key=lambda o: o.pk), start=1):
        if outlet.owner is not None:
            _login(ctx, outlet.owner, f"bianji{i}")
    logins = {}
    for user in User.objects.filter(organ=ctx.organ, person__isnull=False, is_active=True).order_by("pk"):
        if can_review(user):
            logins.setdefault(user.person_id, user)
    office = [users[name] for name in ("huiwu", "renshi") if name in users]
    pools = {"law": [users["ganbu"]], "office": office or [users["ganbu"]]}
    pools["deputies"] = [users["daixuan"]] if "daixuan" in users else pools["law"]
    return Cast(office=users["dangwei"], users=users, logins=logins, pools=pools)


def _login(ctx: DemoContext, person: Person, username: str, *roles: str) -> User:
    """The person's login, opened now with the cadre role (and `roles`) when they have none."""
    existing = User.objects.filter(person=person).order_by("pk").first()
    if existing is not None:
        return existing
    if User.objects.filter(username=username).exists():
        username = f"{username}{person.pk}"
    user = org_services.account_create(
        organ=ctx.organ,
        username=username,
        password=ctx.password,
        by=None,
        person=person,
        must_change_password=False,
    )
    for role in (Role.CADRE, *roles):
        org_services.role_grant(user=user, role=role, by=None)
    return user


def _deputies_cadre(ctx: DemoContext, unit: Unit | None) -> Person | None:
    """A cadre of 人代选工委 who has been in the unit all year and heads nothing: the third unit's drafter."""
    if unit is None:
        return None
    heads = set(unit_heads(ctx.organ.pk, {unit.pk}).get(unit.pk, []))
    start = timezone.make_aware(dt.datetime(ctx.today.year, 1, 1))
    people = Person.objects.filter(unit=unit, is_active=True).exclude(pk__in=heads).order_by("pk")
    moved = set(
        Person.history.filter(id__in=people.values("pk"), history_date__gte=start)
        .exclude(history_type="+")
        .values_list("id", flat=True)
    )
    clerks = [p for p in people if "科员" in p.post]
    settled = [p for p in clerks if p.pk not in moved] or clerks
    return settled[0] if settled else None
