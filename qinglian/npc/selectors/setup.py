"""Reads of the setup the ledgers rest on: deputies, sessions, the handling (external) units with their
profiles, the desks, and the units and people the forms and the API offer. Every list starts from
`visible_to(user)`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from qinglian.core import clock
from qinglian.npc.choices import HandlingRole
from qinglian.npc.models import Assignment, Deputy, HandlingUnitProfile, ServiceDesk, Session, Suggestion
from qinglian.org.choices import UnitKind
from qinglian.org.models import Unit


def external_units(user: Any) -> QuerySet[Unit]:
    """Handling units are external units (government departments) kept by the org app."""
    return Unit.objects.visible_to(user).filter(kind=UnitKind.EXTERNAL).order_by("order", "name")


def internal_units(user: Any) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user).filter(kind=UnitKind.INTERNAL).order_by("order", "name")


def submitting_units(user: Any) -> QuerySet[Unit]:
    """Units that submit an agenda item's materials: internal units (委室) first, then external ones (一府两院 and
    departments)."""
    kinds = (UnitKind.INTERNAL, UnitKind.EXTERNAL)
    return Unit.objects.visible_to(user).filter(kind__in=kinds).order_by("-kind", "order", "name")


def deputy_list(user: Any, *, text: str = "", include_inactive: bool = False) -> QuerySet[Deputy]:
    """Deputies by delegation and name, each with `led_suggestions` (the suggestions they lead that the user sees);
    `text` is searched in the name and the delegation."""
    led = (
        Suggestion.objects.visible_to(user)
        .filter(lead_deputy=OuterRef("pk"))
        .order_by()
        .values("lead_deputy")
        .annotate(n=Count("pk"))
        .values("n")
    )
    deputies = Deputy.objects.visible_to(user).annotate(
        led_suggestions=Coalesce(Subquery(led, output_field=IntegerField()), Value(0))
    )
    if not include_inactive:
        deputies = deputies.filter(is_active=True)
    if text := text.strip():
        deputies = deputies.filter(Q(name__icontains=text) | Q(delegation__icontains=text))
    return deputies.order_by("delegation", "name", "pk")


def deputy_choices(user: Any, keep: Iterable[int] = ()) -> QuerySet[Deputy]:
    """Deputies in office, plus those already on the record (`keep`: a deputy who left stays on past rows)."""
    return Deputy.objects.visible_to(user).filter(Q(is_active=True) | Q(pk__in=list(keep)))


def session_list(user: Any) -> QuerySet[Session]:
    """Sessions, each with `suggestion_count`."""
    alive = Q(suggestions__deleted_at__isnull=True)
    return Session.objects.visible_to(user).annotate(suggestion_count=Count("suggestions", filter=alive))


def handling_unit_rows(user: Any) -> list[tuple[Unit, HandlingUnitProfile | None, int]]:
    """Each external unit with its profile and the suggestions it leads this year."""
    units = list(external_units(user))
    profiles = {p.unit_id: p for p in HandlingUnitProfile.objects.visible_to(user).filter(unit__in=units)}
    year = clock.today().year
    leads = (
        Assignment.objects.visible_to(user)
        .filter(role=HandlingRole.LEAD, is_active=True, suggestion__year=year, suggestion__deleted_at__isnull=True)
        .values("unit_id")
        .annotate(n=Count("pk"))
    )
    counts = {r["unit_id"]: r["n"] for r in leads}
    return [(u, profiles.get(u.pk), counts.get(u.pk, 0)) for u in units]


def desks_by_kind(user: Any) -> dict[str, ServiceDesk]:
    """The organ's desks: ledger kind → the desk naming the unit that keeps it."""
    return {d.kind: d for d in ServiceDesk.objects.visible_to(user).select_related("unit")}
