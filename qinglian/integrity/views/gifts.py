"""Pages of the gifts register (礼品登记): the list (filters year, unit, person, handling) with its print view,
Excel export and import (core.importing; the export re-imports as it is), one gift (its hand-in receipt as
evidence, its history), the recipient's registration form and the party-affairs office's handling form.

Parse → access → service/selector → render: lists from `selectors.gifts` (`visible_to`), one gift from
`access_gift`, writes through `services.gifts`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from qinglian.core import clock
from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.integrity.exports import gifts as exports
from qinglian.integrity.forms.gifts import GiftFilterForm, GiftForm, GiftHandleForm
from qinglian.integrity.importers.gifts import GIFT_PAGE
from qinglian.integrity.models import Gift
from qinglian.integrity.permissions import access_gift, can_handle_gifts, can_register_gift
from qinglian.integrity.selectors import gifts as selectors
from qinglian.integrity.services.gifts import HANDLE_ONLY, REGISTER_ONLY, gift_handle, gift_register
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000


def _gifts(request: HttpRequest):
    form = GiftFilterForm(request.GET or None, user=request.user)
    return form, selectors.gift_list(request.user, **form.selector_args())


def _may_register(user) -> bool:
    return can_register_gift(user, scope_of(user).person_id)


@login_required
def gift_list(request: HttpRequest) -> HttpResponse:
    form, qs = _gifts(request)
    context = {
        "form": form,
        "can_register": _may_register(request.user),
        "can_handle": can_handle_gifts(request.user),
    }
    if "print" in request.GET:
        context.update(gifts=selectors.with_states(request.user, list(qs[:PRINT_LIMIT])), printing=True)
    else:
        page = paginate(request, qs)
        context.update(page_obj=page, gifts=selectors.with_states(request.user, list(page.object_list)))
    return render(request, "integrity/gift_list.html", context)


@login_required
def gift_export(request: HttpRequest) -> HttpResponse:
    _, qs = _gifts(request)
    return exports.gifts_xlsx(request, selectors.with_states(request.user, list(qs)))


@login_required
def gift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gift = access_gift(request.user, pk)
    selectors.with_states(request.user, [gift])
    officer = can_handle_gifts(request.user)
    own_open = not (gift.handling or gift.handed_in_on) and can_register_gift(request.user, gift.person_id)
    context = {
        "gift": gift,
        "can_edit": officer or own_open,
        "can_handle": officer and gift.person_id != scope_of(request.user).person_id,
        "changes": changes_for(gift),
    }
    return render(request, "integrity/gift_detail.html", context)


@login_required
def gift_create(request: HttpRequest) -> HttpResponse:
    if not _may_register(request.user) and not can_handle_gifts(request.user):
        raise Forbidden(REGISTER_ONLY)
    scope = scope_of(request.user)
    gift = Gift(organ_id=scope.organ_id, person_id=scope.person_id, registered_on=clock.today())
    return _gift_form(request, gift)


@login_required
def gift_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _gift_form(request, access_gift(request.user, pk, write=True))


def _gift_form(request: HttpRequest, gift: Gift) -> HttpResponse:
    creating = gift.pk is None
    form = GiftForm(request.POST or None, instance=gift, user=request.user)
    return form_page(
        request,
        form,
        title="登记收受礼品" if creating else f"修改礼品登记：{gift.description}",
        save=lambda: gift_register(gift=form.instance, by=request.user),
        success=lambda saved: f"已登记：{saved.description}",
        then=lambda saved: reverse("integrity_gift", args=[saved.pk]),
        template="integrity/gift_form.html",
        context={"gift": gift},
    )


@login_required
def gift_handle_page(request: HttpRequest, pk: int) -> HttpResponse:
    gift = access_gift(request.user, pk)
    if not can_handle_gifts(request.user):
        raise Forbidden(HANDLE_ONLY)
    form = GiftHandleForm(request.POST or None, gift=gift, user=request.user)
    return form_page(
        request,
        form,
        title=f"登记上交和处理：{gift.person.name} {gift.description}",
        save=lambda: gift_handle(gift=gift, by=request.user, **form.cleaned_data),
        success=lambda saved: "已登记上交和处理情况",
        then=lambda saved: reverse("integrity_gift", args=[saved.pk]),
        template="integrity/gift_form.html",
        context={"gift": gift},
    )


ROUTES = [
    path("gifts/", gift_list, name="integrity_gifts"),
    path("gifts/export/", gift_export, name="integrity_gifts_export"),
    path("gifts/import/", import_page, {"page": GIFT_PAGE}, name="integrity_gift_import"),
    path("gifts/import/template/", import_template, {"page": GIFT_PAGE}, name="integrity_gift_import_template"),
    path("gifts/new/", gift_create, name="integrity_gift_create"),
    path("gifts/<int:pk>/", gift_detail, name="integrity_gift"),
    path("gifts/<int:pk>/edit/", gift_edit, name="integrity_gift_edit"),
    path("gifts/<int:pk>/handle/", gift_handle_page, name="integrity_gift_handle"),
]
