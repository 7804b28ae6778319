"""Reads of 公文审校: the organ's profile for the engine, checks, terms, and the detail page's context."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import QuerySet

from qinglian.docreview.choices import CATEGORY_CLASSES, TermKind
from qinglian.docreview.highlight import highlighted_html, issue_rows
from qinglian.docreview.models import DocumentCheck, OrganTerm
from qinglian.org.permissions import scope_of


def organ_terms(*, organ_id: int | None) -> list[tuple[str, str, str]]:
    """(kind, text, replacement) of the organ's live entries: what `runner.build_options` needs."""
    return list(OrganTerm.objects.of_organ(organ_id).values_list("kind", "text", "replacement"))


def term_list(*, user: Any, kind: str = "") -> QuerySet[OrganTerm]:
    """Every business user of the organ may read its terms (they explain what the checker flags)."""
    qs = OrganTerm.objects.of_organ(scope_of(user).organ_id).select_related("created_by")
    return qs.filter(kind=kind) if kind in TermKind.values else qs


def check_list(*, user: Any, mine_only: bool = True) -> QuerySet[DocumentCheck]:
    qs = DocumentCheck.objects.visible_to(user).select_related("user").defer("text", "issues")
    return qs.filter(user_id=scope_of(user).user_id) if mine_only else qs


def detail_context(check: DocumentCheck, *, category: str = "") -> dict[str, Any]:
    """The highlighted text, the side list (optionally one category) and the summary counts."""
    rows = issue_rows(check.issues, check.decisions)
    decided = Counter(row["decision"] for row in rows if row["decision"])
    return {
        "check": check,
        "highlighted": highlighted_html(check.text, check.issues, check.decisions),
        "rows": [r for r in rows if not category or r["category"] == category],
        "category": category,
        "categories": [(name, css, check.category_counts.get(name, 0)) for name, css in CATEGORY_CLASSES.items()],
        "accepted": decided.get("accepted", 0),
        "ignored": decided.get("ignored", 0),
        "pending": len(rows) - sum(decided.values()),
    }
