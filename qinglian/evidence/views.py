"""Pages of evidence: the panel (an htmx partial), upload, download, preview and delete.

Files are served only here, after the record's permission check; MEDIA_ROOT is never mounted as a URL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from qinglian.core.errors import InvalidInput
from qinglian.core.http import next_url
from qinglian.evidence import registry, services
from qinglian.evidence.forms import UploadForm
from qinglian.evidence.models import Evidence
from qinglian.evidence.permissions import access_evidence, check_target
from qinglian.evidence.selectors import panel_context
from qinglian.evidence.uploads import SizeLimitHandler, limit_uploads

PANEL_TEMPLATE = "evidence/_panel.html"
# A downloaded file must never become a page of ours, whatever a browser makes of it.
DOWNLOAD_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
IMAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"
# No `sandbox` for PDF: Chrome and Firefox refuse to start their PDF viewer in a sandboxed document (Chromium
# issue 413851), and Chrome's viewer needs inline styles. Both viewers run PDF scripts in their own sandbox.
PDF_CSP = (
    "default-src 'none'; img-src 'self' data: blob:; style-src 'unsafe-inline'; object-src 'self'; "
    "frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _target(request: HttpRequest, label: str, object_id: int) -> models.Model:
    return registry.access_target(request.user, label, object_id)


def _respond(request: HttpRequest, target: models.Model, *, notice: str = "", error: str = "") -> HttpResponse:
    """htmx: the refreshed panel (200 even for a refused file, so htmx swaps it in with the reason).
    Without JavaScript: a message and back to the page the panel was on."""
    if _is_htmx(request):
        context = panel_context(request, target, notice=notice, error=error)
        return render(request, PANEL_TEMPLATE, context)
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    return redirect(next_url(request, reverse("evidence_panel", args=[target._meta.label_lower, target.pk])))


@login_required
@require_GET
def evidence_panel(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    target = _target(request, label, object_id)
    return render(request, PANEL_TEMPLATE, panel_context(request, target))


# CSRF is checked by `_upload` below, after the size limit is in place: the middleware would read the whole
# body (request.POST) before the view could install it. This is Django's documented pattern for upload handlers.
@csrf_exempt
@login_required
@require_POST
def evidence_upload(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    limiter = limit_uploads(request, services.max_bytes())
    return _upload(request, label, object_id, limiter)


@csrf_protect
def _upload(request: HttpRequest, label: str, object_id: int, limiter: SizeLimitHandler) -> HttpResponse:
    target = _target(request, label, object_id)  # read access; the service checks write access
    form = UploadForm(request.POST, request.FILES)
    if limiter.exceeded:
        return _respond(request, target, error=services.too_big_message(limiter.limit))
    if not form.is_valid():
        return _respond(request, target, error=form.first_error())
    try:
        evidence = services.evidence_attach(
            target=target,
            upload=form.cleaned_data["file"],
            by=request.user,
            note=form.cleaned_data["note"],
            request=request,
        )
    except InvalidInput as exc:
        return _respond(request, target, error=exc.message)
    return _respond(request, target, notice=_attached_notice(evidence))


def _attached_notice(evidence: Evidence) -> str:
    if evidence.reused:
        when = timezone.localtime(evidence.uploaded_at).strftime("%Y-%m-%d %H:%M")
        return f"该文件已于 {when} 由 {evidence.uploaded_by} 上传，内容完全相同，未重复保存"
    return f"已上传：{evidence.original_name}"


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = access_evidence(request.user, pk, write=True)
    services.evidence_delete(evidence=evidence, by=request.user, request=request)
    target = check_target(request.user, evidence)
    return _respond(request, target, notice=f"已删除：{evidence.original_name}（文件仍留存备查）")


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = access_evidence(request.user, pk)
    handle = services.evidence_open(evidence=evidence, user=request.user, request=request)
    response = FileResponse(handle, content_type=evidence.mime)
    response["Content-Disposition"] = content_disposition("attachment", evidence)
    response["Content-Length"] = str(evidence.size)  # the plaintext's; the file on disk is larger
    return _harden(response, DOWNLOAD_CSP)


@login_required
@require_GET
def evidence_preview(request: HttpRequest, pk: int) -> FileResponse:
    evidence = access_evidence(request.user, pk)
    if not evidence.previewable:
        raise InvalidInput("该类型文件不能在线预览，请下载后查看")
    handle = services.evidence_open(evidence=evidence, user=request.user, request=request, inline=True)
    response = FileResponse(handle, content_type=evidence.mime)
    response["Content-Disposition"] = content_disposition("inline", evidence)
    response["Content-Length"] = str(evidence.size)  # the plaintext's; the file on disk is larger
    return _harden(response, PDF_CSP if evidence.kind == "pdf" else IMAGE_CSP)


def _harden(response: HttpResponse, csp: str) -> Any:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = csp
    response["Cache-Control"] = "private, no-store"  # evidence may be personal: no shared or disk caches
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Referrer-Policy"] = "no-referrer"
    return response


def content_disposition(disposition: str, evidence: Evidence) -> str:
    """RFC 6266/5987: an ASCII fallback for old clients, then the real (Chinese) name as UTF-8."""
    ext = evidence.stored_path.rsplit(".", 1)[-1]  # the sniffed extension, ASCII by construction
    fallback = f"evidence-{evidence.pk}.{ext}"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(evidence.original_name, safe='')}"
