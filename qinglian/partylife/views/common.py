"""The one request helper the party-life pages share beyond core.http."""

from __future__ import annotations

from django.http import HttpRequest

from qinglian.core import clock
from qinglian.core.http import year_param


def year_of(request: HttpRequest) -> int:
    """`?year=` up to next year (plans are made ahead), else this year."""
    return year_param(request, latest=clock.today().year + 1)
