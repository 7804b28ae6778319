"""The year's suggestions planned in full before anything is written: who made each, which unit leads it,
and the day of every step — assignment, receipt, return, contact, reply, evaluation, re-reply — including
the steps that fall after `today` (they are dropped when replayed, so the ledger shows the year in progress).

The slips are chosen here among the plenary suggestions, disjoint: three replied late, one never replied, three
replied without any contact, three extended to six months, one re-reply late, four returned and reassigned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from qinglian.core import workdays
from qinglian.npc.choices import ContactWay, ReplyResult, Satisfaction, SuggestionCategory
from qinglian.npc.deadlines import after_days
from qinglian.npc.demo import data_suggestions as text
from qinglian.npc.demo.data import HANDLING_UNITS
from qinglian.npc.demo.state import NpcDemo
from qinglian.npc.models import Deputy, Session
from qinglian.org.models import Unit

PLENARY_COUNT = 120
INTERIM_COUNT = 32  # planned over the whole year; those received after `today` are not recorded
# Last year's deputies made fewer (the year-on-year figures then show a change, as they do in a real report).
LAST_YEAR_COUNTS = (108, 26)
CO_SIGNERS = ((1, 15), (2, 25), (3, 30), (4, 20), (5, 10))
RESULTS = ((ReplyResult.SOLVED, 45), (ReplyResult.SOLVING, 30), (ReplyResult.PLANNED, 15), (ReplyResult.REFERENCE, 10))
WAYS = (
    (ContactWay.FACE, 30),
    (ContactWay.PHONE, 35),
    (ContactWay.VISIT, 15),
    (ContactWay.SYMPOSIUM, 15),
    (ContactWay.MAIL, 5),
)
CATEGORY = {u.name: u.category for u in HANDLING_UNITS}
C = SuggestionCategory
# The committee that supervises a key suggestion of each category (督办委室).
KEY_COMMITTEES = {
    C.ECONOMY: "财政经济工作委员会",
    C.URBAN_RURAL: "城乡建设环境与资源保护工作委员会",
    C.ECOLOGY: "城乡建设环境与资源保护工作委员会",
    C.SOCIAL: "教育科学文化卫生工作委员会",
    C.LIVELIHOOD: "社会建设工作委员会",
    C.POLITICS_LAW: "监察和司法工作委员会",
    C.OTHER: "人事代表选举工作委员会",
}
BETTER = {
    ReplyResult.REFERENCE: ReplyResult.PLANNED,
    ReplyResult.PLANNED: ReplyResult.SOLVING,
    ReplyResult.SOLVING: ReplyResult.SOLVING,
    ReplyResult.SOLVED: ReplyResult.SOLVED,
}


@dataclass
class Plan:
    """One suggestion's life, every date planned (None: it never happens)."""

    number: str
    session: Session
    deputy: Deputy
    co_signers: list[Deputy]
    title: str
    content: str
    category: str
    received_on: dt.date
    registered_on: dt.date
    lead: Unit
    co_units: list[Unit]
    assigned_on: dt.date
    lead_received_on: dt.date
    notified_on: dt.date | None = None  # between sessions: the desk tells the deputy
    wrong_lead: Unit | None = None  # first given to this unit, which returned it (accepted)
    returned_on: dt.date | None = None
    reassigned_on: dt.date | None = None
    refused_return_on: dt.date | None = None  # the lead asked to return it; the desk said no
    co_received_on: dt.date | None = None
    co_opinions: dict[int, dt.date] = field(default_factory=dict)  # co-unit id → opinion day
    key: tuple[Unit, object] | None = None  # (supervising committee, leader person)
    key_on: dt.date | None = None
    extension: tuple[dt.date, dt.date] | None = None  # (requested, approved)
    contacts: list[tuple[dt.date, str]] = field(default_factory=list)
    reply_on: dt.date | None = None
    result: str = ReplyResult.SOLVED
    feedback: tuple[dt.date, str] | None = None
    rereply: tuple[dt.date, str] | None = None
    refeedback: tuple[dt.date, str] | None = None

    @property
    def lead_assigned_on(self) -> dt.date:
        return self.reassigned_on or self.assigned_on

    @property
    def is_interim(self) -> bool:
        return self.notified_on is not None


