"""The demo organ's 个人有关事项报告 of the last two years, written through the services on the replayed clock:

- every person obliged on each year's due date (副处级 and above, and the two people the organ lists: the heads of
  finance and of the office's personnel section) files the annual report in January — leaders and heads with a
  login file their own, the personnel officer (renshi) records the rest — and renshi receives it a few working days
  later with a receipt number; each carries a small generated scan (a PDF saying only who and when: never content);
- a few change reports (trips abroad, a marriage) within the 30 days;
- last year's draw (seeded, recorded) with every check done by December, one 不一致 handled by 批评教育; this year's
  draw in March with its checks partly outstanding (within the year-end deadline);
- a 凡提必核 check before each promotion of the two years.

Planted gaps (a demo test asserts these and nothing else): one annual report filed late this year, one obliged
person with no report this year (red once 31 January has passed), one change report filed late, one promotion
without a check.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import moment
from qinglian.core.demo_files import pdf_document
from qinglian.evidence.demo import DemoFile, attach
from qinglian.integrity.choices import ChangeKind, CheckOutcome, ReportKind
from qinglian.integrity.models import ExtraReporter, PersonalReport, SpotCheck
from qinglian.integrity.permissions import can_file_own_report
from qinglian.integrity.selectors import personal as selectors
from qinglian.integrity.services import personal as services
from qinglian.org.choices import PersonnelEventKind, Rank, UnitKind
from qinglian.org.models import Person, PersonnelEvent, User

EXTRA_RANKS = (Rank.SECTION_CHIEF, Rank.CLERK_1, Rank.CLERK_2)
CHANGES = (
    (ChangeKind.ABROAD, 12),
    (ChangeKind.ABROAD, 25),
    (ChangeKind.MARRIAGE, 20),
)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "integrity.personal")
    organ = ctx.organ
    users = {u.username: u for u in User.objects.filter(organ=organ).select_related("person")}
    renshi = users.get("renshi")
    if renshi is None:
        return
    own_logins = {u.person_id: u for u in users.values() if u.person_id}
    today = ctx.today
    years = [today.year - 1, today.year]
    files: list[DemoFile] = []
    _extra_reporters(rng, organ, renshi, today)
    dues = {year: selectors.report_due(organ.pk, year) for year in years}
    obliged = {year: selectors.obliged_people(organ.pk, min(dues[year], today)) for year in years}
    current = [o for o in obliged[today.year] if o.id != renshi.person_id and o.id not in own_logins]
    late_id, missing_id = (p.id for p in rng.sample(current, 2))
    receipts = 0
    for year in years:
        if dues[year] > today:
            continue
        for person in obliged[year]:
            if year == today.year and person.id == missing_id:
                continue
            day = _filing_day(rng, year, dues[year], late=year == today.year and person.id == late_id)
            writer = own_logins.get(person.id)
            if writer is None or not can_file_own_report(writer, person.id):
                writer = renshi
            with clock.replaying(moment(day, rng.randint(9, 17))):
                report = services.report_record(
                    person=Person.objects.select_related("unit").get(pk=person.id),
                    kind=ReportKind.ANNUAL,
                    year=year,
                    submitted_on=day,
                    managed_here=person.rank not in (Rank.DEPARTMENT_CHIEF, Rank.DEPARTMENT_DEPUTY),
                    by=writer,
                )
            files.append(_scan(rng, report, person.name, writer, day))
            received = workdays.add_working_days(day, rng.randint(1, 3))
            if person.id == renshi.person_id or received > today or (year == today.year and rng.random() < 0.05):
                continue
            receipts += 1
            with clock.replaying(moment(received, rng.randint(9, 17))):
                services.report_receive(
                    report=report, received_on=received, receipt_no=f"{year}-GRSX-{receipts:03d}", by=renshi
                )
    _change_reports(rng, organ, renshi, own_logins, obliged[today.year], today, files)
    _draws(rng, renshi, years, today)
    _promotion_checks(rng, organ, renshi, today)
    attach(files)
    reports, checks = PersonalReport.objects.filter(organ=organ), SpotCheck.objects.filter(organ=organ)
    ctx.say(f"个人有关事项报告 {reports.count()} 份，抽查核实 {checks.count()} 人次")


def _filing_day(rng: random.Random, year: int, due: dt.date, *, late: bool) -> dt.date:
    if late:
        return workdays.add_working_days(due, 5)
    start = workdays.roll_forward(dt.date(year, 1, 5))
    span = max(workdays.working_days_between(start, due) - 1, 0)
    return workdays.add_working_days(start, rng.randint(0, span)) if span else start


def _scan(rng: random.Random, report: PersonalReport, name: str, by: Any, day: dt.date) -> DemoFile:
    title = "领导干部个人有关事项报告表" if report.kind == ReportKind.ANNUAL else "领导干部个人有关事项变化情况报告"
    data = pdf_document(
        title,
        ["（演示扫描件：仅示意报告已签字报送，不含任何个人有关事项内容。）"],
        meta=[("报告人", name), ("报告年份", str(report.year)), ("报告日期", f"{day:%Y年%m月%d日}")],
        created=moment(day, 10),
        rng=rng,
    )
    return DemoFile(report, f"{name}{report.year}年个人有关事项报告.pdf", data, by, moment(day, 11))


def _extra_reporters(rng: random.Random, organ: Any, renshi: Any, today: dt.date) -> None:
    """The head of finance and one of the personnel section: 科级 posts the organ lists as reporting."""
    start = dt.date(today.year - 2, 12, 1)
    office = (
        Person.objects.filter(organ=organ, is_active=True, unit__kind=UnitKind.INTERNAL, rank__in=EXTRA_RANKS)
        .exclude(pk=renshi.person_id)
        .order_by("unit__order", "pk")
    )
    chosen = list(office[:2])
    for person, reason in zip(chosen, ("掌握资金审批权限（计划财务）", "从事干部人事工作"), strict=False):
        with clock.replaying(moment(start, 10)):
            services.extra_reporter_save(row=ExtraReporter(person=person, reason=reason, start=start), by=renshi)


def _change_reports(rng, organ, renshi, own_logins, obliged, today, files) -> None:
    people = [o for o in obliged if o.id != renshi.person_id]
    chosen = rng.sample(people, len(CHANGES) + 1)
    for index, person in enumerate(chosen):
        kind, lag = CHANGES[index] if index < len(CHANGES) else (ChangeKind.ABROAD, 45)  # the last one late
        event = today - dt.timedelta(days=rng.randint(60, 500))
        day = event + dt.timedelta(days=lag)
        if lag <= 30:
            day = min(day, workdays.after(event, 30, "days"))
        writer = own_logins.get(person.id)
        if writer is None or not can_file_own_report(writer, person.id):
            writer = renshi
        with clock.replaying(moment(day, 15)):
            report = services.report_record(
                person=Person.objects.select_related("unit").get(pk=person.id),
                kind=ReportKind.CHANGE,
                change_kind=kind,
                event_date=event,
                submitted_on=day,
                by=writer,
            )
        files.append(_scan(rng, report, person.name, writer, day))
        received = workdays.add_working_days(day, 2)
        with clock.replaying(moment(received, 10)):
            services.report_receive(report=report, received_on=received, receipt_no="", by=renshi)


def _draws(rng: random.Random, renshi: Any, years: list[int], today: dt.date) -> None:
    for year in years:
        drawn_on = workdays.roll_forward(dt.date(year, 3, 16))
        if drawn_on > today:
            continue
        with clock.replaying(moment(drawn_on, 10)):
            population = services.draw_population(renshi.organ_id, year)
            ratio = selectors.params_in_force(renshi.organ_id, "INT-023", drawn_on).ratio
            count = services.draw_count(ratio, len(population))
            seed = _seed(rng)
            while renshi.person_id in services.draw_people(population, seed, count):
                seed = _seed(rng)  # the personnel officer never checks their own report
            draw = services.draw_year(year=year, by=renshi, seed=seed)
        checks = list(SpotCheck.objects.filter(draw=draw).order_by("pk"))
        this_year = year == today.year
        for index, check in enumerate(checks):
            if this_year and index % 2 == 1:
                continue  # still under way, well before the year-end deadline
            done = workdays.add_working_days(drawn_on, rng.randint(20, 120))
            done = min(done, today, dt.date(year, 12, 20))
            inconsistent = not this_year and index == 0
            with clock.replaying(moment(done, 16)):
                services.check_outcome_record(
                    check=check,
                    outcome=CheckOutcome.INCONSISTENT if inconsistent else CheckOutcome.CONSISTENT,
                    checked_on=done,
                    handling="漏报本人持有的一笔基金，情节较轻，予以批评教育并责令补报" if inconsistent else "",
                    by=renshi,
                )


def _seed(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _promotion_checks(rng: random.Random, organ: Any, renshi: Any, today: dt.date) -> None:
    events = list(
        PersonnelEvent.objects.filter(
            organ=organ, kind=PersonnelEventKind.PROMOTION, date__gte=dt.date(today.year - 1, 1, 1), date__lte=today
        ).order_by("date", "pk")
    )
    if not events:
        return
    own = [e for e in events if e.person_id == renshi.person_id]
    gap = own[0] if own else events[len(events) // 2]
    for event in events:
        if event.pk == gap.pk or event.person_id == renshi.person_id:
            continue
        done = workdays.add_working_days(event.date, -rng.randint(5, 15))
        with clock.replaying(moment(done, 9)):
            check = services.promotion_check_add(event=event, by=renshi)
            services.check_outcome_record(check=check, outcome=CheckOutcome.CONSISTENT, checked_on=done, by=renshi)
