"""Pages of pieces and their three-stage review (三审三校): the list (filters, pagination, print, the publication
ledger's Excel export and import), 我的审核 (the reviewer's queue), a new piece (paste or upload), one piece
(versions with the engine's findings, what changed since the previous version, sign-offs, the political findings
that block 终审 with the final reviewer's override, proofreading rounds, findings, evidence, history), the diff
between two versions, and each step of the review.

Parse → access → selector/service → render. Every POST goes through services.pieces; a refusal (QinglianError)
becomes a message and a redirect (or the form again), never a 500.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from qinglian.core.errors import Forbidden, InvalidInput, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, int_param, paginate, post_action
from qinglian.docreview import runner
from qinglian.evidence.uploads import SizeLimitHandler, limit_uploads
from qinglian.ideology.forms.pieces import (
    OverrideForm,
    ParticularsForm,
    PieceFilterForm,
    PieceForm,
    ProofRoundForm,
    PublishForm,
    SignForm,
    VersionForm,
    WithdrawForm,
)
from qinglian.ideology.models import Piece
from qinglian.ideology.permissions import access_piece, can_draft, can_keep_register
from qinglian.ideology.selectors import pieces as selectors
from qinglian.ideology.services import pieces as services
from qinglian.integrity.nav.common import resolves

PRINT_LIMIT = 1000
FORM = "ideology/pieces_form.html"


def _detail(piece: Piece) -> str:
    return reverse("ideology_piece_detail", args=[piece.pk])


def _first_error(form: Any) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return "提交的内容有误"


# --- lists ----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def piece_list(request: HttpRequest) -> HttpResponse:
    form = PieceFilterForm(request.GET or None, user=request.user)
    qs = selectors.piece_list(request.user, **form.selector_args())
    context: dict[str, Any] = {
        "form": form,
        "count": qs.count(),
        "can_draft": can_draft(request.user),
        "can_keep": can_keep_register(request.user),
        # The publication ledger's Excel pages are another part's: linked once they exist.
        "export_url": reverse("ideology_piece_export") if resolves("ideology_piece_export") else "",
        "import_url": reverse("ideology_piece_import") if resolves("ideology_piece_import") else "",
    }
    if "print" in request.GET:
        pieces = list(qs[:PRINT_LIMIT])
        context["printing"] = True
    else:
        page = paginate(request, qs)
        pieces = list(page.object_list)
        context["page_obj"] = page
    context["pieces"] = [(p, selectors.pending_label(p)) for p in pieces]
    return render(request, "ideology/pieces_list.html", context)


@login_required
@require_GET
def piece_queue(request: HttpRequest) -> HttpResponse:
    context = {
        "rows": selectors.review_queue(request.user),
        "returned": [(p, selectors.last_return(p)) for p in selectors.returned_to_me(request.user)],
    }
    return render(request, "ideology/pieces_queue.html", context)


# --- a new piece and a new version (uploads: the size limit is in place before the body is read) ----------------


def _limited(request: HttpRequest) -> SizeLimitHandler | None:
    return limit_uploads(request, runner.max_bytes()) if request.method == "POST" else None


def _too_large(limiter: SizeLimitHandler | None) -> None:
    if limiter is not None and limiter.exceeded:
        raise runner.TooLarge(runner.too_big_message(limiter.limit))


# CSRF is checked by the inner view once the size limit is in place (as docreview_new does): the middleware would
# read the whole body before the view could install it.
@csrf_exempt
@login_required
def piece_create(request: HttpRequest) -> HttpResponse:
    if not can_draft(request.user):
        raise Forbidden("您的账号不能起草稿件")
    return _create(request, _limited(request))


@csrf_protect
def _create(request: HttpRequest, limiter: SizeLimitHandler | None) -> HttpResponse:
    form = PieceForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        try:
            _too_large(limiter)
            if not form.is_valid():
                raise InvalidInput(_first_error(form))
            data = form.cleaned_data
            piece = services.piece_create(
                user=request.user,
                outlet=data["outlet"],
                title=data["title"],
                kind=data["kind"],
                sensitive=data["sensitive"],
                sensitive_reason=data["sensitive_reason"],
                note=data["note"],
                request=request,
                **form.content(),
            )
        except QinglianError as exc:
            return render(request, FORM, {"form": form, "title": "新建稿件", "error": exc.message}, status=exc.status)
        messages.success(request, f"已保存稿件{piece.quoted}第1稿，请查看审校结果后送审")
        return redirect(_detail(piece))
    return render(request, FORM, {"form": form, "title": "新建稿件", "upload": True})


@csrf_exempt
@login_required
def piece_version_add(request: HttpRequest, pk: int) -> HttpResponse:
    piece = access_piece(request.user, pk, write=True)
    return _version(request, piece, _limited(request))


@csrf_protect
def _version(request: HttpRequest, piece: Piece, limiter: SizeLimitHandler | None) -> HttpResponse:
    form = VersionForm(request.POST or None, request.FILES or None)
    context = {"form": form, "title": f"上传新稿：{piece.title}", "piece": piece, "upload": True}
    if request.method == "POST":
        try:
            _too_large(limiter)
            if not form.is_valid():
                raise InvalidInput(_first_error(form))
            version = services.version_add(
                user=request.user, piece=piece, note=form.cleaned_data["note"], request=request, **form.content()
            )
        except QinglianError as exc:
            return render(request, FORM, context | {"error": exc.message}, status=exc.status)
        messages.success(request, f"已保存第{version.number}稿，审校发现错误{version.error_count}处")
        return redirect(_detail(piece) + f"?v={version.number}")
    return render(request, FORM, context)


@login_required
def piece_edit(request: HttpRequest, pk: int) -> HttpResponse:
    piece = access_piece(request.user, pk, write=True)
    initial = {k: getattr(piece, k) for k in ("title", "kind", "sensitive", "sensitive_reason")}
    form = ParticularsForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        title=f"修改稿件信息：{piece.title}",
        save=lambda: services.piece_update(user=request.user, piece=piece, request=request, **form.cleaned_data),
        success=lambda saved: f"已修改稿件信息：{saved.title}",
        then=_detail,
        template=FORM,
        context={"piece": piece},
    )


# --- one piece ------------------------------------------------------------------------------------------------


@login_required
@require_GET
def piece_detail(request: HttpRequest, pk: int) -> HttpResponse:
    piece = access_piece(request.user, pk)
    context = selectors.detail_context(request.user, piece, number=int_param(request, "v"))
    actions = context["actions"]
    if actions.sign is not None:
        context["sign_form"] = SignForm(initial={"stage": actions.sign.stage, "decision": "approve"})
    if actions.proof_round:
        context["proof_form"] = ProofRoundForm(user=request.user, initial={"round": actions.proof_round})
    if actions.publish:
        context["publish_form"] = PublishForm()
    if actions.withdraw:
        context["withdraw_form"] = WithdrawForm()
    context["changes"] = changes_for(piece)
    return render(request, "ideology/pieces_detail.html", context)


@login_required
@require_GET
def piece_diff(request: HttpRequest, pk: int) -> HttpResponse:
    piece = access_piece(request.user, pk)
    context = selectors.diff_context(piece, old=int_param(request, "from"), new=int_param(request, "to"))
    return render(request, "ideology/pieces_diff.html", context)


# --- the steps of the review (buttons) ---------------------------------------------------------------------------


def _post(request: HttpRequest, piece: Piece, form: Any, do: Any, success: Any) -> HttpResponse:
    if form is not None and not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect(_detail(piece))
    return post_action(request, do=do, success=success, then=_detail(piece))


@login_required
@require_POST
def piece_submit(request: HttpRequest, pk: int) -> HttpResponse:
    piece = access_piece(request.user, pk, write=True)
    return _post(
        request,
        piece,
        None,
        lambda: services.piece_submit(user=request.user, piece=piece, request=request),
        lambda saved: f"已送审：{saved.title}",
    )


@login_required
@require_POST
def piece_sign(request: HttpRequest, pk: int) -> HttpResponse:
    piece = access_piece(request.user, pk, write=True)
    form = SignForm(request.POST)
    return _post(
        request,
        piece,
        form,
        lambda: services.review_sign(user=request.user, piece=piece, request=request, **form.cleaned_data),
        lambda signoff: f"已签署{signoff.get_stage_display()}：{signoff.get_decision_display()}",
    )


@login_required
@require_POST
def piece_override(request: HttpRequest, pk: int) -> HttpResponse:
    piece = access_piece(request.user, pk, write=True)
    form = OverrideForm(request.POST)

    def do():
        version = services.latest_version(piece)
        if version is None:
            raise InvalidInput("稿件还没有正文")
        return services.political_override(user=request.user, version=version, request=request, **form.cleaned_data)

    return _post(request, piece, form, do, lambda o: f"已放行政治性问题：“{o.issue.get('text', '')}”")


@login_required
@require_POST
def piece_proof(request: HttpRequest, pk: int) -> HttpResponse:
    piece = access_piece(request.user, pk, write=True)
    form = ProofRoundForm(request.POST, user=request.user)
    return _post(
        request,
        piece,
        form,
        lambda: services.proof_round_record(user=request.user, piece=piece, request=request, **form.cleaned_data),
        lambda proof: f"已登记第{proof.round}校",
    )


@login_required
@require_POST
def piece_publish(request: HttpRequest, pk: int) -> HttpResponse:
    piece = access_piece(request.user, pk, write=True)
    form = PublishForm(request.POST)
    return _post(
        request,
        piece,
        form,
        lambda: services.piece_publish(user=request.user, piece=piece, request=request, **form.cleaned_data),
        lambda saved: f"已登记发布：{saved.title}",
    )


@login_required
@require_POST
def piece_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    piece = access_piece(request.user, pk, write=True)
    form = WithdrawForm(request.POST)
    return _post(
        request,
        piece,
        form,
        lambda: services.piece_withdraw(user=request.user, piece=piece, request=request, **form.cleaned_data),
        lambda saved: f"已撤稿：{saved.title}",
    )


ROUTES = [
    path("pieces/", piece_list, name="ideology_piece_list"),
    path("pieces/new/", piece_create, name="ideology_piece_create"),
    path("pieces/queue/", piece_queue, name="ideology_piece_queue"),
    path("pieces/<int:pk>/", piece_detail, name="ideology_piece_detail"),
    path("pieces/<int:pk>/edit/", piece_edit, name="ideology_piece_edit"),
    path("pieces/<int:pk>/diff/", piece_diff, name="ideology_piece_diff"),
    path("pieces/<int:pk>/versions/new/", piece_version_add, name="ideology_piece_version_add"),
    path("pieces/<int:pk>/submit/", piece_submit, name="ideology_piece_submit"),
    path("pieces/<int:pk>/sign/", piece_sign, name="ideology_piece_sign"),
    path("pieces/<int:pk>/override/", piece_override, name="ideology_piece_override"),
    path("pieces/<int:pk>/proof/", piece_proof, name="ideology_piece_proof"),
    path("pieces/<int:pk>/publish/", piece_publish, name="ideology_piece_publish"),
    path("pieces/<int:pk>/withdraw/", piece_withdraw, name="ideology_piece_withdraw"),
]
