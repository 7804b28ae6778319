"""Pages of the meetings ledger (会议费): the list (year, month range, unit, category, planned or not, text) with its
totals, print view, Excel export and import; one meeting with its bill, its figures per person-day against the
standard in force on its first day, its findings and its evidence (notice, sign-in sheet, bills); the finance
officer's form (the meeting and the lines of its bill) and withdrawal.

Parse → access → service/selector → render: lists from `selectors.conferences` (`visible_to`), one meeting from
`access_conference`, writes through `services.conferences`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.frugality.exports import conferences as exports
from qinglian.frugality.forms.conferences import ConferenceFilterForm, ConferenceForm, cost_formset, formset_lines
from qinglian.frugality.forms.plans import WithdrawForm
from qinglian.frugality.importers.conferences import CONFERENCE_PAGE
from qinglian.frugality.models import Conference
from qinglian.frugality.permissions import access_conference, can_keep_ledgers
from qinglian.frugality.selectors import conferences as selectors
from qinglian.frugality.services.conferences import KEEP_ONLY, conference_save, conference_withdraw
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000


def _conferences(request: HttpRequest):
    form = ConferenceFilterForm(request.GET or None, user=request.user)
    return form, selectors.conference_list(request.user, **form.selector_args())


@login_required
def conference_list(request: HttpRequest) -> HttpResponse:
    form, qs = _conferences(request)
    printing = "print" in request.GET
    page = None if printing else paginate(request, qs)
    rows = list(qs[:PRINT_LIMIT]) if printing else list(page.object_list)
    context = {
        "form": form,
        "page_obj": page,
        "printing": printing,
        "conferences": selectors.with_figures(rows, selectors.rate_book(request.user)),
        "totals": selectors.list_totals(qs),
        "can_keep": can_keep_ledgers(request.user),
    }
    return render(request, "frugality/conferences_list.html", context)


@login_required
def conference_export(request: HttpRequest) -> HttpResponse:
    _, qs = _conferences(request)
    return exports.conferences_xlsx(request, qs.prefetch_related("costs"))


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access_conference(request.user, pk)
    context = {
        "conference": conference,
        "figures": selectors.conference_figures(conference, selectors.rate_book(request.user), lines=True),
        "can_keep": can_keep_ledgers(request.user),
        "changes": changes_for(conference),
    }
    return render(request, "frugality/conferences_detail.html", context)


@login_required
def conference_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_ledgers(request.user):
        raise Forbidden(KEEP_ONLY)
    return _conference_form(request, Conference(organ_id=scope_of(request.user).organ_id))


@login_required
def conference_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _conference_form(request, access_conference(request.user, pk, write=True))


def _conference_form(request: HttpRequest, conference: Conference) -> HttpResponse:
    """The meeting and its bill in one form: both valid, the service saves them together or refuses in Chinese."""
    form = ConferenceForm(request.POST or None, instance=conference, user=request.user)
    costs = cost_formset(request.POST or None, conference)
    if request.method == "POST" and form.is_valid() and costs.is_valid():
        try:
            saved = conference_save(
                conference=form.instance,
                costs=formset_lines(costs),
                total=form.cleaned_data["total_amount"],
                by=request.user,
            )
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存：{saved.name}")
            return redirect(reverse("frugality_conference_detail", args=[saved.pk]))
    title = "录入会议" if conference.pk is None else f"修改会议：{conference.name}"
    context = {"form": form, "costs": costs, "title": title, "conference": conference}
    return render(request, "frugality/conferences_form.html", context)


@login_required
def conference_withdraw_page(request: HttpRequest, pk: int) -> HttpResponse:
    conference = access_conference(request.user, pk, write=True)
    form = WithdrawForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"删除会议记录：{conference.name}",
        save=lambda: conference_withdraw(conference=conference, reason=form.cleaned_data["reason"], by=request.user),
        success=lambda saved: f"已删除：{saved.name}",
        then=lambda saved: reverse("frugality_conference_list"),
        template="frugality/conferences_withdraw.html",
        context={"conference": conference},
    )


ROUTES = [
    path("conferences/", conference_list, name="frugality_conference_list"),
    path("conferences/export/", conference_export, name="frugality_conference_export"),
    path("conferences/import/", import_page, {"page": CONFERENCE_PAGE}, name="frugality_conference_import"),
    path(
        "conferences/import/template/",
        import_template,
        {"page": CONFERENCE_PAGE},
        name="frugality_conference_import_template",
    ),
    path("conferences/new/", conference_create, name="frugality_conference_create"),
    path("conferences/<int:pk>/", conference_detail, name="frugality_conference_detail"),
    path("conferences/<int:pk>/edit/", conference_edit, name="frugality_conference_edit"),
    path("conferences/<int:pk>/withdraw/", conference_withdraw_page, name="frugality_conference_withdraw"),
]
