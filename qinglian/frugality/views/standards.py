"""Pages of the standard tables (经费标准表): the list by kind (filters, Excel, print), one table with its rows, its
other versions and its change history (Excel in the import's layout), "which standard applies on a date", the
import of a new version (core.importing, with a template per kind), and a version's end date and retirement.

Parse → access → service/selector → render: reads from `selectors.standards` (every business account; retired
versions stay readable), writes through `services.standards` after `access_standard_table(write=True)` (the
finance officer).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_GET

from qinglian.core.excel import xlsx_response
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page
from qinglian.frugality.exports import standards as exports
from qinglian.frugality.forms.standards import EndTableForm, InForceForm, RetireTableForm, StandardFilterForm
from qinglian.frugality.importers.standards import STANDARD_PAGE, StandardTableImport, value_header
from qinglian.frugality.permissions import access_standard_table, can_keep_standards
from qinglian.frugality.selectors import standards as selectors
from qinglian.frugality.services.standards import standard_table_end, standard_table_retire
from qinglian.frugality.standards.specs import SPECS

PRINT_LIMIT = 500


def _tables(request: HttpRequest):
    form = StandardFilterForm(request.GET or None)
    return form, selectors.table_list(request.user, **form.selector_args())


@login_required
def standard_list(request: HttpRequest) -> HttpResponse:
    form, tables = _tables(request)
    context = {"form": form, "can_keep": can_keep_standards(request.user)}
    if "print" in request.GET:
        context.update(tables=tables[:PRINT_LIMIT], printing=True)
    else:
        page = paginate(request, tables)
        context.update(page_obj=page, tables=page.object_list)
    return render(request, "frugality/standards_list.html", context)


@login_required
def standard_list_export(request: HttpRequest) -> HttpResponse:
    _, tables = _tables(request)
    return exports.list_xlsx(request, tables)


@login_required
def standard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = selectors.table_for(request.user, pk)
    spec = SPECS[table.kind]
    context = {
        "table": table,
        "spec": spec,
        "headers": [*(k.header for k in spec.keys), *(value_header(v) for v in spec.values)],
        "rows": selectors.table_rows(table),
        "versions": selectors.versions_of(request.user, table),
        "changes": changes_for(table),
        "can_write": can_keep_standards(request.user) and table.retired_at is None,
        "can_keep": can_keep_standards(request.user),
    }
    return render(request, "frugality/standards_detail.html", context)


@login_required
def standard_export(request: HttpRequest, pk: int) -> HttpResponse:
    return exports.table_xlsx(request, selectors.table_for(request.user, pk))


@login_required
def standard_in_force(request: HttpRequest) -> HttpResponse:
    selectors.require_reader(request.user)
    form = InForceForm(request.GET)
    answers = []
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        answers = selectors.in_force_on(request.user, form.cleaned_data["on"], form.facts(), [kind] if kind else None)
    return render(request, "frugality/standards_in_force.html", {"form": form, "answers": answers})


@login_required
@require_GET
def standard_template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in SPECS:
        raise Http404
    importer = StandardTableImport.for_user(request.user)
    importer.kind = kind
    return xlsx_response(importer.template(), f"{SPECS[kind].label}导入模板.xlsx")


@login_required
def standard_end(request: HttpRequest, pk: int) -> HttpResponse:
    table = access_standard_table(request.user, pk, write=True)
    form = EndTableForm(request.POST or None, initial={"effective_to": table.effective_to})
    return form_page(
        request,
        form,
        title=f"设置失效日期：{table.title}",
        save=lambda: standard_table_end(table=table, effective_to=form.cleaned_data["effective_to"], by=request.user),
        success=lambda saved: f"已设置失效日期：{saved.effective_to}",
        then=lambda saved: reverse("frugality_standard_detail", args=[saved.pk]),
        template="frugality/standards_form.html",
        context={"table": table},
    )


@login_required
def standard_retire(request: HttpRequest, pk: int) -> HttpResponse:
    table = access_standard_table(request.user, pk, write=True)
    form = RetireTableForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"作废标准表：{table.title}",
        save=lambda: standard_table_retire(table=table, reason=form.cleaned_data["reason"], by=request.user),
        success=lambda saved: "已作废，规则不再读取该表",
        then=lambda saved: reverse("frugality_standard_detail", args=[saved.pk]),
        template="frugality/standards_form.html",
        context={"table": table},
    )


ROUTES = [
    path("standards/", standard_list, name="frugality_standard_list"),
    path("standards/export/", standard_list_export, name="frugality_standard_list_export"),
    path("standards/in-force/", standard_in_force, name="frugality_standard_in_force"),
    path("standards/import/", import_page, {"page": STANDARD_PAGE}, name="frugality_standard_import"),
    path("standards/import/template/<str:kind>/", standard_template, name="frugality_standard_template"),
    path("standards/<int:pk>/", standard_detail, name="frugality_standard_detail"),
    path("standards/<int:pk>/export/", standard_export, name="frugality_standard_export"),
    path("standards/<int:pk>/end/", standard_end, name="frugality_standard_end"),
    path("standards/<int:pk>/retire/", standard_retire, name="frugality_standard_retire"),
]
