"""The standard tables shipped with the code (standards/data/<kind>.json), loaded after migrate like rule parameters.

Central figures the catalogue confirmed carry their document number; the tables it could not confirm (the 2016
lodging caps, 浙江's lodging caps, the city's reception meals) ship as examples (`confidence=unconfirmed`, 待核实)
for the finance officer to replace by importing the real table. One historical version (the 2013 central lodging
caps for 浙江, in force 2014–2015) shows that earlier spending is judged by the table then in force.

Idempotent: a table already present (same kind, jurisdiction and effective date, no organ — retired or not) is left
alone, since the finance officer may have corrected or retired it; so is one whose period would overlap a live table
the finance officer imported for the same kind and jurisdiction. Every row is read as an import reads it
(standards/cells.py), so a shipped file with a bad cell fails loudly instead of shipping a wrong figure.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q

from qinglian.frugality.models import StandardRow, StandardTable
from qinglian.frugality.standards.cells import clean_row, duplicates
from qinglian.frugality.standards.specs import SPECS

DATA = Path(__file__).resolve().parent / "data"


def shipped_files() -> list[Path]:
    return sorted(DATA.glob("*.json"))


def load_shipped_standards() -> int:
    """Create the shipped tables that are not in the database yet; how many were created."""
    created = 0
    for path in shipped_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data["tables"]:
            created += _load(data["kind"], entry, path.name)
    return created


def _skip(kind: str, entry: dict[str, Any]) -> bool:
    start = dt.date.fromisoformat(entry["effective_from"])
    end = dt.date.fromisoformat(entry["effective_to"]) if entry.get("effective_to") else dt.date.max
    same = StandardTable.objects.filter(kind=kind, jurisdiction=entry["jurisdiction"], organ__isnull=True)
    if same.filter(effective_from=start).exists():
        return True
    overlapping = (
        same.live().filter(effective_from__lte=end).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start))
    )
    return overlapping.exists()


@transaction.atomic
def _load(kind: str, entry: dict[str, Any], filename: str) -> int:
    if _skip(kind, entry):
        return 0
    spec = SPECS[kind]
    rows = []
    for row in entry["rows"]:
        kept, errors = clean_row(spec, row["keys"], row["values"])
        if errors:
            raise ValueError(f"standards/data/{filename}: {entry['title']} {row['keys']}: {errors}")
        rows.append(kept)
    if duplicates(rows):
        raise ValueError(f"standards/data/{filename}: {entry['title']}: repeated keys")
    table = StandardTable.objects.create(
        kind=kind,
        jurisdiction=entry["jurisdiction"],
        title=entry["title"],
        doc_no=entry.get("doc_no", ""),
        source=entry["source"],
        effective_from=entry["effective_from"],
        effective_to=entry.get("effective_to"),
        confidence=entry["confidence"],
        note=(entry.get("note", "") + f"（随版本发布：standards/data/{filename}）")[:500],
    )
    lines = []
    for position, row in enumerate(rows):
        key_a, key_b, key_c = (*row.keys, "", "", "")[:3]
        lines.append(
            StandardRow(table=table, key_a=key_a, key_b=key_b, key_c=key_c, values=row.values, position=position)
        )
    StandardRow.objects.bulk_create(lines)
    return 1
