"""What the integrity imports share: finding a row's person on the organ's roster by name (and unit, for
namesakes), outside the stationed group — whose people are not the organ's cadres."""

from __future__ import annotations

from qinglian.core.importing import SheetRow
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person


class Roster:
    """The organ's people outside the stationed group, by name, read once per import."""

    def __init__(self, organ) -> None:
        self.by_name: dict[str, list[Person]] = {}
        qs = Person.objects.filter(organ=organ).exclude(unit__kind=UnitKind.STATIONED).select_related("unit")
        for person in qs:
            self.by_name.setdefault(person.name, []).append(person)

    def find(self, row: SheetRow, name_header: str, unit_header: str) -> Person | None:
        """The person the row names, or None with the row's error said in Chinese (missing, unknown, ambiguous)."""
        name = row.text(name_header)
        if not name:
            row.error(name_header, "必填")
            return None
        found = self.by_name.get(name, [])
        unit = row.text(unit_header)
        if unit:
            found = [p for p in found if p.unit_id and p.unit.name == unit]
        if not found:
            where = f"（{unit}）" if unit else ""
            row.error(name_header, f"本机关花名册中没有“{name}”{where}（派驻纪检监察组人员除外）")
            return None
        if len(found) > 1:
            row.error(unit_header, f"本机关有{len(found)}名“{name}”，请填写所在委室以区分")
            return None
        return found[0]
