"""年度计划 as a month/quarter grid, its editor, and the democratic-life meeting process (民主生活会)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.compliance.periods import containing
from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound
from qinglian.core.http import form_page, post_action
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of
from qinglian.partylife.choices import BRANCH_KINDS, DLM_OPTIONAL_STEPS, DLMStep, MeetingKind
from qinglian.partylife.forms.people import DLMStepForm, PlanForm, plan_lines
from qinglian.partylife.models import AnnualPlan, Meeting, PlanItem
from qinglian.partylife.permissions import access_plan_branch, can_record_for_branch, organ_id_of
from qinglian.partylife.selectors import common, dlm, plans
from qinglian.partylife.services.dlm import dlm_step_mark
from qinglian.partylife.services.meetings import plan_save
from qinglian.partylife.views.common import year_of


@login_required
def plan_index(request: HttpRequest) -> HttpResponse:
    """Straight to my branch's plan of this year; otherwise a list of the branches to choose from."""
    own = common.own_branch_id(request.user)
    if own and not scope_of(request.user).reads_organ:
        return redirect("plan_detail", branch_id=own, year=year_of(request))
    branches = plans.plan_branches(user=request.user, organ_id=organ_id_of(request.user))
    return render(request, "partylife/plans/index.html", {"branches": branches, "year": year_of(request)})


def _slot(item: PlanItem, *, year: int, today: dt.date, can_record: bool) -> dict:
    meeting = getattr(item, "meeting", None)
    month_end = containing("month", dt.date(year, item.month, 1)).end
    return {
        "item": item,
        "meeting": meeting,
        "meeting_url": reverse("meeting_detail", args=[meeting.pk]) if meeting else None,
        "overdue": meeting is None and month_end < today,
        "record_url": f"{reverse('meeting_create')}?plan_item={item.pk}" if can_record and meeting is None else None,
    }


def plan_grid(plan: AnnualPlan | None, *, year: int, quarters: bool, can_record: bool) -> list[dict]:
    """Rows of periods (12 months or 4 quarters), each with one cell (a list of slots) per branch kind."""
    today = clock.today()
    items = list(plan.items.select_related("meeting")) if plan else []
    periods = (
        [(q, f"第{q}季度", range(3 * q - 2, 3 * q + 1)) for q in range(1, 5)]
        if quarters
        else [(m, f"{m}月", range(m, m + 1)) for m in range(1, 13)]
    )
    rows = []
    for number, label, months in periods:
        cells = [
            [
                _slot(i, year=year, today=today, can_record=can_record)
                for i in items
                if i.month in months and i.kind == k
            ]
            for k in BRANCH_KINDS
        ]
        rows.append({"number": number, "label": label, "cells": cells})
    return rows


@login_required
def plan_detail(request: HttpRequest, branch_id: int, year: int) -> HttpResponse:
    branch = access_plan_branch(request.user, branch_id)
    plan = plans.plan_of(branch=branch, year=year)
    can_record = can_record_for_branch(request.user, branch.pk)
    quarters = request.GET.get("view") == "quarter"
    rows = plan_grid(plan, year=year, quarters=quarters, can_record=can_record)
    context = {
        "branch": branch,
        "year": year,
        "plan": plan,
        "rows": rows,
        "kinds": [MeetingKind(k).label for k in BRANCH_KINDS],
        "quarters": quarters,
        "can_edit": can_record,
        "counts": _grid_counts(rows),
    }
    return render(request, "partylife/plans/detail.html", context)


def _grid_counts(rows: list[dict]) -> dict[str, int]:
    slots = [s for row in rows for cell in row["cells"] for s in cell]
    return {
        "planned": len(slots),
        "held": sum(1 for s in slots if s["meeting"]),
        "overdue": sum(1 for s in slots if s["overdue"]),
    }


@login_required
def plan_edit(request: HttpRequest, branch_id: int, year: int) -> HttpResponse:
    branch = access_plan_branch(request.user, branch_id)
    if not can_record_for_branch(request.user, branch.pk):
        raise Forbidden("只有本支部委员或机关党委专责人员可以制定年度计划")
    plan = plans.plan_of(branch=branch, year=year) or AnnualPlan(organ_id=branch.organ_id, branch=branch, year=year)
    initial = {"lines": plan_lines(plan.items.all()) if plan.pk else ""}
    form = PlanForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        title=f"编辑年度计划：{branch.name} {year}年",
        save=lambda: plan_save(plan=plan, items=form.cleaned_data["lines"], by=request.user),
        success=lambda _: f"已保存{branch.name}{year}年度计划",
        then=lambda _: reverse("plan_detail", kwargs={"branch_id": branch.pk, "year": year}),
        template="partylife/plans/edit.html",
        context={"branch": branch, "year": year},
    )


# --- 民主生活会 -------------------------------------------------------------------------------------


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _needed(steps: list[dict], meeting: Meeting | None, usual_quarter: int | None) -> list[dict]:
    """The process without the optional steps nobody needs: the superior's consent to move the meeting (PL-021) is
    listed once recorded, or once the meeting was held outside its usual quarter — then due on the day it was held,
    since the consent comes before the meeting."""
    marked = next((s["row"].done_on for s in steps if s["step"] == DLMStep.MEETING and s["row"]), None)
    held_on = dlm.dlm_held_on(meeting.date if meeting else None, marked)
    moved = held_on is not None and usual_quarter is not None and _quarter(held_on) != usual_quarter
    shown = []
    for s in steps:
        if s["step"] in DLM_OPTIONAL_STEPS:
            if not (s["row"] or moved):
                continue
            s = {**s, "due": held_on if moved else None}
        shown.append(s)
    return shown


@login_required
def dlm_process(request: HttpRequest, year: int) -> HttpResponse:
    scope = scope_of(request.user)
    if not scope.reads_organ:
        raise NotFound("民主生活会记录不存在或无权查看")
    organ_id = organ_id_of(request.user)
    context = dlm.dlm_steps(user=request.user, organ_id=organ_id, year=year)
    meeting = context["meeting"]
    usual_quarter = common.rule_value(organ_id=organ_id, code="PL-021", keys=("usual_quarter",))
    context.update(
        steps=_needed(context["steps"], meeting, usual_quarter),
        usual_quarter=usual_quarter,
        year=year,
        meeting_url=reverse("meeting_detail", args=[meeting.pk]) if meeting else None,
        can_mark=scope.has(Role.PARTY_OFFICER),
        form=DLMStepForm(),
        today=clock.today(),
    )
    return render(request, "partylife/dlm/process.html", context)


@login_required
def dlm_index(request: HttpRequest) -> HttpResponse:
    return redirect("dlm_process", year=year_of(request))


@login_required
@require_POST
def dlm_mark(request: HttpRequest, year: int) -> HttpResponse:
    if not scope_of(request.user).has(Role.PARTY_OFFICER):
        raise Forbidden("只有机关党委专责人员可以登记民主生活会环节")
    form = DLMStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写环节和完成日期")
        return redirect("dlm_process", year=year)
    return post_action(
        request,
        do=lambda: dlm_step_mark(organ_id=organ_id_of(request.user), year=year, by=request.user, **form.cleaned_data),
        success=lambda row: f"已登记：{row.get_step_display()}（{row.done_on:%Y-%m-%d}）",
        then=reverse("dlm_process", kwargs={"year": year}),
    )
