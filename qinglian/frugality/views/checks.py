"""Pages of the special check (专项检查) at /frugality/checks/: the list (year, status, text; totals; Excel; print),
a new check, one check (its figures, its sample with a review form per voucher, the findings of its period per rule,
the report form, the send to rectification, the Word report), and the buttons that run, draw and report.

Parse → access → service/selector → render. Checks come from `SpecialCheck.objects.visible_to` and
`access_special_check`; writes go through services.checks, whose Chinese refusals become messages (a refused
writer gets the 403 page). The stationed group's writes here are the URL names nav/checks.py registers (decision
0010); the services check the writer again.
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate, post_action
from qinglian.frugality.choices import CheckStatus, SampleVerdict
from qinglian.frugality.exports.checks import checks_xlsx
from qinglian.frugality.forms.checks import CheckFilterForm, CheckReportForm, CheckStartForm, SampleReviewForm
from qinglian.frugality.models import SpecialCheck
from qinglian.frugality.permissions import access_special_check, can_run_checks
from qinglian.frugality.selectors import checks as selectors
from qinglian.frugality.services import checks as services
from qinglian.frugality.word.check_report import check_report_docx, report_title
from qinglian.integrity.permissions import can_keep_rectification

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PRINT_LIMIT = 1000


def _checks(request: HttpRequest):
    form = CheckFilterForm(request.GET or None)
    return form, selectors.check_list(request.user, **form.selector_args())


def _totals(checks) -> dict[str, Decimal]:
    """The amounts of the filtered list, every page: what was sampled and what the rules found over standard."""
    excess = sum((Decimal(c.counts["excess"]) for c in checks if "excess" in (c.counts or {})), Decimal("0.00"))
    sampled = sum((c.sampled_amount or Decimal(0) for c in checks), Decimal("0.00"))
    return {"excess": excess, "sampled": sampled}


@login_required
def check_list(request: HttpRequest) -> HttpResponse:
    form, checks = _checks(request)
    printing = "print" in request.GET
    page = None if printing else paginate(request, checks)
    shown = list(checks[:PRINT_LIMIT]) if printing else list(page.object_list)
    for check in shown:
        check.ledgers_label = selectors.ledgers_text(check.ledgers)
    context = {
        "form": form,
        "checks": shown,
        "page_obj": page,
        "printing": printing,
        "totals": _totals(list(checks)),
        "can_start": can_run_checks(request.user),
    }
    return render(request, "frugality/checks_list.html", context)


@login_required
def check_export(request: HttpRequest) -> HttpResponse:
    _, checks = _checks(request)
    return checks_xlsx(request, checks)


@login_required
def check_create(request: HttpRequest) -> HttpResponse:
    if not can_run_checks(request.user):
        raise Forbidden(services.RUNNERS_ONLY)
    form = CheckStartForm(request.POST or None)
    return form_page(
        request,
        form,
        title="开展专项检查",
        save=lambda: services.check_start(by=request.user, **form.cleaned_data),
        success=lambda check: f"已创建专项检查：{check.title}",
        then=lambda check: reverse("frugality_check_detail", args=[check.pk]),
        template="frugality/checks_form.html",
    )


def _detail_context(request: HttpRequest, pk: int) -> dict:
    check = access_special_check(request.user, pk)
    user = request.user
    runner = can_run_checks(user) and check.status == CheckStatus.OPEN
    samples = selectors.samples_of(check)
    problems = [s for s in samples if s.verdict == SampleVerdict.PROBLEM]
    return {
        "check": check,
        "counts": check.counts or {},
        "samples": [(s, selectors.LEDGERS[s.ledger].link(s.object_id)) for s in samples],
        "pending": sum(not s.verdict for s in samples),
        "problems": problems,
        "reproducible": services.verify_draw(check) if check.drawn_at else None,
        "rule_findings": selectors.findings_by_rule(user, check),
        "ledgers": selectors.ledgers_text(check.ledgers),
        "runner": runner,
        "verdicts": SampleVerdict.choices,
        "can_report": runner and check.run_on is not None and check.drawn_at is not None,
        "can_rectify": check.status == CheckStatus.REPORTED and bool(problems) and can_keep_rectification(user),
        "unsent": sum(s.problem_id is None for s in problems),
        "changes": _history(check),
    }


def _history(check: SpecialCheck) -> list[dict]:
    """The check's history; a change of its figures (a long JSON) is named, not printed."""
    label = SpecialCheck._meta.get_field("counts").verbose_name
    rows = changes_for(check)
    for row in rows:
        for field in row["fields"]:
            if field["label"] == label:
                field["old"], field["new"] = ("原统计" if field["old"] else ""), "已更新（见上方检查统计）"
    return rows


