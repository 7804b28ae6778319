"""Reads of 党风廉政意见回复: the requests a user may see with their status and reply deadline, one request with its
items, the people a request may name, the cards of the workbench — and the draft of a person's record summary
(`draft_summary`), written from the 廉政 ledgers for the stationed group to edit.

Every list starts from `visible_to(user)`. `draft_summary` reads the ledgers of the organ without a user: it is
called by the services for a request the caller may already see, and writes what the stationed group, the
personnel officer and the leaders who see the request may read — statuses, dates and counts, never the content of
a personal-matters report or of a letter of inquiry.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from qinglian.compliance.choices import FindingStatus, Severity
from qinglian.compliance.models import Finding
from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import RULES, get_rule
from qinglian.core import clock, workdays
from qinglian.core.errors import NotFound
from qinglian.integrity.choices import CheckOutcome, OpinionConclusion, ReportKind
from qinglian.integrity.models import (
    Gift,
    InquiryLetter,
    IntegrityTalk,
    OpinionItem,
    OpinionRequest,
    PersonalReport,
    RectificationMeasure,
    RectificationProblem,
    SpotCheck,
)
from qinglian.org.models import Person
from qinglian.org.scope import scope_of

# How many years a summary looks back. Practice in 党风廉政意见回复 is "近三年" (the group reports on the last three
# years' record); it is a constant of the text, not a rule parameter, because no rule is judged by it.
SUMMARY_YEARS = 3
# Defaults when no parameter set of the rule is in force (rule_params.json ships both): the reply deadline of
# INT-010, and the inquiry letters' 15 working days (INT-051, 《纪律检查机关监督执纪工作规则》).
DEFAULT_REPLY_WORKING_DAYS = 10
DEFAULT_INQUIRY_WORKING_DAYS = 15
FRUGALITY_LINE = "八项规定执行情况：待八项规定模块上线后自动汇总。"


class Status:
    DRAFT = "draft"
    SENT = "sent"
    REPLIED = "replied"
    LABELS = {DRAFT: "草拟", SENT: "已送达待回复", REPLIED: "已回复"}
    CHOICES = [(DRAFT, "草拟"), (SENT, "已送达待回复"), (REPLIED, "已回复")]


def status_of(request: OpinionRequest) -> str:
    if request.replied_on is not None:
        return Status.REPLIED
    return Status.SENT if request.sent_on is not None else Status.DRAFT


# --- parameters ----------------------------------------------------------------------------------------------


def rule_values(code: str, *, organ_id: int, on: dt.date) -> Any:
    """The resolved parameters of rule `code` for the organ on `on`, or None when no set is in force."""
    return rules_values([code], organ_id=organ_id, on=on)[code]


def rules_values(codes: list[str], *, organ_id: int, on: dt.date) -> dict[str, Any]:
    """Each code → its resolved parameters in force on `on` (None when none is, or the rule is not registered), in
    one query."""
    sets = sets_in_force(organ_id=organ_id, on=on, codes=codes)
    found: dict[str, Any] = {}
    for code in codes:
        try:
            found[code] = resolve(get_rule(code), sets.get(code))
        except (MissingParameters, NotFound, ValueError):
            found[code] = None
    return found


def reply_working_days(organ_id: int, on: dt.date) -> int:
    params = rule_values("INT-010", organ_id=organ_id, on=on)
    return params.reply_working_days if params is not None else DEFAULT_REPLY_WORKING_DAYS


def reply_due(sent_on: dt.date, days: int) -> dt.date:
    """The last day of the reply: `days` working days after the day the request reached the group."""
    return workdays.after(sent_on, days, "working_days")


# --- lists ---------------------------------------------------------------------------------------------------


@dataclass
class RequestRow:
    request: OpinionRequest
    status: str
    due: dt.date | None
    overdue: bool
    people: int
    answered: int

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]


def request_queryset(user: Any) -> QuerySet[OpinionRequest]:
    return (
        OpinionRequest.objects.visible_to(user)
        .select_related("requested_by", "replied_by")
        .annotate(
            people_count=Count("items", filter=Q(items__deleted_at__isnull=True), distinct=True),
            answered_count=Count(
                "items", filter=Q(items__deleted_at__isnull=True) & ~Q(items__conclusion=""), distinct=True
            ),
        )
    )


def request_list(user: Any, data: dict[str, Any] | None = None) -> QuerySet[OpinionRequest]:
    """The requests `user` may see, narrowed by the page's filter (`data`: status, purpose, year, q)."""
    data = data or {}
    rows = request_queryset(user)
    status = data.get("status")
    if status == Status.DRAFT:
        rows = rows.filter(sent_on__isnull=True)
    elif status == Status.SENT:
        rows = rows.filter(sent_on__isnull=False, replied_on__isnull=True)
    elif status == Status.REPLIED:
        rows = rows.filter(replied_on__isnull=False)
    if data.get("purpose"):
        rows = rows.filter(purpose=data["purpose"])
    if data.get("year"):
        rows = rows.filter(Q(sent_on__year=data["year"]) | Q(sent_on__isnull=True, created_at__year=data["year"]))
    if data.get("q"):
        q = data["q"]
        names = OpinionItem.objects.filter(person__name__icontains=q, deleted_at__isnull=True).values("request_id")
        rows = rows.filter(
            Q(title__icontains=q) | Q(document_no__icontains=q) | Q(reply_no__icontains=q) | Q(pk__in=names)
        )
    return rows.order_by("-sent_on", "-id")


