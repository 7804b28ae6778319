"""Reads of the yearly plans: the list by year and kind, one plan's items with how each was used, and the items the
other ledgers' forms offer (`plan_items`).

How an item was used is read from the ledgers' models (meetings, courses, trips abroad that point at it), not from
those parts' modules: a plan is read by the organ readers, who see every row of those ledgers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from qinglian.frugality.choices import ConferenceCategory, PlanKind, TrainingCategory
from qinglian.frugality.models import AbroadTrip, Conference, PlanItem, SpendingPlan, TrainingCourse

# The categories an item of each kind may have (a trip abroad has none).
ITEM_CATEGORIES: dict[str, dict[str, str]] = {
    PlanKind.CONFERENCE: dict(ConferenceCategory.choices),
    PlanKind.TRAINING: dict(TrainingCategory.choices),
    PlanKind.ABROAD: {},
}
# Where each kind's ledger rows live: the model, its date, its people, its amount and its pages' path.
_LEDGERS: dict[str, tuple[Any, str, str, str]] = {
    PlanKind.CONFERENCE: (Conference, "start_on", "attendees", "conferences"),
    PlanKind.TRAINING: (TrainingCourse, "start_on", "attendees", "training"),
    PlanKind.ABROAD: (AbroadTrip, "depart_on", "team_size", "abroad"),
}


def plan_list(user: Any, *, year: int | None = None, kind: str = "") -> QuerySet[SpendingPlan]:
    qs = SpendingPlan.objects.visible_to(user)
    if year is not None:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(item_count=Count("items"), budget_total=Sum("items__budget")).order_by("-year", "kind")


def plan_items(organ_id: int, kind: str, year: int) -> QuerySet[PlanItem]:
    """The items of the organ's live plan of `kind` for `year`, in the plan's order (the other ledgers' forms offer
    them; empty when no such plan was entered)."""
    return (
        PlanItem.objects.filter(
            plan__organ_id=organ_id, plan__kind=kind, plan__year=year, plan__deleted_at__isnull=True
        )
        .select_related("plan", "unit")
        .order_by("id")
    )


def plan_item_choices(organ_id: int, kind: str, years: set[int]) -> QuerySet[PlanItem]:
    """`plan_items` of several years at once (a form offers this year's and last year's)."""
    return (
        PlanItem.objects.filter(
            plan__organ_id=organ_id, plan__kind=kind, plan__year__in=sorted(years), plan__deleted_at__isnull=True
        )
        .select_related("plan")
        .order_by("-plan__year", "id")
    )


def item_label(item: PlanItem) -> str:
    """How a form's drop-down names an item: "2026年 立法工作座谈会", with 未审批 while the plan has no approval."""
    pending = "" if item.plan.approved_on else "（计划未审批）"
    return f"{item.plan.year}年 {item.name}{pending}"


def linked_rows(plan: SpendingPlan) -> int:
    """How many live meetings, courses and trips abroad point at the plan's items (a withdrawal is refused then)."""
    return sum(model.objects.filter(plan_item__plan=plan).count() for model, *_ in _LEDGERS.values())


@dataclass(frozen=True)
class UsedBy:
    """One ledger row held under an item."""

    on: dt.date
    name: str
    unit: str
    people: int
    amount: Decimal
    link: str


@dataclass
class ItemUsage:
    item: PlanItem
    rows: list[UsedBy] = field(default_factory=list)

    @property
    def spent(self) -> Decimal:
        return sum((r.amount for r in self.rows), Decimal(0))

    @property
    def category_label(self) -> str:
        return ITEM_CATEGORIES[self.item.plan.kind].get(self.item.category, self.item.category)

    @property
    def over_budget(self) -> bool:
        return self.item.budget is not None and self.spent > self.item.budget


def _row_name(row: Any) -> str:
    return getattr(row, "name", "") or getattr(row, "countries", "") or str(row)


def plan_usage(user: Any, plan: SpendingPlan) -> list[ItemUsage]:
    """Each item of the plan with the rows (visible to `user`) held under it, by date: one query per ledger."""
    items = list(plan.items.select_related("unit", "plan").order_by("id"))
    usage = {item.pk: ItemUsage(item) for item in items}
    model, date_field, people_field, path = _LEDGERS[plan.kind]
    rows = model.objects.visible_to(user).filter(plan_item__plan=plan).select_related("unit").order_by(date_field, "pk")
    for row in rows:
        usage[row.plan_item_id].rows.append(
            UsedBy(
                on=getattr(row, date_field),
                name=_row_name(row),
                unit=row.unit.name,
                people=getattr(row, people_field),
                amount=row.total_amount,
                link=f"/frugality/{path}/{row.pk}/",
            )
        )
    return list(usage.values())


@dataclass(frozen=True)
class PlanTotals:
    items: int
    budget: Decimal
    spent: Decimal
    used_items: int


def usage_totals(usage: list[ItemUsage]) -> PlanTotals:
    return PlanTotals(
        items=len(usage),
        budget=sum((u.item.budget or Decimal(0) for u in usage), Decimal(0)),
        spent=sum((u.spent for u in usage), Decimal(0)),
        used_items=sum(1 for u in usage if u.rows),
    )


def plans_to_approve(user: Any, today: dt.date) -> QuerySet[SpendingPlan]:
    """This year's and last year's plans entered without the Party group's approval date (the finance officer's
    to-do: a plan counts only once approved, FRG-020/030)."""
    return SpendingPlan.objects.visible_to(user).filter(
        Q(approved_on__isnull=True), year__in=(today.year - 1, today.year)
    )
