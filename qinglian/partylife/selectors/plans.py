"""A branch's annual plan: the plan of a year, its open slots, and the branches to choose a plan from."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from qinglian.org.models import Branch
from qinglian.org.permissions import scope_of
from qinglian.partylife.models import AnnualPlan, PlanItem
from qinglian.partylife.selectors.common import organ_branches


def open_plan_item(*, user: Any, pk: int) -> PlanItem | None:
    """A slot of a plan the user may see, with no meeting recorded for it yet."""
    plans = AnnualPlan.objects.visible_to(user)
    return PlanItem.objects.filter(plan__in=plans, meeting__isnull=True, pk=pk).first()


def plan_of(*, branch: Branch, year: int) -> AnnualPlan | None:
    """The branch's plan of the year; the caller has checked the branch (permissions.access_plan_branch)."""
    return AnnualPlan.objects.filter(branch=branch, year=year).first()


def plan_branches(*, user: Any, organ_id: int) -> QuerySet[Branch]:
    """The branches to choose a plan from: all for organ readers, else those covering the units one heads."""
    scope = scope_of(user)
    branches = organ_branches(organ_id)
    if not scope.reads_organ:
        branches = branches.filter(units__in=scope.head_unit_ids).distinct()
    return branches
