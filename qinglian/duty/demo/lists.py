"""The two years' 主体责任清单. Last year's, a closed year, is written in bulk from the outline (the list itself
through the services, so it is checked and published like any other); this year's is started from it with
`duty_list_copy` and edited through the services — a heading renamed, items reworded or given other units or
dates, one dropped, one added and a new sub-heading with its item — then published."""

from __future__ import annotations

import datetime as dt

from simple_history.utils import bulk_create_with_history

from qinglian.core import clock
from qinglian.duty.choices import AssignmentRole
from qinglian.duty.demo import data, outline
from qinglian.duty.demo.data import ItemSpec
from qinglian.duty.demo.state import DutyDemo
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, DutySection
from qinglian.duty.services import lists as services


def build(dd: DutyDemo) -> dict[int, DutyList]:
    """year → list; also fills `dd.keys` (item id → the outline's key)."""
    last, this = dd.years
    first = _from_outline(dd, last)
    return {last: first, this: _next_year(dd, first, this)}


def _lead_leader(dd: DutyDemo, spec: ItemSpec) -> int:
    unit_id = dd.units[spec.lead].pk
    return dd.secretary if spec.by_secretary else dd.supervisors.get(unit_id, dd.secretary)


def _item_save(dd: DutyDemo, item: DutyItem, spec: ItemSpec) -> DutyItem:
    return services.item_save(
        item=item,
        by=dd.officer,
        lead_unit_id=dd.units[spec.lead].pk,
        co_unit_ids=[dd.units[name].pk for name in spec.co],
    )


def _new_item(dd: DutyDemo, duty_list: DutyList, section: DutySection, order: int, spec: ItemSpec) -> DutyItem:
    item = _item_save(dd, _draft_item(dd, duty_list, section, order, spec), spec)
    dd.keys[item.pk] = spec.key
    return item


def _section(dd: DutyDemo, duty_list: DutyList, title: str, order: int, parent: DutySection | None) -> DutySection:
    section = DutySection(duty_list=duty_list, parent=parent, order=order, title=title)
    return services.section_save(section=section, by=dd.officer)


def _from_outline(dd: DutyDemo, year: int) -> DutyList:
    """Drafted in January, published after the February conference."""
    with dd.on(dd.days.pick(dt.date(year, 1, 5), dt.date(year, 1, 20))):
        duty_list = DutyList(
            organ=dd.organ,
            year=year,
            title=f"{year}年全面从严治党主体责任清单",
            document_no=f"临人常党组〔{year}〕{dd.rng.randint(3, 9)}号",
        )
        services.duty_list_save(duty_list=duty_list, by=dd.officer)
        _outline_in_bulk(dd, duty_list)
    _publish(dd, duty_list, _conference_day(dd, year))
    return duty_list


def _outline_in_bulk(dd: DutyDemo, duty_list: DutyList) -> None:
    """Headings, items and the units' tasks as `section_save` / `item_save` would write them, in a few inserts."""
    when, by = clock.now(), dd.officer

    def stamped(rows: list) -> list:
        for row in rows:
            row._history_date, row._history_user = when, by
        return rows

    tops = stamped([DutySection(duty_list=duty_list, order=i, title=t) for i, (t, _) in enumerate(outline.OUTLINE, 1)])
    bulk_create_with_history(tops, DutySection)
    subs, specs = [], []
    for top, (_, subsections) in zip(tops, outline.OUTLINE, strict=True):
        for j, (subtitle, group) in enumerate(subsections, start=1):
            subs.append(DutySection(duty_list=duty_list, parent=top, order=j, title=subtitle))
            specs.append(group)
    bulk_create_with_history(stamped(subs), DutySection)
    items, tasks = [], []
    for sub, group in zip(subs, specs, strict=True):
        for spec in group:
            items.append(_draft_item(dd, duty_list, sub, len(items) + 1, spec))
    items = bulk_create_with_history(stamped(items), DutyItem)
    for item, spec in zip(items, (spec for group in specs for spec in group), strict=True):
        dd.keys[item.pk] = spec.key
        units = [(spec.lead, AssignmentRole.LEAD)] + [(name, AssignmentRole.CO) for name in spec.co]
        tasks += [
            DutyAssignment(organ=dd.organ, item=item, unit=dd.units[name], role=role, created_at=when)
            for name, role in units
        ]
    bulk_create_with_history(stamped(tasks), DutyAssignment)


