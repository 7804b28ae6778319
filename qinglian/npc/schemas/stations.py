"""Shapes of the npc API for liaison stations, activities and deputies (api/stations.py). Values are the stable
English codes; `*_label` are Chinese."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.npc.choices import ActivityKind
from qinglian.npc.permissions import can_see_deputy_phone


def _by_delegation(deputies: Any) -> list[Any]:
    """Deputies as the pages list them: by delegation, then name."""
    return sorted(deputies, key=lambda d: (d.delegation, d.name, d.pk))


class StationOut(Schema):
    id: int
    name: str
    area: str
    address: str
    contact_name: str
    contact_phone: str = Field(..., description="联络站的联系电话（公开）")
    deputies: list[Ref] = Field(..., description="进站代表")
    activities_this_year: int

    @staticmethod
    def resolve_deputies(obj: Any) -> list[Any]:
        return _by_delegation(obj.deputies.all())


class ActivityOut(Schema):
    id: int
    kind: str
    kind_label: str
    date: dt.date
    days: int = Field(..., description="活动天数（自活动日期起连续计算）")
    title: str
    place: str
    station: Ref | None
    deputies: list[Ref] = Field(..., description="参加代表")
    note: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_deputies(obj: Any) -> list[Any]:
        return _by_delegation(obj.deputies.all())


class ActivityIn(Schema):
    kind: ActivityKind
    date: dt.date
    days: int = Field(1, ge=1, le=31, description="活动天数；连续多日的活动（如集中视察）填写天数")
    title: str = Field(..., min_length=1, max_length=200)
    place: str = Field("", max_length=100)
    station_id: int | None = Field(None, description="联络站；不在联络站开展的不填")
    deputy_ids: list[int] = Field(..., min_length=1, description="参加代表（至少一名）")
    note: str = ""


class DeputyOut(Schema):
    id: int
    name: str
    delegation: str = Field(..., description="代表团/选区")
    level_note: str = Field(..., description="代表层级")
    is_active: bool = Field(..., description="在任")
    phone: str | None = Field(
        ..., description="联系电话：仅建议办理、联络站台账负责委室和机关党委、领导、纪检监察组可见，其余为 null"
    )
    led_suggestions: int = Field(..., description="领衔的代表建议件数")

    @staticmethod
    def resolve_phone(obj: Any, context: Any) -> str | None:
        request = (context or {}).get("request")
        shown = getattr(request, "_npc_show_phone", None)
        if shown is None:
            shown = can_see_deputy_phone(request.auth_user) if request is not None else False
            if request is not None:
                request._npc_show_phone = shown
        return obj.phone if shown else None


class KindCountOut(Schema):
    kind: str
    label: str
    count: int


class ActivityCountOut(Schema):
    deputy: Ref
    total: int
    by_kind: list[KindCountOut] = Field(..., description="各类活动次数，按活动类型的顺序，含 0")

    @staticmethod
    def resolve_deputy(obj: Any) -> dict[str, Any]:
        return {"id": obj.deputy_id, "name": obj.deputy_name}

    @staticmethod
    def resolve_by_kind(obj: Any) -> list[dict[str, Any]]:
        return [{"kind": k.value, "label": k.label, "count": obj.by_kind.get(k.value, 0)} for k in ActivityKind]
