"""党风廉政意见回复 pages: the list (status, deadline, overdue marker) with its Excel export, a new request, one
request with its people, their summaries and the group's answers (the group edits inline), the print view, the
reply letter and the draft summaries as Word.

Parse → access → selector/service → render. Rows come from `OpinionRequest.objects.visible_to(user)` (those who ask
and decide, and the stationed group); one request from `access_opinion_request`; writes go through
services.opinions, whose Chinese refusals become messages (403s the error page). The group's writes (summary,
answer, issue) are the URL names nav/opinions.py registers as its own (decision 0010); the services check the
writer again. The group's import of its past replies (importers/opinions.py, core.importing: the page checks
`can_answer_opinions` through the importer's `may_import`) is one of those names; the per-person export of issued
replies is the layout it reads.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.integrity.exports.opinions import opinion_people_xlsx, opinions_xlsx
from qinglian.integrity.forms.opinions import AnswerForm, OpinionFilterForm, OpinionRequestForm
from qinglian.integrity.importers.opinions import OPINION_REPLY_PAGE
from qinglian.integrity.permissions import (
    access_opinion_item,
    access_opinion_request,
    can_answer_opinions,
    can_request_opinions,
)
from qinglian.integrity.selectors import opinions as selectors
from qinglian.integrity.services import opinions as services
from qinglian.integrity.word.opinions import reply_docx, summaries_docx
from qinglian.org.scope import scope_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PRINT_LIMIT = 1000


def _readable(request: HttpRequest) -> None:
    if not scope_of(request.user).is_business:
        raise NotFound("意见征求不存在或无权查看")


def _filtered(request: HttpRequest):
    _readable(request)
    form = OpinionFilterForm(request.GET or None)
    return form, selectors.request_list(request.user, form.filters())


@login_required
def opinion_list(request: HttpRequest) -> HttpResponse:
    form, requests = _filtered(request)
    printing = bool(request.GET.get("print"))
    page = None if printing else paginate(request, requests)
    shown = requests[:PRINT_LIMIT] if printing else page
    context = {
        "form": form,
        "rows": selectors.rows_of(shown, organ_id=scope_of(request.user).organ_id),
        "page_obj": page,
        "printing": printing,
        "can_request": can_request_opinions(request.user),
        "is_group": can_answer_opinions(request.user),
    }
    return render(request, "integrity/opinion_list.html", context)


@login_required
def opinion_export(request: HttpRequest) -> HttpResponse:
    _, requests = _filtered(request)
    rows = selectors.rows_of(selectors.items_for_export(requests), organ_id=scope_of(request.user).organ_id)
    return opinions_xlsx(request, rows)


@login_required
def opinion_people_export(request: HttpRequest) -> HttpResponse:
    """The issued replies of the filtered list, one row per person: the layout the import reads."""
    _, requests = _filtered(request)
    return opinion_people_xlsx(request, requests)


@login_required
def opinion_new(request: HttpRequest) -> HttpResponse:
    if not can_request_opinions(request.user):
        raise Forbidden(services.NOT_REQUESTER)
    form = OpinionRequestForm(request.POST or None, people=selectors.person_choices(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lines = [services.PersonLine(p.pk, data["post_by_person"].get(p.pk, "")) for p in data["people"]]
        try:
            row = services.request_create(
                by=request.user,
                purpose=data["purpose"],
                title=data["title"],
                document_no=data["document_no"],
                people=lines,
            )
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已草拟征求函，已为{len(lines)}名人员生成廉政情况摘要草稿")
            return redirect("integrity_opinion", pk=row.pk)
    return render(request, "integrity/opinion_form.html", {"form": form, "title": "征求党风廉政意见"})


def _detail_context(request: HttpRequest, pk: int) -> dict:
    row = access_opinion_request(request.user, pk)
    items = selectors.items_of(row)
    [info] = selectors.rows_of([row], organ_id=row.organ_id)
    is_group = can_answer_opinions(request.user) and row.organ_id == scope_of(request.user).organ_id
    is_requester = can_request_opinions(request.user)
    open_ = row.replied_on is None
    return {
        "req": row,
        "info": info,
        "items": items,
        "forms": {
            i.pk: AnswerForm(initial={"summary": i.summary, "conclusion": i.conclusion, "answer": i.answer})
            for i in items
        }
        if is_group and open_ and row.sent_on
        else {},
        "is_group": is_group,
        "can_send": is_requester and row.sent_on is None,
        "can_redraft": open_ and (is_requester or (is_group and row.sent_on is not None)),
        "can_issue": is_group and open_ and row.sent_on is not None and bool(items),
        "all_answered": all(i.conclusion for i in items),
        "changes": changes_for(row),
    }


@login_required
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "integrity/opinion_detail.html", _detail_context(request, pk))


@login_required
def opinion_print(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_opinion_request(request.user, pk)
    [info] = selectors.rows_of([row], organ_id=row.organ_id)
    context = {"req": row, "info": info, "items": selectors.items_of(row), "today": clock.today()}
    return render(request, "integrity/opinion_print.html", context)


def _docx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def opinion_reply_word(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_opinion_request(request.user, pk)
    name = f"党风廉政意见回复_{row.reply_no or '草稿'}.docx"
    return _docx(reply_docx(row, selectors.items_of(row)), name)


@login_required
def opinion_summaries_word(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_opinion_request(request.user, pk)
    return _docx(summaries_docx(row, selectors.items_of(row), clock.today()), f"廉政情况摘要草稿_{row.pk}.docx")


def _outcome(request: HttpRequest, action, success: str) -> None:
    """Run a service; an InvalidInput or Conflict becomes an error message (nothing was written), a Forbidden the
    error page (403)."""
    try:
        action()
    except Forbidden:
        raise
    except QinglianError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)


@login_required
@require_POST
def opinion_send(request: HttpRequest, pk: int) -> HttpResponse:
    row = access_opinion_request(request.user, pk, write=True)
    _outcome(request, lambda: services.request_send(request=row, by=request.user), "已送达派驻纪检监察组")
    return redirect("integrity_opinion", pk=pk)


@login_required
@require_POST
def opinion_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """The group issues the reply (a stationed-group write, registered in nav/opinions.py)."""
    row = access_opinion_request(request.user, pk)
    if not can_answer_opinions(request.user):
        raise Forbidden(services.NOT_GROUP)
    _outcome(
        request,
        lambda: services.request_issue(request=row, by=request.user, http_request=request),
        "已回复，回复文号已生成",
    )
    return redirect("integrity_opinion", pk=pk)


@login_required
@require_POST
def opinion_item_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The group saves one person's summary and, if chosen, its answer (a stationed-group write)."""
    item = access_opinion_item(request.user, pk)
    if not can_answer_opinions(request.user):
        raise Forbidden(services.NOT_GROUP)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("integrity_opinion", pk=item.request_id)
    data = form.cleaned_data

    def save() -> None:
        if data["conclusion"]:
            services.item_answer(
                item=item,
                by=request.user,
                conclusion=data["conclusion"],
                answer=data["answer"],
                summary=data["summary"],
            )
        else:
            services.item_edit_summary(item=item, by=request.user, summary=data["summary"])

    _outcome(request, save, f"已保存{item.person.name}的意见")
    return redirect(f"/integrity/opinions/{item.request_id}/#item-{item.pk}")


