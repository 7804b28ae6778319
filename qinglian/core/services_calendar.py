"""Writes of the working-day calendar: one day at a time from the page, or a whole year from a JSON file.

A calendar entry is configuration, not a ledger: removing one deletes the row (django-simple-history
keeps what it was and who removed it). Every write tells `workdays` to forget its cache at once and
again after commit, so this process sees the change immediately and others within seconds.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from qinglian.core import hooks, workdays
from qinglian.core.choices import DayKind
from qinglian.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from qinglian.core.models import CalendarDay, CalendarYear

SHIPPED_DIR = Path(__file__).resolve().parent / "data" / "calendar"
MIN_YEAR, MAX_YEAR = 2000, 2100  # a typo guard, not a policy: the organ's records start in this century
WEEKDAYS = "一二三四五六日"


def can_edit_calendar(user: Any) -> bool:
    """Holidays and 调休 are configuration, and configuration is the system administrator's job (org says who)."""
    return hooks.can_edit_calendar(user)


def require_calendar_editor(user: Any) -> None:
    if not can_edit_calendar(user):
        raise Forbidden("只有系统管理员可以修改工作日历")


def weekday_label(day: dt.date) -> str:
    return f"星期{WEEKDAYS[day.weekday()]}"


def check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"年份应在{MIN_YEAR}年至{MAX_YEAR}年之间：{year}")


def day_problem(day: dt.date, kind: str) -> str | None:
    """Why an entry makes no sense, or None. A holiday on a day that is already a rest day is fine."""
    if kind not in DayKind.values:
        return f"类型只能是“{DayKind.HOLIDAY.label}”或“{DayKind.WORKDAY.label}”"
    if kind == DayKind.WORKDAY and day.weekday() < 5:
        return (
            f"{day:%Y-%m-%d}是{weekday_label(day)}，本来就是工作日；"
            "调休上班日只能是国务院办公厅通知中安排上班的周六或周日"
        )
    return None


def _changed() -> None:
    # Now, so this request sees its own write; after commit, so a rollback cannot leave a stale cache.
    workdays.invalidate()
    transaction.on_commit(workdays.invalidate)


def _full_clean(obj: CalendarDay | CalendarYear) -> None:
    try:
        obj.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise InvalidInput("；".join(exc.messages), detail=getattr(exc, "message_dict", None)) from exc


# --- one day --------------------------------------------------------------------------------------


@transaction.atomic
def calendar_day_save(*, day: dt.date, kind: str, name: str = "", note: str = "", by: Any) -> CalendarDay:
    """Create or change the entry of `day`. Raises InvalidInput (Chinese) for an entry that makes no sense."""
    check_year(day.year)
    problem = day_problem(day, kind)
    if problem:
        raise InvalidInput(problem)
    entry = CalendarDay.objects.select_for_update().filter(date=day).first() or CalendarDay(date=day)
    entry.kind, entry.name, entry.note = kind, name.strip(), note.strip()
    _full_clean(entry)
    entry._history_user = by
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:  # two administrators adding the same day at the same moment
        raise Conflict(f"{day:%Y-%m-%d}刚被他人设置，请刷新后再试") from exc
    _changed()
    return entry


@transaction.atomic
def calendar_day_remove(*, day: dt.date, by: Any) -> None:
    """Delete the entry of `day`, so the day follows the week again. History keeps the removed entry."""
    entry = CalendarDay.objects.select_for_update().filter(date=day).first()
    if entry is None:
        raise NotFound(f"{day:%Y-%m-%d}没有单独设置，无需删除")
    entry._history_user = by
    entry.delete()
    _changed()


# --- one year -------------------------------------------------------------------------------------


@transaction.atomic
def calendar_year_publish(
    *,
    year: int,
    published: bool = True,
    source: str | None = None,
    source_url: str | None = None,
    note: str | None = None,
    by: Any,
) -> CalendarYear:
    """Mark the schedule of `year` as entered (or not). Fields given as None are left as they are.

    Publishing a year without a single holiday is refused: every year has at least 元旦 and 春节, so
    it means the days have not been entered yet and deadlines would silently ignore the holidays.
    """
    check_year(year)
    holidays = CalendarDay.objects.filter(date__year=year, kind=DayKind.HOLIDAY)
    if published and not holidays.exists():
        raise InvalidInput(
            f"{year}年还没有录入任何节假日：请先按国务院办公厅通知录入放假日期和调休上班日，再标记为已录入"
        )
    entry = CalendarYear.objects.select_for_update().filter(year=year).first() or CalendarYear(year=year)
    created = entry.pk is None
    before = (entry.published, entry.source, entry.source_url, entry.note)
    entry.published = published
    for name, value in (("source", source), ("source_url", source_url), ("note", note)):
        if value is not None:
            setattr(entry, name, value.strip())
    if not created and before == (entry.published, entry.source, entry.source_url, entry.note):
        return entry  # nothing changed: no history row, and other processes keep their cache
    _full_clean(entry)
    entry._history_user = by
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:  # the same year created by two administrators at the same moment
        raise Conflict(f"{year}年刚被他人设置，请刷新后再试") from exc
    _changed()
    return entry


