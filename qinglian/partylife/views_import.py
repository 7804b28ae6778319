"""Pages of the meeting-record import: the template download, and the upload with preview and the two modes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.excel import xlsx_response
from qinglian.org.models import Organ
from qinglian.org.permissions import scope_of
from qinglian.partylife import importers
from qinglian.partylife.permissions import can_record_meetings


class MeetingUploadForm(forms.Form):
    file = forms.FileField(label="会议记录文件", error_messages={"required": "请选择要上传的会议记录文件（.xlsx）"})
    mode = forms.ChoiceField(
        label="导入方式", choices=list(importers.MODES.items()), initial="all", widget=forms.RadioSelect
    )
    preview = forms.BooleanField(label="仅预览，不写入", required=False)


def _importing_organ(user: Any) -> Organ:
    """The organ whose meetings `user` may import; Forbidden (403 page) for everybody else."""
    organ_id = scope_of(user).organ_id
    if organ_id is None or not can_record_meetings(user):
        raise Forbidden("只有机关党委专责人员或党支部委员可以导入会议记录")
    return Organ.objects.get(pk=organ_id)


@login_required
@require_GET
def meeting_import_template(request: HttpRequest) -> HttpResponse:
    organ = _importing_organ(request.user)
    return xlsx_response(importers.meeting_template(organ), "会议记录导入模板.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def meeting_import(request: HttpRequest) -> HttpResponse:
    organ = _importing_organ(request.user)
    form = MeetingUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "modes": importers.MODES}
    if request.method == "POST" and form.is_valid():
        context |= _upload(request, organ, form.cleaned_data)
    return render(request, "partylife/import.html", context)


def _upload(request: HttpRequest, organ: Organ, data: dict[str, Any]) -> dict[str, Any]:
    """Parse, then preview, refuse ("all" with problems) or apply; returns what the page shows."""
    content = data["file"].read(settings.QINGLIAN_IMPORT_MAX_BYTES + 1)
    try:
        plan = importers.meeting_parse(organ=organ, data=content, user=request.user)
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return {}
    if data["preview"]:
        messages.info(request, f"预览：{plan.summary()}。尚未写入任何数据。")
        return {"stage": "preview", "rows": plan.rows}
    if data["mode"] == "all" and plan.has_errors:
        messages.error(request, f"{plan.summary()}。按“全部成功才导入”方式，未写入任何数据，请修改后重新上传。")
        return {"stage": "rejected", "rows": plan.error_rows}
    try:
        result = importers.meeting_apply(plan=plan, mode=data["mode"], by=request.user)
    except (InvalidInput, Conflict) as exc:  # a row failed while saving: the transaction wrote nothing
        messages.error(request, exc.message)
        return {"stage": "rejected", "rows": plan.error_rows}
    messages.success(request, result.summary())
    return {"stage": "done", "rows": result.error_rows, "result": result}
