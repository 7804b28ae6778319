"""党风廉政建设责任书 pages: the year's letters with signing progress, generation, 补签, signing, detail.

Parse → access → service/selector → render. Rows come from ResponsibilityLetter.objects.visible_to(user), one
letter from access_letter; writes go through services.letters. The progress summary counts against the roster
(selectors.letters.expected_letters), so a person with no letter row at all still counts as unsigned.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.history import changes_for
from qinglian.duty import exports
from qinglian.duty.forms.letters import LetterFilterForm, LetterSignForm
from qinglian.duty.models import ResponsibilityLetter
from qinglian.duty.permissions import access_letter, can_record_letters, can_write_letter
from qinglian.duty.selectors.letters import (
    events_without_letter,
    letters_of_year,
    roster_day,
    signing_summary,
    visible_event,
)
from qinglian.duty.services import letters as services
from qinglian.duty.views.common import ledger_year
from qinglian.org.choices import Role
from qinglian.org.models import Unit
from qinglian.org.permissions import scope_of


def _organ_id(request: HttpRequest) -> int:
    scope = scope_of(request.user)
    if not scope.is_business or scope.organ_id is None:
        raise NotFound("责任书不存在或无权查看")
    return scope.organ_id


def _ledger(request: HttpRequest, year: int) -> tuple[LetterFilterForm, QuerySet[ResponsibilityLetter]]:
    form = LetterFilterForm(request.GET or None, units=Unit.objects.visible_to(request.user).internal())
    return form, letters_of_year(request.user, year, form.filters())


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    organ_id, year = _organ_id(request), ledger_year(request)
    form, letters = _ledger(request, year)
    rows = list(letters)
    for letter in rows:
        letter.can_sign = can_write_letter(request.user, letter.level, letter.unit_id)
    is_officer = scope_of(request.user).has(Role.PARTY_OFFICER)
    context = {
        "year": year,
        "years": range(clock.today().year + 1, 2019, -1),
        "form": form,
        "letters": rows,
        "summary": signing_summary(request.user, organ_id, year),
        "is_officer": is_officer,
        "events": list(events_without_letter(request.user, year)) if is_officer else [],
        "sign_form": LetterSignForm(),
        "today": clock.today(),
    }
    return render(request, "duty/letters.html", context)


@login_required
def letter_export(request: HttpRequest) -> HttpResponse:
    _organ_id(request)
    year = ledger_year(request)
    _, letters = _ledger(request, year)
    return exports.letters_export(request, year, letters)


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(request.user, pk)
    context = {
        "letter": letter,
        "can_sign": can_write_letter(request.user, letter.level, letter.unit_id),
        "sign_form": LetterSignForm(initial={"signed_on": letter.signed_on or clock.today()}),
        "changes": changes_for(letter),
    }
    return render(request, "duty/letters_detail.html", context)


@login_required
@require_POST
def letters_generate(request: HttpRequest) -> HttpResponse:
    organ_id, year = _organ_id(request), ledger_year(request)
    made = services.letters_generate(organ_id=organ_id, year=year, by=request.user, on=roster_day(year))
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
    event = visible_event(request.user, event_id)
    if event is None:
        raise NotFound("人事变动不存在或无权查看")
    try:
        letter = services.letter_for_event(event=event, by=request.user)
    except QinglianError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('duty_letters')}?year={event.date.year}")
    messages.success(request, f"已为{event.person.name}生成补签责任书（{exports.event_text(event)}）")
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
            services.letter_sign(letter=letter, signed_on=form.cleaned_data["signed_on"], by=request.user)
        except QinglianError as exc:
            error = exc.message
    if request.headers.get("HX-Request"):
        fresh = access_letter(request.user, pk)
        fresh.can_sign = True
        context = {"letter": fresh, "error": error, "sign_form": LetterSignForm(), "today": clock.today()}
        return render(request, "duty/letters_row.html", context)  # 200 even on refusal: htmx swaps only 2xx
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"已登记{letter.signer.name}的责任书签订日期：{letter.signed_on:%Y-%m-%d}")
    if request.POST.get("next") == "list":
        return redirect(f"{reverse('duty_letters')}?year={letter.year}")
    return redirect("duty_letter", pk=pk)
