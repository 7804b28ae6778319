"""The suggestions ledger (代表建议): the filtered list with its per-unit summary tab, print, Excel export,
registering/changing a suggestion, and the desk's workbench card.

Parse → access → selector/service → render. Lists start from `selectors.suggestion_list(user, …)`
(`visible_to`); one suggestion from `access_suggestion`. The page of one suggestion and its handling steps
are in views_suggestion_detail.py and views_suggestion_actions.py; the Excel layouts in exports_suggestions.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from qinglian.core import workdays
from qinglian.core.errors import Forbidden, QinglianError
from qinglian.npc import exports_suggestions as exports
from qinglian.npc import selectors
from qinglian.npc.choices import HandlingRole, SuggestionStatus
from qinglian.npc.forms_suggestions import SuggestionFilterForm, SuggestionForm, narrow
from qinglian.npc.models import Assignment, Reply, Suggestion
from qinglian.npc.permissions import access_suggestion, can_write_suggestions
from qinglian.npc.selectors_figures import handling_stats
from qinglian.npc.services_suggestions import suggestion_save
from qinglian.org.permissions import scope_of

PRINT_LIMIT = 1000
DUE_SOON_WORKING_DAYS = 10
UNREPLIED = (SuggestionStatus.ASSIGNED, SuggestionStatus.HANDLING)


@dataclass(frozen=True)
class SuggestionRow:
    """One line of the ledger: the suggestion and what the list shows about its handling."""

    s: Suggestion
    lead: Assignment | None
    co_units: str
    due: dt.date | None
    overdue: bool
    reply: Reply | None  # the latest (a re-reply replaces the original's result)
    level: str  # the latest evaluation's label, "" when none


def with_handling(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    replies = Reply.objects.select_related("assignment__unit").prefetch_related("satisfactions")
    return qs.prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
        Prefetch("replies", queryset=replies),
        "co_signers",
    )


def _latest_level(s: Suggestion) -> str:
    evaluated = [(r.date, r.pk, f) for r in s.replies.all() for f in r.satisfactions.all()]
    return max(evaluated, key=lambda t: (t[0], t[1]))[2].get_level_display() if evaluated else ""


def ledger_rows(suggestions, *, organ_id: int | None, today: dt.date) -> list[SuggestionRow]:
    """Rows for already loaded suggestions (use `with_handling`); NPC-001's parameters resolved once."""
    params = selectors.rule_params("NPC-001", organ_id=organ_id, on=today) if organ_id else None
    rows = []
    for s in suggestions:
        lead, due = selectors.reply_deadline(s, params)
        replied = selectors.first_reply(s) is not None
        co = "、".join(a.unit.name for a in s.assignments.all() if a.is_active and a.role == HandlingRole.CO)
        overdue = due is not None and not replied and today > due
        rows.append(SuggestionRow(s, lead, co, due, overdue, selectors.latest_reply(s), _latest_level(s)))
    return rows


def due_soon_ids(qs: QuerySet[Suggestion], *, organ_id: int | None, today: dt.date) -> list[int]:
    """Unreplied suggestions whose reply deadline is today or within DUE_SOON_WORKING_DAYS working days."""
    limit = workdays.add_working_days(today, DUE_SOON_WORKING_DAYS)
    rows = ledger_rows(with_handling(qs.filter(status__in=UNREPLIED)), organ_id=organ_id, today=today)
    return [r.s.pk for r in rows if r.due is not None and r.reply is None and today <= r.due <= limit]


def _ledger(request: HttpRequest) -> tuple[SuggestionFilterForm, QuerySet[Suggestion]]:
    form = SuggestionFilterForm(request.GET or None, user=request.user)
    if not form.is_valid():  # unbound (no filter) or a bad value: the whole ledger
        return form, selectors.suggestion_list(request.user).order_by("-year", "number", "pk")
    qs = narrow(selectors.suggestion_list(request.user, **form.selector_args()), form.cleaned_data)
    if form.cleaned_data.get("deadline") == "due_soon":
        organ_id = scope_of(request.user).organ_id
        qs = qs.filter(pk__in=due_soon_ids(qs, organ_id=organ_id, today=timezone.localdate()))
    return form, qs.order_by("-year", "number", "pk")


def summary_year(form: SuggestionFilterForm) -> int:
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return data.get("year") or timezone.localdate().year


