"""Pages of the suggestion import: the template download, and the upload with preview (all rows or none)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.excel import xlsx_response
from qinglian.npc import importers
from qinglian.npc.permissions import can_write_suggestions
from qinglian.org.models import Organ
from qinglian.org.permissions import scope_of


class SuggestionUploadForm(forms.Form):
    file = forms.FileField(label="代表建议文件", error_messages={"required": "请选择要上传的代表建议文件（.xlsx）"})
    auto_create_deputies = forms.BooleanField(label="自动新增代表", required=False)
    preview = forms.BooleanField(label="仅预览，不写入", required=False)


def _importing_organ(user: Any) -> Organ:
    """The organ whose suggestions `user` may import; Forbidden (403 page) for everybody but the desk."""
    organ_id = scope_of(user).organ_id
    if organ_id is None or not can_write_suggestions(user):
        raise Forbidden("只有建议办理台账的负责委室可以导入代表建议")
    return Organ.objects.get(pk=organ_id)


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    organ = _importing_organ(request.user)
    return xlsx_response(importers.suggestion_template(organ), "代表建议导入模板.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    organ = _importing_organ(request.user)
    form = SuggestionUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        context |= _upload(request, organ, form.cleaned_data)
    return render(request, "npc/import.html", context)


def _upload(request: HttpRequest, organ: Organ, data: dict[str, Any]) -> dict[str, Any]:
    """Parse, then preview, refuse (any row with problems) or apply; returns what the page shows."""
    content = data["file"].read(settings.QINGLIAN_IMPORT_MAX_BYTES + 1)
    try:
        plan = importers.suggestion_parse(organ=organ, data=content, auto_create_deputies=data["auto_create_deputies"])
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return {}
    if data["preview"]:
        messages.info(request, f"预览：{plan.summary()}。尚未写入任何数据。")
        return {"stage": "preview", "rows": plan.rows, "plan": plan}
    if plan.has_errors:
        messages.error(request, f"{plan.summary()}。未写入任何数据，请修改后重新上传。")
        return {"stage": "rejected", "rows": plan.error_rows, "plan": plan}
    try:
        result = importers.suggestion_apply(plan=plan, by=request.user)
    except InvalidInput as exc:  # a row failed while saving: the transaction wrote nothing
        messages.error(request, exc.message)
        return {"stage": "rejected", "rows": [], "plan": plan}
    messages.success(request, result.summary())
    return {"stage": "done", "rows": [], "result": result}