def _weighted(demo: NpcDemo, pairs):
    values, weights = zip(*pairs, strict=True)
    return demo.rng.choices(values, weights=weights)[0]


def _content(demo: NpcDemo, title: str) -> str:
    topic = title.removeprefix("关于").removesuffix("的建议")
    opening = demo.rng.choice(text.OPENINGS).format(topic=topic)
    return opening + demo.rng.choice(text.PROBLEMS) + demo.rng.choice(text.ASKS)


def _signers(demo: NpcDemo, by_district: dict[str, list[Deputy]]) -> tuple[Deputy, list[Deputy]]:
    """A lead deputy and 1–5 co-signers, mostly of the same delegation (they sit together at the session)."""
    district = demo.rng.choices(list(by_district), weights=[len(v) for v in by_district.values()])[0]
    lead = demo.rng.choice(by_district[district])
    count = _weighted(demo, CO_SIGNERS)
    pool = [d for d in by_district[district] if d.pk != lead.pk]
    if demo.rng.random() < 0.2:  # a cross-delegation suggestion
        pool = [d for rows in by_district.values() for d in rows if d.pk != lead.pk]
    return lead, demo.rng.sample(pool, count)


def plan_year(
    demo: NpcDemo, plenary: Session, interim: Session, units: dict[str, Unit], by_district: dict[str, list[Deputy]]
) -> list[Plan]:
    pool = [(lead, title, co) for lead, rows in text.TITLES.items() for title, co in rows]
    demo.rng.shuffle(pool)
    plenary_count, interim_count = LAST_YEAR_COUNTS if demo.closed_year else (PLENARY_COUNT, INTERIM_COUNT)
    plans = _plenary(demo, plenary, units, by_district, pool[:plenary_count])
    plans += _interim(demo, interim, units, by_district, pool[plenary_count : plenary_count + interim_count])
    for plan in plans:
        _handle(demo, plan)
    _slips(demo, plans)
    _results(demo, plans)
    return plans


def _base(demo, session, units, by_district, row, number, received, registered, assigned) -> Plan:
    lead_name, title, co_names = row
    deputy, co_signers = _signers(demo, by_district)
    co_units = [units[n] for n in co_names if demo.rng.random() < 0.6]
    return Plan(
        number=number,
        session=session,
        deputy=deputy,
        co_signers=co_signers,
        title=title,
        content=_content(demo, title),
        category=CATEGORY[lead_name],
        received_on=received,
        registered_on=registered,
        lead=units[lead_name],
        co_units=co_units,
        assigned_on=assigned,
        lead_received_on=demo.days.add(assigned, demo.rng.randint(1, 3)),
    )


def _plenary(demo, session, units, by_district, rows) -> list[Plan]:
    """Handed in during the session, registered in the days after, assigned at the 交办会 2–3 weeks later
    (a few disputed ones a week after that)."""
    days = [session.start + dt.timedelta(days=i) for i in range(4)]
    received = sorted((demo.rng.choice(days), i) for i in range(len(rows)))
    meeting = demo.days.on_or_after(session.end + dt.timedelta(days=demo.rng.randint(15, 21)))
    late_batch = set(demo.rng.sample(range(len(rows)), 8))
    plans = []
    for n, (day, i) in enumerate(received, start=1):
        registered = demo.days.add(session.end, demo.rng.randint(1, 5))
        assigned = demo.days.add(meeting, 5) if i in late_batch else meeting
        plans.append(_base(demo, session, units, by_district, rows[i], f"第{n:03d}号", day, registered, assigned))
    return plans


