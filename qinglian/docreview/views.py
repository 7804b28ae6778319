"""Pages of 公文审校: new check, the highlighted result, accept/ignore (htmx), history, the organ's terms."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from qinglian.core.errors import Forbidden, InvalidInput, NotFound, QinglianError
from qinglian.core.http import paginate
from qinglian.docreview import runner, selectors, services
from qinglian.docreview.exports import terms_xlsx
from qinglian.docreview.forms import CheckForm, TermForm
from qinglian.docreview.models import DocumentCheck
from qinglian.docreview.permissions import (
    access_check,
    access_term,
    can_edit_terms,
    can_see_organ_checks,
    require_docreview,
)
from qinglian.evidence.uploads import SizeLimitHandler, limit_uploads

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# CSRF is checked by `_new` after the size limit is in place: the middleware would read the whole body
# (request.POST) before the view could install the limit. Same pattern as evidence_upload.
@csrf_exempt
@login_required
def docreview_new(request: HttpRequest) -> HttpResponse:
    require_docreview(request.user)
    limiter = limit_uploads(request, runner.max_bytes()) if request.method == "POST" else None
    return _new(request, limiter)


@csrf_protect
def _new(request: HttpRequest, limiter: SizeLimitHandler | None) -> HttpResponse:
    if request.method != "POST":
        return render(request, "docreview/new.html", {"form": CheckForm(), "max_bytes": runner.max_bytes()})
    form = CheckForm(request.POST, request.FILES)
    try:
        check = _submit(form, request, limiter)
    except QinglianError as exc:
        context = {"form": form, "error": exc.message, "max_bytes": runner.max_bytes()}
        return render(request, "docreview/new.html", context, status=exc.status)
    return redirect("docreview_detail", pk=check.pk)


def _submit(form: CheckForm, request: HttpRequest, limiter: SizeLimitHandler | None) -> DocumentCheck:
    if limiter is not None and limiter.exceeded:
        raise runner.TooLarge(runner.too_big_message(limiter.limit))
    if not form.is_valid():
        raise InvalidInput(form.first_error())
    upload, severity = form.cleaned_data["file"], form.cleaned_data["min_severity"]
    when = form.cleaned_data["document_date"]
    if upload is not None:
        return services.check_run(
            user=request.user, data=upload.read(), file_name=upload.name, min_severity=severity, document_date=when
        )
    return services.check_run(
        user=request.user, text=form.cleaned_data["text"], min_severity=severity, document_date=when
    )


@login_required
@require_GET
def docreview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = access_check(request.user, pk)
    context = selectors.detail_context(check, category=request.GET.get("category", ""))
    context["can_decide"] = check.user_id == request.user.pk
    return render(request, "docreview/detail.html", context)


def _after_decision(request: HttpRequest, check: DocumentCheck, index: int) -> HttpResponse:
    """htmx: the issue's card plus the text and summary out of band; otherwise back to the page."""
    if not _is_htmx(request):
        return redirect(reverse("docreview_detail", args=[check.pk]) + f"#issue-{index}")
    context = selectors.detail_context(check)
    context.update(row=context["rows"][index], can_decide=True, oob=True)
    return render(request, "docreview/_decided.html", context)


@login_required
@require_POST
def docreview_decide(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    check = access_check(request.user, pk, write=True)
    check = services.check_decide(check=check, index=index, decision=request.POST.get("decision", ""), by=request.user)
    return _after_decision(request, check, index)


@login_required
@require_POST
def docreview_whitelist(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    check = access_check(request.user, pk, write=True)
    term = services.whitelist_from_issue(check=check, index=index, by=request.user, request=request)
    if not _is_htmx(request):
        messages.success(request, f"已加入本机关白名单：“{term.text}”，今后不再提示")
    check.refresh_from_db()  # the service decided on a locked copy of the row
    return _after_decision(request, check, index)


@login_required
@require_GET
def docreview_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """带批注 (`?include_suggestions=1` adds the suggestions), 按采纳修改, 修订模式: see services.DOWNLOADS."""
    if kind not in services.DOWNLOADS:
        raise NotFound("没有这种下载")
    check = access_check(request.user, pk)
    data = services.check_export_docx(
        check=check,
        kind=kind,
        user=request.user,
        request=request,
        include_suggestions=request.GET.get("include_suggestions") == "1",
    )
    stem = f"{check.file_name.rsplit('.', 1)[0] or '公文'}_{services.DOWNLOADS[kind]}"
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = (
        f"attachment; filename=\"docreview-{check.pk}-{kind}.docx\"; filename*=UTF-8''{quote(stem + '.docx')}"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def docreview_list(request: HttpRequest) -> HttpResponse:
    require_docreview(request.user)
    organ_wide = request.GET.get("scope") == "organ" and can_see_organ_checks(request.user)
    checks = selectors.check_list(user=request.user, mine_only=not organ_wide)
    context = {
        "page_obj": paginate(request, checks),
        "organ_wide": organ_wide,
        "can_see_organ": can_see_organ_checks(request.user),
    }
    return render(request, "docreview/list.html", context)


@login_required
def docreview_terms(request: HttpRequest) -> HttpResponse:
    require_docreview(request.user)
    form = TermForm(request.POST or None)
    if request.method == "POST":
        if not can_edit_terms(request.user):
            raise Forbidden("仅机关党委/纪委专责人员可以维护本机关审校词表")
        if form.is_valid():
            try:
                term = services.term_add(user=request.user, request=request, **form.cleaned_data)
            except QinglianError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已添加：{term}")
                return redirect("docreview_terms")
    terms = selectors.term_list(user=request.user, kind=request.GET.get("kind", ""))
    if request.GET.get("format") == "xlsx":
        return terms_xlsx(request, terms)
    kind = request.GET.get("kind", "")
    context = {"terms": terms, "form": form, "can_edit": can_edit_terms(request.user), "kind": kind}
    return render(request, "docreview/terms.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def docreview_term_remove(request: HttpRequest, pk: int) -> HttpResponse:
    term = access_term(request.user, pk)
    services.term_remove(term=term, user=request.user, request=request)
    messages.success(request, f"已删除：{term}（历史记录保留）")
    return redirect("docreview_terms")
