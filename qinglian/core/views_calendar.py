"""Pages of the working-day calendar: every logged-in person reads it; only the system administrator edits.

Parse → access → service → render. The year page reads the tables directly rather than the cached
calendar of `workdays`, so what the administrator just saved is what the page shows.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from qinglian.core import clock
from qinglian.core import services_calendar as services
from qinglian.core.choices import DayKind
from qinglian.core.errors import InvalidInput
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, post_action
from qinglian.core.models import CalendarDay, CalendarYear
from qinglian.core.workdays import WorkCalendar, YearSchedule, missing_schedule_message

_DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
_HISTORY_ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}


class CalendarDayForm(forms.Form):
    date = forms.DateField(label="日期", widget=_DATE)
    kind = forms.ChoiceField(
        label="类型",
        choices=DayKind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text="调休上班日只能是周六或周日；周末设为休息日只是注明节日名称，不影响计算",
    )
    name = forms.CharField(
        label="节日",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "如：春节"}),
    )
    note = forms.CharField(
        label="备注", max_length=200, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class CalendarYearForm(forms.Form):
    published = forms.BooleanField(
        label="已录入全年安排",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        help_text="勾选表示该年全部放假日和调休上班日均已录入；未勾选的年份按周末计算工作日并提示",
    )
    source = forms.CharField(
        label="依据（文号）",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "如：国办发明电〔2025〕7号"}),
    )
    source_url = forms.URLField(
        label="原文链接", required=False, assume_scheme="https", widget=forms.URLInput(attrs={"class": "form-control"})
    )
    note = forms.CharField(
        label="说明",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 6}),
        help_text="可粘贴通知中的放假安排原文",
    )


# --- reading -----------------------------------------------------------------------------------


def _cell(day: dt.date, month: int, cal: WorkCalendar, names: dict[dt.date, CalendarDay]) -> dict | None:
    if day.month != month:
        return None
    kind = cal.explicit(day)
    if kind == DayKind.HOLIDAY:
        status = "holiday"
    elif kind == DayKind.WORKDAY:
        status = "makeup"
    else:
        status = "work" if day.weekday() < 5 else "rest"
    entry = names.get(day)
    label = entry.get_kind_display() if entry else ("工作日" if status == "work" else "周末")
    title = f"{day:%Y-%m-%d} {services.weekday_label(day)} {label}"
    if entry and entry.name:
        title += f"（{entry.name}）"
    return {"date": day, "status": status, "title": title, "working": cal.is_working_day(day)}


def _months(year: int, cal: WorkCalendar, entries: dict[dt.date, CalendarDay]) -> list[dict]:
    weeks_of = pycalendar.Calendar(firstweekday=0).monthdatescalendar  # weeks start on Monday, as in China
    months = []
    for month in range(1, 13):
        weeks = [[_cell(day, month, cal, entries) for day in week] for week in weeks_of(year, month)]
        working = sum(1 for week in weeks for cell in week if cell and cell["working"])
        months.append({"month": month, "weeks": weeks, "working": working})
    return months


def _day_changes(year: int, *, limit: int = 50) -> list[dict]:
    records = (
        CalendarDay.history.filter(date__year=year)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    return [
        {
            "when": r.history_date,
            "who": r.history_user,
            "action": _HISTORY_ACTIONS.get(r.history_type, ""),
            "date": r.date,
            "kind": DayKind(r.kind).label if r.kind in DayKind.values else r.kind,
            "name": r.name,
            "reason": r.history_change_reason or "",
        }
        for r in records
    ]


def _year_context(year: int) -> dict:
    record = CalendarYear.objects.filter(year=year).first()
    published = bool(record and record.published)
    entries = {e.date: e for e in CalendarDay.objects.filter(date__year=year)}
    cal = WorkCalendar.from_schedules({year: YearSchedule(published, {d: e.kind for d, e in entries.items()})})
    months = _months(year, cal, entries)
    return {
        "year": year,
        "record": record,
        "published": published,
        "warning": None if published else missing_schedule_message([year]),
        "months": months,
        "working_total": sum(m["working"] for m in months),
        "entries": [(e, services.weekday_label(e.date)) for e in sorted(entries.values(), key=lambda e: e.date)],
        "weekdays": services.WEEKDAYS,
        "today": clock.today(),
        "day_changes": _day_changes(year),
        "year_changes": changes_for(record) if record else [],
    }


@login_required
@require_safe
def calendar_year(request: HttpRequest, year: int | None = None) -> HttpResponse:
    year = year or clock.today().year
    services.check_year(year)
    context = _year_context(year)
    context["can_edit"] = services.can_edit_calendar(request.user)
    return render(request, "core/calendar/year.html", context)


# --- editing (system administrator only) ---------------------------------------------------------


def _year_url(day: dt.date) -> str:
    return f"{reverse('calendar_year', args=[day.year])}#m{day.month}"


def _day_initial(text: str | None) -> dict:
    try:
        day = dt.date.fromisoformat(text or "")
    except ValueError:
        return {}
    entry = CalendarDay.objects.filter(date=day).first()
    if entry is None:
        return {"date": day, "kind": DayKind.HOLIDAY if day.weekday() < 5 else DayKind.WORKDAY}
    return {"date": day, "kind": entry.kind, "name": entry.name, "note": entry.note}


@login_required
def calendar_day_edit(request: HttpRequest) -> HttpResponse:
    services.require_calendar_editor(request.user)
    form = CalendarDayForm(request.POST or None, initial=_day_initial(request.GET.get("date")))
    day = form.initial.get("date")
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form_page(
        request,
        form,
        title="设置节假日/调休上班日",
        save=lambda: services.calendar_day_save(
            day=data["date"], kind=data["kind"], name=data["name"], note=data["note"], by=request.user
        ),
        success=lambda _: f"已保存 {data['date']:%Y-%m-%d}：{DayKind(data['kind']).label}",
        then=lambda _: _year_url(data["date"]),
        template="core/calendar/form.html",
        context={
            "existing": CalendarDay.objects.filter(date=day).first() if day else None,
            "back": _year_url(day) if day else reverse("calendar_year"),
        },
    )


@login_required
@require_POST
def calendar_day_remove(request: HttpRequest) -> HttpResponse:
    services.require_calendar_editor(request.user)
    try:
        day = dt.date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        raise InvalidInput("日期格式应为 YYYY-MM-DD") from None
    return post_action(
        request,
        do=lambda: services.calendar_day_remove(day=day, by=request.user),
        success=lambda _: f"已删除 {day:%Y-%m-%d} 的设置，该日按周一至周五上班、周末休息计算",
        then=_year_url(day),
    )


@login_required
def calendar_year_edit(request: HttpRequest, year: int) -> HttpResponse:
    services.require_calendar_editor(request.user)
    services.check_year(year)
    record = CalendarYear.objects.filter(year=year).first()
    initial = {f: getattr(record, f) for f in ("published", "source", "source_url", "note")} if record else {}
    form = CalendarYearForm(request.POST or None, initial=initial or {"published": True})
    return form_page(
        request,
        form,
        title=f"{year}年节假日安排",
        save=lambda: services.calendar_year_publish(year=year, **form.cleaned_data, by=request.user),
        success=lambda _: f"{year}年的节假日安排已标记为{'已录入' if form.cleaned_data['published'] else '未录入'}",
        then=lambda _: reverse("calendar_year", args=[year]),
        template="core/calendar/form.html",
        context={"year": year, "back": reverse("calendar_year", args=[year])},
    )