def rows_of(requests, *, organ_id: int | None, today: dt.date | None = None) -> list[RequestRow]:
    """Each request with its status, reply deadline and overdue marker (one parameter read for the whole list)."""
    today = today or clock.today()
    days = reply_working_days(organ_id, today) if organ_id else DEFAULT_REPLY_WORKING_DAYS
    rows = []
    for request in requests:
        status = status_of(request)
        due = reply_due(request.sent_on, days) if request.sent_on else None
        overdue = status == Status.SENT and due is not None and workdays.is_overdue(due, today)
        people = getattr(request, "people_count", None)
        answered = getattr(request, "answered_count", None)
        if people is None:
            items = [i for i in request.items.all() if i.deleted_at is None]
            people, answered = len(items), sum(1 for i in items if i.conclusion)
        rows.append(RequestRow(request, status, due, overdue, people, answered))
    return rows


def items_of(request: OpinionRequest) -> list[OpinionItem]:
    return list(
        OpinionItem.objects.filter(request=request, deleted_at__isnull=True)
        .select_related("person__unit", "answered_by")
        .order_by("id")
    )


def items_for_export(requests: QuerySet[OpinionRequest]) -> QuerySet[OpinionRequest]:
    live = OpinionItem.objects.filter(deleted_at__isnull=True).select_related("person").order_by("id")
    return requests.prefetch_related(Prefetch("items", queryset=live))


def person_choices(user: Any) -> QuerySet[Person]:
    """The people a request may name: the organ's people in service, outside the stationed group (its people are
    not the organ's cadres). Offered to those who may ask (can_request_opinions) — the personnel officer picks
    cadres of every unit, although org's Person.visible_to shows that role only its own unit's people (asked of the
    lead: the personnel officer should read the whole roster); nobody else gets a list."""
    from qinglian.integrity.permissions import can_request_opinions
    from qinglian.org.choices import UnitKind

    scope = scope_of(user)
    if not can_request_opinions(user) or scope.organ_id is None:
        return Person.objects.none()
    return (
        Person.objects.filter(organ_id=scope.organ_id, is_active=True, deleted_at__isnull=True)
        .exclude(unit__kind=UnitKind.STATIONED)
        .select_related("unit")
        .order_by("unit__order", "name")
    )


# --- workbench -----------------------------------------------------------------------------------------------


def waiting_for_reply(user: Any, today: dt.date | None = None) -> list[RequestRow]:
    """Requests sent and not yet replied, earliest deadline first (the stationed group's card and to-do)."""
    requests = request_queryset(user).filter(sent_on__isnull=False, replied_on__isnull=True)
    rows = rows_of(requests, organ_id=scope_of(user).organ_id, today=today)
    return sorted(rows, key=lambda r: (r.due or dt.date.max, r.request.pk))


def progress(user: Any, today: dt.date | None = None, *, limit: int = 8) -> list[RequestRow]:
    """The personnel officer's requests: drafts not sent and requests waiting for the reply, then the last replies."""
    requests = request_queryset(user).order_by("replied_on", "-sent_on", "-id")
    open_rows = requests.filter(replied_on__isnull=True)
    done = requests.filter(replied_on__isnull=False).order_by("-replied_on", "-id")[:3]
    rows = rows_of([*open_rows[:limit], *done], organ_id=scope_of(user).organ_id, today=today)
    return rows


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


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


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


def _findings(person: Person, organ_id: int, since: dt.date, as_of: dt.date) -> str:
    rows = list(
        Finding.objects.filter(
            organ_id=organ_id,
            responsible_person=person,
            severity=Severity.RED,
            first_found_at__date__gte=since,
            first_found_at__date__lte=as_of,
        )
        .order_by("first_found_at", "id")
        .values_list("rule_code", "first_found_at", "status")
    )
    if not rows:
        return "问题预警：近三年无涉及本人的红色预警。"
    parts = []
    for code, found_at, status in rows:
        rule = RULES.get(code)
        title = rule.short_title if rule is not None else code
        parts.append(f"{found_at:%Y年%-m月}{title}（{code}，{FindingStatus(status).label}）")
    return f"问题预警：近三年涉及本人的红色预警{len(rows)}条：" + "；".join(parts) + "。"


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
    red findings about the person, rectification items owned, gifts, letters of inquiry (count only), and the line
    that waits for the frugality module. Eight queries whatever the person's record; no query per row."""
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
    lines = [
        _talks(person, organ_id, since, as_of),
        _reports(person, organ_id, since, as_of, params["INT-020"]),
        _findings(person, organ_id, since, as_of),
        _rectification(person, organ_id, as_of),
        _gifts(person, organ_id, since, as_of),
        _inquiries(person, organ_id, since, as_of, params["INT-051"]),
        FRUGALITY_LINE,
    ]
    numbers = "一二三四五六七八九十"
    return "\n".join([head, *(f"{numbers[i]}、{line}" for i, line in enumerate(lines))])


def conclusion_label(value: str) -> str:
    return OpinionConclusion(value).label if value else "未回复"
