"""The suggestions ledger (代表建议): the filtered list with its per-unit summary tab, print, Excel export,
registering/changing a suggestion. The desk's workbench card is in npc/nav.py.

Parse → access → selector/service → render. Lists start from `selectors.suggestions.suggestion_list(user, …)`
(`visible_to`); one suggestion from `access_suggestion`. The page of one suggestion and its handling steps are in
suggestion_actions.py; the Excel layouts in exports/suggestions.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from qinglian.core import clock
from qinglian.core.errors import Forbidden
from qinglian.core.http import paginate
from qinglian.npc.exports import suggestions as exports
from qinglian.npc.forms.suggestions import SuggestionFilterForm, SuggestionForm
from qinglian.npc.models import Suggestion
from qinglian.npc.permissions import access_suggestion, can_write_suggestions, reading_organ_id
from qinglian.npc.selectors import suggestions as selectors
from qinglian.npc.selectors.figures import HandlingStats, handling_stats
from qinglian.npc.services.suggestions import suggestion_save
from qinglian.npc.views.common import form_page, saved_redirect
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000


def _ledger(request: HttpRequest) -> tuple[SuggestionFilterForm, QuerySet[Suggestion]]:
    """The filter form and the suggestions it keeps; an unbound form or a bad value keeps the whole ledger."""
    form = SuggestionFilterForm(request.GET or None, user=request.user)
    return form, selectors.suggestion_list(request.user, **form.selector_args()).order_by("-year", "number", "pk")


def summary_year(form: SuggestionFilterForm) -> int:
    return form.values().get("year") or clock.today().year


def _summary(request: HttpRequest, form: SuggestionFilterForm) -> tuple[list[HandlingStats], HandlingStats | None]:
    organ_id = reading_organ_id(request.user)
    if organ_id is None:
        return [], None
    return handling_stats(organ_id=organ_id, year=summary_year(form), as_of=clock.today())


def _rows(request: HttpRequest, suggestions: Any) -> list[selectors.SuggestionRow]:
    return selectors.ledger_rows(suggestions, organ_id=scope_of(request.user).organ_id, today=clock.today())


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
        page = paginate(request, selectors.with_handling(qs))
        context["page_obj"] = page
        context["rows"] = _rows(request, page.object_list)
    return render(request, "npc/suggestion_list.html", context)


@login_required
def suggestion_print(request: HttpRequest) -> HttpResponse:
    """The whole filtered ledger (up to PRINT_LIMIT rows) on A4 landscape."""
    form, qs = _ledger(request)
    loaded = list(selectors.with_handling(qs)[: PRINT_LIMIT + 1])
    context = {"form": form, "rows": _rows(request, loaded[:PRINT_LIMIT]), "truncated": len(loaded) > PRINT_LIMIT}
    return render(request, "npc/suggestion_print.html", context)


@login_required
def suggestion_export(request: HttpRequest) -> HttpResponse:
    """The filtered ledger, or (tab=units) the per-unit summary of the year, as Excel (audited)."""
    form, qs = _ledger(request)
    if request.GET.get("tab") == "units":
        units, total = _summary(request, form)
        return exports.summary_xlsx(request, summary_year(form), units, total)
    return exports.suggestions_xlsx(request, _rows(request, selectors.with_handling(qs, co_signers=True)))


@login_required
def suggestion_create(request: HttpRequest) -> HttpResponse:
    if not can_write_suggestions(request.user):
        raise Forbidden("只有建议办理台账的负责委室可以登记代表建议")
    suggestion = Suggestion(organ_id=scope_of(request.user).organ_id, received_on=clock.today())
    return _suggestion_form(request, suggestion)


@login_required
def suggestion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _suggestion_form(request, access_suggestion(request.user, pk, write=True))


def _suggestion_form(request: HttpRequest, suggestion: Suggestion) -> HttpResponse:
    creating = suggestion.pk is None
    form = SuggestionForm(request.POST or None, instance=suggestion, user=request.user)
    done = saved_redirect(
        request,
        form,
        save=lambda: suggestion_save(suggestion=form.instance, by=request.user, co_signer_ids=form.co_signer_ids()),
        then=lambda saved: reverse("npc_suggestion", args=[saved.pk]),
    )
    title = "登记代表建议" if creating else f"修改代表建议：{suggestion.number}"
    return done or form_page(request, "npc/suggestion_form.html", form, title, suggestion=suggestion)
