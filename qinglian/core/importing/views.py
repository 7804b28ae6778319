"""The one template download and the one upload/preview page every ledger's import uses.

A ledger's urls name these views with its `ImportPage` (what the page says; the import itself is the page's
`importer`):

    path("import/", views.import_page, {"page": ROSTER_PAGE}, name="roster_import"),
    path("import/template/", views.import_template, {"page": ROSTER_PAGE}, name="roster_template"),

Two flows. By default the upload writes at once ("仅预览" checkbox to look first, a second upload to write). An
importer with `confirm` always previews, and its "确认导入" button posts the previewed plan back in a signed
token (core.importing.token), so what is written is exactly what was previewed, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from qinglian.core.errors import Conflict, InvalidInput
from qinglian.core.excel import xlsx_response
from qinglian.core.importing.base import LedgerImport
from qinglian.core.importing.plan import MODES, Action, Plan

XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Count:
    """One figure on the done page: its label, the result's tally key and a Bootstrap text colour."""

    label: str
    key: Any
    css: str = ""


@dataclass(frozen=True)
class Link:
    """A button beside the heading: another import of the same ledger, a related page."""

    url: str  # URL name
    label: str
    icon: str = ""  # a Bootstrap icon: "bi-file-earmark-word"


@dataclass(frozen=True)
class ImportPage:
    importer: type[LedgerImport]
    heading: str  # "花名册导入"
    template_url: str  # URL name of the template download; "" for a source without one (a Word outline)
    testid: str  # prefix of the page's data-testid hooks: "roster" → roster-template, roster-counts, roster-rows
    intro: str | tuple[str, ...]  # what the import is for, above the form: one paragraph or several (HTML)
    file_label: str  # "花名册文件（.xlsx）"
    preview_hint: str  # the "仅预览" checkbox (not shown when the importer confirms)
    title: str = ""  # the browser's title, when not the heading
    icon: str = "bi-file-earmark-spreadsheet"
    links: tuple[Link, ...] = ()
    file_accept: str = XLSX_ACCEPT
    file_required: str = ""  # the message for a missing file, when not "请选择要上传的<file_label>"
    again_hint: str = ""  # after "valid rows only": how to import the skipped rows later
    name_header: str = "名称"  # the rows table's second column
    counts: tuple[Count, ...] = (
        Count("新增", Action.CREATE, "text-success"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
        Count("跳过（有问题）", Action.ERROR, "text-danger"),
    )
    preview_heading: str = "预览：逐行检查结果"
    preview_empty: str = "没有存在问题的行。"
    preview_hides_unchanged: bool = False  # the roster previews only what changes
    options_template: str = ""  # extra form fields, instead of the importer's option fields in a column
    done_link: tuple[str, str] | None = None  # (URL name, label) shown after a successful import
    row_header: str = "行号"  # the rows table's first column (RowPlan.position)
    columns: tuple[str, ...] = ()  # the columns of RowPlan.cells; by default `name_header` alone
    # With `importer.confirm`: the preview's figures (keys of plan.counts), the line above "确认导入" (formatted
    # with the plan's options), the message when nothing would be written, and where a confirmed import goes.
    preview_counts: tuple[Count, ...] = ()
    confirm_hint: str = ""
    nothing_new: str = "没有需要写入的变动"
    after_confirm: Callable[[Plan], str] | None = None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return (self.intro,) if isinstance(self.intro, str) else self.intro

    @property
    def headers(self) -> tuple[str, ...]:
        return self.columns or (self.name_header,)


class UploadForm(forms.Form):
    file = forms.FileField(error_messages={"required": "请选择要上传的文件（.xlsx）"})
    mode = forms.ChoiceField(choices=list(MODES.items()), initial="all", required=False)
    preview = forms.BooleanField(required=False)

    def __init__(self, *args: Any, page: ImportPage, importer: LedgerImport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.importer = importer
        self.fields["file"].label = page.file_label
        required = page.file_required or f"请选择要上传的{page.file_label.split('（')[0]}（.xlsx）"
        self.fields["file"].error_messages["required"] = required
        self.options = importer.option_fields()
        for name, field in self.options.items():
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            else:
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            self.fields[name] = field

    @property
    def option_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.options]

    def clean_mode(self) -> str:
        mode = self.cleaned_data.get("mode") or "all"
        if mode not in self.importer.modes:
            raise forms.ValidationError("该台账不支持这种导入方式")
        return mode


@login_required
@require_GET
def import_template(request: HttpRequest, page: ImportPage) -> HttpResponse:
    importer = page.importer.for_user(request.user)
    return xlsx_response(importer.template(), f"{importer.sheet}导入模板.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest, page: ImportPage) -> HttpResponse:
    importer = page.importer.for_user(request.user)
    if importer.confirm and request.method == "POST" and "token" in request.POST:
        return _confirm(request, importer, page)
    form = UploadForm(request.POST or None, request.FILES or None, page=page, importer=importer)
    context: dict[str, Any] = {"form": form, "page": page, "modes": MODES, "one_mode": len(importer.modes) == 1}
    context["confirm"] = importer.confirm
    if request.method == "POST" and form.is_valid():
        context |= _upload(request, importer, page, form)
    return render(request, "core/import.html", context)


def _upload(request: HttpRequest, importer: LedgerImport, page: ImportPage, form: UploadForm) -> dict[str, Any]:
    """Parse, then preview, refuse ("all" with problems) or apply; returns what the page shows."""
    data = form.cleaned_data
    # One byte past the limit, so that parse refuses an oversized file without reading it all into memory.
    content = data["file"].read(settings.QINGLIAN_IMPORT_MAX_BYTES + 1)
    options = {name: data[name] for name in form.options}
    try:
        plan = importer.parse(content, **options)
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return {}
    if importer.confirm:
        return _preview_to_confirm(request, importer, page, plan)
    if data["preview"]:
        messages.info(request, f"预览：{plan.summary()}。尚未写入任何数据。")
        hidden = Action.UNCHANGED if page.preview_hides_unchanged else None
        return {"stage": "preview", "plan": plan, "rows": [r for r in plan.rows if r.action != hidden]}
    if data["mode"] == "all" and plan.has_errors:
        how = "" if len(importer.modes) == 1 else "按“全部成功才导入”方式，"
        messages.error(request, f"{plan.summary()}。{how}未写入任何数据，请修改后重新上传。")
        return {"stage": "rejected", "plan": plan, "rows": plan.error_rows}
    try:
        result = importer.apply(plan, mode=data["mode"], by=request.user)
    except (InvalidInput, Conflict) as exc:  # a row failed while saving: the transaction wrote nothing
        messages.error(request, exc.message)
        return {"stage": "rejected", "plan": plan, "rows": plan.error_rows}
    messages.success(request, result.summary())
    counts = [(c, result.tally[c.key]) for c in page.counts]
    return {"stage": "done", "rows": result.error_rows, "result": result, "counts": counts}


def _preview_to_confirm(request: HttpRequest, importer: LedgerImport, page: ImportPage, plan: Plan) -> dict[str, Any]:
    """The preview of a confirming import: a plan without problems, and with something to write, gets a token."""
    context: dict[str, Any] = {"stage": "preview", "plan": plan, "rows": plan.rows}
    context["counts"] = [(c, plan.counts.get(c.key, 0)) for c in page.preview_counts]
    if plan.has_errors:
        messages.error(request, f"{plan.summary()}。请按下表修改后重新上传，未写入任何数据。")
    elif not plan.count(Action.CREATE) and not plan.count(Action.UPDATE):
        messages.info(request, f"{plan.summary()}。{page.nothing_new}。")
    else:
        messages.info(request, f"预览：{plan.summary()}。确认后才写入。")
        context["token"] = importer.plan_token(plan, request.user)
        context["confirm_hint"] = page.confirm_hint.format(**plan.options)
    return context


def _confirm(request: HttpRequest, importer: LedgerImport, page: ImportPage) -> HttpResponse:
    """ "确认导入": the previewed plan from its token, written all or nothing; back to the page on a refusal."""
    try:
        plan = importer.plan_from_token(request.POST["token"], request.user)
        result = importer.apply(plan, mode="all", by=request.user)
    except (InvalidInput, Conflict) as exc:
        messages.error(request, exc.message)
        return redirect(request.path)
    messages.success(request, result.summary())
    return redirect(page.after_confirm(plan) if page.after_confirm else request.path)
