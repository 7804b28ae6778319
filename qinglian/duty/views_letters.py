"""党风廉政建设责任书 pages: the year's letters with signing progress, generation, 补签, signing, detail.

Parse → access → service/selector → render. Rows come from ResponsibilityLetter.objects.visible_to(user), one
letter from access_letter; writes go through services_letters. The progress summary counts against the roster
(services_letters.expected_letters), so a person with no letter row at all still counts as unsigned.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.excel import Column, export_table
from qinglian.core.history import changes_for
from qinglian.duty import services_letters
from qinglian.duty.choices import LETTER_EVENT_KINDS, LetterLevel
from qinglian.duty.forms_oversight import LetterFilterForm, LetterSignForm, filter_letters, year_param
from qinglian.duty.models import ResponsibilityLetter
from qinglian.duty.permissions import access_letter, can_record_letters, can_write_letter
from qinglian.org.choices import Role
from qinglian.org.models import Person, PersonnelEvent, Unit
from qinglian.org.permissions import scope_of

LEVEL_ORDER = {LetterLevel.LEADER: 1, LetterLevel.UNIT_HEAD: 2, LetterLevel.CADRE: 3}


@dataclass
class Progress:
    """Signed / expected for one level or unit of the roster; `rate` in whole percent."""

    label: str = ""
    expected: int = 0
    signed: int = 0

    @property
    def unsigned(self) -> int:
        return self.expected - self.signed

    @property
    def rate(self) -> int:
        return round(100 * self.signed / self.expected) if self.expected else 0


@dataclass
class Summary:
    total: Progress
    by_level: list[Progress]
    by_unit: list[Progress]
    missing: list[Person]  # on the roster, but no letter row yet (生成本年度名单 makes them)


def _organ_id(request: HttpRequest) -> int:
    scope = scope_of(request.user)
    if not scope.is_business or scope.organ_id is None:
        raise NotFound("责任书不存在或无权查看")
    return scope.organ_id


def roster_day(year: int) -> dt.date:
    """The day whose roster defines who signs: today for this year, the year's end for a past one."""
    return min(timezone.localdate(), dt.date(year, 12, 31))


def signing_summary(user: Any, organ_id: int, year: int) -> Summary:
    """Progress of the year's letters, limited to the signers this user may see (same rule as visible_to)."""
    scope = scope_of(user)
    expected = services_letters.expected_letters(organ_id, year, roster_day(year))
    if not scope.reads_organ:
        expected = [e for e in expected if e.unit_id in scope.head_unit_ids or e.signer_id == scope.person_id]
    rows = ResponsibilityLetter.objects.filter(organ_id=organ_id, year=year)
    signed = set(rows.filter(signed_on__isnull=False).values_list("signer_id", flat=True))
    have = set(rows.values_list("signer_id", flat=True))
    total, levels, units = Progress("合计"), defaultdict(Progress), defaultdict(Progress)
    for entry in expected:
        is_signed = entry.signer_id in signed
        for bucket in (total, levels[entry.level], units[entry.unit_id]):
            bucket.expected += 1
            bucket.signed += is_signed
    names = dict(Unit.objects.filter(pk__in=units).values_list("pk", "name"))
    order = dict(Unit.objects.filter(pk__in=units).values_list("pk", "order"))
    for level, progress in levels.items():
        progress.label = str(LetterLevel(level).label)
    for unit_id, progress in units.items():
        progress.label = names.get(unit_id, "—")
    missing_ids = [e.signer_id for e in expected if e.signer_id not in have]
    return Summary(
        total=total,
        by_level=[levels[k] for k in sorted(levels, key=lambda k: LEVEL_ORDER[k])],
        by_unit=[units[k] for k in sorted(units, key=lambda k: (order.get(k, 0), k))],
        missing=list(Person.objects.filter(pk__in=missing_ids).select_related("unit")),
    )


