"""Pages of the roster import: the template download, and the upload with preview and the two modes."""

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
from qinglian.org import roster
from qinglian.org.models import Organ
from qinglian.org.permissions import can_import_roster, scope_of


class RosterUploadForm(forms.Form):
    file = forms.FileField(label="花名册文件", error_messages={"required": "请选择要上传的花名册文件（.xlsx）"})
    mode = forms.ChoiceField(
        label="导入方式", choices=list(roster.MODES.items()), initial="all", widget=forms.RadioSelect
    )
    preview = forms.BooleanField(label="仅预览，不写入", required=False)


def _importing_organ(user: Any) -> Organ:
    """The organ whose roster `user` may import; Forbidden (403 page) for everybody else."""
    organ_id = scope_of(user).organ_id
    if not can_import_roster(user) or organ_id is None:
        raise Forbidden("只有机关党委/纪委专责人员可以导入花名册")
    return Organ.objects.get(pk=organ_id)


@login_required
@require_GET
def roster_template(request: HttpRequest) -> HttpResponse:
    organ = _importing_organ(request.user)
    return xlsx_response(roster.roster_template(organ), "花名册导入模板.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def roster_import(request: HttpRequest) -> HttpResponse:
    organ = _importing_organ(request.user)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "modes": roster.MODES}
    if request.method == "POST" and form.is_valid():
        context |= _upload(request, organ, form.cleaned_data)
    return render(request, "org/roster_import.html", context)


def _upload(request: HttpRequest, organ: Organ, data: dict[str, Any]) -> dict[str, Any]:
    """Parse, then preview, refuse ("all" with problems) or apply; returns what the page shows."""
    # Read one byte past the limit so that roster_parse refuses an oversized file without it all in memory.
    content = data["file"].read(settings.QINGLIAN_IMPORT_MAX_BYTES + 1)
    try:
        plan = roster.roster_parse(organ=organ, data=content)
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return {}
    if data["preview"]:
        messages.info(request, f"预览：{plan.summary()}。尚未写入任何数据。")
        shown = [r for r in plan.rows if r.action != roster.Action.UNCHANGED]
        return {"stage": "preview", "rows": shown}
    if data["mode"] == "all" and plan.has_errors:
        messages.error(request, f"{plan.summary()}。按“全部成功才导入”方式，未写入任何数据，请修改后重新上传。")
        return {"stage": "rejected", "rows": plan.error_rows}
    try:
        result = roster.roster_apply(plan=plan, mode=data["mode"], by=request.user)
    except (InvalidInput, Conflict) as exc:  # a row failed while saving: the transaction wrote nothing
        messages.error(request, exc.message)
        return {"stage": "rejected", "rows": plan.error_rows}
    messages.success(request, result.summary())
    return {"stage": "done", "rows": result.error_rows, "result": result}
