"""Writes of 个人有关事项报告: a report recorded (by the personnel officer for anyone, by a cadre for themselves) and
received, the organ's extra reporters, the yearly random draw and its verification, promotion checks (凡提必核)
and the outcome of each check.

Only dates, receipts and status are kept — never what a report says. Every refusal is a Chinese error raised before
anything is written; every write is one transaction with history; the draw is audited with everything needed to
re-run it (seed, ratio, population, drawn).

The draw (method "sha256-rank-v1"): each person id of the population is ranked by the SHA-256 of
"<seed>:<id>" (hex digest, then id to break a tie) and the first `count` are drawn. Anyone holding the recorded
seed and population re-runs `draw_people` and gets the same people (`verify_draw`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.evidence.models import Evidence
from qinglian.evidence.services import evidence_attach
from qinglian.evidence.sniff import allowed_labels, sniff, zip_names
from qinglian.integrity import permissions
from qinglian.integrity.choices import ChangeKind, CheckOutcome, CheckReason, ReportKind
from qinglian.integrity.models import ExtraReporter, PersonalReport, SpotCheck, SpotCheckDraw
from qinglian.integrity.selectors import personal as selectors
from qinglian.org.choices import PersonnelEventKind, UnitKind
from qinglian.org.models import Person, PersonnelEvent
from qinglian.org.scope import scope_of

METHOD = "sha256-rank-v1"
_KEEPER_ONLY = "只有组织人事专责人员可以办理此项"
_OWN_ONLY = "只能报送本人的个人有关事项报告（组织人事专责人员可代为登记）"


def _organ_id(by: Any) -> int:
    organ_id = scope_of(by).organ_id
    if organ_id is None:
        raise Forbidden(_KEEPER_ONLY)
    return organ_id


def _require_keeper(by: Any) -> int:
    if not permissions.can_keep_personal_reports(by):
        raise Forbidden(_KEEPER_ONLY)
    return _organ_id(by)


def _own_person(person: Person, organ_id: int) -> None:
    if person.organ_id != organ_id:
        raise InvalidInput("该人员不属于本机关")


def _not_future(day: dt.date | None, label: str) -> None:
    if day is not None and day > clock.today():
        raise InvalidInput(f"{label}不能晚于今天")


# --- reports ------------------------------------------------------------------------------------------------


@transaction.atomic
def report_record(
    *,
    person: Person,
    kind: str,
    submitted_on: dt.date,
    by: Any,
    year: int | None = None,
    change_kind: str = "",
    event_date: dt.date | None = None,
    managed_here: bool = True,
) -> PersonalReport:
    """Record one report: the yearly report of `year`, or a change report after an event (`change_kind`,
    `event_date`). A cadre records their own; the personnel officer anyone's of the organ."""
    if not permissions.can_file_own_report(by, person.pk):
        raise Forbidden(_OWN_ONLY)
    organ_id = _organ_id(by)
    _own_person(person, organ_id)
    if person.unit.kind == UnitKind.STATIONED:
        raise InvalidInput("派驻纪检监察组人员不向本机关报告个人有关事项")
    if submitted_on is None:
        raise InvalidInput("请填写报告日期")
    _not_future(submitted_on, "报告日期")
    if kind == ReportKind.ANNUAL:
        if year is None:
            raise InvalidInput("请填写报告年份")
        if change_kind or event_date:
            raise InvalidInput("年度集中报告不填写变化事项和事项发生日期")
        if submitted_on < dt.date(year - 1, 12, 1):
            raise InvalidInput(f"{year}年度集中报告的报告日期不能早于{year - 1}年12月1日")
        if PersonalReport.objects.filter(person=person, kind=ReportKind.ANNUAL, year=year).exists():
            raise Conflict(f"{person.name}的{year}年度集中报告已登记，不能重复登记")
    elif kind == ReportKind.CHANGE:
        if change_kind not in ChangeKind.values:
            raise InvalidInput("请选择变化事项")
        if event_date is None:
            raise InvalidInput("请填写事项发生日期")
        _not_future(event_date, "事项发生日期")
        if event_date > submitted_on:
            raise InvalidInput("报告日期不能早于事项发生日期")
        year = submitted_on.year
    else:
        raise InvalidInput("请选择报告类型")
    report = PersonalReport(
        organ_id=organ_id,
        person=person,
        kind=kind,
        year=year,
        change_kind=change_kind if kind == ReportKind.CHANGE else "",
        event_date=event_date if kind == ReportKind.CHANGE else None,
        submitted_on=submitted_on,
        managed_here=managed_here,
        recorded_by=by,
    )
    return save_checked(report, by=by)