def _interim(demo, session, units, by_district, rows) -> list[Plan]:
    """Received through the year, notified within 7 days, assigned within a week or two."""
    first, last = session.start + dt.timedelta(days=25), dt.date(demo.year, 12, 12)
    days = sorted(demo.rng.sample(demo.days.between(first, last), len(rows)))
    plans = []
    for n, (day, row) in enumerate(zip(days, rows), start=1):
        assigned = demo.days.add(day, demo.rng.randint(3, 8))
        plan = _base(demo, session, units, by_district, row, f"闭会第{n:02d}号", day, day, assigned)
        plan.notified_on = min(demo.days.add(day, demo.rng.randint(1, 3)), after_days(day, 7))
        plans.append(plan)
    return plans


def reply_due(plan: Plan) -> dt.date:
    return workdays.add_months(plan.lead_assigned_on, 6 if plan.extension else 3)


def _handle(demo: NpcDemo, plan: Plan) -> None:
    """Co-units, contacts and the reply of an ordinary suggestion (the slips are laid over this)."""
    if plan.co_units:
        plan.co_received_on = demo.days.add(plan.assigned_on, demo.rng.randint(1, 4))
        limit = workdays.add_months(plan.co_received_on, 2)
        for unit in plan.co_units:
            plan.co_opinions[unit.pk] = min(demo.days.add(plan.co_received_on, demo.rng.randint(12, 38)), limit)
    due = reply_due(plan)
    plan.reply_on = min(demo.days.add(plan.lead_assigned_on, demo.rng.randint(30, 60)), due)
    if plan.is_interim and demo.today < due <= demo.days.add(demo.today, 10):
        plan.reply_on = due  # still open and close to its deadline: a yellow reminder
    _contacts(demo, plan)


def _contacts(demo: NpcDemo, plan: Plan) -> None:
    start = demo.days.add(plan.reassigned_on, 2) if plan.reassigned_on else plan.lead_received_on
    end = demo.days.add(plan.reply_on, -2) if plan.reply_on else demo.days.add(start, 40)
    first = demo.pick_day(demo.days.add(start, 3), demo.days.add(start, 20))
    first = max(start, min(first, end))
    plan.contacts = [(first, _weighted(demo, WAYS))]
    if demo.rng.random() < 0.4 and demo.days.add(first, 5) < end:
        plan.contacts.append((demo.pick_day(demo.days.add(first, 5), end), _weighted(demo, WAYS)))


def _slips(demo: NpcDemo, plans: list[Plan]) -> None:
    meeting = min(p.assigned_on for p in plans if not p.is_interim)  # the 交办会 (the disputed ones came later)
    plenary = [p for p in plans if not p.is_interim and p.assigned_on == meeting]
    with_co = [p for p in plenary if p.co_units]
    returned = demo.rng.sample(with_co, 4)
    rest = [p for p in plenary if p not in returned]
    picked = demo.rng.sample(rest, 14)
    late, unreplied, no_contact, extended, refused = picked[:3], picked[3:4], picked[4:7], picked[7:10], picked[10]
    for plan in returned:
        _return(demo, plan)
    if not demo.plants_slips:  # last year's: the same draws, every reply in time and after a contact
        late, unreplied, no_contact = [], [], []
    refused.refused_return_on = demo.days.on_or_after(
        refused.lead_received_on + dt.timedelta(days=demo.rng.randint(3, 6))
    )
    for plan in late:
        plan.reply_on = demo.days.add(reply_due(plan), demo.rng.randint(3, 15))
        _contacts(demo, plan)
        demo.slips.late_replies.append((plan.number, reply_due(plan) + dt.timedelta(days=1)))
    for plan in unreplied:
        plan.reply_on = None
        _contacts(demo, plan)
        demo.slips.unreplied.append((plan.number, reply_due(plan) + dt.timedelta(days=1)))
    for plan in no_contact:
        plan.contacts = []
        demo.slips.no_contact.append((plan.number, plan.reply_on))
    for plan in extended:
        requested = demo.days.add(plan.lead_assigned_on, demo.rng.randint(35, 45))
        plan.extension = (requested, demo.days.add(requested, demo.rng.randint(1, 3)))
        plan.reply_on = demo.days.add(workdays.add_months(plan.lead_assigned_on, 3), demo.rng.randint(15, 45))
        _contacts(demo, plan)
        demo.slips.extended.append((plan.number, plan.extension[1]))
    for plan in plans:
        if plan.reply_on is not None:
            plan.feedback = (demo.days.add(plan.reply_on, demo.rng.randint(3, 13)), Satisfaction.SATISFIED)
    _key(demo, plenary, extended)


