"""Who keeps the ledgers and who they deal with: the desks and their two logins, the handling units with their
profiles, the deputies by delegation, this year's sessions."""

from __future__ import annotations

import datetime as dt

from qinglian.core.demo import DemoAccount, DemoContext
from qinglian.npc.choices import DeskKind, SessionKind
from qinglian.npc.demo import data
from qinglian.npc.demo.ledger import Ledger
from qinglian.npc.demo.state import NpcDemo, cn_number
from qinglian.npc.models import Deputy, HandlingUnitProfile, Session
from qinglian.npc.services import setup as services
from qinglian.org import services as org_services
from qinglian.org.choices import Gender, Role, UnitKind
from qinglian.org.demo import people as names
from qinglian.org.demo.accounts import NOT_FORCED, PERSONAS
from qinglian.org.models import Person, Unit, User

SUGGESTIONS_DESK = "人事代表选举工作委员会"
MATERIALS_DESK = "办公室"

# The two desk logins the npc demo adds: (key, username, unit, post held, role, title, what they see and do).
DESK_LOGINS: tuple[tuple[str, str, str, str, str | None, str, str], ...] = (
    (
        "npc_suggestions",
        "jianyi",
        SUGGESTIONS_DESK,
        "主任",
        Role.UNIT_HEAD,
        "人代选工委负责人（建议办理、联络站台账）",
        "登记交办代表建议、联系答复和满意度，维护代表、承办单位和联络站；收到建议办理的提醒",
    ),
    (
        "npc_materials",
        "huiwu",
        MATERIALS_DESK,
        "秘书科长",
        None,
        "办公室秘书科（会议材料台账）",
        "安排常委会会议和主任会议议题，登记、签收各单位报送的会议材料",
    ),
)


def _stable(demo: NpcDemo, people: list[Person]) -> list[Person]:
    """People whose unit has not changed this year, so what they recorded since January was their job."""
    from django.utils import timezone

    start = timezone.make_aware(dt.datetime(demo.year, 1, 1))
    moved = set(
        Person.history.filter(id__in=[p.pk for p in people], history_date__gte=start)
        .exclude(history_type="+")
        .values_list("id", flat=True)
    )
    return [p for p in people if p.pk not in moved] or people


def create_logins(demo: NpcDemo, password: str) -> None:
    """The desk people's logins (the org demo's personas sit in other units). Not replayed: accounts are
    opened when the system goes live."""
    for key, username, unit_name, post, role, _, _ in DESK_LOGINS:
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            demo.writers[key] = existing
            continue
        staff = demo.people_of(unit_name)
        holders = [p for p in staff if p.post == post] or staff
        person = _stable(demo, holders)[0]
        user = org_services.account_create(
            organ=demo.organ, username=username, password=password, by=None, person=person, must_change_password=False
        )
        org_services.role_grant(user=user, role=Role.CADRE, by=None)  # no login is a cadre by default (#13)
        if role is not None:
            org_services.role_grant(user=user, role=role, by=None, unit=demo.units[unit_name])
        demo.writers[key] = user
    users = {p.key: p.username for p in PERSONAS}
    found = {u.username: u for u in User.objects.filter(organ=demo.organ, username__in=users.values())}
    demo.writers["officer"] = found[users["party_officer"]]
    demo.writers["leader"] = found[users["leader"]]


def describe_accounts(ctx: DemoContext) -> None:
    """The desk logins as they are in the database, for the table the demo command prints."""
    users = {
        u.username: u
        for u in User.objects.filter(organ=ctx.organ, username__in=[row[1] for row in DESK_LOGINS]).select_related(
            "person"
        )
    }
    for key, username, *_, title, sees in DESK_LOGINS:
        user = users.get(username)
        if user is not None and user.person_id:
            ctx.accounts[key] = DemoAccount(username, ctx.password, f"{title} · {user.person.name}：{sees}{NOT_FORCED}")


def set_desks(demo: NpcDemo) -> None:
    """The party-affairs office names the desks on the first working day of the year."""
    officer = demo.writers["officer"]
    desks = (
        (DeskKind.SUGGESTIONS, SUGGESTIONS_DESK),
        (DeskKind.STATIONS, SUGGESTIONS_DESK),
        (DeskKind.MATERIALS, MATERIALS_DESK),
    )
    for kind, unit_name in desks:
        services.service_desk_set(organ=demo.organ, kind=kind, unit=demo.units[unit_name], by=officer)


