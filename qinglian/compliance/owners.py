"""Who answers for a finding: every finding gets a unit and a person.

A rule's subject names its own unit and person where it has them (the unit handling a suggestion, a task's unit
and head, a branch's secretary). Where it does not, the runner fills them in, in this order:

- no unit (a branch, the Party group, a leader's own letter): the **keeper** of the rule's ledger — the unit that
  keeps it and follows it up — and, when the subject names no person either, the keeper's person. The finding is
  marked `via_keeper` and the pages say so ("台账归口");
- a unit but no person: the unit's head (委室负责人); an outside unit (a government department handling a
  suggestion, UnitKind.EXTERNAL) or an internal one without a head on record has none here, so the keeper's
  person follows it up;
- still no person (a keeper unit with no head on record): the 机关党委专责人员, who runs the checks.

The keeper is data, not a literal: a rule may name its own (`@rule(keeper=…)`, e.g. npc's desks of ServiceDesk),
else its app's registered one (`register_keeper`), else the party-affairs office — the unit and person of the
organ's 机关党委专责人员 (the PARTY_OFFICER grant), who keeps the party-life, duty and organisation ledgers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from qinglian.compliance.registry import Keeper, Owner, Rule, Subject
from qinglian.org.choices import Role, UnitKind
from qinglian.org.models import RoleGrant, Unit
from qinglian.org.selectors import unit_heads

KEEPERS: dict[str, Keeper] = {}  # app label → the keeper of that app's ledgers


def register_keeper(app_label: str, keeper: Keeper) -> None:
    """An app names who keeps its ledgers (called when its rules are imported)."""
    KEEPERS[app_label] = keeper


def party_office(organ_id: int) -> Owner:
    """The organ's party-affairs office (机关党委): the unit and person of its earliest active 机关党委专责人员."""
    row = (
        RoleGrant.objects.active()
        .filter(organ_id=organ_id, role=Role.PARTY_OFFICER, user__person__isnull=False)
        .order_by("granted_at", "pk")
        .values_list("user__person__unit_id", "user__person_id")
        .first()
    )
    return Owner(*row) if row else Owner(None, None)


def first_heads(organ_id: int, unit_ids: set[int]) -> dict[int, int | None]:
    """Each unit's first head (the person a unit's finding goes to), None where the unit has none."""
    heads = unit_heads(organ_id, unit_ids)
    return {u: (heads.get(u) or [None])[0] for u in unit_ids}


def keeper_of(rule: Rule, organ_id: int) -> Owner:
    keeper = rule.keeper or KEEPERS.get(rule.app_label) or party_office
    return keeper(organ_id)


@dataclass(frozen=True)
class Routed:
    unit_id: int | None
    person_id: int | None
    via_keeper: bool


class Router:
    """The owners of one rule's subjects in one organ: the keeper, the unit heads and the outside units, each read
    once for the run (three small queries, and only when some subject needs them)."""

    def __init__(self, rule: Rule, organ_id: int, subjects: Iterable[Subject]) -> None:
        subjects = list(subjects)
        self._rule, self._organ_id = rule, organ_id
        self._keeper: Owner | None = None
        self._office: Owner | None = None
        headless = {s.unit_id for s in subjects if s.unit_id is not None and s.person_id is None}
        self._heads = unit_heads(organ_id, headless) if headless else {}
        self._external = (
            set(Unit.all_objects.filter(pk__in=headless, kind=UnitKind.EXTERNAL).values_list("pk", flat=True))
            if headless
            else set()
        )

    @property
    def keeper(self) -> Owner:
        if self._keeper is None:
            self._keeper = keeper_of(self._rule, self._organ_id)
        return self._keeper

    @property
    def office(self) -> Owner:
        if self._office is None:
            self._office = party_office(self._organ_id)
        return self._office

    def route(self, subject: Subject) -> Routed:
        if subject.unit_id is None:
            routed = Routed(self.keeper.unit_id, subject.person_id or self.keeper.person_id, True)
        elif subject.person_id is not None:
            return Routed(subject.unit_id, subject.person_id, False)
        else:
            heads = [] if subject.unit_id in self._external else self._heads.get(subject.unit_id, [])
            routed = Routed(subject.unit_id, heads[0] if heads else self.keeper.person_id, False)
        if routed.person_id is None:
            return Routed(routed.unit_id, self.office.person_id, routed.via_keeper)
        return routed
