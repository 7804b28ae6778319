"""Import and document pages of 主体责任: the Excel template and upload, the Word outline upload (both:
preview, then confirm, all or nothing), starting a year from last year's list, the diff of two lists,
and the Word summary in GB/T 9704 layout.

Imports and copying are the party-affairs office's (can_edit_lists); the diff and the summary are for
whoever can see the lists (DutyList.objects.visible_to / access_duty_list).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from qinglian.core.errors import Forbidden, InvalidInput, NotFound
from qinglian.core.excel import xlsx_response
from qinglian.duty import importers
from qinglian.duty.models import DutyList
from qinglian.duty.permissions import access_duty_list, can_edit_lists
from qinglian.duty.selectors.diff import list_diff
from qinglian.duty.services import lists as services
from qinglian.duty.word import duty_summary_docx
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Unit
from qinglian.org.permissions import scope_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _editor_organ(user: Any) -> int:
    organ_id = scope_of(user).organ_id
    if organ_id is None or not can_edit_lists(user):
        raise Forbidden("责任清单由机关党委专责人员导入和维护")
    return organ_id


def _year_choices(organ_id: int) -> list[tuple[int, str]]:
    this = timezone.localdate().year
    years = {this - 1, this, this + 1, *DutyList.objects.filter(organ_id=organ_id).values_list("year", flat=True)}
    return [(y, f"{y}年") for y in sorted(years, reverse=True)]


class ExcelUploadForm(BootstrapMixin, forms.Form):
    year = forms.TypedChoiceField(label="导入到年度", coerce=int)
    file = forms.FileField(label="责任清单文件（.xlsx）", error_messages={"required": "请选择填好的责任清单导入表"})

    def __init__(self, *args: Any, organ_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(organ_id)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["file"].widget.attrs["accept"] = ".xlsx"
        self._style()


class WordUploadForm(ExcelUploadForm):
    default_unit = forms.ModelChoiceField(
        label="默认牵头委室",
        queryset=Unit.objects.none(),
        help_text="文稿中未写明牵头单位的事项，先按此委室导入，预览中逐项标明“须补充牵头委室”",
        error_messages={"required": "请选择默认牵头委室"},
    )

    def __init__(self, *args: Any, organ_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organ_id=organ_id, **kwargs)
        self.fields["file"].label = "清单文稿（.docx）"
        self.fields["file"].error_messages["required"] = "请选择清单文稿（Word .docx）"
        self.fields["file"].widget.attrs["accept"] = ".docx"
        self.fields["default_unit"].queryset = Unit.objects.filter(organ_id=organ_id).internal().order_by("order")
        self._style()


@login_required
@require_GET
def duty_import_template(request: HttpRequest) -> HttpResponse:
    organ_id = _editor_organ(request.user)
    return xlsx_response(importers.duty_template(organ_id), "责任清单导入模板.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def duty_import(request: HttpRequest) -> HttpResponse:
    organ_id = _editor_organ(request.user)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    form = ExcelUploadForm(request.POST or None, request.FILES or None, organ_id=organ_id)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        context |= _preview(
            request,
            lambda: importers.duty_excel_parse(organ_id=organ_id, year=data["year"], data=_read(data["file"])),
        )
    return render(request, "duty/import.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def duty_import_word(request: HttpRequest) -> HttpResponse:
    organ_id = _editor_organ(request.user)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    form = WordUploadForm(request.POST or None, request.FILES or None, organ_id=organ_id)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        context |= _preview(
            request,
            lambda: importers.duty_word_parse(
                organ_id=organ_id, year=data["year"], data=_read(data["file"]), default_unit_id=data["default_unit"].pk
            ),
        )
    return render(request, "duty/import_word.html", context)


def _read(upload: Any) -> bytes:
    data = upload.read(settings.QINGLIAN_IMPORT_MAX_BYTES + 1)
    if len(data) > settings.QINGLIAN_IMPORT_MAX_BYTES:
        raise InvalidInput(f"文件超过 {settings.QINGLIAN_IMPORT_MAX_BYTES / 1048576:.3g} MB 上限")
    return data


def _preview(request: HttpRequest, parse) -> dict[str, Any]:
    """Parse (never writes) and show the plan; a plan without problems gets a signed token to confirm."""
    try:
        plan = parse()
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return {}
    rows = [(item, plan.section_title(item.section)) for item in plan.items]
    context: dict[str, Any] = {"plan": plan, "rows": rows}
    if plan.has_errors:
        messages.error(request, f"{plan.summary()}。请按下表修改后重新上传，未写入任何数据。")
    elif not plan.new_items:
        messages.info(request, f"{plan.summary()}。没有需要导入的新事项。")
    else:
        messages.info(request, f"预览：{plan.summary()}。确认后才写入。")
        context["token"] = plan.to_token(request.user.pk)
    return context


def _confirm(request: HttpRequest) -> HttpResponse:
    back = request.path
    try:
        plan = importers.ImportPlan.from_token(request.POST["token"], user_id=request.user.pk)
        result = importers.duty_import_apply(plan=plan, by=request.user)
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, result.summary())
    return redirect(f"{reverse('duty_index')}?year={plan.year}")


class CopyForm(BootstrapMixin, forms.Form):
    source = forms.ModelChoiceField(label="沿用哪一年的清单", queryset=DutyList.objects.none())
    year = forms.IntegerField(label="新清单年度", min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lists = DutyList.objects.visible_to(user).order_by("-year")
        self.fields["source"].queryset = lists
        self.fields["source"].label_from_instance = lambda d: f"{d.year}年：{d.title}（{d.get_status_display()}）"
        latest = lists.first()
        if latest is not None:
            self.fields["source"].initial = latest.pk
            self.fields["year"].initial = latest.year + 1
        self._style()


@login_required
@require_http_methods(["GET", "POST"])
def duty_copy(request: HttpRequest) -> HttpResponse:
    _editor_organ(request.user)
    form = CopyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        try:
            target = services.duty_list_copy(source=source, year=form.cleaned_data["year"], by=request.user)
        except InvalidInput as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已按{source.year}年清单生成{target.year}年草稿，以下为两年清单的差异")
            return redirect(f"{reverse('duty_diff')}?old={source.pk}&new={target.pk}")
    lists = list(DutyList.objects.visible_to(request.user).select_related("based_on").order_by("-year"))
    visible = {d.pk for d in lists}
    copies = [d for d in lists if d.based_on_id in visible]
    return render(request, "duty/copy.html", {"form": form, "copies": copies, "lists": lists})


@login_required
@require_GET
def duty_diff(request: HttpRequest) -> HttpResponse:
    old = access_duty_list(request.user, request.GET.get("old"))
    new = access_duty_list(request.user, request.GET.get("new"))
    return render(request, "duty/copy_diff.html", {"diff": list_diff(old, new)})


@login_required
@require_GET
def duty_word(request: HttpRequest) -> HttpResponse:
    """The year's list and its progress as a .docx (GB/T 9704), for whoever can see the list; audited."""
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else timezone.localdate().year
    duty_list = DutyList.objects.visible_to(request.user).filter(year=year).select_related("organ").first()
    if duty_list is None:
        raise NotFound(f"{year}年的责任清单不存在或无权查看")
    data = duty_summary_docx(duty_list, timezone.localdate())
    from qinglian.audit.services import audit_record

    audit_record(
        action="export",
        user=request.user,
        request=request,
        target=duty_list,
        target_repr=f"{duty_list.title}（Word）",
        detail={"format": "docx"},
    )
    response = HttpResponse(data, content_type=DOCX_TYPE)
    filename = f"{duty_list.title}_{timezone.localdate():%Y%m%d}.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