def _return(demo: NpcDemo, plan: Plan) -> None:
    """Given first to a co-unit, which returns it within 10 days; reassigned, the returner helps as co-unit."""
    plan.wrong_lead, plan.co_units = plan.co_units[0], plan.co_units[1:]
    plan.co_opinions.pop(plan.wrong_lead.pk, None)
    latest = after_days(plan.lead_received_on, 10)
    plan.returned_on = min(
        demo.days.on_or_after(plan.lead_received_on + dt.timedelta(days=demo.rng.randint(2, 6))), latest
    )
    plan.reassigned_on = demo.days.add(plan.returned_on, demo.rng.randint(2, 4))
    plan.co_units.append(plan.wrong_lead)
    plan.co_opinions[plan.wrong_lead.pk] = demo.days.add(plan.reassigned_on, demo.rng.randint(15, 30))
    plan.reply_on = min(demo.days.add(plan.reassigned_on, demo.rng.randint(30, 55)), reply_due(plan))
    _contacts(demo, plan)


def _key(demo: NpcDemo, plenary: list[Plan], extended: list[Plan]) -> None:
    """Ten 重点督办 suggestions (two of them the extended ones), decided by a chairpersons' meeting a week after
    the 交办会, each supervised by the committee of its field and the leader who 分管 that committee."""
    chosen = extended[:2] + demo.rng.sample([p for p in plenary if p not in extended], 8)
    day = demo.days.add(plenary[0].assigned_on, demo.rng.randint(4, 7))
    for plan in chosen:
        committee = demo.units[KEY_COMMITTEES[plan.category]]
        plan.key = (committee, demo.supervisors.get(committee.pk) or demo.supervisors[0])
        plan.key_on = day
    demo.slips.key = [(p.number, day) for p in chosen]


def _results(demo: NpcDemo, plans: list[Plan]) -> None:
    """Results in the published proportions; five deputies dissatisfied, one re-reply after the month."""
    replied = [p for p in plans if p.reply_on is not None]
    order = demo.rng.sample(replied, len(replied))
    bounds, start = [], 0
    for result, share in RESULTS:
        count = round(len(order) * share / 100)
        bounds.append((result, order[start : start + count]))
        start += count
    for result, rows in bounds:
        for plan in rows:
            plan.result = result
    for plan in order[start:]:
        plan.result = ReplyResult.SOLVED
    for plan in replied:
        level = Satisfaction.SATISFIED if demo.rng.random() < 0.68 else Satisfaction.BASICALLY
        plan.feedback = (plan.feedback[0], level)
    early = [p for p in replied if not p.is_interim and p.result in (ReplyResult.REFERENCE, ReplyResult.PLANNED)]
    unhappy = demo.rng.sample(early, 5)
    for index, plan in enumerate(unhappy):
        said = plan.feedback[0]
        plan.feedback = (said, Satisfaction.DISSATISFIED)
        due = workdays.add_months(said, 1)
        if index == 0 and demo.plants_slips:
            day = demo.days.on_or_after(due + dt.timedelta(days=demo.rng.randint(5, 12)))
            demo.slips.late_rereply.append((plan.number, due + dt.timedelta(days=1)))
        else:
            day = min(demo.days.on_or_after(said + dt.timedelta(days=demo.rng.randint(12, 26))), due)
        plan.rereply = (day, BETTER[plan.result])
        level = Satisfaction.SATISFIED if demo.rng.random() < 0.3 else Satisfaction.BASICALLY
        # The deputy whose re-reply came late stays dissatisfied (one re-reply only: the suggestion closes).
        plan.refeedback = (
            demo.days.add(day, demo.rng.randint(4, 12)),
            Satisfaction.DISSATISFIED if index == 0 and demo.plants_slips else level,
        )
