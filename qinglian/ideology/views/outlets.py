"""Pages of the outlet register (意识形态阵地): the list (filters, last publication and days since — coloured past
the IDEO-001 figures in force — print, Excel export and import), one outlet (particulars, review chain, recent
pieces, findings, filing papers as evidence, history), the party-affairs office's form, filing and closing.

Parse → access → service/selector → render: lists from `selectors.outlets` (`visible_to`), one outlet from
`access_outlet`, writes through `services.outlets`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from qinglian.core import clock
from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.ideology.choices import NEW_MEDIA_KINDS, FilingStatus, OutletKind
from qinglian.ideology.exports import outlets as exports
from qinglian.ideology.forms.outlets import OutletCloseForm, OutletFileForm, OutletFilterForm, OutletForm
from qinglian.ideology.importers.outlets import OUTLET_PAGE
from qinglian.ideology.models import Outlet
from qinglian.ideology.permissions import access_outlet, can_keep_register
from qinglian.ideology.selectors import outlets as selectors
from qinglian.ideology.services.outlets import REFUSAL, outlet_close, outlet_file, outlet_save
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000
FORM = "ideology/outlets_form.html"


def _outlets(request: HttpRequest):
    form = OutletFilterForm(request.GET or None, user=request.user)
    return form, selectors.outlet_list(request.user, **form.selector_args())


@login_required
def outlet_list(request: HttpRequest) -> HttpResponse:
    form, qs = _outlets(request)
    figures = selectors.silence_figures(scope_of(request.user).organ_id)
    context = {
        "form": form,
        "count": qs.count(),
        "can_keep": can_keep_register(request.user),
        "today": clock.today(),
        "figures": figures,
    }
    if "print" in request.GET:
        outlets = list(qs[:PRINT_LIMIT])
        context["printing"] = True
    else:
        page = paginate(request, qs)
        outlets = list(page.object_list)
        context["page_obj"] = page
    context["rows"] = selectors.rows_with_silence(outlets, figures)
    return render(request, "ideology/outlets_list.html", context)


@login_required
def outlet_export(request: HttpRequest) -> HttpResponse:
    _, qs = _outlets(request)
    return exports.outlets_xlsx(request, list(qs))


@login_required
def outlet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    outlet = selectors.outlet_one(access_outlet(request.user, pk))
    keep = can_keep_register(request.user)
    today = clock.today()
    is_open = outlet.closed_on is None or outlet.closed_on > today
    context = {
        "outlet": outlet,
        "can_keep": keep,
        "is_open": is_open,
        "may_file": keep and outlet.kind in NEW_MEDIA_KINDS and outlet.filing_status != FilingStatus.FILED,
        "may_close": keep and outlet.closed_on is None,
        "silence": selectors.silence_of(outlet, selectors.silence_figures(outlet.organ_id), today),
        "chain": selectors.review_chain(outlet),
        "pieces": selectors.recent_pieces(request.user, outlet),
        "changes": changes_for(outlet),
    }
    return render(request, "ideology/outlets_detail.html", context)


@login_required
def outlet_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_register(request.user):
        raise Forbidden(REFUSAL)
    outlet = Outlet(organ_id=scope_of(request.user).organ_id, kind=OutletKind.WEBSITE_COLUMN, opened_on=clock.today())
    return _outlet_form(request, outlet)


@login_required
def outlet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _outlet_form(request, access_outlet(request.user, pk, write=True))


def _outlet_form(request: HttpRequest, outlet: Outlet) -> HttpResponse:
    form = OutletForm(request.POST or None, instance=outlet, user=request.user)
    return form_page(
        request,
        form,
        title="登记意识形态阵地" if outlet.pk is None else f"修改阵地：{outlet.name}",
        save=lambda: outlet_save(outlet=form.instance, by=request.user),
        success=lambda saved: f"已保存阵地：{saved.name}",
        then=lambda saved: reverse("ideology_outlet_detail", args=[saved.pk]),
        template=FORM,
        context={"outlet": outlet},
    )


@login_required
def outlet_file_page(request: HttpRequest, pk: int) -> HttpResponse:
    outlet = access_outlet(request.user, pk, write=True)
    form = OutletFileForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"登记备案：{outlet.name}",
        save=lambda: outlet_file(outlet=outlet, by=request.user, **form.cleaned_data),
        success=lambda saved: f"已登记备案：{saved.name}",
        then=lambda saved: reverse("ideology_outlet_detail", args=[saved.pk]),
        template=FORM,
        context={"outlet": outlet},
    )


@login_required
def outlet_close_page(request: HttpRequest, pk: int) -> HttpResponse:
    outlet = access_outlet(request.user, pk, write=True)
    form = OutletCloseForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"登记关停：{outlet.name}",
        save=lambda: outlet_close(outlet=outlet, by=request.user, **form.cleaned_data),
        success=lambda saved: f"已登记关停：{saved.name}",
        then=lambda saved: reverse("ideology_outlet_detail", args=[saved.pk]),
        template=FORM,
        context={"outlet": outlet},
    )


ROUTES = [
    path("outlets/", outlet_list, name="ideology_outlet_list"),
    path("outlets/export/", outlet_export, name="ideology_outlet_export"),
    path("outlets/import/", import_page, {"page": OUTLET_PAGE}, name="ideology_outlet_import"),
    path("outlets/import/template/", import_template, {"page": OUTLET_PAGE}, name="ideology_outlet_import_template"),
    path("outlets/new/", outlet_create, name="ideology_outlet_create"),
    path("outlets/<int:pk>/", outlet_detail, name="ideology_outlet_detail"),
    path("outlets/<int:pk>/edit/", outlet_edit, name="ideology_outlet_edit"),
    path("outlets/<int:pk>/file/", outlet_file_page, name="ideology_outlet_file"),
    path("outlets/<int:pk>/close/", outlet_close_page, name="ideology_outlet_close"),
]
