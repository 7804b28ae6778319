"""What every whole-document check may read besides the text: the options, the date lines and the
document's date.

The document's date decides what was current when it was written (a body renamed in 2018 is right in a
2016 document and wrong in a 2025 one), so it is worked out once: the caller's `Options.document_date`
(the upload form), else the 成文日期 line of the text, else the reference date (today).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .model import Options
from .numerals import cn_to_int


@dataclass(frozen=True)
class Context:
    text: str
    options: Options
    dates: dict  # find_date_lines(text): line start → (line, end, match)
    document_date: _dt.date
    document_date_from: str  # "options" | "text" | "today"


def document_date(options: Options, dates: dict) -> tuple[_dt.date, str]:
    if options.document_date:
        return options.document_date, "options"
    found = _last_date_line(dates)
    if found:
        return found, "text"
    return options.today or _dt.date.today(), "today"


def _last_date_line(dates: dict) -> _dt.date | None:
    """The last paragraph that is nothing but a date and not an 印发日期: the 成文日期 of GB/T 9704."""
    best = None
    for _line, _stop, m in dates.values():
        if m is None or m.groupdict().get("tail"):
            continue
        y, mo, d = (cn_to_int(m.group(k)) for k in ("y", "m", "d"))
        try:
            best = _dt.date(y, mo, d) if y and mo and d and y > 1900 else best
        except ValueError:
            continue  # a date that does not exist is FACT-005's business, not the document's date
    return best
