"""Rules on 个人有关事项报告 (INT-020…023): the yearly report by 31 January, change reports within 30 days, a check
before every promotion (凡提必核) and the yearly random draw with its checks done.

True on any date: a report dated after the day checked had not been filed; rows soft-deleted later still stood; who
had to report is read from the organ as it stood (selectors.personal.obliged_people, through core.asof); every
deadline goes through core.workdays. The findings' reasons say a status and nothing of a report (no receipt number,
no matter, no event date): findings are read by more people than the reports' circle. Every finding goes to the
personnel officer (the unit and person of the organ's Role.PERSONNEL_OFFICER), else to the default keeper.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from qinglian.compliance.choices import Severity
from qinglian.compliance.owners import party_office
from qinglian.compliance.registry import DAYS_LEFT, OVERDUE_DAYS, Context, Owner, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.integrity.choices import CheckReason, ReportKind
from qinglian.integrity.models import PersonalReport, SpotCheck, SpotCheckDraw
from qinglian.integrity.querysets import PERSONAL_MATTERS_READERS
from qinglian.integrity.selectors import personal as selectors
from qinglian.integrity.services.personal import draw_count

CATEGORY = "个人有关事项报告"
RULES_2017 = "《领导干部报告个人有关事项规定》（中办、国办2017年）"
LINK = "/integrity/personal/"


# The findings name a person and a report's status: only the reports' own circle reads them (decision 0014).
CIRCLE = PERSONAL_MATTERS_READERS


def keeper(organ_id: int) -> Owner:
    """The personnel officer's unit and person; without one, the party-affairs office (the default keeper)."""
    unit_id, person_id = selectors.personnel_keeper(organ_id)
    return Owner(unit_id, person_id) if unit_id is not None else party_office(organ_id)


