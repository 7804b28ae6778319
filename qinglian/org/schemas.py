"""Shapes of the org API (qinglian/org/api.py). Values are the stable English codes; `*_label` are Chinese."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.org.choices import Gender, PartyStatus, PersonnelEventKind, Rank
from qinglian.org.models import PartyGroup, Unit
from qinglian.org.permissions import can_see_id_number
from qinglian.org.selectors import branch_committee, supervisors_of


def _user(context: Any) -> Any:
    """The account of the request being answered (set by the API's authentication)."""
    return getattr((context or {}).get("request"), "auth_user", None)


# --- units -------------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent: Ref | None
    order: int
    headcount: int = Field(..., description="可见范围内的在职人数")
    party_count: int = Field(..., description="可见范围内的中共党员（含预备党员）人数")

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()


class UnitDetailOut(UnitOut):
    children: list[Ref] = Field(..., description="下级委室")
    supervisors: list[Ref] = Field(..., description="现任分管领导")

    @staticmethod
    def resolve_children(obj: Any, context: Any) -> list[Any]:
        return list(Unit.objects.visible_to(_user(context)).filter(parent=obj))

    @staticmethod
    def resolve_supervisors(obj: Any) -> list[Any]:
        return supervisors_of(obj)


# --- people ------------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    name: str
    gender: str
    gender_label: str
    unit: Ref
    post: str
    rank: str
    rank_label: str
    party_status: str
    party_status_label: str
    branch: Ref | None
    is_active: bool

    @staticmethod
    def resolve_gender_label(obj: Any) -> str:
        return obj.get_gender_display()

    @staticmethod
    def resolve_rank_label(obj: Any) -> str:
        return obj.get_rank_display()

    @staticmethod
    def resolve_party_status_label(obj: Any) -> str:
        return obj.get_party_status_display()


class PersonDetailOut(PersonOut):
    id_number: str = Field(..., description="身份证号；专责人员、派驻纪检监察组和本人见全号，其他人见掩码")
    id_number_masked: bool
    birth_date: dt.date | None
    party_joined_on: dt.date | None
    party_group: Ref | None
    phone: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_id_number(obj: Any, context: Any) -> str:
        return obj.masked_id_number if _masked(obj, context) else obj.id_number

    @staticmethod
    def resolve_id_number_masked(obj: Any, context: Any) -> bool:
        return _masked(obj, context)


def _masked(person: Any, context: Any) -> bool:
    return not can_see_id_number(_user(context), person)


class PersonIn(Schema):
    """A new person. References (unit_id, branch_id, party_group_id) must be visible to the caller."""

    name: str
    gender: Gender
    id_number: str = Field("", description="18 位居民身份证号码，可留空")
    birth_date: dt.date | None = None
    unit_id: int
    post: str = ""
    rank: Rank = Rank.OTHER
    party_status: PartyStatus
    party_joined_on: dt.date | None = None
    branch_id: int | None = None
    party_group_id: int | None = None
    phone: str = ""


class PersonPatch(Schema):
    """Only the fields sent are changed. Text fields may not be null; dates and references may."""

    name: str = None  # type: ignore[assignment]  # absent ≠ null: null is rejected by validation
    gender: Gender = None  # type: ignore[assignment]
    id_number: str = None  # type: ignore[assignment]
    birth_date: dt.date | None = None
    unit_id: int = None  # type: ignore[assignment]
    post: str = None  # type: ignore[assignment]
    rank: Rank = None  # type: ignore[assignment]
    party_status: PartyStatus = None  # type: ignore[assignment]
    party_joined_on: dt.date | None = None
    branch_id: int | None = None
    party_group_id: int | None = None
    phone: str = None  # type: ignore[assignment]


# --- personnel events --------------------------------------------------------------------------


class EventOut(Schema):
    id: int
    person: Ref
    kind: str
    kind_label: str
    date: dt.date
    from_unit: Ref | None
    to_unit: Ref | None
    from_post: str
    to_post: str
    document_no: str
    note: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()


class EventIn(Schema):
    person_id: int
    kind: PersonnelEventKind
    date: dt.date
    to_unit_id: int | None = Field(None, description="新委室；调出、退休不填")
    to_post: str = ""
    document_no: str = ""
    note: str = ""


# --- branches and the leading group ------------------------------------------------------------


class BranchOut(Schema):
    id: int
    name: str
    established_on: dt.date | None
    term_start: dt.date | None
    term_end: dt.date | None
    units: list[Ref]
    member_count: int = Field(..., description="在职中共党员（含预备党员）人数")

    @staticmethod
    def resolve_units(obj: Any) -> list[Any]:
        return list(obj.units.all())


class CommitteeSeatOut(Schema):
    person: Ref
    post: str
    post_label: str
    start: dt.date
    end: dt.date | None

    @staticmethod
    def resolve_post_label(obj: Any) -> str:
        return obj.get_post_display()


class PartyGroupOut(Schema):
    id: int
    name: str
    leader: Ref | None


class BranchDetailOut(BranchOut):
    committee: list[CommitteeSeatOut] = Field(..., description="本届现任支部委员")
    party_groups: list[PartyGroupOut]

    @staticmethod
    def resolve_committee(obj: Any) -> list[Any]:
        return list(branch_committee(obj))

    @staticmethod
    def resolve_party_groups(obj: Any, context: Any) -> list[Any]:
        return list(PartyGroup.objects.visible_to(_user(context)).filter(branch=obj).select_related("leader"))


class LeadingMemberOut(Schema):
    person: Ref
    unit: Ref
    post: str
    post_label: str
    title: str
    start: dt.date
    supervised_units: list[Ref]


# --- who am I ----------------------------------------------------------------------------------


class RoleOut(Schema):
    code: str
    label: str
    unit_id: int | None = None
    unit_name: str | None = None


class OrganOut(Schema):
    id: int
    code: str
    name: str
    short_name: str


class MePersonOut(Schema):
    id: int
    name: str
    unit_id: int
    unit_name: str


class MeOut(Schema):
    username: str
    display_name: str
    organ: OrganOut | None
    person: MePersonOut | None
    roles: list[RoleOut]
