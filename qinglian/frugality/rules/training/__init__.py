"""FRG-030…034: the training-fee rules (培训费), one subject per course of the window.

Checked for a day D: a course that starts after D is not seen, nor one soft-deleted by D; an ad-hoc approval
dated after D was not on file on D (core.asof.known), a lecture given after D had not been given yet, and a yearly
plan approved after D, or deleted by D, did not make a course planned. Standards are those in force on the day of
the spending — the first day of the course for its comprehensive rate, the day of each lecture for its fee — not
on D. Findings go to the spending unit and its head; the finance office keeps the ledger.

The five rules (checks.py) share one collector (data.py `course_subjects`, built once per run): the courses through
`ledger_rows`, their cost lines and lectures as they stood at the end of D (core.asof.fields_on), the standard
tables through `standard_book`. The checks are pure; their arithmetic is small functions the course page uses too,
named here.
"""

from qinglian.frugality.rules.training.checks import (
    allowed_amount,
    counted_hours,
    counted_travel_days,
    day_factors,
    lecture_cap,
    scenic_hits,
    staff_cap,
)
from qinglian.frugality.rules.training.data import bill_amounts, course_subjects, money, yuan

__all__ = [
    "allowed_amount",
    "bill_amounts",
    "counted_hours",
    "counted_travel_days",
    "course_subjects",
    "day_factors",
    "lecture_cap",
    "money",
    "scenic_hits",
    "staff_cap",
    "yuan",
]