@login_required
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "frugality/checks_detail.html", _detail_context(request, pk))


def _step(request: HttpRequest, pk: int, do, success: str) -> HttpResponse:
    check = access_special_check(request.user, pk, write=True)
    return post_action(request, do=lambda: do(check), success=lambda _: success, then=_detail_url(pk))


def _detail_url(pk: int) -> str:
    return reverse("frugality_check_detail", args=[pk])


@login_required
@require_POST
def check_run(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, lambda c: services.check_run(check=c, by=request.user, request=request), "已运行规则检查")


@login_required
@require_POST
def check_draw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, lambda c: services.check_draw(check=c, by=request.user, request=request), "已随机抽样，种子已记录"
    )


@login_required
@require_POST
def sample_review(request: HttpRequest, pk: int) -> HttpResponse:
    sample = selectors.sample_of(request.user, pk)
    access_special_check(request.user, sample.check_run_id, write=True)
    form = SampleReviewForm(request.POST)
    target = f"{_detail_url(sample.check_run_id)}#sample-{sample.pk}"
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(target)
    data = form.cleaned_data
    return post_action(
        request,
        do=lambda: services.sample_review(
            sample=sample, verdict=data["verdict"], remark=data["remark"], by=request.user
        ),
        success=lambda s: f"已保存第{s.position}张抽样凭证的审核结论",
        then=target,
    )


@login_required
def check_report(request: HttpRequest, pk: int) -> HttpResponse:
    check = access_special_check(request.user, pk, write=True)
    form = CheckReportForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"出具检查报告：{check.title}",
        save=lambda: services.check_report(check=check, by=request.user, **form.cleaned_data),
        success=lambda c: f"已出具检查报告（{c.report_no}），检查已归档",
        then=lambda c: _detail_url(c.pk),
        template="frugality/checks_form.html",
        context={"check": check},
    )


@login_required
@require_POST
def check_rectify(request: HttpRequest, pk: int) -> HttpResponse:
    check = access_special_check(request.user, pk)

    def said(sent: services.Sent) -> str:
        if sent.created:
            return f"已将{sent.created}个问题移送整改台账（{sent.batch.title}）"
        return "问题均已移送整改台账，未重复移送"

    return post_action(
        request,
        do=lambda: services.check_send_to_rectification(check=check, by=request.user),
        success=said,
        then=_detail_url(pk),
    )


@login_required
def check_word(request: HttpRequest, pk: int) -> HttpResponse:
    check = access_special_check(request.user, pk)
    data = check_report_docx(check, selectors.samples_of(check), clock.today())
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(report_title(check) + '.docx')}"
    return response


ROUTES = [
    path("checks/", check_list, name="frugality_check_list"),
    path("checks/export/", check_export, name="frugality_check_export"),
    path("checks/new/", check_create, name="frugality_check_create"),
    path("checks/<int:pk>/", check_detail, name="frugality_check_detail"),
    path("checks/<int:pk>/run/", check_run, name="frugality_check_run"),
    path("checks/<int:pk>/draw/", check_draw, name="frugality_check_draw"),
    path("checks/<int:pk>/report/", check_report, name="frugality_check_report"),
    path("checks/<int:pk>/rectify/", check_rectify, name="frugality_check_rectify"),
    path("checks/<int:pk>/report.docx", check_word, name="frugality_check_word"),
    path("checks/samples/<int:pk>/review/", sample_review, name="frugality_check_sample_review"),
]
