"""Writes of the outlet register (意识形态阵地): the party-affairs office (机关党委, decision 0016) registers an outlet
or corrects it, records its filing (备案) as a 政务新媒体, and closes it (关停: a date and the reason in its note —
never a deletion, since last year's findings and pieces still name it). Every save keeps its history.

An outlet's own facts are checked the same way by the form, the API and the import (`check_outlet`): the three
review levels strictly ascending (初审 < 复审 < 终审), a new-media account with its platform and any other outlet
without one, no date in the future, closed on or after it opened, the responsible person an active person of the
organ. The filing status follows from the kind and the filing date: 无需备案 for an outlet that is not new media,
已备案 once it has a filing date, 待备案 until then.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.ideology.choices import NEW_MEDIA_KINDS, FilingStatus, OutletKind, Platform, ReviewerLevel
from qinglian.ideology.models import Outlet
from qinglian.ideology.permissions import can_keep_register
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

REFUSAL = "只有机关党委可以登记和修改意识形态阵地"


def check_outlet(
    *,
    kind: str,
    platform: str,
    levels: tuple[int | None, int | None, int | None],
    opened_on: dt.date | None,
    filed_on: dt.date | None = None,
    filing_no: str = "",
) -> None:
    """An outlet's own facts (the form and the import judge theirs by the same function)."""
    today = clock.today()
    if kind not in OutletKind.values:
        raise InvalidInput("请选择阵地类型")
    new_media = kind in NEW_MEDIA_KINDS
    if new_media and not platform:
        raise InvalidInput(f"{OutletKind(kind).label}须填写所在平台（如微信、微博、抖音）")
    if platform and platform not in Platform.values:
        raise InvalidInput("请选择平台")
    if platform and not new_media:
        raise InvalidInput(f"{OutletKind(kind).label}不是政务新媒体账号，不填写平台")
    if any(level not in ReviewerLevel.values for level in levels):
        raise InvalidInput("请选择初审、复审、终审的审核层级")
    first, second, final = levels
    if not first < second < final:  # type: ignore[operator]
        raise InvalidInput("审核层级须逐级提高：初审低于复审，复审低于终审")
    if opened_on is None:
        raise InvalidInput("请填写开设日期")
    if opened_on > today:
        raise InvalidInput("开设日期不能晚于今天")
    if not new_media and (filed_on is not None or filing_no.strip()):
        raise InvalidInput(f"{OutletKind(kind).label}不是政务新媒体，无需备案，不填写备案日期和编号")
    if filed_on is not None and filed_on > today:
        raise InvalidInput("备案日期不能晚于今天")
    if filing_no.strip() and filed_on is None:
        raise InvalidInput("填写备案编号的，须同时填写备案日期")


def filing_status_of(kind: str, filed_on: dt.date | None) -> str:
    if kind not in NEW_MEDIA_KINDS:
        return FilingStatus.NOT_REQUIRED
    return FilingStatus.FILED if filed_on is not None else FilingStatus.PENDING


def _keeper(by: Any, organ_id: int | None) -> int:
    """The caller's organ, when they keep its register and the outlet is (or will be) of it."""
    if not can_keep_register(by):
        raise Forbidden(REFUSAL)
    own = scope_of(by).organ_id
    if organ_id is not None and organ_id != own:
        raise Forbidden("不能修改其他机关的记录")
    return own


def _current(outlet: Outlet) -> Outlet:
    current = Outlet.all_objects.select_for_update().filter(pk=outlet.pk).first()
    if current is None or current.deleted_at is not None:
        raise Conflict("该阵地记录已删除")
    return current


def _check_people(outlet: Outlet) -> None:
    units = Unit.objects.filter(pk=outlet.unit_id, organ_id=outlet.organ_id, kind=UnitKind.INTERNAL)
    if outlet.unit_id is None or not units.exists():
        raise InvalidInput("请选择本机关的主管委室")
    if outlet.owner_id is not None:
        people = Person.objects.filter(pk=outlet.owner_id, organ_id=outlet.organ_id, is_active=True)
        if not people.exists():
            raise InvalidInput("责任人须为本机关在职人员")


@transaction.atomic
def outlet_save(*, outlet: Outlet, by: Any, reason: str = "") -> Outlet:
    """Register an outlet or correct one (`reason` for its history: an import names itself). Its closing is
    `outlet_close`'s: a correction keeps the recorded one."""
    outlet.organ_id = _keeper(by, outlet.organ_id)
    outlet.name = " ".join((outlet.name or "").split())
    outlet.account = (outlet.account or "").strip()
    outlet.filing_no = (outlet.filing_no or "").strip()
    outlet.note = (outlet.note or "").strip()
    outlet.platform = outlet.platform or ""
    if not outlet.name:
        raise InvalidInput("请填写阵地名称")
    check_outlet(
        kind=outlet.kind,
        platform=outlet.platform,
        levels=(outlet.first_level, outlet.second_level, outlet.final_level),
        opened_on=outlet.opened_on,
        filed_on=outlet.filed_on,
        filing_no=outlet.filing_no,
    )
    _check_people(outlet)
    if outlet.pk is None:
        outlet.closed_on = None
    else:
        current = _current(outlet)
        outlet.closed_on = current.closed_on
        if current.closed_on is not None and outlet.opened_on > current.closed_on:
            raise InvalidInput("开设日期不能晚于关停日期")
    outlet.filing_status = filing_status_of(outlet.kind, outlet.filed_on)
    same = Outlet.objects.filter(organ_id=outlet.organ_id, name=outlet.name).exclude(pk=outlet.pk)
    if same.exists():
        raise Conflict(f"已有名为“{outlet.name}”的阵地，请换一个名称（发布登记按名称识别阵地）")
    outlet._change_reason = reason or ("登记阵地" if outlet.pk is None else "修改阵地")  # type: ignore[attr-defined]
    return save_checked(outlet, by=by)


@transaction.atomic
def outlet_file(*, outlet: Outlet, filed_on: dt.date | None, filing_no: str = "", by: Any, reason: str = "") -> Outlet:
    """Record the filing (备案) of a new-media account: its date and number; the status becomes 已备案."""
    _keeper(by, outlet.organ_id)
    current = _current(outlet)
    if current.kind not in NEW_MEDIA_KINDS:
        raise InvalidInput(f"{current.get_kind_display()}不是政务新媒体，无需备案")
    if filed_on is None:
        raise InvalidInput("请填写备案日期")
    if filed_on > clock.today():
        raise InvalidInput("备案日期不能晚于今天")
    current.filed_on, current.filing_no = filed_on, (filing_no or "").strip()
    current.filing_status = FilingStatus.FILED
    current._change_reason = reason or "登记备案"  # type: ignore[attr-defined]
    save_checked(current, by=by)
    outlet.filed_on, outlet.filing_no, outlet.filing_status = current.filed_on, current.filing_no, FilingStatus.FILED
    return current


@transaction.atomic
def outlet_close(*, outlet: Outlet, closed_on: dt.date | None, reason: str, by: Any) -> Outlet:
    """The outlet closes on `closed_on` (关停、注销、撤并); the reason goes into its note; the row and its history
    stay."""
    _keeper(by, outlet.organ_id)
    current = _current(outlet)
    reason = (reason or "").strip()
    if current.closed_on is not None:
        raise Conflict(f"该阵地已于{current.closed_on:%Y-%m-%d}关停")
    if closed_on is None:
        raise InvalidInput("请填写关停日期")
    if closed_on < current.opened_on:
        raise InvalidInput("关停日期不能早于开设日期")
    if closed_on > clock.today():
        raise InvalidInput("关停日期不能晚于今天")
    if not reason:
        raise InvalidInput("请填写关停原因")
    line = f"{closed_on:%Y-%m-%d}关停：{reason}"
    if f"{closed_on:%Y-%m-%d}关停：" not in current.note:  # an import brings the note that already says it
        current.note = f"{current.note}；{line}"[-500:] if current.note else line[:500]
    current.closed_on = closed_on
    current._change_reason = f"关停：{reason}"[:100]  # type: ignore[attr-defined]
    save_checked(current, by=by)
    outlet.closed_on, outlet.note = current.closed_on, current.note
    return current