# --- a year from a JSON file (docs/calendar.md describes the format) -----------------------------


@dataclass(frozen=True)
class DayEntry:
    date: dt.date
    kind: str
    name: str = ""
    note: str = ""


@dataclass(frozen=True)
class CalendarFile:
    year: int
    version: int
    source: str
    title: str = ""
    url: str = ""
    arrangement: tuple[str, ...] = ()
    days: tuple[DayEntry, ...] = ()

    @property
    def note(self) -> str:
        return "\n".join(line for line in (self.title, *self.arrangement) if line)


@dataclass
class LoadResult:
    year: int
    created: list[dt.date] = field(default_factory=list)
    updated: list[dt.date] = field(default_factory=list)
    unchanged: int = 0
    removed: list[dt.date] = field(default_factory=list)
    kept: list[dt.date] = field(default_factory=list)  # entries of the year not in the file, left alone

    def summary(self) -> str:
        text = (
            f"{self.year}年：新增{len(self.created)}天，修改{len(self.updated)}天，"
            f"未变{self.unchanged}天，删除{len(self.removed)}天"
        )
        if self.kept:
            days = "、".join(f"{d:%m-%d}" for d in self.kept)
            text += f"；文件中没有但数据库中保留的设置：{days}（加 --replace 可删除）"
        return text


def _day_entry(raw: Any, year: int, index: int) -> DayEntry:
    where = f"第{index}条"
    if not isinstance(raw, dict):
        raise InvalidInput(f"{where}应为对象")
    try:
        day = dt.date.fromisoformat(str(raw.get("date", "")))
    except ValueError:
        raise InvalidInput(f"{where}日期格式应为 YYYY-MM-DD：{raw.get('date')!r}") from None
    if abs(day.year - year) > 1:  # a notice may reach into the neighbouring year (e.g. 元旦 in late December)
        raise InvalidInput(f"{where}日期{day}不属于{year}年的安排")
    kind = str(raw.get("kind", ""))
    problem = day_problem(day, kind)
    if problem:
        raise InvalidInput(f"{where}：{problem}")
    return DayEntry(day, kind, str(raw.get("name", "")).strip(), str(raw.get("note", "")).strip())


def parse_calendar_file(data: Any) -> CalendarFile:
    """Check a decoded JSON document and return it typed; problems become InvalidInput in Chinese."""
    if not isinstance(data, dict):
        raise InvalidInput("日历文件应为 JSON 对象")
    year = data.get("year")
    if not isinstance(year, int):
        raise InvalidInput("日历文件缺少年份 year")
    check_year(year)
    raw_days = data.get("days")
    if not isinstance(raw_days, list) or not raw_days:
        raise InvalidInput(f"{year}年的日历文件没有 days 列表")
    days = tuple(_day_entry(raw, year, i) for i, raw in enumerate(raw_days, start=1))
    if len({d.date for d in days}) != len(days):
        raise InvalidInput(f"{year}年的日历文件中有重复的日期")
    return CalendarFile(
        year=year,
        version=int(data.get("version", 1)),
        source=str(data.get("source", "")),
        title=str(data.get("title", "")),
        url=str(data.get("url", "")),
        arrangement=tuple(str(line) for line in data.get("arrangement", [])),
        days=days,
    )


def read_calendar_file(path: Path | str) -> CalendarFile:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"无法读取日历文件 {path}：{exc}") from exc
    return parse_calendar_file(data)


def shipped_files() -> list[Path]:
    """The schedules shipped with Qinglian, oldest year first."""
    return sorted(SHIPPED_DIR.glob("*.json"))


@transaction.atomic
def calendar_file_load(*, calendar_file: CalendarFile, by: Any = None, replace: bool = False) -> LoadResult:
    """Load one year idempotently: the file's days are created or updated, and the year is published.

    Entries of the year that the file does not list are kept (an administrator may have added a
    special arrangement) unless `replace` is given, which deletes them so the year equals the file.
    """
    result = LoadResult(year=calendar_file.year)
    listed = {d.date for d in calendar_file.days}
    existing = {e.date: e for e in CalendarDay.objects.select_for_update().filter(date__in=listed)}
    for day in calendar_file.days:
        entry = existing.get(day.date)
        if entry is not None and (entry.kind, entry.name, entry.note) == (day.kind, day.name, day.note):
            result.unchanged += 1
            continue
        calendar_day_save(day=day.date, kind=day.kind, name=day.name, note=day.note, by=by)
        (result.updated if entry is not None else result.created).append(day.date)
    others = CalendarDay.objects.filter(date__year=calendar_file.year).exclude(date__in=listed).order_by("date")
    for entry in others:
        if replace:
            calendar_day_remove(day=entry.date, by=by)
            result.removed.append(entry.date)
        else:
            result.kept.append(entry.date)
    calendar_year_publish(
        year=calendar_file.year,
        published=True,
        by=by,
        # A file without a source, link or notice text leaves what the administrator entered.
        source=calendar_file.source or None,
        source_url=calendar_file.url or None,
        note=calendar_file.note or None,
    )
    return result
