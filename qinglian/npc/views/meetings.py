"""The meeting-materials pages (会议材料): meetings with their on-time badges, the on-time rate per submitting
unit for a year (the table shown at the year-end meeting), one meeting with its agenda items, deadlines and
submissions, the forms of the materials desk, a unit's submission, the office's receipt, and the Excel exports.

Parse → access → service/selector → render. Lists start from `selectors.meetings` (`visible_to`); one meeting
from `access_npc_meeting`. Deadlines are computed by `services.meetings`, and an item's state (按时/逾期/未报送)
by `selectors.meetings.item_timeliness`: the pages only show them. The Excel layouts are in exports/meetings.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import paginate
from qinglian.npc.exports import meetings as exports
from qinglian.npc.forms.meetings import AgendaItemForm, MeetingFilterForm, MeetingForm, ReceiptForm, SubmissionForm
from qinglian.npc.models import MaterialSubmission, MeetingAgendaItem, NpcMeeting
from qinglian.npc.permissions import (
    access_agenda_item,
    access_npc_meeting,
    access_submission,
    can_submit_material,
    can_write_materials,
    reading_organ_id,
)
from qinglian.npc.selectors import meetings as selectors
from qinglian.npc.selectors.figures import MaterialStats, materials_stats
from qinglian.npc.services.meetings import agenda_item_save, material_receive, material_submit, npc_meeting_save
from qinglian.npc.views.common import form_page, saved_redirect
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000
_DESK_ONLY = "只有会议材料台账的负责委室可以办理此项"

# item_timeliness → the Bootstrap colour of its badge.
TONES: dict[str | None, str] = {"on_time": "success", "late": "danger", "missing": "warning", None: "secondary"}


# --- the list of meetings and the on-time table -----------------------------------------------------------


def stats_year(form: MeetingFilterForm) -> int:
    return form.selector_args()["year"] or clock.today().year


def _stats(user: Any, year: int) -> tuple[list[MaterialStats], MaterialStats | None]:
    organ_id = reading_organ_id(user)
    if organ_id is None:
        return [], None
    return materials_stats(organ_id=organ_id, year=year, as_of=clock.today())


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET or None)
    qs = selectors.meeting_list(request.user, **form.selector_args())
    tab = "units" if request.GET.get("tab") == "units" else "list"
    context: dict[str, Any] = {"form": form, "tab": tab, "can_write": can_write_materials(request.user)}
    today = clock.today()
    if tab == "units":
        year = stats_year(form)
        units, total = _stats(request.user, year)
        context.update(year=year, units=units, total=total)
    elif "print" in request.GET:  # the whole filtered list on paper, not one page of it
        context.update(rows=selectors.meeting_rows(qs[:PRINT_LIMIT], today=today), printing=True)
    else:
        page = paginate(request, qs)
        context.update(page_obj=page, rows=selectors.meeting_rows(page.object_list, today=today))
    return render(request, "npc/meeting_list.html", context)


@login_required
def meeting_export(request: HttpRequest) -> HttpResponse:
    """One row per agenda item of the filtered meetings, or (tab=units) the on-time table of the year."""
    form = MeetingFilterForm(request.GET or None)
    if request.GET.get("tab") == "units":
        year = stats_year(form)
        return exports.stats_xlsx(request, year, *_stats(request.user, year))
    args = form.selector_args()
    items = selectors.agenda_item_list(request.user, year=args["year"], meeting_kind=args["kind"])
    return exports.items_xlsx(request, items, clock.today())


# --- one meeting --------------------------------------------------------------------------------------------


@dataclass
class ItemCard:
    """An agenda item as its meeting's page shows it, with the forms this user may submit."""

    item: MeetingAgendaItem
    label: str
    tone: str
    submissions: list[tuple[MaterialSubmission, Form | None]]  # with the desk's receipt form when unsigned
    submit_form: Form | None
    changes: list[dict]


def _card(item: MeetingAgendaItem, user: Any, bound: dict[str, Form], today: dt.date, desk: bool) -> ItemCard:
    state = selectors.item_timeliness(item, today)
    label, tone = selectors.TIMELINESS_LABELS[state], TONES[state]
    subs = list(item.submissions.all())
    key = f"submit-{item.pk}"
    submit = (bound.get(key) or SubmissionForm(prefix=key)) if can_submit_material(user, item) else None
    rows = []
    for s in subs:
        key = f"receive-{s.pk}"
        unsigned = desk and s.received_at is None
        rows.append((s, (bound.get(key) or ReceiptForm(prefix=key, user=user)) if unsigned else None))
    return ItemCard(item, label, tone, rows, submit, changes_for(item))


