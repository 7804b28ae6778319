"""Pages for findings (预警): lists with filters, the per-unit summary, one finding and its lifecycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.compliance import exports, selectors, services
from qinglian.compliance.forms import FindingFilterForm, TransitionForm
from qinglian.compliance.permissions import access_finding, can_read_rules
from qinglian.compliance.registry import RULES
from qinglian.compliance.todos import finding_actions
from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import paginate, post_action


def _filtered(request: HttpRequest):
    form = FindingFilterForm(request.GET or None, rules=[RULES[c] for c in sorted(RULES)])
    data = form.cleaned_data if form.is_valid() else {"status": "open"}
    findings = selectors.finding_list(
        user=request.user,
        status=data.get("status", "open") if request.GET else "open",
        severity=data.get("severity", ""),
        rule_code=data.get("rule", ""),
        category=data.get("category", ""),
        unit_id=data.get("unit"),
        overdue=bool(data.get("overdue")),
        q=data.get("q", ""),
    )
    return form, findings


@login_required
def finding_list(request: HttpRequest) -> HttpResponse:
    if not can_read_rules(request.user):
        raise Forbidden("无权查看预警")
    form, findings = _filtered(request)
    if request.GET.get("format") == "xlsx":
        return exports.findings_xlsx(request, findings)
    page = paginate(request, findings)
    context = {"form": form, "page_obj": page, "counts": selectors.severity_counts(user=request.user)}
    return render(request, "compliance/finding_list.html", context)


@login_required
def unit_summary(request: HttpRequest) -> HttpResponse:
    if not can_read_rules(request.user):
        raise Forbidden("无权查看预警")
    summary = selectors.unit_summary(user=request.user)
    if request.GET.get("format") == "xlsx":
        return exports.unit_summary_xlsx(request, summary)
    return render(request, "compliance/unit_summary.html", {"summary": summary})


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = access_finding(request.user, pk)
    rule = RULES.get(finding.rule_code)
    context = {
        "finding": finding,
        "rule": rule,
        "transitions": services.available(request.user, finding),
        "actions": finding_actions(finding, request.user),
        "changes": changes_for(finding),
    }
    return render(request, "compliance/finding_detail.html", context)


@login_required
@require_POST
def finding_act(request: HttpRequest, pk: int) -> HttpResponse:
    finding = access_finding(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "操作参数有误")
        return redirect("finding_detail", pk=pk)
    data = form.cleaned_data
    return post_action(
        request,
        do=lambda: services.finding_transition(
            finding=finding, name=data["name"], text=data["text"], by=request.user, request=request
        ),
        success=lambda _: "已处理",
        then=reverse("finding_detail", args=[pk]),
    )
