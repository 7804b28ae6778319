"""The parameters of a rule in force, for the deadlines the pages, lists and figures show; which rows stood in
the ledgers on a day, for the rules run for a past date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import get_rule


def rule_params(code: str, *, organ_id: int, on: dt.date) -> Any:
    """The resolved parameters of rule `code` in force for the organ on `on`, or None when none is."""
    try:
        return resolve(get_rule(code), sets_in_force(organ_id=organ_id, on=on, codes=[code]).get(code))
    except MissingParameters:
        return None
