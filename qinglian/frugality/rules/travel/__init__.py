"""The travel rules (FRG-010 … FRG-015) on the travel ledger (差旅), after 财行〔2013〕531号.

Every trip departed on or before D and not withdrawn by D is a subject of every rule, read once per run as it stood
at the end of D (facts.py); findings go to the traveller and the spending unit, a trip without a unit to the finance
officer who keeps the ledger. claim.py judges the claim against the standard tables (lodging, allowances, transport
class; amounts over the standard registered for the special check), conduct.py the approval, the places and the
dates (approval before departure, scenic places on days off, two places on one day). The checks are pure.
"""

from qinglian.frugality.rules.travel import claim, conduct
from qinglian.frugality.rules.travel.facts import days_off, peak_months, trip_subjects

__all__ = ["claim", "conduct", "days_off", "peak_months", "trip_subjects"]