def _letters(request: HttpRequest, year: int) -> tuple[LetterFilterForm, QuerySet[ResponsibilityLetter]]:
    units = Unit.objects.visible_to(request.user).internal()
    form = LetterFilterForm(request.GET or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    rank = Case(*[When(level=k, then=Value(v)) for k, v in LEVEL_ORDER.items()], output_field=IntegerField())
    letters = (
        ResponsibilityLetter.objects.visible_to(request.user)
        .filter(year=year)
        .select_related("signer", "issuer", "unit", "trigger_event")
        .annotate(rank=rank)
        .order_by("rank", "unit__order", "trigger_event_id", "signer_id", "id")
    )
    return form, filter_letters(letters, data)


def events_without_letter(user: Any, year: int) -> QuerySet[PersonnelEvent]:
    """The year's personnel events calling for a 补签 that have no letter yet."""
    done = ResponsibilityLetter.all_objects.filter(trigger_event__isnull=False).values("trigger_event_id")
    return (
        PersonnelEvent.objects.visible_to(user)
        .filter(date__year=year, kind__in=LETTER_EVENT_KINDS, person__is_active=True)
        .exclude(pk__in=done)
        .select_related("person", "to_unit", "person__unit")
        .order_by("date", "id")
    )


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    organ_id, year = _organ_id(request), year_param(request)
    form, letters = _letters(request, year)
    rows = list(letters)
    for letter in rows:
        letter.can_sign = can_write_letter(request.user, letter.level, letter.unit_id)
    is_officer = scope_of(request.user).has(Role.PARTY_OFFICER)
    context = {
        "year": year,
        "years": range(timezone.localdate().year + 1, 2019, -1),
        "form": form,
        "letters": rows,
        "summary": signing_summary(request.user, organ_id, year),
        "is_officer": is_officer,
        "events": list(events_without_letter(request.user, year)) if is_officer else [],
        "sign_form": LetterSignForm(),
        "today": timezone.localdate(),
    }
    return render(request, "duty/letters.html", context)


@login_required
def letter_export(request: HttpRequest) -> HttpResponse:
    _organ_id(request)
    year = year_param(request)
    _, letters = _letters(request, year)
    headers = [
        Column("序号", 6),
        Column("年度", 8),
        Column("层级", 22),
        Column("委室", 18),
        Column("签订人", 10),
        Column("签发人", 10),
        Column("签订情况", 10),
        Column("签订日期", 12),
        Column("补签事由", 28),
        Column("备注", 24),
    ]
    rows = [
        (
            i,
            letter.year,
            letter.get_level_display(),
            letter.unit.name,
            letter.signer.name,
            letter.issuer.name if letter.issuer_id else "",
            "已签订" if letter.signed_on else "未签订",
            letter.signed_on,
            _event_text(letter.trigger_event) if letter.trigger_event_id else "",
            letter.note,
        )
        for i, letter in enumerate(letters, start=1)
    ]
    return export_table(request, f"{year}年党风廉政建设责任书签订台账", headers, rows)


def _event_text(event: PersonnelEvent) -> str:
    post = f"（{event.to_post}）" if event.to_post else ""
    return f"{event.date:%Y-%m-%d} {event.get_kind_display()}{post}"


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(request.user, pk)
    context = {
        "letter": letter,
        "can_sign": can_write_letter(request.user, letter.level, letter.unit_id),
        "sign_form": LetterSignForm(initial={"signed_on": letter.signed_on or timezone.localdate()}),
        "changes": changes_for(letter),
    }
    return render(request, "duty/letters_detail.html", context)


@login_required
@require_POST
def letters_generate(request: HttpRequest) -> HttpResponse:
    organ_id, year = _organ_id(request), year_param(request)
    made = services_letters.letters_generate(organ_id=organ_id, year=year, by=request.user, on=roster_day(year))
    if made:
        messages.success(request, f"已按花名册生成{year}年度责任书{made}份（未签订）")
    else:
        messages.info(request, f"{year}年度责任书名单已齐全，无需生成")
    return redirect(f"{reverse('duty_letters')}?year={year}")


@login_required
@require_POST
def letter_for_event(request: HttpRequest, event_id: int) -> HttpResponse:
    if not can_record_letters(request.user):
        raise Forbidden("只有机关党委专责人员或委室负责人可以登记责任书")
    event = PersonnelEvent.objects.visible_to(request.user).filter(pk=event_id).select_related("person").first()
    if event is None:
        raise NotFound("人事变动不存在或无权查看")
    try:
        letter = services_letters.letter_for_event(event=event, by=request.user)
    except QinglianError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('duty_letters')}?year={event.date.year}")
    messages.success(request, f"已为{event.person.name}生成补签责任书（{_event_text(event)}）")
    return redirect("duty_letter", pk=letter.pk)


@login_required
@require_POST
def letter_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the signed date. htmx gets the table row back; a plain form goes back where it came from."""
    letter = access_letter(request.user, pk, write=True)
    form = LetterSignForm(request.POST)
    error = "请填写正确的签订日期" if not form.is_valid() else None
    if error is None:
        try:
            services_letters.letter_sign(letter=letter, signed_on=form.cleaned_data["signed_on"], by=request.user)
        except QinglianError as exc:
            error = exc.message
    if request.headers.get("HX-Request"):
        fresh = access_letter(request.user, pk)
        fresh.can_sign = True
        context = {"letter": fresh, "error": error, "sign_form": LetterSignForm(), "today": timezone.localdate()}
        return render(request, "duty/letters_row.html", context)  # 200 even on refusal: htmx swaps only 2xx
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"已登记{letter.signer.name}的责任书签订日期：{letter.signed_on:%Y-%m-%d}")
    if request.POST.get("next") == "list":
        return redirect(f"{reverse('duty_letters')}?year={letter.year}")
    return redirect("duty_letter", pk=pk)
