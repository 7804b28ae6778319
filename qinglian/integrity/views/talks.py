"""Pages of the 廉政谈话 ledger: the list (filters, print, Excel), one talk (the signed record as evidence, the
attendance of a collective talk, history), record/edit (from a personnel event, which fills in the subject, unit
and kind), withdraw, the talks expected after personnel events (应谈未谈) and the Excel import.

Parse → access → selector/service → render. Rows come from `selectors.talks` (`visible_to`), one talk from
`access_talk`; writes go through `services.talks`.
"""

from __future__ import annotations

from typing import Any

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
from qinglian.core.importing.views import ImportPage, Link, import_page, import_template
from qinglian.integrity.choices import IntegrityTalkKind
from qinglian.integrity.exports import talks as exports
from qinglian.integrity.forms.talks import (
    DeleteForm,
    TalkFilterForm,
    TalkForm,
    attendance_lines,
    attendance_rows,
    rows_from_post,
)
from qinglian.integrity.importers.talks import TalkImport
from qinglian.integrity.models import IntegrityTalk
from qinglian.integrity.permissions import access_talk, can_record_talks
from qinglian.integrity.selectors import talks as selectors
from qinglian.integrity.services import talks as services
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000
CIRCLE = "廉政谈话仅机关党委、组织人事专责人员、党组成员、派驻纪检监察组及谈话双方（集体谈话的参加人员）可见。"


def _business(request: HttpRequest) -> None:
    if not scope_of(request.user).is_business:
        raise NotFound("廉政谈话不存在或无权查看")


def _ledger(request: HttpRequest) -> tuple[TalkFilterForm, Any]:
    _business(request)
    data = request.GET.copy()
    if "year" not in data:
        data["year"] = str(clock.today().year)
    form = TalkFilterForm(data, user=request.user)
    return form, selectors.talk_list(request.user, **form.selector_args())


@login_required
def talk_list(request: HttpRequest) -> HttpResponse:
    form, talks = _ledger(request)
    args = form.selector_args()
    context: dict[str, Any] = {
        "form": form,
        "year": args["year"],
        "can_record": can_record_talks(request.user),
        "circle": CIRCLE,
    }
    if "print" in request.GET:
        context.update(rows=talks[:PRINT_LIMIT], printing=True)
    else:
        page = paginate(request, talks)
        context.update(page_obj=page, rows=page.object_list)
    return render(request, "integrity/talks.html", context)


@login_required
def talk_export(request: HttpRequest) -> HttpResponse:
    form, talks = _ledger(request)
    year = form.selector_args()["year"]
    return exports.talks_xlsx(request, talks, f"{year}年廉政谈话台账" if year else "廉政谈话台账")


@login_required
def talk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    talk = access_talk(request.user, pk)
    attendance = list(talk.attendance.select_related("person", "person__unit").order_by("person__unit__order", "id"))
    context = {
        "talk": talk,
        "can_edit": can_record_talks(request.user),
        "attendance": attendance,
        "present": sum(1 for a in attendance if a.present),
        "delete_form": DeleteForm(),
        "changes": changes_for(talk),
        "circle": CIRCLE,
    }
    return render(request, "integrity/talk_detail.html", context)


def _prefill(request: HttpRequest, talk: IntegrityTalk) -> None:
    """`?event=` links the talk to a personnel event: its person is talked to, in the new unit, with the kind of
    talk the event calls for."""
    raw = request.GET.get("event", "")
    if not raw:
        return
    event = selectors.event_for_talk(request.user, raw)
    if event is None:
        raise NotFound("人事变动不存在或无权查看")
    talk.event = event
    talk.subject = event.person
    talk.unit = event.to_unit or event.person.unit
    talk.kind = selectors.kind_for_event(event.kind)
    post = f"任{event.to_post}" if event.to_post else event.get_kind_display()
    talk.topic = f"{event.person.name}{post}廉政谈话"


