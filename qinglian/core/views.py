from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qinglian.core.registry import WIDGETS, Tier

# Bootstrap columns of a card by tier: the first card spans the page (the person's own work); the other action and
# follow-up cards share a row on wide screens, background cards take a third and are set smaller (app.css).
FIRST_COLUMNS = "col-12"
COLUMNS = {
    Tier.ACTION: "col-12 col-xl-6",
    Tier.FOLLOW: "col-12 col-lg-6",
    Tier.BACKGROUND: "col-12 col-md-6 col-xl-4",
}


@dataclass
class Card:
    template: str
    context: dict
    tier: Tier
    order: int
    columns: str = ""

    @property
    def tier_name(self) -> str:
        return self.tier.name.lower()


def workbench_cards(request: HttpRequest) -> list[Card]:
    """The cards this person gets, their own work first: by tier, then by each card's order. The DOM keeps this
    order, so a phone (one column) shows the to-dos before figures and the profile."""
    cards = []
    for widget in WIDGETS:
        context = widget.render(request)
        if context is not None:
            cards.append(Card(widget.template, context, widget.tier_for(request.user), widget.order))
    cards.sort(key=lambda card: (card.tier, card.order))
    for n, card in enumerate(cards):
        card.columns = FIRST_COLUMNS if n == 0 else COLUMNS[card.tier]
    return cards


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    """我的工作台: every app contributes cards about the logged-in person and their scope."""
    cards = workbench_cards(request)
    charts = any("chart" in card.context for card in cards)
    return render(request, "core/workbench.html", {"cards": cards, "charts": charts})


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
