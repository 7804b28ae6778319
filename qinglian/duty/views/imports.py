"""Import and document pages of 主体责任: the Excel and the Word outline imports (pages of the core import
framework: preview, then "确认导入", all or nothing), starting a year from last year's list, the diff of two
lists, and the Word summary in GB/T 9704 layout.

Imports and copying are the party-affairs office's (can_edit_lists); the diff and the summary are for
whoever can see the lists (DutyList.objects.visible_to / access_duty_list).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput, NotFound
from qinglian.core.importing import Action
from qinglian.core.importing.views import Count, ImportPage, Link
from qinglian.duty.importers import DutyExcelImport, DutyPlan, DutyWordImport
from qinglian.duty.models import DutyList
from qinglian.duty.permissions import access_duty_list, can_edit_lists
from qinglian.duty.selectors.diff import list_diff
from qinglian.duty.services import lists as services
from qinglian.duty.word import duty_summary_docx
from qinglian.org.forms import BootstrapMixin
from qinglian.org.permissions import scope_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _the_year_list(plan: DutyPlan) -> str:
    return f"{reverse('duty_index')}?year={plan.year}"


_COMMON: dict[str, Any] = {
    "testid": "duty-import",
    "preview_hint": "",
    "row_header": "位置",
    "columns": ("标题", "任务内容", "牵头领导", "牵头委室", "配合委室", "时限/周期"),
    "preview_counts": (
        Count("标题", "sections"),
        Count("将导入事项", Action.CREATE, "text-success"),
        Count("文件中事项", "rows", "text-secondary"),
        Count("有问题", Action.ERROR, "text-danger"),
    ),
    "confirm_hint": "确认后，以上“新增”事项写入{year}年草稿清单（没有则新建）；任何一项保存失败则全部不写入。",
    "nothing_new": "没有需要导入的新事项",
    "after_confirm": _the_year_list,
}

EXCEL_PAGE = ImportPage(
    importer=DutyExcelImport,
    title="责任清单导入",
    heading="责任清单导入（Excel）",
    template_url="duty_import_template",
    links=(Link("duty_import_word", "从Word文稿导入", "bi-file-earmark-word"), Link("duty_copy", "沿用上年清单")),
    intro="下载模板，每行填写一项任务（所在的一级、二级标题，任务内容，类别，牵头领导，牵头委室，配合委室，完成时限或周期，"
    "完成标准，佐证材料要求），上传后先预览逐行检查结果，确认后写入所选年度的<strong>草稿</strong>清单。"
    "只要有一行有问题就一行也不写入；已印发的清单不能导入。",
    file_label="责任清单文件（.xlsx）",
    file_required="请选择填好的责任清单导入表",
    **_COMMON,
)

WORD_PAGE = ImportPage(
    importer=DutyWordImport,
    title="责任清单导入（Word）",
    heading="责任清单导入（Word文稿）",
    icon="bi-file-earmark-word",
    template_url="",
    links=(Link("duty_import", "从Excel导入", "bi-file-earmark-spreadsheet"),),
    intro=(
        "上传印发前的清单或工作要点文稿（.docx）：“一、”为一级标题，“（一）”为二级标题，“1.”“1．”“1、”开头的段落为事项，"
        "其后不带编号的段落并入该事项。事项末尾可用括号写明分工，如："
        "<code>（牵头领导：张三；牵头单位：办公室；配合单位：研究室；完成时限：6月底前）</code>。"
        "“6月底前”按所选年度的6月30日、“年底前”按12月31日计，“每月”“每季度”“每年”为周期性任务；未写完成时限的暂按年底前导入。",
        "未写明牵头单位的事项，先按下面选择的<strong>默认牵头委室</strong>导入，预览中逐项标明“须补充牵头委室”，导入后请逐项修改。",
    ),
    file_label="清单文稿（.docx）",
    file_accept=".docx",
    file_required="请选择清单文稿（Word .docx）",
    **_COMMON,
)


def _editor_organ(user: Any) -> int:
    organ_id = scope_of(user).organ_id
    if organ_id is None or not can_edit_lists(user):
        raise Forbidden("责任清单由机关党委专责人员导入和维护")
    return organ_id


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
    year = int(raw) if raw.isdigit() else clock.today().year
    duty_list = DutyList.objects.visible_to(request.user).filter(year=year).select_related("organ").first()
    if duty_list is None:
        raise NotFound(f"{year}年的责任清单不存在或无权查看")
    data = duty_summary_docx(duty_list, clock.today())
    audit_record(
        action="export",
        user=request.user,
        request=request,
        target=duty_list,
        target_repr=f"{duty_list.title}（Word）",
        detail={"format": "docx"},
    )
    response = HttpResponse(data, content_type=DOCX_TYPE)
    filename = f"{duty_list.title}_{clock.today():%Y%m%d}.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
