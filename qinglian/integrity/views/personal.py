"""Pages of 个人有关事项报告 — the most confidential ledger of the system.

The circle is the person, the personnel officer and the stationed group (querysets.PersonalMattersQuerySet). The
keeper's pages (overview, reports, extra reporters, draw, checks, export, import) are 404 for anyone outside the
personnel officer and the stationed group — not 403: a refusal would say the page exists for someone. One report
is opened through access_personal_report (its person may open it too) and every opening of a report or a check is
written to the audit log (confidential_viewed); every file download is audited by the evidence app. The cadre's
own page ("我的个人事项报告") shows only their own reports.

Parse → access → service/selector → render; writes go through services.personal.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import NotFound, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import paginate, year_param
from qinglian.core.importing.views import ImportPage, Link, import_page, import_template
from qinglian.integrity.exports import personal as exports
from qinglian.integrity.forms.personal import (
    ExtraReporterForm,
    ReceiveForm,
    ReportFilterForm,
    ReportForm,
    UploadForm,
)
from qinglian.integrity.importers.personal import ReceiptImport
from qinglian.integrity.models import ExtraReporter
from qinglian.integrity.permissions import (
    access_extra_reporter,
    access_personal_report,
    can_file_own_report,
    can_keep_personal_reports,
)
from qinglian.integrity.selectors import personal as selectors
from qinglian.integrity.services import personal as services
from qinglian.org.choices import Role, UnitKind
from qinglian.org.models import Person
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000
_HIDDEN = "页面不存在"


def in_circle(user: Any) -> bool:
    """The keepers' circle: the personnel officer and the stationed group."""
    scope = scope_of(user)
    return scope.is_business and scope.has(Role.PERSONNEL_OFFICER, Role.SUPERVISOR)


def _circle(request: HttpRequest) -> None:
    if not in_circle(request.user):
        raise NotFound(_HIDDEN)


def _keeper(request: HttpRequest) -> None:
    _circle(request)
    if not can_keep_personal_reports(request.user):
        raise NotFound(_HIDDEN)


def _organ_people(user: Any):
    organ_id = scope_of(user).organ_id
    return (
        Person.objects.filter(organ_id=organ_id, is_active=True, unit__kind=UnitKind.INTERNAL)
        .select_related("unit")
        .order_by("name")
    )


def _rows(request: HttpRequest, qs: Any) -> dict[str, Any]:
    if "print" in request.GET:
        return {"rows": list(qs[:PRINT_LIMIT]), "printing": True}
    page = paginate(request, qs)
    return {"page_obj": page, "rows": page.object_list}


# --- overview ------------------------------------------------------------------------------------------------


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _circle(request)
    year = year_param(request)
    data = selectors.year_overview(request.user, year)
    context = {
        "year": year,
        "overview": data,
        "printing": "print" in request.GET,
        "can_keep": can_keep_personal_reports(request.user),
        "counts": [(k, label, data.count(k)) for k, label in selectors.STATUS_LABELS.items()] if data else [],
    }
    return render(request, "integrity/personal_overview.html", context)


@login_required
def overview_export(request: HttpRequest) -> HttpResponse:
    _circle(request)
    data = selectors.year_overview(request.user, year_param(request))
    if data is None:
        raise NotFound(_HIDDEN)
    return exports.overview_xlsx(request, data)


# --- reports -------------------------------------------------------------------------------------------------


def _report_filter(request: HttpRequest):
    form = ReportFilterForm(request.GET or None)
    v = form.values()
    qs = selectors.report_list(
        request.user,
        year=v.get("year"),
        kind=v.get("kind") or "",
        unreceived=bool(v.get("unreceived")),
        query=(v.get("q") or "").strip(),
    )
    return form, qs


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    _circle(request)
    form, qs = _report_filter(request)
    context = {"form": form, "can_keep": can_keep_personal_reports(request.user), **_rows(request, qs)}
    return render(request, "integrity/personal_reports.html", context)


@login_required
def report_export(request: HttpRequest) -> HttpResponse:
    _circle(request)
    _, qs = _report_filter(request)
    return exports.reports_xlsx(request, qs[: PRINT_LIMIT * 10])


