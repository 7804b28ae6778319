"""The audit administrator's pages: the log with filters, its Excel export, and the integrity check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from qinglian.audit import selectors
from qinglian.audit.anchors import audit_verify_exported
from qinglian.audit.choices import AuditAction
from qinglian.audit.exports import audit_events_workbook
from qinglian.audit.forms import AuditFilterForm
from qinglian.audit.permissions import require_audit_reader
from qinglian.audit.services import audit_record
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import xlsx_response
from qinglian.core.http import paginate

EXPORT_MAX_ROWS = 50_000  # one sheet stays usable in WPS/Excel; narrow the dates for more


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    require_audit_reader(request.user)
    form = AuditFilterForm(request.GET or None)
    events = selectors.audit_event_list(user=request.user, filters=form.filters())
    return render(request, "audit/log.html", {"form": form, "page_obj": paginate(request, events)})


@login_required
@require_GET
def audit_export(request: HttpRequest) -> HttpResponse:
    require_audit_reader(request.user)
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise InvalidInput("筛选条件有误：" + "；".join(m for msgs in form.errors.values() for m in msgs))
    filters = form.filters()
    events = list(selectors.audit_event_list(user=request.user, filters=filters)[: EXPORT_MAX_ROWS + 1])
    if len(events) > EXPORT_MAX_ROWS:
        raise InvalidInput(f"导出超过 {EXPORT_MAX_ROWS} 条，请缩小日期范围后分批导出")
    workbook = audit_events_workbook(events)
    audit_record(
        action=AuditAction.EXPORT,
        request=request,
        target_repr="审计日志",
        detail={"model": "audit.auditevent", "rows": len(events), "filters": filters.as_detail()},
    )
    return xlsx_response(workbook, f"审计日志_{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@require_GET
def audit_verify_view(request: HttpRequest) -> HttpResponse:
    """The 校验完整性 button: a partial for htmx, the whole page otherwise."""
    require_audit_reader(request.user)
    result = audit_verify_exported()
    if request.headers.get("HX-Request"):
        return render(request, "audit/_verify_result.html", {"result": result})
    events = selectors.audit_event_list(user=request.user)
    context = {"form": AuditFilterForm(), "page_obj": paginate(request, events), "result": result}
    return render(request, "audit/log.html", context)
