"""The personal-matters keeper's draw and checks (抽查核实): the year's reproducible draw with its verification, the
checks with their outcomes, a promotion check (凡提必核). The same circle as views/personal.py: 404 outside the
personnel officer and the stationed group (the person sees their own check).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import NotFound, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import year_param
from qinglian.integrity.forms.personal import (
    CheckFilterForm,
    DrawForm,
    OutcomeForm,
)
from qinglian.integrity.permissions import (
    access_draw,
    access_spot_check,
    can_keep_personal_reports,
)
from qinglian.integrity.selectors import personal as selectors
from qinglian.integrity.services import personal as services
from qinglian.integrity.views.personal import _HIDDEN, _circle, _keeper, _rows
from qinglian.org.models import PersonnelEvent
from qinglian.org.scope import scope_of

# --- the draw and the checks -------------------------------------------------------------------------------------


@login_required
def draw_page(request: HttpRequest) -> HttpResponse:
    _circle(request)
    year = year_param(request, post=True)
    form = DrawForm(request.POST or None)
    if request.method == "POST":
        _keeper(request)
        if form.is_valid():
            try:
                services.draw_year(year=year, by=request.user, seed=form.cleaned_data.get("seed") or None)
            except QinglianError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已完成{year}年度随机抽取")
                return redirect(f"{reverse('integrity_personal_draw')}?year={year}")
    draw = selectors.draw_of_year(request.user, year)
    verification = services.verify_draw(draw) if draw and "verify" in request.GET else None
    names = selectors.names([*draw.drawn]) if draw else {}
    context = {
        "year": year,
        "draw": draw,
        "drawn": [(pk, names.get(pk, "")) for pk in (draw.drawn if draw else [])],
        "verification": verification,
        "form": form,
        "can_keep": can_keep_personal_reports(request.user),
        "method": services.METHOD,
        "draws": selectors.draw_list(request.user),
    }
    return render(request, "integrity/personal_draw.html", context)


@login_required
def check_list(request: HttpRequest) -> HttpResponse:
    _circle(request)
    form = CheckFilterForm(request.GET or None)
    v = form.values()
    qs = selectors.check_list(
        request.user, year=v.get("year"), reason=v.get("reason") or "", outstanding=bool(v.get("outstanding"))
    )
    can_keep = can_keep_personal_reports(request.user)
    events = []
    if can_keep:
        checked = set(qs.model.objects.visible_to(request.user).exclude(event=None).values_list("event_id", flat=True))
        since = clock.today().replace(year=clock.today().year - 1, month=1, day=1)
        organ_id = scope_of(request.user).organ_id
        events = [
            e for e in selectors.promotion_events(organ_id, since=since, until=clock.today()) if e.pk not in checked
        ]
    context = {"form": form, "can_keep": can_keep, "events": events, **_rows(request, qs)}
    return render(request, "integrity/personal_checks.html", context)


@login_required
@require_POST
def promotion_check_new(request: HttpRequest) -> HttpResponse:
    _keeper(request)
    event = PersonnelEvent.objects.filter(organ_id=scope_of(request.user).organ_id, pk=request.POST.get("event") or 0)
    try:
        found = event.get()
        check = services.promotion_check_add(event=found, by=request.user)
    except PersonnelEvent.DoesNotExist:
        messages.error(request, "请选择提拔的人事变动")
        return redirect("integrity_personal_checks")
    except (QinglianError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", "请选择提拔的人事变动"))
        return redirect("integrity_personal_checks")
    messages.success(request, f"已登记凡提必核：{check}")
    return redirect("integrity_personal_check", pk=check.pk)


@login_required
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = access_spot_check(request.user, pk)
    can_keep = can_keep_personal_reports(request.user) and check.person_id != scope_of(request.user).person_id
    form = OutcomeForm(
        request.POST or None,
        initial={"outcome": check.outcome, "checked_on": check.checked_on or clock.today(), "handling": check.handling},
    )
    if request.method == "POST":
        if not can_keep:
            raise NotFound(_HIDDEN)
        if form.is_valid():
            try:
                services.check_outcome_record(check=check, by=request.user, **form.cleaned_data)
            except QinglianError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "已登记核实结果")
                return redirect("integrity_personal_check", pk=check.pk)
    else:
        audit_record(action=AuditAction.CONFIDENTIAL_VIEWED, user=request.user, request=request, target=check)
    context = {"check": check, "form": form, "can_keep": can_keep, "changes": changes_for(check)}
    return render(request, "integrity/personal_check_detail.html", context)


@login_required
def draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draw = access_draw(request.user, pk)
    return redirect(f"{reverse('integrity_personal_draw')}?year={draw.year}")


ROUTES = [
    path("personal/draw/", draw_page, name="integrity_personal_draw"),
    path("personal/draw/<int:pk>/", draw_detail, name="integrity_personal_draw_detail"),
    path("personal/checks/", check_list, name="integrity_personal_checks"),
    path("personal/checks/promotion/", promotion_check_new, name="integrity_personal_promotion_check"),
    path("personal/checks/<int:pk>/", check_detail, name="integrity_personal_check"),
]
