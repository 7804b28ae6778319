"""The edit-page pattern of the npc pages: a form, a service that may refuse in Chinese, a message and a
redirect; a form page answers 400 while its submitted form has errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from qinglian.core.errors import QinglianError

T = TypeVar("T")


def saved_redirect(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[], T],
    then: Callable[[T], Any],
    success: Callable[[T], str] = lambda saved: f"已保存：{saved}",
) -> HttpResponse | None:
    """A valid POST calls `save()` (a service): a success message and a redirect to `then(saved)` (a URL, a model
    or a view name). None otherwise: a GET, an invalid form, or the service's refusal shown on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save()
    except QinglianError as exc:
        form.add_error(None, exc.message)
        return None
    messages.success(request, success(saved))
    return redirect(then(saved))


def form_page(request: HttpRequest, template: str, form: forms.BaseForm, title: str, **context: Any) -> HttpResponse:
    """The form's page: 400 when a submitted form has errors (the service's refusal included)."""
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"form": form, "title": title, **context}, status=status)