@login_required
@require_POST
def opinion_item_redraft(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_opinion_item(request.user, pk)
    _outcome(request, lambda: services.item_redraft(item=item, by=request.user), f"已重新生成{item.person.name}的摘要")
    return redirect(f"/integrity/opinions/{item.request_id}/#item-{item.pk}")


ROUTES = [
    path("opinions/", opinion_list, name="integrity_opinions"),
    path("opinions/export/", opinion_export, name="integrity_opinions_export"),
    path("opinions/export/people/", opinion_people_export, name="integrity_opinion_people_export"),
    path("opinions/new/", opinion_new, name="integrity_opinion_new"),
    path("opinions/<int:pk>/", opinion_detail, name="integrity_opinion"),
    path("opinions/<int:pk>/print/", opinion_print, name="integrity_opinion_print"),
    path("opinions/<int:pk>/reply.docx", opinion_reply_word, name="integrity_opinion_reply_word"),
    path("opinions/<int:pk>/summaries.docx", opinion_summaries_word, name="integrity_opinion_summaries_word"),
    path("opinions/<int:pk>/send/", opinion_send, name="integrity_opinion_send"),
    path("opinions/<int:pk>/issue/", opinion_issue, name="integrity_opinion_issue"),
    path("opinions/items/<int:pk>/answer/", opinion_item_answer, name="integrity_opinion_item_answer"),
    path("opinions/items/<int:pk>/redraft/", opinion_item_redraft, name="integrity_opinion_item_redraft"),
    path("opinions/import/", import_page, {"page": OPINION_REPLY_PAGE}, name="integrity_opinion_import"),
    path(
        "opinions/import/template/",
        import_template,
        {"page": OPINION_REPLY_PAGE},
        name="integrity_opinion_import_template",
    ),
]