def render_detail(request: HttpRequest, meeting: NpcMeeting, bound: dict | None = None, status: int = 200):
    desk, today = can_write_materials(request.user), clock.today()
    cards = [_card(item, request.user, bound or {}, today, desk) for item in meeting.items.all()]
    context = {"meeting": meeting, "cards": cards, "can_write": desk, "changes": changes_for(meeting)}
    return render(request, "npc/meeting_detail.html", context, status=status)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_detail(request, selectors.load_meeting(request.user, pk))


def _item_url(item: MeetingAgendaItem) -> str:
    return f"{reverse('npc_meeting', args=[item.meeting_id])}#item-{item.pk}"


@login_required
@require_POST
def submission_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A version of the item's materials, recorded by the desk or by the item's own internal unit."""
    item = access_agenda_item(request.user, pk)
    if not can_submit_material(request.user, item):
        raise Forbidden("只能为本单位承担的议题报送材料")
    key = f"submit-{item.pk}"
    form = SubmissionForm(request.POST, prefix=key)
    done = saved_redirect(
        request,
        form,
        save=lambda: material_submit(item=item, by=request.user, **form.cleaned_data),
        then=lambda _: _item_url(item),
        success=lambda saved: f"已登记“{item.title}”第{saved.version}稿",
    )
    return done or _refused(request, item, {key: form})


@login_required
@require_POST
def submission_receive(request: HttpRequest, pk: int) -> HttpResponse:
    """The office signs for a submitted version (the materials desk only)."""
    submission = access_submission(request.user, pk)
    if not can_write_materials(request.user):
        raise Forbidden(_DESK_ONLY)
    item = submission.agenda_item
    key = f"receive-{submission.pk}"
    form = ReceiptForm(request.POST, prefix=key, user=request.user)
    done = saved_redirect(
        request,
        form,
        save=lambda: material_receive(submission=submission, by=request.user, **form.cleaned_data),
        then=lambda _: _item_url(item),
        success=lambda _: f"已签收“{item.title}”第{submission.version}稿",
    )
    return done or _refused(request, item, {key: form})


def _refused(request: HttpRequest, item: MeetingAgendaItem, bound: dict[str, Form]) -> HttpResponse:
    """The meeting's page again with the refused form open (400)."""
    return render_detail(request, selectors.load_meeting(request.user, item.meeting_id), bound=bound, status=400)


# --- the desk's forms ---------------------------------------------------------------------------------------


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not can_write_materials(request.user):
        raise Forbidden(_DESK_ONLY)
    return _meeting_form(request, NpcMeeting(organ_id=scope_of(request.user).organ_id))


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(request, access_npc_meeting(request.user, pk, write=True))


def _meeting_form(request: HttpRequest, meeting: NpcMeeting) -> HttpResponse:
    creating = meeting.pk is None
    form = MeetingForm(request.POST or None, instance=meeting)
    done = saved_redirect(
        request,
        form,
        save=lambda: npc_meeting_save(meeting=form.instance, by=request.user),
        then=lambda saved: reverse("npc_meeting", args=[saved.pk]),
    )
    title = "登记会议" if creating else f"修改会议：{meeting}"
    return done or form_page(request, "npc/meeting_form.html", form, title, meeting=meeting)


@login_required
def agenda_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_npc_meeting(request.user, pk, write=True)
    return _item_form(request, MeetingAgendaItem(meeting=meeting, organ_id=meeting.organ_id, order=0))


@login_required
def agenda_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_form(request, access_agenda_item(request.user, pk, write=True))


def deadline_text(item: MeetingAgendaItem) -> str:
    text = f"材料报送期限：{item.deadline:%Y-%m-%d}" if item.deadline else "材料报送期限：未计算"
    if item.final_deadline:
        text += f"，修改稿送交期限：{item.final_deadline:%Y-%m-%d}"
    return text


def _item_form(request: HttpRequest, item: MeetingAgendaItem) -> HttpResponse:
    creating = item.pk is None
    form = AgendaItemForm(request.POST or None, instance=item, user=request.user)
    done = saved_redirect(
        request,
        form,
        save=lambda: agenda_item_save(item=form.instance, by=request.user),
        then=_item_url,
        success=lambda saved: f"已保存议题“{saved.title}”。{deadline_text(saved)}",
    )
    meeting = item.meeting
    title = f"{meeting}：增加议题" if creating else f"修改议题：{item.title}"
    return done or form_page(request, "npc/agenda_item_form.html", form, title, meeting=meeting)
