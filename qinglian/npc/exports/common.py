"""What the npc exports share: the audit record of an export that is not one `export_table` sheet, and a rate as
the tables write it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.audit.services import audit_record
from qinglian.core.excel import Percent


def audit_export(request: HttpRequest, title: str, detail: dict[str, Any]) -> None:
    audit_record(action="export", user=request.user, request=request, target_repr=title, detail=detail)


def percent(ratio: Any) -> Percent:
    """A number with a percent format in Excel, "66.7%" in Word (`str`); "—" when nothing is counted (a rate of
    nothing is not 0%)."""
    return Percent.of(ratio.percent)