@login_required
def report_new(request: HttpRequest) -> HttpResponse:
    _keeper(request)
    form = ReportForm(request.POST or None, people=_organ_people(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_record(person=form.cleaned_data["person"], by=request.user, **form.service_args())
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已登记：{report}")
            return redirect("integrity_personal_report", pk=report.pk)
    return render(request, "core/form.html", {"form": form, "title": "登记个人有关事项报告"})


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access_personal_report(request.user, pk)
    # Each opening of a report is logged: who read whose report, and when.
    audit_record(action=AuditAction.CONFIDENTIAL_VIEWED, user=request.user, request=request, target=report)
    context = {
        "report": report,
        "files": selectors.report_files(report),
        "can_upload": can_file_own_report(request.user, report.person_id),
        "can_keep": can_keep_personal_reports(request.user) and report.person_id != scope_of(request.user).person_id,
        "upload_form": UploadForm(),
        "back_url": reverse("integrity_personal_reports" if in_circle(request.user) else "integrity_personal_mine"),
        "receive_form": ReceiveForm(
            initial={"received_on": report.received_on or clock.today(), "receipt_no": report.receipt_no}
        ),
        "changes": changes_for(report),
    }
    return render(request, "integrity/personal_report_detail.html", context)


@login_required
@require_POST
def report_upload(request: HttpRequest, pk: int) -> HttpResponse:
    report = access_personal_report(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择报告扫描件（PDF、图片或 Word 文档）")
    else:
        try:
            evidence = services.report_file_attach(
                report=report, upload=form.cleaned_data["file"], by=request.user, request=request
            )
        except QinglianError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已上传：{evidence.original_name}")
    return redirect("integrity_personal_report", pk=report.pk)


@login_required
@require_POST
def report_receive(request: HttpRequest, pk: int) -> HttpResponse:
    report = access_personal_report(request.user, pk)
    if not can_keep_personal_reports(request.user):
        raise NotFound(_HIDDEN)
    form = ReceiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写受理日期")
    else:
        try:
            services.report_receive(report=report, by=request.user, **form.cleaned_data)
        except QinglianError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已登记受理")
    return redirect("integrity_personal_report", pk=report.pk)


# --- the cadre's own page --------------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if scope.person_id is None or not can_file_own_report(request.user, scope.person_id):
        raise NotFound(_HIDDEN)
    initial = {"submitted_on": clock.today(), "year": clock.today().year, "kind": "annual"}
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = Person.objects.get(pk=scope.person_id)
        report = None
        try:
            report = services.report_record(person=person, by=request.user, **form.service_args())
            upload = form.cleaned_data.get("file")
            if upload:
                services.report_file_attach(report=report, upload=upload, by=request.user, request=request)
        except QinglianError as exc:
            if report is None:
                form.add_error(None, exc.message)
            else:
                messages.warning(request, f"报告已登记，但扫描件未上传：{exc.message}。请在报告页重新上传")
                return redirect("integrity_personal_report", pk=report.pk)
        else:
            messages.success(request, f"已报送：{report}")
            return redirect("integrity_personal_mine")
    context = {
        "status": selectors.own_status(request.user),
        "reports": selectors.own_reports(request.user),
        "form": form,
    }
    return render(request, "integrity/personal_mine.html", context)


# --- extra reporters -------------------------------------------------------------------------------------------


@login_required
def extra_list(request: HttpRequest) -> HttpResponse:
    _circle(request)
    can_keep = can_keep_personal_reports(request.user)
    form = ExtraReporterForm(request.POST or None, people=_organ_people(request.user)) if can_keep else None
    if request.method == "POST":
        _keeper(request)
        if form.is_valid():
            row = ExtraReporter(**form.cleaned_data)
            try:
                services.extra_reporter_save(row=row, by=request.user)
            except QinglianError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已列入：{row}")
                return redirect("integrity_personal_extras")
    context = {"rows": selectors.extra_list(request.user), "form": form, "can_keep": can_keep}
    return render(request, "integrity/personal_extras.html", context)


@login_required
def extra_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _keeper(request)
    row = access_extra_reporter(request.user, pk, write=True)
    initial = {"person": row.person, "reason": row.reason, "start": row.start, "end": row.end}
    form = ExtraReporterForm(request.POST or None, initial=initial, people=_organ_people(request.user))
    if request.method == "POST" and form.is_valid():
        for key, value in form.cleaned_data.items():
            setattr(row, key, value)
        try:
            services.extra_reporter_save(row=row, by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存：{row}")
            return redirect("integrity_personal_extras")
    return render(request, "core/form.html", {"form": form, "title": f"修改报告对象（增列）：{row.person.name}"})


# --- import ----------------------------------------------------------------------------------------------------


RECEIPT_PAGE = ImportPage(
    importer=ReceiptImport,
    heading="个人有关事项报告回执导入",
    template_url="integrity_personal_import_template",
    testid="personal-import",
    intro="用于导入年度集中报告的回执清单（姓名、所在委室、报告年份、报告日期、受理日期、回执编号），不含报告内容。"
    "请先下载模板，按“填表说明”填写后上传；“个人有关事项报告情况”导出的表格也可直接上传。",
    file_label="回执清单（.xlsx）",
    preview_hint="仅预览：检查文件并列出将新增、更新的记录和存在的问题，不写入任何数据",
    name_header="人员及年度",
    links=(Link("integrity_personal", "报告情况", "bi-person-lock"),),
    done_link=("integrity_personal_reports", "查看报告台账"),
)


@login_required
def receipt_import(request: HttpRequest) -> HttpResponse:
    _keeper(request)
    return import_page(request, RECEIPT_PAGE)


@login_required
def receipt_import_template(request: HttpRequest) -> HttpResponse:
    _keeper(request)
    return import_template(request, RECEIPT_PAGE)


ROUTES = [
    path("personal/", overview, name="integrity_personal"),
    path("personal/export/", overview_export, name="integrity_personal_export"),
    path("personal/mine/", mine, name="integrity_personal_mine"),
    path("personal/reports/", report_list, name="integrity_personal_reports"),
    path("personal/reports/export/", report_export, name="integrity_personal_reports_export"),
    path("personal/reports/new/", report_new, name="integrity_personal_report_new"),
    path("personal/reports/<int:pk>/", report_detail, name="integrity_personal_report"),
    path("personal/reports/<int:pk>/upload/", report_upload, name="integrity_personal_report_upload"),
    path("personal/reports/<int:pk>/receive/", report_receive, name="integrity_personal_report_receive"),
    path("personal/extra/", extra_list, name="integrity_personal_extras"),
    path("personal/extra/<int:pk>/", extra_edit, name="integrity_personal_extra"),
    path("personal/import/", receipt_import, name="integrity_personal_import"),
    path("personal/import/template/", receipt_import_template, name="integrity_personal_import_template"),
]
