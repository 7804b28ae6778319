"""The draft of a person's record summary (廉政情况摘要) for an opinion request, written from the 廉政 ledgers for
the stationed group to edit.

`draft_summary` reads the ledgers of the organ without a user: it is called by the services for a request the caller
may already see, and writes what the stationed group, the personnel officer and the leaders who see the request may
read — statuses, dates and counts, never the content of a personal-matters report or of a letter of inquiry.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from typing import Any

from django.db.models import Q

from qinglian.compliance.choices import COUNTED_STATUSES, FindingStatus, Severity
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES
from qinglian.core import workdays
from qinglian.core.word.gbt9704 import cn_date
from qinglian.integrity.choices import CheckOutcome, ReportKind
from qinglian.integrity.models import (
    Gift,
    InquiryLetter,
    IntegrityTalk,
    PersonalReport,
    RectificationMeasure,
    RectificationProblem,
    SpotCheck,
)
from qinglian.integrity.selectors.opinions import rules_values
from qinglian.org.models import Person

# How many years a summary looks back. Practice in 党风廉政意见回复 is "近三年" (the group reports on the last three
# years' record); it is a constant of the text, not a rule parameter, because no rule is judged by it.
SUMMARY_YEARS = 3
# The inquiry letters' 15 working days (INT-051, 《纪律检查机关监督执纪工作规则》) when no parameter set is in force.
DEFAULT_INQUIRY_WORKING_DAYS = 15
# The 八项规定 rules' codes (the frugality app's; read here from the findings, never from that app).
FRUGALITY_PREFIX = "FRG-"


# --- the draft summary ---------------------------------------------------------------------------------------


def _calendar() -> workdays.WorkCalendar:
    """The working-day calendar, read once per summary (draft_summary holds it), so dates of many rows cost no
    query each."""
    return _SUMMARY_CALENDAR.get() or workdays.current()


_SUMMARY_CALENDAR: ContextVar[workdays.WorkCalendar | None] = ContextVar("summary_calendar", default=None)


def _years_back(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _talks(person: Person, organ_id: int, since: dt.date, as_of: dt.date) -> str:
    attended = Q(attendance__person=person, attendance__present=True)
    talks = list(
        IntegrityTalk.objects.filter(organ_id=organ_id, deleted_at__isnull=True, date__gte=since, date__lte=as_of)
        .filter(Q(subject=person) | attended)
        .distinct()
        .order_by("date", "id")
        .values_list("date", "kind", "topic")
    )
    if not talks:
        return "廉政谈话：近三年无廉政谈话记录。"
    from qinglian.integrity.choices import IntegrityTalkKind

    parts = [
        f"{cn_date(day)}{IntegrityTalkKind(kind).label}" + (f"（{topic}）" if topic else "")
        for day, kind, topic in talks
    ]
    return f"廉政谈话：近三年接受廉政谈话{len(talks)}次：" + "；".join(parts) + "。"


def _annual_due(year: int, params: Any) -> dt.date:
    """The yearly report's last day (INT-020: 31 January unless the organ set otherwise), rolled to the next working
    day when it is a rest day."""
    month, day = (params.due_month, params.due_day) if params is not None else (1, 31)
    return _calendar().roll_forward(dt.date(year, month, day))


def _reports(person: Person, organ_id: int, since: dt.date, as_of: dt.date, params: Any) -> str:
    reports = list(
        PersonalReport.objects.filter(
            organ_id=organ_id, person=person, deleted_at__isnull=True, submitted_on__lte=as_of, year__gte=since.year
        ).values_list("kind", "year", "submitted_on")
    )
    checks = list(
        SpotCheck.objects.filter(organ_id=organ_id, person=person, deleted_at__isnull=True, year__gte=since.year)
        .order_by("year", "id")
        .values_list("year", "reason", "checked_on", "outcome", "handling")
    )
    annual = sorted((year, submitted) for kind, year, submitted in reports if kind == ReportKind.ANNUAL)
    changes = sum(1 for kind, _, _ in reports if kind == ReportKind.CHANGE)
    if annual:
        parts = []
        for year, submitted in annual:
            timing = "按期" if submitted <= _annual_due(year, params) else "逾期"
            parts.append(f"{year}年度集中报告{cn_date(submitted)}{timing}报告")
        text = "个人有关事项报告：" + "；".join(parts)
    else:
        text = "个人有关事项报告：近三年无年度集中报告记录（非报告对象的不需报告）"
    if changes:
        text += f"；变化事项报告{changes}次"
    text += "。"
    from qinglian.integrity.choices import CheckReason

    check_parts = []
    for year, reason, checked_on, outcome, handling in checks:
        label = f"{year}年{CheckReason(reason).label}"
        known = checked_on is not None and checked_on <= as_of
        if not known or not outcome:
            check_parts.append(f"{label}，核实中")
        elif outcome == CheckOutcome.INCONSISTENT:
            check_parts.append(f"{label}，结果不一致，处理：{handling or '未登记'}")
        else:
            check_parts.append(f"{label}，结果一致")
    text += ("抽查核实：" + "；".join(check_parts) + "。") if check_parts else "近三年未被抽查核实。"
    return text


def _finding_rows(person: Person, organ_id: int, since: dt.date, as_of: dt.date) -> list[tuple[Any, ...]]:
    """The findings about the person first found in the window, in one query for two lines: every red one (问题预警)
    and the 八项规定 ones open or recorded (八项规定执行情况)."""
    frugality = Q(rule_code__startswith=FRUGALITY_PREFIX, status__in=COUNTED_STATUSES)
    return list(
        Finding.objects.filter(
            organ_id=organ_id,
            responsible_person=person,
            first_found_at__date__gte=since,
            first_found_at__date__lte=as_of,
        )
        .filter(Q(severity=Severity.RED) | frugality)
        .order_by("first_found_at", "id")
        .values_list("rule_code", "first_found_at", "status", "severity", "period")
    )


def _short_title(code: str) -> str:
    rule = RULES.get(code)
    return rule.short_title if rule is not None else code


def _findings(rows: list[tuple[Any, ...]]) -> str:
    red = [(code, found_at, status) for code, found_at, status, severity, _ in rows if severity == Severity.RED]
    if not red:
        return "问题预警：近三年无涉及本人的红色预警。"
    parts = [
        f"{found_at:%Y年%-m月}{_short_title(code)}（{code}，{FindingStatus(status).label}）"
        for code, found_at, status in red
    ]
    return f"问题预警：近三年涉及本人的红色预警{len(red)}条：" + "；".join(parts) + "。"


def _frugality(rows: list[tuple[Any, ...]]) -> str:
    """八项规定执行情况: the FRG findings the person answers for — open or recorded, not waived or closed as wrong."""
    found = [
        (code, status, period)
        for code, _, status, _, period in rows
        if code.startswith(FRUGALITY_PREFIX) and status in COUNTED_STATUSES
    ]
    if not found:
        return "八项规定执行情况：近三年无违反八项规定精神问题记录。"
    parts = []
    for code, status, period in found:
        when = f"{period}年度，" if period.isdigit() else (f"{period}，" if period else "")
        parts.append(f"{_short_title(code)}（{when}{FindingStatus(status).label}）")
    return f"八项规定执行情况：近三年有{len(found)}条问题记录：" + "；".join(parts) + "。"


def _rectification(person: Person, organ_id: int, as_of: dt.date) -> str:
    problems = list(
        RectificationProblem.objects.filter(organ_id=organ_id, owner=person, deleted_at__isnull=True).values_list(
            "status", "closed_on"
        )
    )
    measures = list(
        RectificationMeasure.objects.filter(organ_id=organ_id, owner=person, deleted_at__isnull=True).values_list(
            "deadline", "completed_on"
        )
    )
    if not problems and not measures:
        return "整改事项：本人无作为责任人的整改问题或措施。"
    open_problems = sum(1 for _, closed_on in problems if closed_on is None or closed_on > as_of)
    open_measures = [d for d, done in measures if done is None or done > as_of]
    last_in_time = _calendar().previous_working_day(as_of)  # workdays.is_overdue, on the calendar read once
    overdue = sum(1 for deadline in open_measures if deadline <= last_in_time)
    late = sum(1 for deadline, done in measures if done is not None and done <= as_of and done > deadline)
    text = (
        f"整改事项：本人为责任人的整改问题{len(problems)}个（未销号{open_problems}个），"
        f"整改措施{len(measures)}项（未完成{len(open_measures)}项，其中逾期{overdue}项"
    )
    text += f"；逾期完成{late}项）。" if late else "）。"
    return text


def _gifts(person: Person, organ_id: int, since: dt.date, as_of: dt.date) -> str:
    gifts = list(
        Gift.objects.filter(
            organ_id=organ_id, person=person, deleted_at__isnull=True, received_on__gte=since, received_on__lte=as_of
        ).values_list("handed_in_on", "handling")
    )
    if not gifts:
        return "礼品登记：近三年无礼品登记。"
    pending = sum(
        1 for handed_in_on, handling in gifts if not handling and (handed_in_on is None or handed_in_on > as_of)
    )
    tail = "均已按规定上交或处理" if not pending else f"{pending}件尚未上交或处理"
    return f"礼品登记：近三年登记收受礼品{len(gifts)}件，{tail}。"


def _inquiries(person: Person, organ_id: int, since: dt.date, as_of: dt.date, params: Any) -> str:
    letters = list(
        InquiryLetter.objects.filter(
            organ_id=organ_id, subject=person, deleted_at__isnull=True, received_on__gte=since, received_on__lte=as_of
        ).values_list("received_on", "replied_on")
    )
    if not letters:
        return "谈话函询：近三年未收到函询。"
    days = getattr(params, "reply_working_days", None) or DEFAULT_INQUIRY_WORKING_DAYS
    open_count = sum(1 for _, replied in letters if replied is None or replied > as_of)
    late = sum(
        1
        for received, replied in letters
        if replied is not None and replied <= as_of and replied > _calendar().add_working_days(received, days)
    )
    if not open_count and not late:
        return f"谈话函询：收到函询{len(letters)}次，均已按期回复（函询内容由派驻纪检监察组掌握）。"
    parts = [f"收到函询{len(letters)}次"]
    if late:
        parts.append(f"逾期回复{late}次")
    if open_count:
        parts.append(f"尚未回复{open_count}次")
    return "谈话函询：" + "，".join(parts) + "（函询内容由派驻纪检监察组掌握）。"


def draft_summary(person: Person, *, organ_id: int, as_of: dt.date) -> str:
    """The draft of a person's record summary (廉政情况摘要) as the ledgers stood on `as_of`, in plain Chinese:
    integrity talks, personal-matters report status (never content), spot checks and any 不一致 with its handling,
    red findings about the person, rectification items owned, gifts, letters of inquiry (count only), and the
    person's 八项规定 findings (read with the red ones). Eight queries whatever the person's record; no query per
    row."""
    token = _SUMMARY_CALENDAR.set(workdays.current())
    try:
        return _summary(person, organ_id, as_of)
    finally:
        _SUMMARY_CALENDAR.reset(token)


def _summary(person: Person, organ_id: int, as_of: dt.date) -> str:
    since = _years_back(as_of, SUMMARY_YEARS)
    params = rules_values(["INT-020", "INT-051"], organ_id=organ_id, on=as_of)
    unit = person.unit.name if person.unit_id else ""
    who = "，".join(part for part in (unit, person.post) if part)
    head = f"{person.name}{f'（{who}）' if who else ''}近三年（{cn_date(since)}至{cn_date(as_of)}）廉政情况："
    findings = _finding_rows(person, organ_id, since, as_of)
    lines = [
        _talks(person, organ_id, since, as_of),
        _reports(person, organ_id, since, as_of, params["INT-020"]),
        _findings(findings),
        _rectification(person, organ_id, as_of),
        _gifts(person, organ_id, since, as_of),
        _inquiries(person, organ_id, since, as_of, params["INT-051"]),
        _frugality(findings),
    ]
    numbers = "一二三四五六七八九十"
    return "\n".join([head, *(f"{numbers[i]}、{line}" for i, line in enumerate(lines))])