LOOK_BACK = Param("look_back_years", "检查最近几个年度", unit="年", minimum=1, maximum=5, help="2 = 本年度和上一年度")
WARN = Param("warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=60, period="working_days")
DUE_MONTH = Param("due_month", "截止月份", unit="月", minimum=1, maximum=12)
DUE_DAY = Param("due_day", "截止日", unit="日", minimum=1, maximum=31, help="超过该月天数的按月末计；遇休息日顺延")


def _years(as_of: dt.date, look_back: int) -> list[int]:
    return list(range(as_of.year - look_back + 1, as_of.year + 1))


def _subject(type_: str, id_: int, label: str, period: str, data: dict) -> Subject:
    return Subject(type=type_, id=str(id_), label=label, period=period, link=LINK, data=data)


# --- INT-020 年度集中报告 -----------------------------------------------------------------------------------------


def collect_annual(ctx: Context) -> Iterator[Subject]:
    """Each person obliged to report (on the year's due date, or on the day checked before it) × each year of the
    window, with the day their annual report was filed (if by the day checked)."""
    p = ctx.params
    for year in _years(ctx.as_of, p.look_back_years):
        due = selectors.annual_due(year, p.due_month, p.due_day)
        people = selectors.obliged_people(ctx.organ_id, min(due, ctx.as_of), min_rank=p.min_rank)
        filed = dict(
            PersonalReport.all_objects.filter(
                asof.live_on(ctx.as_of), organ_id=ctx.organ_id, kind=ReportKind.ANNUAL, year=year
            )
            .filter(submitted_on__lte=ctx.as_of)
            .values_list("person_id", "submitted_on")
        )
        for person in people:
            label = f"{person.name} {year}年度个人有关事项集中报告"
            yield _subject("org.person", person.id, label, str(year), {"due": due, "filed": filed.get(person.id)})


@rule(
    code="INT-020",
    readers=CIRCLE,
    title="领导干部每年1月31日前报告个人有关事项",
    basis=f"{RULES_2017}：领导干部应当于每年1月31日前集中报告一次上一年度本规定所列事项（条号未核实）",
    category=CATEGORY,
    subjects="应报告人员（副处级以上及增列人员）× 年度",
    severity_policy="逾期报送为红色（违规记录）；到期未报送为红色；到期前N个工作日未报送为黄色",
    params=[
        DUE_MONTH,
        DUE_DAY,
        Param("min_rank", "报告对象最低职级", kind="str", help="bureau_deputy = 副处级（含三级、四级调研员）"),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_annual,
    short="个人事项未按时报告",
    keeper=keeper,
)
def annual_report(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due, filed = subject.data["due"], subject.data["filed"]
    if filed is not None:
        if filed <= due:
            return None
        return Verdict(Severity.RED, f"{subject.label}：逾期报送", due, recorded=True)
    if ctx.as_of > due:
        return Verdict(Severity.RED, f"{subject.label}：未报送，已逾期{OVERDUE_DAYS}", due)
    if workdays.working_days_between(ctx.as_of, due) <= p.warn_working_days:
        return Verdict(Severity.YELLOW, f"{subject.label}：尚未报送，距截止还有{DAYS_LEFT}", due)
    return None


# --- INT-021 变化事项报告 -----------------------------------------------------------------------------------------


def collect_changes(ctx: Context) -> Iterator[Subject]:
    """Each change report filed by the day checked whose event falls in the window."""
    years = _years(ctx.as_of, ctx.params.look_back_years)
    rows = (
        PersonalReport.all_objects.filter(asof.live_on(ctx.as_of), organ_id=ctx.organ_id, kind=ReportKind.CHANGE)
        .filter(submitted_on__lte=ctx.as_of, event_date__year__gte=years[0])
        .select_related("person")
        .order_by("event_date", "pk")
    )
    for report in rows:
        label = f"{report.person.name} 个人有关事项变化报告"
        data = {"event_date": report.event_date, "submitted_on": report.submitted_on}
        yield _subject("integrity.personalreport", report.pk, label, str(report.year), data)


@rule(
    code="INT-021",
    readers=CIRCLE,
    title="个人有关事项发生变化的，30日内报告",
    basis=f"{RULES_2017}：本人婚姻变化、因私出国（境）等事项应当在事后30日内报告（条号未核实）",
    category=CATEGORY,
    subjects="变化事项报告",
    severity_policy="事项发生后超过规定日数才报告的为红色（违规记录）",
    params=[
        Param("report_days", "报告期限（日历日）", unit="日", minimum=1, maximum=180, period="days"),
        LOOK_BACK,
    ],
    collect=collect_changes,
    short="变化事项逾期报告",
    keeper=keeper,
)
def change_report(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due = workdays.after(subject.data["event_date"], p.report_days, "days")
    if subject.data["submitted_on"] <= due:
        return None
    return Verdict(Severity.RED, f"{subject.label}：未在{p.report_days}日内报告（逾期报送）", due, recorded=True)


# --- INT-022 凡提必核 -------------------------------------------------------------------------------------------


def collect_promotions(ctx: Context) -> Iterator[Subject]:
    """Each promotion (提拔) dated in the window by the day checked, with whether a promotion check of that person
    was done (outcome recorded, checked on or before the promotion)."""
    years = _years(ctx.as_of, ctx.params.look_back_years)
    events = selectors.promotion_events(ctx.organ_id, since=dt.date(years[0], 1, 1), until=ctx.as_of)
    checks = SpotCheck.all_objects.filter(
        asof.live_on(ctx.as_of), organ_id=ctx.organ_id, reason=CheckReason.PROMOTION, checked_on__lte=ctx.as_of
    ).exclude(outcome="")
    done: dict[int, list[tuple[int | None, dt.date]]] = {}
    for person_id, event_id, checked_on in checks.values_list("person_id", "event_id", "checked_on"):
        done.setdefault(person_id, []).append((event_id, checked_on))
    for event in events:
        checked = any(
            (event_id in (None, event.pk)) and checked_on <= event.date
            for event_id, checked_on in done.get(event.person_id, [])
        )
        label = f"{event.person.name} {event.date:%Y-%m-%d}提拔"
        yield _subject(
            "org.personnelevent", event.pk, label, str(event.date.year), {"checked": checked, "date": event.date}
        )


@rule(
    code="INT-022",
    readers=CIRCLE,
    title="拟提拔人选个人有关事项报告凡提必核",
    basis="《党政领导干部选拔任用工作条例》（2019年）“个人有关事项报告凡提必核”（条号未核实）；中组部2015年起“凡提必核”的要求",
    category=CATEGORY,
    subjects="提拔（人事变动）",
    severity_policy="提拔前未完成查核并记录结果的为红色（违规记录）",
    params=[LOOK_BACK],
    collect=collect_promotions,
    short="提拔未经个人事项查核",
    keeper=keeper,
)
def promotion_checked(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    if subject.data["checked"]:
        return None
    return Verdict(
        Severity.RED, f"{subject.label}：提拔前未完成个人有关事项报告查核", subject.data["date"], recorded=True
    )


# --- INT-023 年度随机抽查 ---------------------------------------------------------------------------------------


def collect_draws(ctx: Context) -> Iterator[Subject]:
    """Each year of the window: its draw as recorded by the day checked (population size, drawn count) and how
    many of its checks have an outcome by then; years with no draw and no annual report are not judged."""
    p = ctx.params
    for year in _years(ctx.as_of, p.look_back_years):
        due = selectors.annual_due(year, p.due_month, p.due_day)
        draw = (
            SpotCheckDraw.all_objects.filter(asof.live_on(ctx.as_of), organ_id=ctx.organ_id, year=year)
            .filter(drawn_on__lte=ctx.as_of)
            .first()
        )
        data: dict = {"due": due, "draw": None}
        if draw is None:
            reports = PersonalReport.all_objects.filter(
                asof.live_on(ctx.as_of), organ_id=ctx.organ_id, kind=ReportKind.ANNUAL, year=year
            ).filter(submitted_on__lte=ctx.as_of)
            if not reports.exists():
                continue
        else:
            checks = SpotCheck.all_objects.filter(asof.live_on(ctx.as_of), draw=draw)
            by_due = min(due, ctx.as_of)
            done = checks.filter(checked_on__lte=by_due).exclude(outcome="").count()
            data.update(draw=draw.pk, population=len(draw.population), drawn=len(draw.drawn), done=done)
            data["checks"] = checks.count()
        yield Subject(
            type="integrity.spotcheckdraw" if draw else "org.organ",
            id=str(draw.pk if draw else ctx.organ_id),
            label=f"{year}年度个人有关事项随机抽查",
            period=str(year),
            link=LINK,
            data=data,
        )


@rule(
    code="INT-023",
    readers=CIRCLE,
    title="领导干部个人有关事项报告年度随机抽查",
    basis=(
        f"{RULES_2017}：组织（人事）部门对报告进行抽查核实（条号未核实）；中组部2014年12月通知：随机抽查比例提高到10%，"
        "各省、市可另定比例（本系统默认年内完成抽查核实）"
    ),
    category=CATEGORY,
    subjects="年度",
    severity_policy="年度结束未抽取、抽查人数不足或核实未完成的为红色；到期前N个工作日未完成的为黄色",
    params=[
        Param("ratio", "抽查比例", kind="decimal", minimum=0.01, maximum=1, help="0.10 = 10%"),
        DUE_MONTH,
        DUE_DAY,
        WARN,
        LOOK_BACK,
    ],
    collect=collect_draws,
    short="个人事项抽查未完成",
    keeper=keeper,
)
def yearly_draw(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    due = d["due"]
    over = ctx.as_of > due
    soon = not over and workdays.working_days_between(ctx.as_of, due) <= p.warn_working_days
    if d["draw"] is None:
        if over:
            return Verdict(Severity.RED, f"{subject.label}：未抽取", due, recorded=True)
        if soon:
            return Verdict(Severity.YELLOW, f"{subject.label}：尚未抽取，请于{due:%Y-%m-%d}前完成", due)
        return None
    need = draw_count(Decimal(p.ratio), d["population"])
    if d["drawn"] < need:
        return Verdict(Severity.RED, f"{subject.label}：抽查{d['drawn']}人，按比例应不少于{need}人", due, recorded=True)
    left = d["checks"] - d["done"]
    if left <= 0:
        return None
    if over:
        return Verdict(Severity.RED, f"{subject.label}：{left}人核实未在期限内完成", due, recorded=True)
    if soon:
        return Verdict(Severity.YELLOW, f"{subject.label}：{left}人尚未完成核实，请于{due:%Y-%m-%d}前完成", due)
    return None