def _summary(request: HttpRequest, form: SuggestionFilterForm):
    scope = scope_of(request.user)
    if not scope.is_business or scope.organ_id is None:
        return [], None
    return handling_stats(organ_id=scope.organ_id, year=summary_year(form), as_of=timezone.localdate())


@login_required
def suggestion_list(request: HttpRequest) -> HttpResponse:
    form, qs = _ledger(request)
    tab = "units" if request.GET.get("tab") == "units" else "list"
    context: dict[str, Any] = {"form": form, "tab": tab, "can_write": can_write_suggestions(request.user)}
    if tab == "units":
        units, total = _summary(request, form)
        context["units"] = [(u, exports.summary_row(u)) for u in units]
        context["total"] = exports.summary_row(total) if total is not None else None
        context["year"] = summary_year(form)
    else:
        page = Paginator(with_handling(qs), settings.QINGLIAN_PAGE_SIZE).get_page(request.GET.get("page"))
        organ_id = scope_of(request.user).organ_id
        context["page_obj"] = page
        context["rows"] = ledger_rows(page.object_list, organ_id=organ_id, today=timezone.localdate())
    return render(request, "npc/suggestion_list.html", context)


@login_required
def suggestion_print(request: HttpRequest) -> HttpResponse:
    """The whole filtered ledger (up to PRINT_LIMIT rows) on A4 landscape."""
    form, qs = _ledger(request)
    loaded = list(with_handling(qs)[: PRINT_LIMIT + 1])
    rows = ledger_rows(loaded[:PRINT_LIMIT], organ_id=scope_of(request.user).organ_id, today=timezone.localdate())
    context = {"form": form, "rows": rows, "truncated": len(loaded) > PRINT_LIMIT}
    return render(request, "npc/suggestion_print.html", context)


@login_required
def suggestion_export(request: HttpRequest) -> HttpResponse:
    """The filtered ledger, or (tab=units) the per-unit summary of the year, as Excel (audited)."""
    form, qs = _ledger(request)
    if request.GET.get("tab") == "units":
        units, total = _summary(request, form)
        return exports.summary_xlsx(request, summary_year(form), units, total)
    rows = ledger_rows(with_handling(qs), organ_id=scope_of(request.user).organ_id, today=timezone.localdate())
    return exports.suggestions_xlsx(request, rows)


@login_required
def suggestion_create(request: HttpRequest) -> HttpResponse:
    if not can_write_suggestions(request.user):
        raise Forbidden("只有建议办理台账的负责委室可以登记代表建议")
    suggestion = Suggestion(organ_id=scope_of(request.user).organ_id, received_on=timezone.localdate())
    return _suggestion_form(request, suggestion)


@login_required
def suggestion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _suggestion_form(request, access_suggestion(request.user, pk, write=True))


def _suggestion_form(request: HttpRequest, suggestion: Suggestion) -> HttpResponse:
    creating = suggestion.pk is None
    form = SuggestionForm(request.POST or None, instance=suggestion, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = suggestion_save(suggestion=form.instance, by=request.user, co_signer_ids=form.co_signer_ids())
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存：{saved}")
            return redirect("npc_suggestion", pk=saved.pk)
    title = "登记代表建议" if creating else f"修改代表建议：{suggestion.number}"
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "npc/suggestion_form.html", {"form": form, "title": title, "suggestion": suggestion}, status=status
    )


# --- workbench card ---------------------------------------------------------------------------------------


def suggestions_widget(request: HttpRequest) -> dict | None:
    """For the suggestions desk: unreplied suggestions overdue, and due within 10 working days."""
    if not can_write_suggestions(request.user):
        return None
    today = timezone.localdate()
    organ_id = scope_of(request.user).organ_id
    qs = with_handling(selectors.suggestion_list(request.user).filter(status__in=UNREPLIED))
    rows = [r for r in ledger_rows(qs, organ_id=organ_id, today=today) if r.due is not None and r.reply is None]
    limit = workdays.add_working_days(today, DUE_SOON_WORKING_DAYS)
    overdue = [r for r in rows if r.overdue]
    soon = sorted((r for r in rows if today <= r.due <= limit), key=lambda r: r.due)
    for_days = [(r, workdays.working_days_between(today, r.due)) for r in soon[:5]]
    return {"overdue": len(overdue), "due_soon": len(soon), "nearest": for_days, "days": DUE_SOON_WORKING_DAYS}
