"""Pages of the 一会一报 register: the list (filters, print, Excel export and import), the month calendar, one forum
(particulars, outline, approval chain with dates, lead time in working days, findings, evidence, history), the
filing form, a step's decision, marking it held and cancelling it.

Parse → access → service/selector → render: lists from `selectors.forums` (`visible_to`), one forum from
`access_forum`, writes through `services.forums`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, int_param, paginate, post_action, year_param
from qinglian.core.importing.views import import_page, import_template
from qinglian.ideology.choices import ForumStatus, ForumStep, ReviewDecision
from qinglian.ideology.exports import forums as exports
from qinglian.ideology.forms.forums import CancelForm, DecideForm, ForumFilterForm, ForumForm
from qinglian.ideology.importers.forums import FORUM_PAGE
from qinglian.ideology.models import Forum, ForumApproval
from qinglian.ideology.permissions import access_forum, can_draft, can_keep_register
from qinglian.ideology.selectors import forums as selectors
from qinglian.ideology.services.forums import (
    decision_label,
    forum_cancel,
    forum_decide,
    forum_file,
    forum_mark_held,
    forum_update,
)
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000
STATUS_COLOURS = {
    ForumStatus.FILED: "warning",
    ForumStatus.APPROVED: "success",
    ForumStatus.REJECTED: "danger",
    ForumStatus.HELD: "primary",
    ForumStatus.CANCELLED: "secondary",
}


def _forums(request: HttpRequest):
    form = ForumFilterForm(request.GET or None, user=request.user)
    return form, selectors.forum_list(request.user, **form.selector_args())


@login_required
def forum_list(request: HttpRequest) -> HttpResponse:
    form, qs = _forums(request)
    context = {
        "form": form,
        "count": qs.count(),
        "can_file": can_draft(request.user),
        "can_keep": can_keep_register(request.user),
    }
    if "print" in request.GET:
        context.update(forums=_coloured(qs[:PRINT_LIMIT]), printing=True)
    else:
        page = paginate(request, qs)
        context.update(page_obj=page, forums=_coloured(page.object_list))
    return render(request, "ideology/forums_list.html", context)


def _coloured(forums) -> list[Forum]:
    """The forums with the colour of their status (the list's and the calendar's badges)."""
    rows = list(forums)
    for forum in rows:
        forum.colour = STATUS_COLOURS[forum.status]
    return rows


@login_required
def forum_calendar(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    year = year_param(request)
    month = int_param(request, "month")
    month = month if month is not None and 1 <= month <= 12 else today.month
    unit_id = int_param(request, "unit")
    grid = selectors.month_calendar(request.user, year, month, unit_id=unit_id)
    for week in grid.weeks:
        for day in week:
            _coloured(day.forums)
    legend = [(label, STATUS_COLOURS[value]) for value, label in ForumStatus.choices]
    context = {"grid": grid, "legend": legend, "unit": unit_id or "", "today": today}
    return render(request, "ideology/forums_calendar.html", context)


@login_required
def forum_export(request: HttpRequest) -> HttpResponse:
    _, qs = _forums(request)
    return exports.forums_xlsx(request, list(qs.prefetch_related("approvals__approver")))


@dataclass(frozen=True)
class ChainRow:
    step: int
    label: str
    approval: ForumApproval | None
    rejections: list[ForumApproval]
    pending: bool


def _chain(forum: Forum) -> list[ChainRow]:
    approvals = selectors.approvals_of(forum)
    pending = selectors.pending_step(forum) if forum.status == ForumStatus.FILED else None
    rows = []
    for step in selectors.required_steps(forum):
        rejected = [a for a in forum.approvals.all() if a.step == step and a.decision == ReviewDecision.RETURN]
        rows.append(ChainRow(step, ForumStep(step).label, approvals.get(step), rejected, step == pending))
    return rows


@login_required
def forum_detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum = access_forum(request.user, pk)
    forum = Forum.objects.prefetch_related("approvals__approver").select_related("unit", "applicant").get(pk=forum.pk)
    user = request.user
    writer = can_keep_register(user) or scope_of(user).person_id == forum.applicant_id
    step = selectors.pending_step(forum)
    final_on = selectors.final_approval_on(forum)
    context: dict[str, Any] = {
        "forum": forum,
        "chain": _chain(forum),
        "colour": STATUS_COLOURS[forum.status],
        "filed_lead": selectors.lead_working_days(forum.filed_on, forum.held_on),
        "final_on": final_on,
        "approved_lead": selectors.lead_working_days(final_on, forum.held_on),
        "can_edit": writer and forum.status in (ForumStatus.FILED, ForumStatus.REJECTED),
        "can_decide": step is not None and not selectors.decide_refusal(user, forum, step),
        "pending_label": ForumStep(step).label if step else "",
        "can_hold": writer and forum.status == ForumStatus.APPROVED and forum.held_on <= clock.today(),
        "can_cancel": writer and forum.status in (ForumStatus.FILED, ForumStatus.APPROVED, ForumStatus.REJECTED),
        "changes": changes_for(forum),
    }
    return render(request, "ideology/forums_detail.html", context)


@login_required
def forum_create(request: HttpRequest) -> HttpResponse:
    if not can_draft(request.user):
        raise Forbidden("您的账号未关联人员，不能报备")
    scope = scope_of(request.user)
    forum = Forum(organ_id=scope.organ_id, unit_id=scope.unit_id)
    return _forum_form(request, forum, lambda f: forum_file(forum=f, by=request.user), "一会一报：报备活动")


@login_required
def forum_edit(request: HttpRequest, pk: int) -> HttpResponse:
    forum = access_forum(request.user, pk, write=True)
    if forum.status not in (ForumStatus.FILED, ForumStatus.REJECTED):
        raise Conflict(f"该活动当前状态为“{forum.get_status_display()}”，不能修改")
    return _forum_form(request, forum, lambda f: forum_update(forum=f, by=request.user), f"修改报备：{forum.title}")


def _forum_form(request: HttpRequest, forum: Forum, save, title: str) -> HttpResponse:
    form = ForumForm(request.POST or None, instance=forum, user=request.user)
    return form_page(
        request,
        form,
        title=title,
        save=lambda: save(form.instance),
        success=lambda saved: (
            f"已报备：{saved.title}（待{ForumStep.UNIT.label}）" if forum.pk is None else f"已保存：{saved.title}"
        ),
        then=lambda saved: reverse("ideology_forum_detail", args=[saved.pk]),
        template="ideology/forums_form.html",
        context={"forum": forum},
    )


@login_required
def forum_decide_page(request: HttpRequest, pk: int) -> HttpResponse:
    forum = access_forum(request.user, pk)
    step = selectors.pending_step(forum)
    refusal = selectors.decide_refusal(request.user, forum, step) if step else "该活动已完成全部审批环节"
    if refusal:
        raise Forbidden(refusal)
    form = DecideForm(request.POST or None, step=step)
    return form_page(
        request,
        form,
        title=f"{ForumStep(step).label}：{forum.title}",
        save=lambda: forum_decide(forum=forum, step=step, by=request.user, request=request, **form.cleaned_data),
        success=lambda a: f"已登记{ForumStep(step).label}：{decision_label(a.decision)}",
        then=lambda a: reverse("ideology_forum_detail", args=[forum.pk]),
        template="ideology/forums_form.html",
        context={"forum": forum, "deciding": True},
    )


@login_required
@require_POST
def forum_held_page(request: HttpRequest, pk: int) -> HttpResponse:
    forum = access_forum(request.user, pk, write=True)
    return post_action(
        request,
        do=lambda: forum_mark_held(forum=forum, by=request.user),
        success=lambda f: f"已登记已举办：{f.title}",
        then=reverse("ideology_forum_detail", args=[forum.pk]),
    )


@login_required
def forum_cancel_page(request: HttpRequest, pk: int) -> HttpResponse:
    forum = access_forum(request.user, pk, write=True)
    form = CancelForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"取消活动：{forum.title}",
        save=lambda: forum_cancel(forum=forum, by=request.user, **form.cleaned_data),
        success=lambda f: f"已取消：{f.title}",
        then=lambda f: reverse("ideology_forum_detail", args=[f.pk]),
        template="ideology/forums_form.html",
        context={"forum": forum},
    )


ROUTES = [
    path("forums/", forum_list, name="ideology_forum_list"),
    path("forums/calendar/", forum_calendar, name="ideology_forum_calendar"),
    path("forums/export/", forum_export, name="ideology_forum_export"),
    path("forums/import/", import_page, {"page": FORUM_PAGE}, name="ideology_forum_import"),
    path("forums/import/template/", import_template, {"page": FORUM_PAGE}, name="ideology_forum_import_template"),
    path("forums/new/", forum_create, name="ideology_forum_create"),
    path("forums/<int:pk>/", forum_detail, name="ideology_forum_detail"),
    path("forums/<int:pk>/edit/", forum_edit, name="ideology_forum_edit"),
    path("forums/<int:pk>/decide/", forum_decide_page, name="ideology_forum_decide"),
    path("forums/<int:pk>/held/", forum_held_page, name="ideology_forum_held"),
    path("forums/<int:pk>/cancel/", forum_cancel_page, name="ideology_forum_cancel"),
]
