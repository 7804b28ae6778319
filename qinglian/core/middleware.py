from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qinglian.core import hooks
from qinglian.core.errors import QinglianError


class ErrorPagesMiddleware:
    """Turns a QinglianError raised by a page into a Chinese error page with the right status.

    The API has its own handlers (qinglian/api.py) that answer with `{code, message, detail}`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, QinglianError):
            return None
        if exception.status == 403:
            hooks.audit_denied(request, exception.message)
        context = {"status": exception.status, "message": exception.message}
        return render(request, "core/error.html", context, status=exception.status)
