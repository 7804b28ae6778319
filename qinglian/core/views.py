from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
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


class LoginForm(AuthenticationForm):
    """Django's login form, showing the authentication backend's refusal (a lock after failed logins, left on
    `request.login_refusal`) instead of "wrong password". The words are the same for every user name, so the
    page never says whether a name exists."""

    def get_invalid_login_error(self) -> ValidationError:
        refusal = getattr(self.request, "login_refusal", "")
        if refusal:
            return ValidationError(refusal, code="locked")
        return ValidationError("用户名或密码不正确。", code="invalid_login")


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass
