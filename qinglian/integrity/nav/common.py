"""What every part of the 廉政 menu shares: the section heading and "only once the page exists"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import NoReverseMatch, reverse

from qinglian.org.scope import scope_of

SECTION = "党风廉政建设"


def resolves(url_name: str) -> bool:
    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True


def business(user: Any) -> bool:
    return scope_of(user).is_business


def page(url_name: str, allowed: Callable[[Any], bool] = business) -> Callable[[Any], bool]:
    """`allowed`, and only once the page exists."""
    return lambda user: resolves(url_name) and allowed(user)
