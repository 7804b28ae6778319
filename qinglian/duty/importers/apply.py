"""责任清单导入: writing a previewed plan into the year's draft list, all or nothing, through the services."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max

from qinglian.core.errors import Forbidden, InvalidInput, QinglianError
from qinglian.duty.importers.common import ImportPlan, ImportResult, ItemPlan, normalise, require_draft_year
from qinglian.duty.models import DutyItem, DutyList, DutySection
from qinglian.duty.permissions import can_edit_lists
from qinglian.duty.services import lists as services
from qinglian.org.permissions import scope_of

CHANGE_REASON = "责任清单导入"


def duty_import_apply(*, plan: ImportPlan, by: Any) -> ImportResult:
    """Write the plan: the year's draft list (created when missing), its headings, then its items.

    All or nothing: a plan with problems, a published list, or any item the services refuse raises
    InvalidInput and leaves nothing written. Headings already in the draft are reused; items already in
    it are not written twice.
    """
    if not can_edit_lists(by) or scope_of(by).organ_id != plan.organ_id:
        raise Forbidden("责任清单由机关党委专责人员导入")
    if plan.has_errors:
        raise InvalidInput(f"有 {len(plan.error_items)} 项存在问题，未写入任何数据；请修改后重新上传")
    with transaction.atomic():
        duty_list = require_draft_year(plan.organ_id, plan.year)
        if duty_list is None:
            duty_list = services.duty_list_save(
                duty_list=DutyList(organ_id=plan.organ_id, year=plan.year, title=""), by=by
            )
        result = ImportResult(duty_list=duty_list)
        sections = _sections(plan, duty_list, by, result)
        contents = DutyItem.objects.filter(duty_list=duty_list).values_list("content", flat=True)
        existing = {normalise(c) for c in contents}
        order = DutyItem.objects.filter(duty_list=duty_list).aggregate(m=Max("order"))["m"] or 0
        for planned in plan.items:
            if planned.unchanged or normalise(planned.content) in existing:
                result.unchanged += 1
                continue
            order += 1
            _item(planned, duty_list, sections.get(planned.section or ""), order, by)
            result.items_created += 1
            result.tasks_created += 1 + len(planned.co_unit_ids)
        from qinglian.audit.services import audit_record

        audit_record(
            action="import",
            user=by,
            target=duty_list,
            target_repr=f"{duty_list.title}（{plan.source}导入）",
            detail={"sections": result.sections_created, "items": result.items_created, "unchanged": result.unchanged},
        )
    return result


def _sections(plan: ImportPlan, duty_list: DutyList, by: Any, result: ImportResult) -> dict[str, DutySection]:
    """plan key → DutySection, reusing a heading of the draft with the same title under the same parent."""
    made: dict[str, DutySection] = {}
    for planned in plan.sections:  # parents come before their children in a plan
        parent = made.get(planned.parent) if planned.parent else None
        siblings = DutySection.objects.filter(duty_list=duty_list, parent=parent)
        section = siblings.filter(title=planned.title).first()
        if section is None:
            section = DutySection(duty_list=duty_list, parent=parent, title=planned.title, order=siblings.count() + 1)
            section._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
            services.section_save(section=section, by=by)
            result.sections_created += 1
        made[planned.key] = section
    return made


def _item(planned: ItemPlan, duty_list: DutyList, section: DutySection | None, order: int, by: Any) -> None:
    item = DutyItem(
        organ_id=duty_list.organ_id,
        duty_list=duty_list,
        section=section,
        order=order,
        content=planned.content,
        theme=planned.theme,
        lead_leader_id=planned.leader_id,
        deadline=planned.deadline,
        recurrence=planned.recurrence,
        standard=planned.standard,
        evidence_required=planned.evidence,
    )
    item._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
    try:
        services.item_save(item=item, by=by, lead_unit_id=planned.lead_unit_id, co_unit_ids=planned.co_unit_ids)
    except QinglianError as exc:
        if isinstance(exc, Forbidden):
            raise
        # Raised inside the atomic block: everything written so far is rolled back.
        raise InvalidInput(f"{planned.source}（{planned.content[:20]}）：{exc.message}。未写入任何数据") from exc