def _talk_form(request: HttpRequest, talk: IntegrityTalk, title: str) -> HttpResponse:
    creating = talk.pk is None
    form = TalkForm(request.POST or None, instance=talk, user=request.user)
    keep = [a.person_id for a in talk.attendance.all()] if talk.pk else []
    rows = attendance_rows(selectors.attendance_people(request.user, keep), talk)
    if request.method == "POST":
        rows = rows_from_post(rows, request.POST)
        if form.is_valid():
            try:
                saved = services.talk_save(talk=form.instance, by=request.user, attendance=attendance_lines(rows))
            except QinglianError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已保存廉政谈话：{saved}")
                return redirect("integrity_talk", pk=saved.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": title, "talk": talk, "rows": rows, "creating": creating}
    return render(request, "integrity/talk_form.html", context, status=status)


@login_required
def talk_new(request: HttpRequest) -> HttpResponse:
    if not can_record_talks(request.user):
        raise Forbidden(services.REFUSAL)
    scope = scope_of(request.user)
    talk = IntegrityTalk(organ_id=scope.organ_id, date=clock.today(), kind=IntegrityTalkKind.PRE_APPOINTMENT)
    if request.method == "GET":
        _prefill(request, talk)
    return _talk_form(request, talk, "登记廉政谈话")


@login_required
def talk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    talk = access_talk(request.user, pk, write=True)
    return _talk_form(request, talk, f"修改廉政谈话：{talk}")


@login_required
@require_POST
def talk_delete(request: HttpRequest, pk: int) -> HttpResponse:
    talk = access_talk(request.user, pk, write=True)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写删除原因")
        return redirect("integrity_talk", pk=talk.pk)
    try:
        services.talk_delete(talk=talk, by=request.user, reason=form.cleaned_data["reason"])
    except QinglianError as exc:
        messages.error(request, exc.message)
        return redirect("integrity_talk", pk=talk.pk)
    messages.success(request, f"已删除廉政谈话：{talk}")
    return redirect("integrity_talks")


# --- 应谈未谈 ---------------------------------------------------------------------------------------------------

STATES = [("", "全部"), ("open", "尚未谈话"), *selectors.STATE_LABELS.items()]


def _expected(request: HttpRequest) -> tuple[str, list[selectors.ExpectedTalk]]:
    _business(request)
    state = request.GET.get("state", "")
    rows = selectors.expected_talks(request.user)
    event = request.GET.get("event", "")
    if event.isdigit():
        rows = [r for r in rows if r.event_id == int(event)]
    if state == "open":
        rows = [r for r in rows if r.is_open]
    elif state in selectors.STATE_LABELS:
        rows = [r for r in rows if r.state == state]
    else:
        state = ""
    return state, rows


@login_required
def expected_list(request: HttpRequest) -> HttpResponse:
    state, rows = _expected(request)
    scope = scope_of(request.user)
    params = selectors.rule_params(scope.organ_id, clock.today()) if scope.organ_id else None
    context = {
        "rows": rows,
        "state": state,
        "states": STATES,
        "params": params,
        "can_record": can_record_talks(request.user),
        "printing": "print" in request.GET,
        "pre_event_days": selectors.PRE_EVENT_DAYS,
    }
    return render(request, "integrity/talks_expected.html", context)


@login_required
def expected_export(request: HttpRequest) -> HttpResponse:
    _, rows = _expected(request)
    return exports.expected_xlsx(request, rows)


IMPORT_PAGE = ImportPage(
    importer=TalkImport,
    heading="廉政谈话导入",
    template_url="integrity_talk_import_template",
    testid="talk-import",
    intro=(
        "用于把本机关以往的一对一廉政谈话登记表（任前、转岗/交流、提醒、一般性谈话）一次性录入系统：请先下载模板，"
        "每行填写一次谈话，按“填表说明”填写后上传；本系统导出的廉政谈话台账也可直接上传。",
        "集体廉政谈话须在页面登记参加人员，不能导入。全部行无误才写入：有任何一行有问题时不写入任何数据。",
    ),
    file_label="廉政谈话台账（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的谈话和存在的问题，不写入任何数据",
    name_header="谈话",
    links=(Link("integrity_talks", "廉政谈话台账", "bi-chat-square-text"),),
    done_link=("integrity_talks", "查看廉政谈话台账"),
)


ROUTES = [
    path("talks/", talk_list, name="integrity_talks"),
    path("talks/export/", talk_export, name="integrity_talks_export"),
    path("talks/new/", talk_new, name="integrity_talk_new"),
    path("talks/expected/", expected_list, name="integrity_talks_expected"),
    path("talks/expected/export/", expected_export, name="integrity_talks_expected_export"),
    path("talks/import/", import_page, {"page": IMPORT_PAGE}, name="integrity_talk_import"),
    path("talks/import/template/", import_template, {"page": IMPORT_PAGE}, name="integrity_talk_import_template"),
    path("talks/<int:pk>/", talk_detail, name="integrity_talk"),
    path("talks/<int:pk>/edit/", talk_edit, name="integrity_talk_edit"),
    path("talks/<int:pk>/delete/", talk_delete, name="integrity_talk_delete"),
]
