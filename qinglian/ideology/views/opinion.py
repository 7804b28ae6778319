"""Pages of the public-opinion register (舆情处置): the list (filters by year, level, status and unit; hours to the
first response coloured past the IDEO-040 limit in force; print, Excel export and import), one event (its timeline
发现 → 首次响应 → 向上级报告 → 办结, findings, evidence, reopenings, history), the party-affairs office's forms, and
the yearly summary (/ideology/opinion/summary/?year=), printable and exported to Excel.

Parse → access → selector/service → render: lists from `selectors.opinion` (`visible_to`), one event from
`access_opinion_event`, writes through `services.opinion`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from qinglian.core import clock
from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.ideology.choices import OpinionLevel, OpinionSource
from qinglian.ideology.exports import opinion as exports
from qinglian.ideology.forms.opinion import (
    CloseForm,
    HandleForm,
    OpinionEventForm,
    OpinionFilterForm,
    ReasonForm,
    ReportForm,
    RespondForm,
)
from qinglian.ideology.importers.opinion import OPINION_PAGE
from qinglian.ideology.models import OpinionEvent
from qinglian.ideology.permissions import access_opinion_event, can_keep_register
from qinglian.ideology.selectors import opinion as selectors
from qinglian.ideology.services import opinion as services
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000
FORM = "ideology/opinion_form.html"


def _events(request: HttpRequest):
    form = OpinionFilterForm(request.GET or None, user=request.user)
    return form, selectors.event_list(request.user, **form.selector_args())


@login_required
@require_GET
def opinion_list(request: HttpRequest) -> HttpResponse:
    form, qs = _events(request)
    limits = selectors.limits_on(scope_of(request.user).organ_id, clock.today())
    context = {
        "form": form,
        "count": qs.count(),
        "can_keep": can_keep_register(request.user),
        "limits": limits,
    }
    if "print" in request.GET:
        events = list(qs[:PRINT_LIMIT])
        context["printing"] = True
    else:
        page = paginate(request, qs)
        events = list(page.object_list)
        context["page_obj"] = page
    context["rows"] = selectors.with_timing(events, limits, clock.now())
    return render(request, "ideology/opinion_list.html", context)


@login_required
@require_GET
def opinion_export(request: HttpRequest) -> HttpResponse:
    _, qs = _events(request)
    return exports.events_xlsx(request, list(qs))


@login_required
@require_GET
def opinion_summary(request: HttpRequest) -> HttpResponse:
    year = selectors.parse_year(request.GET.get("year"))
    summary = selectors.year_summary(request.user, year)
    today = clock.today()
    context = {
        "s": summary,
        "years": list(range(today.year, max(selectors.FIRST_YEAR, today.year - 5) - 1, -1)),
        "most_month": max((n for _, n in summary.by_month), default=0),
    }
    return render(request, "ideology/opinion_summary.html", context)


@login_required
@require_GET
def opinion_summary_export(request: HttpRequest) -> HttpResponse:
    year = selectors.parse_year(request.GET.get("year"))
    return exports.summary_xlsx(request, selectors.year_summary(request.user, year))


@login_required
@require_GET
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_opinion_event(request.user, pk)
    keep = can_keep_register(request.user)
    limits = selectors.limits_on(event.organ_id, clock.today())
    timing = selectors.timing_of(event, limits, clock.now())
    moves = services.moves_for(event) if keep else set()
    context = {
        "event": event,
        "can_keep": keep,
        "moves": moves,
        "timing": timing,
        "limits": limits,
        "steps": selectors.timeline(event, timing),
        "reopenings": selectors.reopenings(event),
        "reason_form": ReasonForm() if keep else None,
        "changes": changes_for(event),
    }
    return render(request, "ideology/opinion_detail.html", context)


@login_required
def opinion_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_register(request.user):
        raise Forbidden(services.REFUSAL)
    event = OpinionEvent(
        organ_id=scope_of(request.user).organ_id, level=OpinionLevel.GENERAL, source=OpinionSource.MONITORING
    )
    return _event_form(request, event)


@login_required
def opinion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _event_form(request, access_opinion_event(request.user, pk, write=True))


def _event_form(request: HttpRequest, event: OpinionEvent) -> HttpResponse:
    form = OpinionEventForm(request.POST or None, instance=event, user=request.user)
    return form_page(
        request,
        form,
        title="登记舆情事件" if event.pk is None else f"修改舆情登记：{event.title}",
        save=lambda: services.event_save(event=form.instance, by=request.user),
        success=lambda saved: f"已保存舆情：{saved.title}",
        then=lambda saved: reverse("ideology_opinion_detail", args=[saved.pk]),
        template=FORM,
        context={"event": event},
    )


def _step_form(request: HttpRequest, pk: int, form_class, title: str, act: Callable, done: str) -> HttpResponse:
    event = access_opinion_event(request.user, pk, write=True)
    form = form_class(request.POST or None)
    return form_page(
        request,
        form,
        title=f"{title}：{event.title}",
        save=lambda: act(event=event, by=request.user, **form.cleaned_data),
        success=lambda saved: f"{done}：{saved.title}",
        then=lambda saved: reverse("ideology_opinion_detail", args=[saved.pk]),
        template=FORM,
        context={"event": event},
    )


@login_required
def opinion_respond(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_form(request, pk, RespondForm, "登记首次响应", services.event_respond, "已登记首次响应")


@login_required
def opinion_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_form(request, pk, ReportForm, "登记向上级报告", services.event_report, "已登记向上级报告")


@login_required
def opinion_handle(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_opinion_event(request.user, pk, write=True)
    form = HandleForm(request.POST or None, initial={"handling": event.handling})
    return form_page(
        request,
        form,
        title=f"登记处置情况：{event.title}",
        save=lambda: services.event_handle(event=event, by=request.user, **form.cleaned_data),
        success=lambda saved: f"已登记处置情况：{saved.title}",
        then=lambda saved: reverse("ideology_opinion_detail", args=[saved.pk]),
        template=FORM,
        context={"event": event},
    )


@login_required
def opinion_close(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_opinion_event(request.user, pk, write=True)
    form = CloseForm(request.POST or None, handling=event.handling)
    return form_page(
        request,
        form,
        title=f"办结：{event.title}",
        save=lambda: services.event_close(event=event, by=request.user, **form.cleaned_data),
        success=lambda saved: f"已办结：{saved.title}",
        then=lambda saved: reverse("ideology_opinion_detail", args=[saved.pk]),
        template=FORM,
        context={"event": event},
    )


def _post_reason(request: HttpRequest, pk: int, act: Callable, success: str, then: str | None = None) -> HttpResponse:
    event = access_opinion_event(request.user, pk, write=True)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写原因")
        return redirect("ideology_opinion_detail", pk=event.pk)
    try:
        act(event=event, by=request.user, reason=form.cleaned_data["reason"])
    except QinglianError as exc:
        messages.error(request, exc.message)
        return redirect("ideology_opinion_detail", pk=event.pk)
    messages.success(request, f"{success}：{event.title}")
    return redirect(then or reverse("ideology_opinion_detail", args=[event.pk]))


@login_required
@require_POST
def opinion_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_reason(request, pk, services.event_reopen, "已重新打开")


@login_required
@require_POST
def opinion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_reason(request, pk, services.event_delete, "已删除", reverse("ideology_opinion_list"))


ROUTES = [
    path("opinion/", opinion_list, name="ideology_opinion_list"),
    path("opinion/export/", opinion_export, name="ideology_opinion_export"),
    path("opinion/import/", import_page, {"page": OPINION_PAGE}, name="ideology_opinion_import"),
    path("opinion/import/template/", import_template, {"page": OPINION_PAGE}, name="ideology_opinion_import_template"),
    path("opinion/summary/", opinion_summary, name="ideology_opinion_summary"),
    path("opinion/summary/export/", opinion_summary_export, name="ideology_opinion_summary_export"),
    path("opinion/new/", opinion_create, name="ideology_opinion_create"),
    path("opinion/<int:pk>/", opinion_detail, name="ideology_opinion_detail"),
    path("opinion/<int:pk>/edit/", opinion_edit, name="ideology_opinion_edit"),
    path("opinion/<int:pk>/respond/", opinion_respond, name="ideology_opinion_respond"),
    path("opinion/<int:pk>/report/", opinion_report, name="ideology_opinion_report"),
    path("opinion/<int:pk>/handle/", opinion_handle, name="ideology_opinion_handle"),
    path("opinion/<int:pk>/close/", opinion_close, name="ideology_opinion_close"),
    path("opinion/<int:pk>/reopen/", opinion_reopen, name="ideology_opinion_reopen"),
    path("opinion/<int:pk>/delete/", opinion_delete, name="ideology_opinion_delete"),
]