@transaction.atomic
def report_receive(
    *, report: PersonalReport, received_on: dt.date, receipt_no: str, by: Any, received_by: Person | None = None
) -> PersonalReport:
    """The personnel officer receives a report (受理): date, receipt number and who received it (themselves)."""
    organ_id = _require_keeper(by)
    report = PersonalReport.objects.select_for_update().get(pk=report.pk, organ_id=organ_id)
    me = scope_of(by).person_id
    if report.person_id == me:
        raise Forbidden("不能受理本人的个人有关事项报告，请由其他组织人事专责人员受理")
    if received_on is None:
        raise InvalidInput("请填写受理日期")
    _not_future(received_on, "受理日期")
    if received_on < report.submitted_on:
        raise InvalidInput("受理日期不能早于报告日期")
    receiver = received_by if received_by is not None else Person.objects.filter(pk=me).first()
    if receiver is not None:
        _own_person(receiver, organ_id)
    report.received_on = received_on
    report.receipt_no = (receipt_no or "").strip()
    report.received_by = receiver
    return save_checked(report, by=by)


# The scanned report: PDF, a picture of it, or the Word file (evidence.sniff codes) — narrower than the evidence
# app's default list, which also takes spreadsheets, slides, text and old Office files.
REPORT_FILE_TYPES = frozenset({"pdf", "png", "jpeg", "docx"})
_HEAD = 64 * 1024


def report_file_attach(*, report: PersonalReport, upload: Any, by: Any, request: Any = None) -> Evidence:
    """Attach the scanned report after checking its kind against REPORT_FILE_TYPES (from its bytes, as the
    evidence app does); the evidence service then checks write access, size, encrypts and audits."""
    if not permissions.can_file_own_report(by, report.person_id):
        raise Forbidden(_OWN_ONLY)
    name = getattr(upload, "name", "") or ""
    upload.seek(0)
    head = upload.read(_HEAD)
    names = zip_names(upload) if head.startswith(b"PK") else None
    upload.seek(0)
    try:
        sniff(head, name, zip_names=names, allowed=REPORT_FILE_TYPES)
    except InvalidInput as exc:
        message = exc.message
        if "允许上传" not in message and "请上传" not in message:
            message = f"{message}（报告扫描件只接收{allowed_labels(REPORT_FILE_TYPES)}）"
        audit_record(
            action=AuditAction.EVIDENCE_UPLOADED,
            user=by,
            request=request,
            target=report,
            success=False,
            detail={"name": name, "reason": message},
        )
        raise InvalidInput(message) from None
    return evidence_attach(target=report, upload=upload, by=by, request=request)


# --- the extra reporters ------------------------------------------------------------------------------------


@transaction.atomic
def extra_reporter_save(*, row: ExtraReporter, by: Any) -> ExtraReporter:
    """Add or change one person the organ lists as having to report beyond the rank rule."""
    organ_id = _require_keeper(by)
    if row.pk is None:
        row.organ_id = organ_id
    elif row.organ_id != organ_id:
        raise Forbidden(_KEEPER_ONLY)
    _own_person(row.person, organ_id)
    if row.person.unit.kind == UnitKind.STATIONED:
        raise InvalidInput("派驻纪检监察组人员不列入本机关报告对象")
    row.reason = (row.reason or "").strip()
    if not row.reason:
        raise InvalidInput("请填写列入原因")
    if row.start is None:
        raise InvalidInput("请填写起始日期")
    if row.end is not None and row.end < row.start:
        raise InvalidInput("截止日期不能早于起始日期")
    overlapping = ExtraReporter.objects.filter(person=row.person).exclude(pk=row.pk)
    for other in overlapping:
        if (other.end is None or other.end >= row.start) and (row.end is None or row.end >= other.start):
            raise Conflict(f"{row.person.name}已在报告对象（增列）名单中，期间重叠")
    return save_checked(row, by=by)


# --- the draw ------------------------------------------------------------------------------------------------


def _rank_key(seed: str, person_id: int) -> tuple[str, int]:
    return hashlib.sha256(f"{seed}:{person_id}".encode()).hexdigest(), person_id


def draw_people(population_ids: Iterable[int], seed: str, count: int) -> list[int]:
    """sha256-rank-v1: the `count` ids with the smallest SHA-256 of "<seed>:<id>" (ties by id), in that order."""
    ids = sorted(set(int(i) for i in population_ids))
    return sorted(ids, key=lambda i: _rank_key(seed, i))[: max(count, 0)]


def draw_count(ratio: Decimal, population: int) -> int:
    """ceil(ratio × population), computed in decimals (0.10 × 30 is 3, not 3.0000000004 → 4)."""
    return min(population, math.ceil(Decimal(ratio) * population))


def draw_population(organ_id: int, year: int) -> list[int]:
    """The obliged people of `year` (on its due date, or today before it) with an annual report of `year`."""
    due = selectors.report_due(organ_id, year)
    obliged = {o.id for o in selectors.obliged_people(organ_id, min(due, clock.today()))}
    filed = PersonalReport.objects.filter(organ_id=organ_id, kind=ReportKind.ANNUAL, year=year).values_list(
        "person_id", flat=True
    )
    return sorted(obliged & set(filed))


