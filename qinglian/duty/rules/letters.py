"""党风廉政建设责任书: every one on the roster signs the year's letter by a configured date (DUTY-003); whoever
takes up a post or joins the organ signs within N working days of the personnel event (DUTY-004)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Q

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import workdays
from qinglian.duty.choices import LETTER_EVENT_KINDS, LetterLevel
from qinglian.duty.models import ResponsibilityLetter
from qinglian.duty.rules.common import CATEGORY, MAIN_BASIS, WARN, by_deadline, look_back_years
from qinglian.duty.selectors.letters import expected_letters
from qinglian.org.choices import UnitKind
from qinglian.org.models import LeadingGroupMember, Person, PersonnelEvent, Unit

LETTER_BASIS = f"{MAIN_BASIS}（层层传导压力、落实一岗双责）；本机关党风廉政建设责任书签订要求"
# Events after which a person holds a new post in the organ and signs for it (调出、退休 end a duty instead).
_LEVEL_LABEL = dict(LetterLevel.choices)


def annual_due(year: int, month: int, day: int) -> dt.date:
    """The configured signing date of `year` (a day past the month's end is its last day), moved to the next
    working day when it is a rest day (民法典第二百零三条)."""
    day = min(day, calendar.monthrange(year, month)[1])
    return workdays.roll_forward(dt.date(year, month, day))


def _arrivals(organ_id: int) -> dict[int, dt.date]:
    """When each person last came into the organ (调入)."""
    arrived: dict[int, dt.date] = {}
    rows = PersonnelEvent.objects.filter(organ_id=organ_id, kind="transfer_in").values_list("person_id", "date")
    for person_id, day in rows:
        arrived[person_id] = max(day, arrived.get(person_id, day))
    return arrived


# --- DUTY-003 -----------------------------------------------------------------------------------


def collect_annual_letters(ctx: Context) -> Iterator[Subject]:
    """Person × year from the roster (selectors.letters.expected_letters), as of the year's end for past years.

    Only the year's own letter counts (a 补签 for a personnel event does not stand in for it); someone who
    came into the organ after the year's signing date is left to DUTY-004."""
    p = ctx.params
    first_year = ctx.as_of.year - p.look_back + 1
    signed = set(
        ResponsibilityLetter.objects.filter(
            organ_id=ctx.organ_id, year__gte=first_year, trigger_event__isnull=True, signed_on__isnull=False
        ).values_list("signer_id", "year")
    )
    arrivals = _arrivals(ctx.organ_id)
    names = dict(Person.all_objects.filter(organ_id=ctx.organ_id).values_list("pk", "name"))
    units = dict(Unit.objects.filter(organ_id=ctx.organ_id).values_list("pk", "name"))
    for year in range(first_year, ctx.as_of.year + 1):
        due = annual_due(year, p.due_month, p.due_day)
        for expected in expected_letters(ctx.organ_id, year, min(ctx.as_of, dt.date(year, 12, 31))):
            arrived = arrivals.get(expected.signer_id)
            if arrived is not None and arrived > due:
                continue
            name = names.get(expected.signer_id, "")
            is_leader = expected.level == LetterLevel.LEADER
            yield Subject(
                type="org.person",
                id=str(expected.signer_id),
                label=name if is_leader else f"{name}（{units.get(expected.unit_id, '')}）",
                period=str(year),
                link=f"/duty/letters/?year={year}",
                unit_id=None if is_leader else expected.unit_id,
                person_id=expected.signer_id,
                data={
                    "year": year,
                    "signed": (expected.signer_id, year) in signed,
                    "level": _LEVEL_LABEL[expected.level],
                    "issuer": names.get(expected.issuer_id, "") if expected.issuer_id else "",
                },
            )


@rule(
    code="DUTY-003",
    title="年度党风廉政建设责任书按时签订",
    basis=LETTER_BASIS,
    category=CATEGORY,
    subjects="应签责任书人员×年度（党组成员、委室主要负责人、干部）",
    severity_policy="超过规定日期仍未签订为红色；规定日期前N个工作日内仍未签订为黄色",
    params=[
        Param("due_month", "签订截止月份", unit="月", minimum=1, maximum=12),
        Param("due_day", "签订截止日", unit="日", minimum=1, maximum=31),
        WARN,
        look_back_years(),
    ],
    collect=collect_annual_letters,
)
def annual_letter(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    data = subject.data
    if data["signed"]:
        return None
    year = data["year"]
    due = annual_due(year, p.due_month, p.due_day)
    with_whom = f"与{data['issuer']}" if data["issuer"] else ""
    text = f"{subject.label}{year}年度党风廉政建设责任书（{data['level']}）"
    return by_deadline(
        due=due,
        as_of=ctx.as_of,
        warn=p.warn_working_days,
        late=f"{text}应于{due:%Y年%m月%d日}前签订，至今未签订",
        soon=f"{text}尚未签订，请于{due:%Y年%m月%d日}前{with_whom}签订",
    )


# --- DUTY-004 -----------------------------------------------------------------------------------


def _secretary_spans(organ_id: int) -> list[tuple[int, dt.date, dt.date | None]]:
    rows = LeadingGroupMember.objects.filter(organ_id=organ_id, post="secretary")
    return [(row.person_id, row.start, row.end) for row in rows]


def collect_event_letters(ctx: Context) -> Iterator[Subject]:
    """Personnel events (任职、提拔、转岗、调入) of people of the internal units in the look-back window, each
    with the dates of that person's letters signed on or after the event."""
    since = ctx.as_of - dt.timedelta(days=ctx.params.look_back_days)
    events = list(
        PersonnelEvent.objects.filter(
            organ_id=ctx.organ_id,
            kind__in=LETTER_EVENT_KINDS,
            date__range=(since, ctx.as_of),
            person__is_active=True,
            person__deleted_at__isnull=True,
        )
        .filter(Q(to_unit__kind=UnitKind.INTERNAL) | Q(to_unit__isnull=True, person__unit__kind=UnitKind.INTERNAL))
        .select_related("person")
    )
    signed: dict[int, list[dt.date]] = defaultdict(list)
    rows = ResponsibilityLetter.objects.filter(
        organ_id=ctx.organ_id, signer_id__in={e.person_id for e in events}, signed_on__gte=since
    ).values_list("signer_id", "signed_on")
    for person_id, day in rows:
        signed[person_id].append(day)
    secretaries = _secretary_spans(ctx.organ_id)
    for event in events:
        is_secretary = any(
            pid == event.person_id and start <= event.date and (end is None or end >= event.date)
            for pid, start, end in secretaries
        )
        if is_secretary:  # the secretary signs with the higher Party organisation, not in this organ
            continue
        yield Subject(
            type="org.personnelevent",
            id=str(event.pk),
            label=f"{event.person.name}{event.get_kind_display()}（{event.date:%Y-%m-%d}）",
            period=event.date.isoformat(),
            link=f"/duty/letters/?year={event.date.year}",
            unit_id=event.to_unit_id or event.person.unit_id,
            person_id=event.person_id,
            data={"event_date": event.date, "signed": sorted(d for d in signed[event.person_id] if d >= event.date)},
        )


@rule(
    code="DUTY-004",
    title="人事变动后按期补签责任书",
    basis=LETTER_BASIS + "（新任职、调入、转岗人员补签责任书的时限为地方惯例）",
    category=CATEGORY,
    subjects="任职、提拔、转岗、调入的人事变动",
    severity_policy="变动后N个工作日内未签订为红色（逾期补签仍为红色，由机关党委审核后豁免）；期限内尚未签订为黄色",
    params=[
        Param("sign_working_days", "变动后签订期限", unit="个工作日", minimum=1, maximum=60),
        Param("look_back_days", "检查最近多少天内的变动", unit="天", minimum=30, maximum=730),
    ],
    collect=collect_event_letters,
)
def event_letter(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    event_date: dt.date = subject.data["event_date"]
    due = workdays.add_working_days(event_date, p.sign_working_days)
    signed: list[dt.date] = subject.data["signed"]
    if signed and signed[0] <= due:
        return None
    if signed:
        return Verdict(
            Severity.RED,
            f"{subject.label}后于{signed[0]:%Y年%m月%d日}签订责任书，超过{p.sign_working_days}个工作日期限"
            f"（{due:%Y年%m月%d日}）",
            due,
        )
    if ctx.as_of > due:
        return Verdict(
            Severity.RED,
            f"{subject.label}后已超过{p.sign_working_days}个工作日（{due:%Y年%m月%d日}），仍未签订责任书",
            due,
        )
    return Verdict(Severity.YELLOW, f"{subject.label}后应于{due:%Y年%m月%d日}前签订责任书", due)
