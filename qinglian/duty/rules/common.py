"""Shared pieces of the duty rules: the deadline verdict, parameters, and who answers for a unit."""

from __future__ import annotations

import datetime as dt

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Param, Verdict
from qinglian.core import workdays

CATEGORY = "主体责任"
MAIN_BASIS = "《党委（党组）落实全面从严治党主体责任规定》"
WARN = Param("warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=60)


def look_back_years() -> Param:
    return Param("look_back", "检查最近几个年度", unit="年", minimum=1, maximum=5, help="上线初期可设为1，只检查本年度")


def by_deadline(*, due: dt.date, as_of: dt.date, warn: int, late: str, soon: str) -> Verdict | None:
    """Red once `due` has passed; yellow within `warn` working days of it (the day itself included)."""
    if as_of > due:
        return Verdict(Severity.RED, late, due)
    if workdays.working_days_between(as_of, due) <= warn:
        return Verdict(Severity.YELLOW, soon, due)
    return None


def first_head(heads: dict[int, list[int]], unit_id: int | None) -> int | None:
    """The person who answers for a unit's finding: its (first) head, from org.selectors.unit_heads."""
    return next(iter(heads.get(unit_id, [])), None) if unit_id else None
