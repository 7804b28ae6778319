"""What changed between two responsibility lists (usually last year's and this year's draft).

Items are matched by their heading and the similarity of their text (difflib): an item with the same text
is the same item even if it moved heading; otherwise the most similar pairs are matched first, a looser
threshold under the same heading than across headings. A matched pair is "changed" when its text,
leader, units, deadline/recurrence (deadlines compared after moving them by the years between the lists,
so a copied "6月30日" is not a change), heading, theme, standard or evidence differ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from qinglian.duty.choices import AssignmentRole, Recurrence, Theme
from qinglian.duty.models import DutyItem, DutyList
from qinglian.duty.selectors.lists import heading_title, items_with_tasks

SAME_SECTION_RATIO = 0.5
OTHER_SECTION_RATIO = 0.75
Segment = tuple[str, str]  # ("same" | "del" | "ins", text)


@dataclass(frozen=True)
class ItemView:
    """An item reduced to what a reader compares."""

    pk: int
    order: int
    section: str
    content: str
    theme: str
    leader: str
    lead_unit: str
    co_units: tuple[str, ...]
    deadline: dt.date | None
    recurrence: str
    standard: str
    evidence: str

    @property
    def when(self) -> str:
        if self.recurrence != Recurrence.ONCE:
            return Recurrence(self.recurrence).label
        return self.deadline.isoformat() if self.deadline else "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class ItemChange:
    old: ItemView
    new: ItemView
    changes: list[FieldChange]
    old_segments: list[Segment] = field(default_factory=list)
    new_segments: list[Segment] = field(default_factory=list)

    @property
    def labels(self) -> str:
        return "、".join(c.label for c in self.changes)


@dataclass
class ListDiff:
    old_list: DutyList
    new_list: DutyList
    added: list[ItemView] = field(default_factory=list)
    removed: list[ItemView] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    unchanged: int = 0


def _section_paths(duty_list: DutyList) -> dict[int, str]:
    sections = {s.pk: s for s in duty_list.sections.all()}
    return {
        pk: (
            f"{heading_title(sections[s.parent_id])} / {heading_title(s)}"
            if s.parent_id in sections
            else heading_title(s)
        )
        for pk, s in sections.items()
    }


def item_views(duty_list: DutyList) -> list[ItemView]:
    paths = _section_paths(duty_list)
    return [_view(item, paths) for item in items_with_tasks(duty_list)]


def _view(item: DutyItem, paths: dict[int, str]) -> ItemView:
    tasks = list(item.assignments.all())
    lead = next((a.unit.name for a in tasks if a.role == AssignmentRole.LEAD), "")
    return ItemView(
        pk=item.pk,
        order=item.order,
        section=paths.get(item.section_id or 0, ""),
        content=item.content.strip(),
        theme=item.theme,
        leader=item.lead_leader.name if item.lead_leader else "",
        lead_unit=lead,
        co_units=tuple(sorted(a.unit.name for a in tasks if a.role == AssignmentRole.CO)),
        deadline=item.deadline,
        recurrence=item.recurrence,
        standard=item.standard.strip(),
        evidence=item.evidence_required.strip(),
    )


def shift_year(day: dt.date | None, years: int) -> dt.date | None:
    """The same day `years` later: how copying a list moves its deadlines, and so how the diff compares them."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def match_items(old: list[ItemView], new: list[ItemView]) -> list[tuple[ItemView, ItemView]]:
    """Pairs of the same item: identical text first (same heading preferred), then by similarity."""
    pairs: list[tuple[ItemView, ItemView]] = []
    left_new = list(new)
    left_old: list[ItemView] = []
    for o in old:
        exact = [n for n in left_new if n.content == o.content]
        if exact:
            n = next((n for n in exact if n.section == o.section), exact[0])
            pairs.append((o, n))
            left_new.remove(n)
        else:
            left_old.append(o)
    scored: list[tuple[float, int, int]] = []
    for i, o in enumerate(left_old):
        for j, n in enumerate(left_new):
            same = o.section == n.section
            threshold = SAME_SECTION_RATIO if same else OTHER_SECTION_RATIO
            matcher = SequenceMatcher(None, o.content, n.content, autojunk=False)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                scored.append((ratio + (0.1 if same else 0.0), i, j))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, i, j in sorted(scored, reverse=True):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((left_old[i], left_new[j]))
    return pairs


SHORT_EQUAL = 2  # an equal run this short between two edits reads better as part of the edit


def _opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes with short equal runs between edits folded in ("及时" → "第一时间" is one edit,
    not two around a shared "时")."""
    merged: list[tuple[str, int, int, int, int]] = []
    codes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for index, code in enumerate(codes):
        tag, i1, i2, j1, j2 = code
        last = merged[-1] if merged else None
        between_edits = 0 < index < len(codes) - 1 and last is not None and last[0] != "equal"
        short = tag == "equal" and max(i2 - i1, j2 - j1) <= SHORT_EQUAL
        if last is not None and last[0] != "equal" and (tag != "equal" or (short and between_edits)):
            merged[-1] = ("replace", last[1], i2, last[3], j2)
        else:
            merged.append(code)
    return merged


def content_segments(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """Character-level marks: what the old text lost ("del") and what the new text gained ("ins")."""
    old_parts: list[Segment] = []
    new_parts: list[Segment] = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            old_parts.append(("same", old[i1:i2]))
            new_parts.append(("same", new[j1:j2]))
            continue
        if i2 > i1:
            old_parts.append(("del", old[i1:i2]))
        if j2 > j1:
            new_parts.append(("ins", new[j1:j2]))
    return old_parts, new_parts


def _changes(o: ItemView, n: ItemView, years: int) -> list[FieldChange]:
    def theme(v: ItemView) -> str:
        return Theme(v.theme).label

    compared = [
        ("所属标题", o.section, n.section),
        ("任务内容", o.content, n.content),
        ("类别", theme(o), theme(n)),
        ("牵头领导", o.leader or "—", n.leader or "—"),
        ("牵头委室", o.lead_unit or "—", n.lead_unit or "—"),
        ("配合委室", "、".join(o.co_units) or "—", "、".join(n.co_units) or "—"),
        ("完成标准", o.standard, n.standard),
        ("佐证材料要求", o.evidence, n.evidence),
    ]
    result = [FieldChange(label, old, new) for label, old, new in compared if old != new]
    if o.recurrence != n.recurrence or shift_year(o.deadline, years) != n.deadline:
        result.append(FieldChange("完成时限/周期", o.when, n.when))
    return result


def list_diff(old_list: DutyList, new_list: DutyList) -> ListDiff:
    """Added, removed and changed items from `old_list` to `new_list`, in the new list's order."""
    old, new = item_views(old_list), item_views(new_list)
    years = new_list.year - old_list.year
    diff = ListDiff(old_list=old_list, new_list=new_list)
    pairs = match_items(old, new)
    matched_old = {o.pk for o, _ in pairs}
    matched_new = {n.pk for _, n in pairs}
    for o, n in sorted(pairs, key=lambda pair: pair[1].order):
        changes = _changes(o, n, years)
        if not changes:
            diff.unchanged += 1
            continue
        change = ItemChange(o, n, changes)
        if o.content != n.content:
            change.old_segments, change.new_segments = content_segments(o.content, n.content)
        diff.changed.append(change)
    diff.added = [n for n in new if n.pk not in matched_new]
    diff.removed = [o for o in old if o.pk not in matched_old]
    return diff
