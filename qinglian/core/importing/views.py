"""The one template download and the one upload/preview page every ledger's Excel import uses.

A ledger's urls name these views with its `ImportPage` (what the page says; the import itself is the page's
`importer`):

    path("import/", views.import_page, {"page": ROSTER_PAGE}, name="roster_import"),
    path("import/template/", views.import_template, {"page": ROSTER_PAGE}, name="roster_template"),
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from qinglian.core.errors import Conflict, InvalidInput
from qinglian.core.excel import xlsx_response
from qinglian.core.importing.base import LedgerImport
from qinglian.core.importing.plan import MODES, Action


@dataclass(frozen=True)
class Count:
    """One figure on the done page: its label, the result's tally key and a Bootstrap text colour."""

    label: str
    key: Any
    css: str = ""


@dataclass(frozen=True)
class ImportPage:
    importer: type[LedgerImport]
    heading: str  # "花名册导入"
    template_url: str  # URL name of the template download
    testid: str  # prefix of the page's data-testid hooks: "roster" → roster-template, roster-counts, roster-rows
    intro: str  # what the import is for, above the form
    file_label: str  # "花名册文件（.xlsx）"
    preview_hint: str
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
    options_template: str = ""  # extra form fields (core/_import_upload.html includes it)
    done_link: tuple[str, str] | None = None  # (URL name, label) shown after a successful import


class UploadForm(forms.Form):
    file = forms.FileField(error_messages={"required": "请选择要上传的文件（.xlsx）"})
    mode = forms.ChoiceField(choices=list(MODES.items()), initial="all", required=False)
    preview = forms.BooleanField(required=False)

    def __init__(self, *args: Any, page: ImportPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["file"].label = page.file_label
        self.fields["file"].error_messages["required"] = f"请选择要上传的{page.file_label.split('（')[0]}（.xlsx）"
        for name, field in page.importer.option_fields().items():
            self.fields[name] = field

    def clean_mode(self) -> str:
        mode = self.cleaned_data.get("mode") or "all"
        if mode not in self.page.importer.modes:
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
    form = UploadForm(request.POST or None, request.FILES or None, page=page)
    context: dict[str, Any] = {"form": form, "page": page, "modes": MODES, "one_mode": len(importer.modes) == 1}
    if request.method == "POST" and form.is_valid():
        context |= _upload(request, importer, page, form.cleaned_data)
    return render(request, "core/import.html", context)


def _upload(request: HttpRequest, importer: LedgerImport, page: ImportPage, data: dict[str, Any]) -> dict[str, Any]:
    """Parse, then preview, refuse ("all" with problems) or apply; returns what the page shows."""
    # One byte past the limit, so that parse refuses an oversized file without reading it all into memory.
    content = data["file"].read(settings.QINGLIAN_IMPORT_MAX_BYTES + 1)
    options = {name: data[name] for name in importer.option_fields()}
    try:
        plan = importer.parse(content, **options)
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return {}
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