def handling_units(demo: NpcDemo, ledger: Ledger) -> dict[str, Unit]:
    """The 25 handling units (the org demo made ten of them; the others through org's unit_save) and their
    profiles: top leader and contact (as services.handling_unit_profile_save would record them)."""
    officer, desk = demo.writers["officer"], demo.writers["npc_suggestions"]
    registry = _registry(demo)
    found: dict[str, Unit] = {}
    for order, spec in enumerate(data.HANDLING_UNITS, start=300):
        unit = demo.units.get(spec.name)
        if unit is None:
            unit = Unit(
                organ=demo.organ, name=spec.name, short_name=spec.short_name, kind=UnitKind.EXTERNAL, order=order
            )
            org_services.unit_save(unit=unit, by=officer)
            demo.units[spec.name] = unit
        found[spec.name] = unit
        gender = Gender.MALE if demo.rng.random() < 0.8 else Gender.FEMALE
        born = names.birth_date(demo.rng, demo.rng.randint(48, 58), demo.today)
        contact_gender = demo.rng.choice((Gender.MALE, Gender.FEMALE))
        contact_born = names.birth_date(demo.rng, demo.rng.randint(28, 45), demo.today)
        profile = HandlingUnitProfile(
            organ=demo.organ,
            unit=unit,
            leader_name=names.person_name(demo.names_rng, gender, born, registry),
            leader_title=spec.leader_title,
            contact_name=names.person_name(demo.names_rng, contact_gender, contact_born, registry),
            contact_phone=names.phone(demo.names_rng, registry),
        )
        demo.profiles[unit.pk] = ledger.add(profile, desk)
    ledger.flush([HandlingUnitProfile])
    return found


def _registry(demo: NpcDemo) -> names.Registry:
    """Names and phones of the organ's staff are taken: a deputy is never a namesake of a cadre."""
    if demo.registry is None:
        demo.registry = names.Registry()
        for name, phone in Person.all_objects.filter(organ=demo.organ).values_list("name", "phone"):
            demo.registry.names.add(name)
            demo.registry.phones.add(phone)
    return demo.registry


def deputies(demo: NpcDemo, ledger: Ledger) -> dict[str, list[Deputy]]:
    """About 300 city deputies by delegation (代表团 of a district or county), registered at the year's start
    (written at once, like the roster import: `ledger.flush`)."""
    desk = demo.writers["npc_suggestions"]
    registry = _registry(demo)
    levels, weights = zip(*data.LEVELS, strict=True)
    by_district: dict[str, list[Deputy]] = {}
    for district in data.DISTRICTS:
        rows = by_district[district.name] = []
        for _ in range(district.share):
            gender = Gender.MALE if demo.rng.random() < 0.68 else Gender.FEMALE
            born = names.birth_date(demo.rng, demo.rng.randint(32, 62), demo.today)
            deputy = Deputy(
                organ=demo.organ,
                name=names.person_name(demo.names_rng, gender, born, registry),
                delegation=f"{district.name}代表团",
                phone=names.phone(demo.names_rng, registry),
                level_note=demo.rng.choices(levels, weights=weights)[0],
            )
            rows.append(ledger.add(deputy, desk))
    ledger.flush([Deputy])
    return by_district


def sessions(demo: NpcDemo) -> tuple[Session, Session]:
    """The year's plenary session (four days in late January or early February) and the period after it (closed
    at the year's end for last year's)."""
    desk = demo.writers["npc_suggestions"]
    start = demo.pick_day(dt.date(demo.year, 1, 19), dt.date(demo.year, 2, 6))
    plenary = Session(
        term=demo.term,
        number=f"第{cn_number(demo.session_number)}次会议",
        kind=SessionKind.PLENARY,
        start=start,
        end=start + dt.timedelta(days=3),
    )
    services.session_save(session=plenary, by=desk)
    interim = Session(
        term=demo.term,
        number="",
        kind=SessionKind.INTERIM,
        start=plenary.end + dt.timedelta(days=1),
        end=dt.date(demo.year, 12, 31) if demo.closed_year else None,
    )
    services.session_save(session=interim, by=desk)
    return plenary, interim
