from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qinglian.core.registry import WIDGETS


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    """我的工作台: every app contributes cards about the logged-in person and their scope."""
    cards = []
    for widget in WIDGETS:
        context = widget.render(request)
        if context is not None:
            cards.append({"template": widget.template, "context": context})
    return render(request, "core/workbench.html", {"cards": cards})


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass
