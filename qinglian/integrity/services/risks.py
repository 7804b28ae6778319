"""Writes of the 廉政风险点 register: add or change a risk point, review it (年度复核), retire it.

Who: the party-affairs office for any unit, a unit head for the units they head (`permissions.can_keep_risks`).
Every check comes before the first write, so a refusal (Chinese) leaves the register as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked, withdraw
from qinglian.integrity.choices import RiskLevel
from qinglian.integrity.models import RiskPoint, RiskReview
from qinglian.integrity.permissions import can_keep_risks
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

KEEPERS_ONLY = "只有机关党委专责人员或本委室负责人可以维护廉政风险点"


def _require_keeper(by: Any, unit_id: int | None) -> None:
    if not can_keep_risks(by, unit_id):
        raise Forbidden(KEEPERS_ONLY)


def _not_future(day: dt.date | None, label: str) -> None:
    if day is not None and day > clock.today():
        raise InvalidInput(f"{label}不能晚于今天")


def _check_unit(risk: RiskPoint) -> None:
    if risk.unit_id is None:
        raise InvalidInput("请选择风险点所在委室")
    ok = Unit.objects.filter(organ_id=risk.organ_id, pk=risk.unit_id, kind=UnitKind.INTERNAL).exists()
    if not ok:
        raise InvalidInput("所选委室不是本机关的内设机构")


def _check_owner(risk: RiskPoint) -> None:
    if risk.owner_id is None:
        return
    if not Person.objects.filter(organ_id=risk.organ_id, pk=risk.owner_id).exists():
        raise InvalidInput("责任人不是本机关的干部")


@transaction.atomic
def risk_save(*, risk: RiskPoint, by: Any) -> RiskPoint:
    """Add a risk point or change one. A unit head may keep only the units they head — moving a risk point to
    another unit needs the right for both."""
    organ_id = scope_of(by).organ_id
    if risk.organ_id is None:
        risk.organ_id = organ_id
    elif risk.organ_id != organ_id:
        raise Forbidden("不能修改其他机关的记录")
    _require_keeper(by, risk.unit_id)
    if risk.pk is not None:
        before = RiskPoint.objects.select_for_update().filter(pk=risk.pk).values_list("unit_id", flat=True).first()
        if before is None:
            raise InvalidInput("该廉政风险点已删除")
        _require_keeper(by, before)
    _check_unit(risk)
    _check_owner(risk)
    if risk.identified_on is None:
        raise InvalidInput("请填写排查日期")
    _not_future(risk.identified_on, "排查日期")
    for name in ("post", "matter", "description", "controls", "ledger_note"):
        setattr(risk, name, (getattr(risk, name) or "").strip())
    if not risk.matter:
        raise InvalidInput("请填写风险事项")
    if not risk.description:
        raise InvalidInput("请填写风险描述")
    if not risk.controls:
        raise InvalidInput("请填写防控措施")
    if risk.pk is not None and risk.reviews.filter(date__lt=risk.identified_on).exists():
        raise InvalidInput("排查日期不能晚于已有的复核日期")
    return save_checked(risk, by=by)


@transaction.atomic
def risk_review(*, risk: RiskPoint, by: Any, date: dt.date, note: str = "", level: str | None = None) -> RiskReview:
    """Record one review (年度复核) of a risk point. `level`, when it differs from the current one, re-grades the
    risk: the review keeps the level before, the risk point takes the new one."""
    _require_keeper(by, risk.unit_id)
    locked = RiskPoint.objects.select_for_update().filter(pk=risk.pk, organ_id=scope_of(by).organ_id).first()
    if locked is None:
        raise InvalidInput("该廉政风险点不存在或已删除")
    if date is None:
        raise InvalidInput("请填写复核日期")
    _not_future(date, "复核日期")
    if date < locked.identified_on:
        raise InvalidInput(f"复核日期不能早于排查日期（{locked.identified_on:%Y-%m-%d}）")
    note = (note or "").strip()
    if len(note) > 300:
        raise InvalidInput("复核情况最多300个字")
    if level and level not in RiskLevel.values:
        raise InvalidInput("风险等级应为高、中、低之一")
    review = RiskReview(risk=locked, date=date, note=note, reviewed_by=by)
    if level and level != locked.level:
        review.level_before = locked.level
        locked.level = level
        save_checked(locked, by=by)
    save_checked(review, by=by)
    risk.level = locked.level
    return review


@transaction.atomic
def risk_retire(*, risk: RiskPoint, by: Any, reason: str) -> None:
    """Retire a risk point that no longer exists or was entered by mistake (soft delete with a reason, audited)."""
    _require_keeper(by, risk.unit_id)
    if risk.organ_id != scope_of(by).organ_id:
        raise Forbidden("不能修改其他机关的记录")
    withdraw(risk, by=by, reason=reason or "", target_repr=str(risk))
