"""The finance-system import page (财务系统数据导入, /frugality/import/), one page in four steps:

1. upload: the ledger and the finance export; a ledger whose columns the organ has mapped goes straight to 3;
2. mapping (the first time, when asked, or when the saved mapping no longer fits the file): each of the ledger's
   columns gets one of the file's headers or none; saved per organ and ledger, then 3;
3. preview: the ledger's own import judges every row (core.importing); with no problem, "确认导入";
4. confirm: the previewed rows, from a signed token, written all or nothing by the ledger's import.

Only the finance officer (`can_keep_ledgers`); nothing is written before the confirm but the mapping.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.importing import Action, Plan
from qinglian.frugality.forms.imports import MappingForm, UploadForm
from qinglian.frugality.importers.imports import (
    LEDGER_PATHS,
    REFUSAL,
    FinanceImport,
    FinanceSheet,
    guess_mapping,
    read_finance_sheet,
)
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.frugality.selectors.imports import mapping_for, saved_mappings
from qinglian.frugality.services.imports import mapping_save
from qinglian.org.scope import scope_of

TEMPLATE = "frugality/imports_page.html"


def _page(request: HttpRequest, *, upload: UploadForm | None = None, **context: Any) -> HttpResponse:
    ledger = request.GET.get("ledger", "")
    context |= {
        "upload": upload or UploadForm(initial={"ledger": ledger}),
        "saved": saved_mappings(request.user),
        "ledger_paths": LEDGER_PATHS,
    }
    return render(request, TEMPLATE, context)


@login_required
@require_http_methods(["GET", "POST"])
def finance_import(request: HttpRequest) -> HttpResponse:
    if not can_keep_ledgers(request.user):
        raise Forbidden(REFUSAL)
    if request.method == "GET":
        return _page(request)
    if "confirm" in request.POST:
        return _confirm(request)
    if "sheet" in request.POST:
        return _mapped(request)
    return _upload(request)


def _upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, upload=form)
    data = form.cleaned_data
    try:
        # One byte past the limit: the reader refuses an oversized file without reading it all.
        sheet = read_finance_sheet(data["file"].read(settings.QINGLIAN_IMPORT_MAX_BYTES + 1))
        finance = FinanceImport(ledger=data["ledger"], user=request.user)
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return _page(request, upload=form)
    saved = mapping_for(scope_of(request.user).organ_id, finance.ledger)
    if saved is None or data["remap"]:
        if saved is None:
            first = f"首次导入{finance.label}：请为台账的每一列选择财务文件中对应的表头，保存后下次自动使用"
            messages.info(request, first)
        return _mapping_step(request, finance, sheet, saved)
    try:
        plan = finance.plan(sheet, saved)
    except InvalidInput as exc:
        messages.error(request, f"{exc.message}。未写入任何数据")
        return _mapping_step(request, finance, sheet, saved)
    return _preview(request, finance, sheet, saved, plan)


def _mapping_step(
    request: HttpRequest,
    finance: FinanceImport,
    sheet: FinanceSheet,
    saved: dict[str, str] | None,
    form: MappingForm | None = None,
) -> HttpResponse:
    columns = finance.columns()
    form = form or MappingForm(columns=columns, sheet=sheet, guess=guess_mapping(columns, sheet, saved))
    samples = [(header, sheet.sample(header)) for header in sheet.names]
    context = {"mapping_form": form, "finance": finance, "sheet_token": finance.sheet_token(sheet), "samples": samples}
    return _page(request, upload=UploadForm(initial={"ledger": finance.ledger}), **context)


def _mapped(request: HttpRequest) -> HttpResponse:
    """The mapping form posted: save the mapping, then preview the file with it."""
    try:
        finance, payload = FinanceImport.unsign(request.POST["sheet"], request.user)
        sheet = finance.sheet_of(payload)
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return redirect(request.path)
    form = MappingForm(request.POST, columns=finance.columns(), sheet=sheet, guess={})
    if not form.is_valid():
        messages.error(request, "列对应有误，未保存，请按提示修改")
        return _mapping_step(request, finance, sheet, None, form)
    mapping = form.mapping()
    try:
        mapping_save(ledger=finance.ledger, mapping=mapping, columns=finance.columns(), sheet=sheet, by=request.user)
        plan = finance.plan(sheet, mapping)
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return _mapping_step(request, finance, sheet, None, form)
    messages.success(request, f"{finance.label}的列对应已保存，以后导入时自动使用")
    return _preview(request, finance, sheet, mapping, plan)


def _preview(
    request: HttpRequest, finance: FinanceImport, sheet: FinanceSheet, mapping: dict[str, str], plan: Plan
) -> HttpResponse:
    context: dict[str, Any] = {"stage": "preview", "plan": plan, "finance": finance}
    context["rows"] = plan.error_rows if plan.has_errors else plan.rows
    context["pairs"] = [(ours, theirs) for ours, theirs in mapping.items() if theirs]
    if plan.has_errors:
        messages.error(request, f"{plan.summary()}。请按下表修改财务文件后重新上传，未写入任何数据。")
    elif not plan.count(Action.CREATE) and not plan.count(Action.UPDATE):
        messages.info(request, f"{plan.summary()}。没有需要写入的记录。")
    else:
        messages.info(request, f"预览：{plan.summary()}。确认后才写入。")
        context["token"] = finance.plan_token(sheet, mapping, plan)
    return _page(request, upload=UploadForm(initial={"ledger": finance.ledger}), **context)


def _confirm(request: HttpRequest) -> HttpResponse:
    """ "确认导入": the previewed rows written all or nothing, back to the page either way."""
    try:
        finance, payload = FinanceImport.unsign(request.POST["confirm"], request.user)
        result = finance.confirm(payload)
    except (InvalidInput, Conflict) as exc:
        messages.error(request, exc.message)
        return redirect(request.path)
    messages.success(request, f"{finance.label}：{result.summary()}")
    return redirect(f"{request.path}?ledger={finance.ledger}")


ROUTES: list[URLPattern] = [
    path("import/", finance_import, name="frugality_import"),
]
