"""The meeting-materials pages (会议材料): meetings with their on-time badges, the on-time rate per submitting
unit for a year (the table shown at the year-end meeting), one meeting with its agenda items, deadlines and
submissions, the forms of the materials desk, a unit's submission, the office's receipt, and the Excel exports.

Parse → access → service/selector → render. Lists start from `selectors.meeting_list` / `agenda_item_list`
(`visible_to`); one meeting from `access_npc_meeting`. Deadlines are computed by `services_meetings`, and an
item's state (按时/逾期/未报送) by `selectors_figures.item_timeliness`: the pages only show them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.excel import Column, export_table
from qinglian.core.history import changes_for
from qinglian.npc import selectors
from qinglian.npc.forms_meetings import AgendaItemForm, MeetingFilterForm, MeetingForm, ReceiptForm, SubmissionForm
from qinglian.npc.models import MaterialSubmission, MeetingAgendaItem, NpcMeeting
from qinglian.npc.permissions import (
    access_agenda_item,
    access_npc_meeting,
    access_submission,
    can_submit_material,
    can_write_materials,
)
from qinglian.npc.selectors_figures import MaterialStats, Ratio, item_timeliness, materials_stats
from qinglian.npc.services_meetings import agenda_item_save, material_receive, material_submit, npc_meeting_save
from qinglian.org.permissions import scope_of

PRINT_LIMIT = 1000
_DESK_ONLY = "只有会议材料台账的负责委室可以办理此项"

# item_timeliness → (label, Bootstrap colour). None: not yet due and nothing sent.
TIMELINESS: dict[str | None, tuple[str, str]] = {
    "on_time": ("按时", "success"),
    "late": ("逾期", "danger"),
    "missing": ("未报送", "warning"),
    None: ("未到期", "secondary"),
}


def _with_submissions(qs: QuerySet[MeetingAgendaItem]) -> QuerySet[MeetingAgendaItem]:
    subs = MaterialSubmission.objects.select_related("received_by").order_by("version")
    return qs.select_related("submitting_unit").prefetch_related(Prefetch("submissions", queryset=subs))


def percent(ratio: Ratio) -> str:
    """ "75.0%"; "—" when nothing is counted (a rate of nothing is not 0%)."""
    return "—" if ratio.percent is None else f"{ratio.percent}%"


# --- the list of meetings and the on-time table -----------------------------------------------------------


@dataclass
class MeetingRow:
    meeting: NpcMeeting
    items: int = 0
    counts: dict[str | None, int] = field(default_factory=dict)

    def count(self, state: str | None) -> int:
        return self.counts.get(state, 0)

    @property
    def on_time(self) -> int:
        return self.count("on_time")

    @property
    def late(self) -> int:
        return self.count("late")

    @property
    def missing(self) -> int:
        return self.count("missing")


def meeting_rows(meetings, *, today: dt.date) -> list[MeetingRow]:
    """Each meeting with its agenda count and items on time / late / missing on `today`."""
    rows = []
    for meeting in meetings:
        row = MeetingRow(meeting)
        for item in meeting.items.all():
            state = item_timeliness(item, today)
            row.items += 1
            row.counts[state] = row.count(state) + 1
        rows.append(row)
    return rows


def _meetings(request: HttpRequest) -> tuple[MeetingFilterForm, QuerySet[NpcMeeting]]:
    form = MeetingFilterForm(request.GET or None)
    items = _with_submissions(MeetingAgendaItem.objects.all())
    qs = selectors.meeting_list(request.user, **form.values()).prefetch_related(Prefetch("items", queryset=items))
    return form, qs


def stats_year(form: MeetingFilterForm) -> int:
    return form.values()["year"] or timezone.localdate().year


def _stats(user: Any, year: int) -> tuple[list[MaterialStats], MaterialStats | None]:
    scope = scope_of(user)
    if not scope.is_business or scope.organ_id is None:
        return [], None
    return materials_stats(organ_id=scope.organ_id, year=year, as_of=timezone.localdate())


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    form, qs = _meetings(request)
    tab = "units" if request.GET.get("tab") == "units" else "list"
    context: dict[str, Any] = {"form": form, "tab": tab, "can_write": can_write_materials(request.user)}
    today = timezone.localdate()
    if tab == "units":
        year = stats_year(form)
        units, total = _stats(request.user, year)
        context.update(year=year, units=units, total=total)
    elif "print" in request.GET:  # the whole filtered list on paper, not one page of it
        context.update(rows=meeting_rows(qs[:PRINT_LIMIT], today=today), printing=True)
    else:
        page = Paginator(qs, settings.QINGLIAN_PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(page_obj=page, rows=meeting_rows(page.object_list, today=today))
    return render(request, "npc/meeting_list.html", context)


ITEM_COLUMNS = [
    Column("序号", 6),
    Column("会议", 22),
    Column("会议日期", 12),
    Column("议题", 40),
    Column("议题类型", 20),
    Column("提请/汇报单位", 22),
    Column("报送期限", 12),
    Column("修改稿送交期限", 14),
    Column("首次报送时间", 17),
    Column("定稿报送时间", 17),
    Column("签收时间", 17),
    Column("是否按时", 10),
]

STATS_COLUMNS = [
    Column("提请/汇报单位", 26),
    Column("议题数", 9),
    Column("按时报送", 10),
    Column("逾期报送", 10),
    Column("未报送", 9),
    Column("按时报送率", 12),
]


def item_row(index: int, item: MeetingAgendaItem, today: dt.date) -> tuple:
    """One line of the export; submissions prefetched."""
    subs = list(item.submissions.all())
    first = min((s.submitted_at for s in subs), default=None)
    final = min((s.submitted_at for s in subs if s.is_final), default=None)
    received = min((s.received_at for s in subs if s.received_at), default=None)
    meeting = item.meeting
    return (
        index,
        f"{meeting.get_kind_display()}{meeting.number}",
        meeting.date,
        item.title,
        item.get_kind_display(),
        item.submitting_unit.name,
        item.deadline,
        item.final_deadline,
        first,
        final,
        received,
        TIMELINESS[item_timeliness(item, today)][0],
    )


def stats_row(stats: MaterialStats) -> tuple:
    return (stats.unit_name, stats.items, stats.on_time, stats.late, stats.missing, percent(stats.on_time_rate))


@login_required
def meeting_export(request: HttpRequest) -> HttpResponse:
    """One row per agenda item of the filtered meetings, or (tab=units) the on-time table of the year."""
    form = MeetingFilterForm(request.GET or None)
    if request.GET.get("tab") == "units":
        year = stats_year(form)
        units, total = _stats(request.user, year)
        rows = [stats_row(u) for u in units] + ([stats_row(total)] if total is not None else [])
        return export_table(request, f"{year}年会议材料报送情况", STATS_COLUMNS, rows)
    values = form.values()
    items = selectors.agenda_item_list(request.user, year=values["year"])
    if values["kind"]:
        items = items.filter(meeting__kind=values["kind"])
    today = timezone.localdate()
    rows = [item_row(i, item, today) for i, item in enumerate(items, start=1)]
    return export_table(request, "会议材料报送台账", ITEM_COLUMNS, rows)


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


def load_meeting(user: Any, pk: Any) -> NpcMeeting:
    meeting = access_npc_meeting(user, pk)
    items = _with_submissions(MeetingAgendaItem.objects.all())
    return NpcMeeting.objects.prefetch_related(Prefetch("items", queryset=items)).get(pk=meeting.pk)


def _card(item: MeetingAgendaItem, user: Any, bound: dict[str, Form], today: dt.date, desk: bool) -> ItemCard:
    label, tone = TIMELINESS[item_timeliness(item, today)]
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
    desk, today = can_write_materials(request.user), timezone.localdate()
    cards = [_card(item, request.user, bound or {}, today, desk) for item in meeting.items.all()]
    context = {"meeting": meeting, "cards": cards, "can_write": desk, "changes": changes_for(meeting)}
    return render(request, "npc/meeting_detail.html", context, status=status)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_detail(request, load_meeting(request.user, pk))


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
    if form.is_valid():
        try:
            saved = material_submit(item=item, by=request.user, **form.cleaned_data)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已登记“{item.title}”第{saved.version}稿")
            return redirect(_item_url(item))
    return render_detail(request, load_meeting(request.user, item.meeting_id), bound={key: form}, status=400)


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
    if form.is_valid():
        try:
            material_receive(submission=submission, by=request.user, **form.cleaned_data)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已签收“{item.title}”第{submission.version}稿")
            return redirect(_item_url(item))
    return render_detail(request, load_meeting(request.user, item.meeting_id), bound={key: form}, status=400)


# --- the desk's forms ---------------------------------------------------------------------------------------


def _form_page(request: HttpRequest, template: str, form: Form, title: str, **extra: Any) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"form": form, "title": title, **extra}, status=status)


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
    if request.method == "POST" and form.is_valid():
        try:
            saved = npc_meeting_save(meeting=form.instance, by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存：{saved}")
            return redirect("npc_meeting", pk=saved.pk)
    title = "登记会议" if creating else f"修改会议：{meeting}"
    return _form_page(request, "npc/meeting_form.html", form, title, meeting=meeting)


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
    if request.method == "POST" and form.is_valid():
        try:
            saved = agenda_item_save(item=form.instance, by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存议题“{saved.title}”。{deadline_text(saved)}")
            return redirect(_item_url(saved))
    meeting = item.meeting
    title = f"{meeting}：增加议题" if creating else f"修改议题：{item.title}"
    return _form_page(request, "npc/agenda_item_form.html", form, title, meeting=meeting)
