"""What every whole-document check may read besides the text: the options, the date lines and the
document's date.

The document's date decides what was current when it was written (a body renamed in 2018 is right in a
2016 document and wrong in a 2025 one), so it is worked out once: the caller's `Options.document_date`
(the upload form), else the date the text gives (its 成文日期 line, or a date set under the title:
——1980年8月30日在……上, （2021年2月20日）), else the reference date (today).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .checks_number import text_date
from .model import Options


@dataclass(frozen=True)
class Context:
    text: str
    options: Options
    dates: dict  # find_date_lines(text): line start → (line, end, match)
    document_date: _dt.date
    document_date_from: str  # "options" | "text" | "today"


def document_date(options: Options, dates: dict, text: str) -> tuple[_dt.date, str]:
    if options.document_date:
        return options.document_date, "options"
    found = text_date(text, dates)
    if found:
        return found, "text"
    return options.today or _dt.date.today(), "today"