def _draft_item(dd: DutyDemo, duty_list: DutyList, section: DutySection, order: int, spec: ItemSpec) -> DutyItem:
    return DutyItem(
        organ=dd.organ,
        duty_list=duty_list,
        section=section,
        order=order,
        content=spec.content,
        theme=spec.theme,
        lead_leader_id=_lead_leader(dd, spec),
        deadline=dt.date(duty_list.year, *spec.due) if spec.due else None,
        recurrence=spec.recurrence,
        standard=spec.standard,
        evidence_required=spec.evidence,
        created_at=clock.now(),
    )


def _conference_day(dd: DutyDemo, year: int) -> dt.date | None:
    """The year's 全面从严治党 work conference, after the Spring Festival: the list is published that day."""
    return dd.days.pick(dt.date(year, 2, 24), dt.date(year, 3, 6))


def _publish(dd: DutyDemo, duty_list: DutyList, day: dt.date | None) -> None:
    """印发 after the year's work conference; a list whose day has not come (or came only days ago) stays a draft."""
    if day is None or day > dd.days.add(dd.today, -5):
        return
    with dd.on(day):
        services.duty_list_publish(duty_list=duty_list, by=dd.officer, published_on=day)


def _next_year(dd: DutyDemo, source: DutyList, year: int) -> DutyList:
    drafted = min(dd.days.pick(dt.date(year, 1, 5), dt.date(year, 1, 16)) or dd.today, dd.today)
    with dd.on(drafted):
        target = services.duty_list_copy(source=source, year=year, by=dd.officer)
        target.document_no = f"临人常党组〔{year}〕{dd.rng.randint(3, 9)}号"
        services.duty_list_save(duty_list=target, by=dd.officer)
    by_order = {i.order: dd.keys[i.pk] for i in DutyItem.objects.filter(duty_list=source)}
    items = list(DutyItem.objects.filter(duty_list=target).select_related("duty_list", "section").order_by("order"))
    for item in items:
        dd.keys[item.pk] = by_order[item.order]
    with dd.on(min(dd.days.add(drafted, dd.rng.randint(2, 6)), dd.today)):
        _apply_changes(dd, target, items)
    _publish(dd, target, _conference_day(dd, year))
    return target


def _apply_changes(dd: DutyDemo, target: DutyList, items: list[DutyItem]) -> None:
    changes = data.CHANGES
    for section in DutySection.objects.filter(duty_list=target, title__in=changes.sections):
        section.title = changes.sections[section.title]
        services.section_save(section=section, by=dd.officer)
    specs = {spec.key: spec for _, subs in outline.OUTLINE for _, group in subs for spec in group}
    kept: list[tuple[DutyItem | None, ItemSpec, DutySection]] = []
    for item in items:
        key = dd.keys[item.pk]
        if key in changes.removed:
            services.item_delete(item=item, by=dd.officer)
            continue
        kept.append((item, data.changed(specs[key], changes.edits.get(key, {})), item.section))
        kept += [(None, new, item.section) for after, new in changes.added if after == key]
    for order, (item, spec, section) in enumerate(kept, start=1):
        if item is None:
            _new_item(dd, target, section, order, spec)
        elif needs_saving(item, spec, order, target.year):
            item.order, item.content = order, spec.content
            item.deadline = dt.date(target.year, *spec.due) if spec.due else None
            _item_save(dd, item, spec)
    parent_title, title, new_items = changes.new_section
    parent = DutySection.objects.get(duty_list=target, parent__isnull=True, title=parent_title)
    section = _section(dd, target, title, parent.children.count() + 1, parent)
    for order, spec in enumerate(new_items, start=len(kept) + 1):
        _new_item(dd, target, section, order, spec)


def needs_saving(item: DutyItem, spec: ItemSpec, order: int, year: int) -> bool:
    """Whether the copied item must be saved: renumbered, reworded, new deadline or other units."""
    deadline = dt.date(year, *spec.due) if spec.due else None
    if (item.order, item.content, item.deadline) != (order, spec.content, deadline):
        return True
    return bool(data.CHANGES.edits.get(spec.key, {}).get("co"))
