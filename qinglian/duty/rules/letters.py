"""党风廉政建设责任书: every one on the roster signs the year's letter by a configured date (DUTY-003); whoever
takes up a post or joins the organ signs within N working days of the personnel event (DUTY-004).

A check for a past day reads the roster of that day (org.selectors.people_on, through selectors.people.roster_on:
who was in the organ and in which unit, personnel events counted by their own dates) and counts only letters
signed and events dated on or before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import workdays
from qinglian.duty.choices import LetterLevel
from qinglian.duty.rules.common import CATEGORY, MAIN_BASIS, WARN, annual_due, by_deadline, look_back_years
from qinglian.duty.selectors.letters import (
    annual_letters_signed,
    expected_letters,
    letter_events,
    letters_signed_between,
)
from qinglian.duty.selectors.people import roster_on
from qinglian.org.choices import UnitKind
from qinglian.org.models import LeadingGroupMember, Person, Unit
from qinglian.org.selectors import people_on

LETTER_BASIS = f"{MAIN_BASIS}（层层传导压力、落实一岗双责）；本机关党风廉政建设责任书签订要求"
_LEVEL_LABEL = dict(LetterLevel.choices)


# --- DUTY-003 -----------------------------------------------------------------------------------


def collect_annual_letters(ctx: Context) -> Iterator[Subject]:
    """Person × year from the roster (selectors.letters.expected_letters) of the day checked, or of the year's
    end for a past year — of those still in the organ on the day checked: someone who has left by then is no
    longer asked for an old year's letter (as before; a check for an earlier day, when they were still there,
    does ask).

    Only the year's own letter counts (a 补签 for a personnel event does not stand in for it); someone who
    came into the organ after the year's signing date is left to DUTY-004."""
    p = ctx.params
    first_year = ctx.as_of.year - p.look_back + 1
    signed = annual_letters_signed(ctx.organ_id, first_year, ctx.as_of)
    names = dict(Person.all_objects.filter(organ_id=ctx.organ_id).values_list("pk", "name"))
    units = dict(Unit.all_objects.filter(organ_id=ctx.organ_id).values_list("pk", "name"))
    present = people_on(ctx.organ_id, ctx.as_of)
    for year in range(first_year, ctx.as_of.year + 1):
        due = annual_due(year, p.due_month, p.due_day)
        day = min(ctx.as_of, dt.date(year, 12, 31))
        then = present if day == ctx.as_of else people_on(ctx.organ_id, day)
        staying = {pk: person.unit_id for pk, person in then.items() if pk in present}
        for expected in expected_letters(ctx.organ_id, year, day, roster=staying):
            arrived = present[expected.signer_id].arrived_on
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
        Param("due_day", "签订截止日", unit="日", minimum=1, maximum=31, help="遇休息日顺延至下一个工作日"),
        WARN,
        look_back_years(),
    ],
    collect=collect_annual_letters,
    short="年度责任书未签订",
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
    """Personnel events (任职、提拔、转岗、调入) in the look-back window of people in the organ on the day checked
    whose new (or, staying put, present) unit is internal, each with the dates of that person's letters signed
    from the event up to the day."""
    since = ctx.as_of - dt.timedelta(days=ctx.params.look_back_days)
    roster = roster_on(ctx.organ_id, ctx.as_of)
    internal = set(Unit.all_objects.filter(organ_id=ctx.organ_id, kind=UnitKind.INTERNAL).values_list("pk", flat=True))
    events = [
        e
        for e in letter_events(ctx.organ_id, since, ctx.as_of)
        if e.person_id in roster and (e.to_unit_id or roster[e.person_id]) in internal
    ]
    signed = letters_signed_between(ctx.organ_id, {e.person_id for e in events}, since, ctx.as_of)
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
            unit_id=event.to_unit_id or roster[event.person_id],
            person_id=event.person_id,
            data={"event_date": event.date, "signed": [d for d in signed[event.person_id] if d >= event.date]},
        )


SIGN = Param("sign_working_days", "变动后签订期限", unit="个工作日", minimum=1, maximum=60, period="working_days")


@rule(
    code="DUTY-004",
    title="人事变动后按期补签责任书",
    basis=LETTER_BASIS + "（新任职、调入、转岗人员补签责任书的时限为地方惯例）",
    category=CATEGORY,
    subjects="任职、提拔、转岗、调入的人事变动",
    severity_policy="变动后N个工作日内未签订为红色；逾期补签为红色并作为违规记录在案；期限内尚未签订为黄色",
    params=[
        SIGN,
        Param("look_back_days", "检查最近多少天内的变动", unit="天", minimum=30, maximum=730),
    ],
    collect=collect_event_letters,
    short="人事变动后补签责任书",
)
def event_letter(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    event_date: dt.date = subject.data["event_date"]
    due = workdays.after(event_date, p.sign_working_days, SIGN.period)
    signed: list[dt.date] = subject.data["signed"]
    if signed and signed[0] <= due:
        return None
    if signed:
        return Verdict(
            Severity.RED,
            f"{subject.label}后于{signed[0]:%Y年%m月%d日}签订责任书，超过{p.sign_working_days}个工作日期限"
            f"（{due:%Y年%m月%d日}）",
            due,
            recorded=True,  # signed, late: nothing left to do but keep the fact
        )
    if ctx.as_of > due:
        return Verdict(
            Severity.RED,
            f"{subject.label}后已超过{p.sign_working_days}个工作日（{due:%Y年%m月%d日}），仍未签订责任书",
            due,
        )
    return Verdict(Severity.YELLOW, f"{subject.label}后应于{due:%Y年%m月%d日}前签订责任书", due)
