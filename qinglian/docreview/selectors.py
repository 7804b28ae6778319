"""Reads of 公文审校: the organ's profile for the engine, checks, terms, and the detail page's context."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from qinglian.core import clock, registry
from qinglian.docreview.choices import CATEGORY_CLASSES, Decision, TermKind
from qinglian.docreview.highlight import highlighted_html, issue_rows
from qinglian.docreview.models import DocumentCheck, OrganTerm
from qinglian.org import selectors as org_selectors
from qinglian.org.permissions import scope_of


def organ_terms(*, organ_id: int | None) -> list[tuple[str, str, str]]:
    """(kind, text, replacement) of the organ's live entries: what `runner.build_options` needs."""
    return list(OrganTerm.objects.of_organ(organ_id).values_list("kind", "text", "replacement"))


def own_words(*, user: Any, on: dt.date | None = None) -> list[str]:
    """The organ's own words, never to be flagged: its name, its units' and its people's names as they stand
    today and, when the document's date `on` is given, as they stood then (a 2016 document names the 2016
    staff), and the names other apps register (the NPC deputies).

    Read organ-wide, whatever the user may list: a name that is not flagged reveals nothing. Single
    characters are left out — whitelisting one would silence every finding on that character.
    """
    organ = org_selectors.organ_of(user)
    if organ is None:
        return []
    words: set[str] = {organ.name, organ.short_name}
    for day in {clock.today(), on or clock.today()}:
        words.update(unit["name"] for unit in org_selectors.units_on(organ.pk, day).values())
        words.update(person.name for person in org_selectors.people_on(organ.pk, day).values())
    words.update(_registered_names(user))
    return sorted(word.strip() for word in words if word and len(word.strip()) >= 2)


def _registered_names(user: Any) -> Iterable[str]:
    # The deputies live in npc, a sibling domain app docreview may not import: npc registers a reader of their
    # names in core.registry (`register_proper_names`), and every registered reader is asked here. Until that
    # hook exists the roster and the units are the organ's own words.
    readers = getattr(registry, "PROPER_NAME_SOURCES", ())
    for read in readers:
        yield from read(user)


def term_list(*, user: Any, kind: str = "") -> QuerySet[OrganTerm]:
    """Every business user of the organ may read its terms (they explain what the checker flags)."""
    qs = OrganTerm.objects.of_organ(scope_of(user).organ_id).select_related("created_by")
    return qs.filter(kind=kind) if kind in TermKind.values else qs


def check_list(*, user: Any, mine_only: bool = True) -> QuerySet[DocumentCheck]:
    qs = DocumentCheck.objects.visible_to(user).select_related("user").defer("text", "issues")
    return qs.filter(user_id=scope_of(user).user_id) if mine_only else qs


def detail_context(check: DocumentCheck, *, category: str = "") -> dict[str, Any]:
    """The highlighted text, the errors and the (folded) suggestions (optionally one category), the counts.

    Errors and suggestions are told apart by the engine's severity (错误 at confidence ≥ 0.8), so a check
    stored before findings had a confidence groups as it was shown then."""
    rows = issue_rows(check.issues, check.decisions)
    decided = Counter(row["decision"] for row in rows if row["decision"])
    shown = [r for r in rows if not category or r["category"] == category]
    fixes = sum(1 for r in rows if r["decision"] == Decision.ACCEPTED and r["fixable"])
    return {
        "check": check,
        "highlighted": highlighted_html(check.text, check.issues, check.decisions),
        "rows": shown,
        "error_rows": [r for r in shown if r["is_error"]],
        "suggestion_rows": [r for r in shown if not r["is_error"]],
        "category": category,
        "categories": [(name, css, check.category_counts.get(name, 0)) for name, css in CATEGORY_CLASSES.items()],
        "accepted": decided.get("accepted", 0),
        "ignored": decided.get("ignored", 0),
        "pending": len(rows) - sum(decided.values()),
        "accepted_fixes": fixes,
    }
