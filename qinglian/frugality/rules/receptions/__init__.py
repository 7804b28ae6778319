"""FRG-001…008, the 公务接待 rules: the letter, the list and the invoices of each reception (letters.py), its
meals against the escort cap, the one working meal, the meal standard in force on the meal's day and the banned
dishes and places (meals.py), and receptions of one visiting unit split over days or between units (split.py).

What a check for D sees (core.asof): receptions that began on or before D and were not soft-deleted by the end
of D; their meals dated on or before D as the lists stood at the end of D (a meal removed or corrected later is
read as it was; one entered later counts by its own date, as back-filled ledgers do); a document (letter, signed
list, invoice) or a payment dated after D had not happened. data.py prepares plain data once per run — the
standard of each meal looked up on the meal's day — and every check is pure. Findings go to the spending unit
(承办委室) and its head; the finance officer keeps the ledger.
"""

from qinglian.frugality.rules.receptions import letters, meals, split
from qinglian.frugality.rules.receptions.data import reception_subjects

__all__ = ["letters", "meals", "reception_subjects", "split"]