@transaction.atomic
def draw_year(*, year: int, by: Any, seed: str | None = None) -> SpotCheckDraw:
    """The year's random draw: seed recorded (from `secrets` unless given), ratio from INT-023 in force, count
    ceil(ratio × population); one draw a year; one random check per person drawn; audited."""
    organ_id = _require_keeper(by)
    today = clock.today()
    if year > today.year:
        raise InvalidInput("不能抽取以后年度的随机抽查")
    if SpotCheckDraw.objects.filter(organ_id=organ_id, year=year).exists():
        raise Conflict(f"{year}年度随机抽查已抽取，每年只抽取一次")
    seed = (seed or "").strip() or secrets.token_hex(16)
    if len(seed) > 64:
        raise InvalidInput("随机种子最长64个字符")
    params = selectors.params_in_force(organ_id, "INT-023", today)
    if params is None:
        raise InvalidInput("INT-023（年度随机抽查）没有生效的参数，请先设置抽查比例")
    ratio = Decimal(params.ratio)
    if not (Decimal(0) < ratio <= Decimal(1)):
        raise InvalidInput("抽查比例应大于0且不超过1")
    population = draw_population(organ_id, year)
    if not population:
        raise InvalidInput(f"{year}年度尚无已报送的年度集中报告，无法抽取")
    count = draw_count(ratio, len(population))
    drawn = draw_people(population, seed, count)
    draw = SpotCheckDraw(
        organ_id=organ_id,
        year=year,
        drawn_on=today,
        seed=seed,
        ratio=ratio.quantize(Decimal("0.001")),
        population=population,
        drawn=drawn,
        method=METHOD,
        drawn_by=by,
    )
    save_checked(draw, by=by)
    people = Person.objects.in_bulk(drawn)
    for person_id in drawn:
        check = SpotCheck(organ_id=organ_id, person=people[person_id], year=year, reason=CheckReason.RANDOM, draw=draw)
        save_checked(check, by=by)
    audit_record(
        action=AuditAction.SPOT_CHECK_DRAWN,
        user=by,
        target=draw,
        detail={
            "year": year,
            "method": METHOD,
            "seed": seed,
            "ratio": str(draw.ratio),
            "population_size": len(population),
            "population": population,
            "count": count,
            "drawn": drawn,
        },
    )
    return draw


@dataclass(frozen=True)
class DrawVerification:
    ok: bool
    expected: list[int]
    recorded: list[int]
    problems: list[str]


def verify_draw(draw: SpotCheckDraw) -> DrawVerification:
    """Re-run the recorded draw and compare: the same people, the count the ratio gives, a check for each."""
    problems = []
    count = draw_count(Decimal(draw.ratio), len(draw.population))
    if draw.method != METHOD:
        problems.append(f"抽取方法“{draw.method}”不是{METHOD}，无法复核")
    expected = draw_people(draw.population, draw.seed, count)
    recorded = [int(i) for i in draw.drawn]
    if len(recorded) != count:
        problems.append(f"抽中{len(recorded)}人，按比例应抽{count}人")
    if expected != recorded:
        problems.append("按记录的种子和范围重新计算，抽中人员与记录不一致")
    checked = set(SpotCheck.all_objects.filter(draw=draw, deleted_at__isnull=True).values_list("person_id", flat=True))
    if checked != set(recorded):
        problems.append("抽查核实记录与抽中人员不一致")
    return DrawVerification(not problems, expected, recorded, problems)


# --- checks --------------------------------------------------------------------------------------------------


@transaction.atomic
def promotion_check_add(*, event: PersonnelEvent, by: Any) -> SpotCheck:
    """A check of the report of a person proposed for promotion (凡提必核), linked to the promotion."""
    organ_id = _require_keeper(by)
    if event.organ_id != organ_id:
        raise InvalidInput("该人事变动不属于本机关")
    if event.kind != PersonnelEventKind.PROMOTION:
        raise InvalidInput("只有“提拔”的人事变动需要凡提必核")
    if SpotCheck.objects.filter(event=event).exists():
        raise Conflict("该提拔已登记凡提必核的抽查核实")
    check = SpotCheck(
        organ_id=organ_id, person=event.person, year=event.date.year, reason=CheckReason.PROMOTION, event=event
    )
    return save_checked(check, by=by)


@transaction.atomic
def check_outcome_record(
    *, check: SpotCheck, outcome: str, checked_on: dt.date, by: Any, handling: str = ""
) -> SpotCheck:
    """The outcome of one check: 一致, or 不一致 with how it was handled."""
    organ_id = _require_keeper(by)
    check = SpotCheck.objects.select_for_update().get(pk=check.pk, organ_id=organ_id)
    if check.person_id == scope_of(by).person_id:
        raise Forbidden("不能核实本人的个人有关事项报告，请由其他组织人事专责人员办理")
    if outcome not in CheckOutcome.values:
        raise InvalidInput("请选择核实结果")
    if checked_on is None:
        raise InvalidInput("请填写核实完成日期")
    _not_future(checked_on, "核实完成日期")
    if check.draw_id and checked_on < check.draw.drawn_on:
        raise InvalidInput("核实完成日期不能早于抽取日期")
    handling = (handling or "").strip()
    if outcome == CheckOutcome.INCONSISTENT and not handling:
        raise InvalidInput("核实结果为不一致的，请填写处理情况（如批评教育、责令作出检查、诫勉、暂缓提拔）")
    check.outcome, check.checked_on, check.handling = outcome, checked_on, handling
    return save_checked(check, by=by)
