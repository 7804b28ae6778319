"""What several pages read: one's own branch, the organ's branches, and a rule's figure for display."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from qinglian.compliance.params import sets_in_force
from qinglian.core import clock
from qinglian.org.models import Branch
from qinglian.org.permissions import scope_of
from qinglian.partylife.querysets import branch_of


def own_branch_id(user: Any) -> int | None:
    return branch_of(scope_of(user).person_id)


def organ_branches(organ_id: int) -> QuerySet[Branch]:
    return Branch.objects.filter(organ_id=organ_id).order_by("id")


def rule_value(*, organ_id: int, code: str, keys: tuple[str, ...], on: dt.date | None = None) -> Any:
    """A figure of a rule's parameter set in force, for display only; None when no set or no such key.

    Pages show the target ("32学时") next to the facts; the rule engine itself judges compliance.
    """
    try:
        param_set = sets_in_force(organ_id=organ_id, on=on or clock.today(), codes=[code]).get(code)
    except Exception:
        return None
    values = param_set.values if param_set is not None else {}
    for key in keys:
        if isinstance(values, dict) and values.get(key) not in (None, ""):
            return values[key]
    return None
