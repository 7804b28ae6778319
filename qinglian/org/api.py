"""The org API: units, people, personnel events, branches and the leading group.

Reads go through `selectors` (which start from `visible_to`) and `permissions.access_*`; writes through
`services`, exactly as the pages do. No endpoint filters by unit on its own.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, Pagination, auth_user
from qinglian.core.errors import Forbidden, InvalidInput, NotFound
from qinglian.core.writes import soft_delete, values_changed
from qinglian.org import selectors, services
from qinglian.org.choices import PersonnelEventKind, Rank, Role, UnitKind
from qinglian.org.models import PartyGroup, Person, PersonnelEvent, Unit, User
from qinglian.org.permissions import access_branch, access_person, access_unit, can_write_org, scope_of
from qinglian.org.schemas import (
    BranchDetailOut,
    BranchOut,
    EventIn,
    EventOut,
    LeadingMemberOut,
    MeOut,
    PersonDetailOut,
    PersonIn,
    PersonOut,
    PersonPatch,
    UnitDetailOut,
    UnitOut,
)

router = Router(tags=["组织与人员"])
me_router = Router(tags=["账号"])  # mounted at /api/me (see OrgConfig.api_routers)


def _require_writer(user: User, what: str) -> None:
    if not can_write_org(user):
        raise Forbidden(f"仅机关党委/纪委专责人员可以{what}")


def _reference(access: Callable[..., Any], user: User, pk: int, field: str, noun: str) -> Any:
    """A row named in the request body: must be visible to the caller, else 400 (not 404) on that field."""
    try:
        return access(user, pk)
    except NotFound:
        message = f"{noun}不存在或无权查看"
        raise InvalidInput(message, detail={field: message}) from None


def _access_party_group(user: User, pk: int) -> PartyGroup:
    group = PartyGroup.objects.visible_to(user).filter(pk=pk).first()
    if group is None:
        raise NotFound("党小组不存在或无权查看")
    return group


# --- units -------------------------------------------------------------------------------------


@router.get("/units", response={200: list[UnitOut], **ERRORS}, summary="委室/部门列表")
@paginate(Pagination)
def unit_list(request: HttpRequest, kind: UnitKind | None = None) -> QuerySet[Unit]:
    return selectors.unit_list(user=auth_user(request), kind=kind or "")


@router.get("/units/{unit_id}", response={200: UnitDetailOut, **ERRORS}, summary="委室/部门详情")
def unit_detail(request: HttpRequest, unit_id: int) -> Unit:
    user = auth_user(request)
    unit = access_unit(user, unit_id)
    return selectors.unit_list(user=user).get(pk=unit.pk)


# --- people ------------------------------------------------------------------------------------


@router.get("/people", response={200: list[PersonOut], **ERRORS}, summary="人员列表")
@paginate(Pagination)
def person_list(
    request: HttpRequest,
    q: str = Query("", description="按姓名、职务或委室名称查找"),
    unit_id: int | None = None,
    party_status: str = Query("", description="政治面貌代码；party 表示中共党员和预备党员"),
    rank: Rank | None = None,
    branch_id: int | None = None,
    include_inactive: bool = Query(False, description="包括已调出、退休的人员"),
) -> QuerySet[Person]:
    return selectors.person_list(
        user=auth_user(request),
        q=q.strip(),
        unit_id=unit_id,
        party_status=party_status,
        rank=rank or "",
        branch_id=branch_id,
        include_inactive=include_inactive,
    )


@router.get("/people/{person_id}", response={200: PersonDetailOut, **ERRORS}, summary="人员详情")
def person_detail(request: HttpRequest, person_id: int) -> Person:
    return access_person(auth_user(request), person_id)


def _apply_person_input(person: Person, data: dict[str, Any], user: User) -> None:
    """Copy validated API input onto `person`, resolving references within the caller's scope."""
    if "unit_id" in data:
        person.unit = _reference(access_unit, user, data.pop("unit_id"), "unit_id", "委室")
    if "branch_id" in data:
        pk = data.pop("branch_id")
        person.branch = _reference(access_branch, user, pk, "branch_id", "党支部") if pk else None
    if "party_group_id" in data:
        pk = data.pop("party_group_id")
        person.party_group = _reference(_access_party_group, user, pk, "party_group_id", "党小组") if pk else None
    values_changed(person, {key: _plain(value) for key, value in data.items()})


def _plain(value: Any) -> Any:
    """Choices as their plain code (`str(Gender.MALE)` is "male"), text without surrounding blanks."""
    return str(value).strip() if isinstance(value, str) else value


@router.post("/people", response={201: PersonDetailOut, **ERRORS}, summary="新增人员")
def person_create(request: HttpRequest, payload: PersonIn) -> Status:
    """仅机关党委/纪委专责人员。身份证号、手机号码等按页面相同的规则校验。"""
    user = auth_user(request)
    _require_writer(user, "新增人员")
    person = Person(organ_id=scope_of(user).organ_id)
    _apply_person_input(person, payload.model_dump(), user)
    services.person_save(person=person, by=user)
    return Status(201, access_person(user, person.pk))


@router.patch("/people/{person_id}", response={200: PersonDetailOut, **ERRORS}, summary="修改人员")
def person_update(request: HttpRequest, person_id: int, payload: PersonPatch) -> Person:
    """只修改请求中给出的字段。仅机关党委/纪委专责人员。调动、退休请用人事变动接口。"""
    user = auth_user(request)
    person = access_person(user, person_id, write=True)
    _apply_person_input(person, payload.model_dump(exclude_unset=True), user)
    services.person_save(person=person, by=user)
    return access_person(user, person.pk)


@router.delete("/people/{person_id}", response={204: None, **ERRORS}, summary="删除人员（软删除）")
def person_delete(request: HttpRequest, person_id: int) -> Status:
    """标记删除：人员从所有列表中消失，历史记录保留。仅机关党委/纪委专责人员。"""
    user = auth_user(request)
    person = access_person(user, person_id, write=True)
    with transaction.atomic():  # soft_delete writes the row and its history; keep them together
        soft_delete(person, by=user)
    return Status(204, None)


# --- personnel events --------------------------------------------------------------------------


@router.get("/people/{person_id}/events", response={200: list[EventOut], **ERRORS}, summary="某人的人事变动")
@paginate(Pagination)
def person_events(request: HttpRequest, person_id: int) -> QuerySet[PersonnelEvent]:
    user = auth_user(request)
    person = access_person(user, person_id)
    return selectors.personnel_event_list(user=user, person_id=person.pk)


@router.get("/events", response={200: list[EventOut], **ERRORS}, summary="人事变动列表")
@paginate(Pagination)
def event_list(
    request: HttpRequest, kind: PersonnelEventKind | None = None, year: int | None = Query(None, ge=1949, le=2100)
) -> QuerySet[PersonnelEvent]:
    return selectors.personnel_event_list(user=auth_user(request), kind=kind or "", year=year)


@router.post("/events", response={201: EventOut, **ERRORS}, summary="登记人事变动")
def event_create(request: HttpRequest, payload: EventIn) -> Status:
    """登记任免、调动并同步更新人员的委室、职务或在职状态。仅机关党委/纪委专责人员。"""
    user = auth_user(request)
    _require_writer(user, "登记人事变动")
    person = _reference(access_person, user, payload.person_id, "person_id", "人员")
    to_unit = _reference(access_unit, user, payload.to_unit_id, "to_unit_id", "委室") if payload.to_unit_id else None
    event = services.personnel_event_record(
        person=person,
        kind=str(payload.kind),
        date=payload.date,
        by=user,
        to_unit=to_unit,
        to_post=payload.to_post.strip(),
        document_no=payload.document_no.strip(),
        note=payload.note.strip(),
    )
    return Status(201, event)


# --- branches and the leading group ------------------------------------------------------------


@router.get("/branches", response={200: list[BranchOut], **ERRORS}, summary="党支部列表")
def branch_list(request: HttpRequest) -> QuerySet:
    return selectors.branch_list(user=auth_user(request))


@router.get("/branches/{branch_id}", response={200: BranchDetailOut, **ERRORS}, summary="党支部详情")
def branch_detail(request: HttpRequest, branch_id: int) -> Any:
    """支部基本情况、本届现任支部委员和党小组。"""
    user = auth_user(request)
    branch = access_branch(user, branch_id)
    return selectors.branch_list(user=user).get(pk=branch.pk)


@router.get("/leading-group", response={200: list[LeadingMemberOut], **ERRORS}, summary="党组成员及分管委室")
def leading_group(request: HttpRequest) -> list[dict[str, Any]]:
    """现任党组成员（书记、副书记、成员）及各自现在分管的委室（一岗双责）。"""
    user = auth_user(request)
    supervised: dict[int, list[Unit]] = {}
    for row in selectors.current_supervisions(user=user):
        supervised.setdefault(row.leader_id, []).append(row.unit)
    return [
        {
            "person": member.person,
            "unit": member.person.unit,
            "post": member.post,
            "post_label": member.get_post_display(),
            "title": member.title,
            "start": member.start,
            "supervised_units": supervised.get(member.person_id, []),
        }
        for member in selectors.leading_group(user=user)
    ]


# --- who am I ----------------------------------------------------------------------------------


def _roles_of(user: Any) -> list[dict[str, Any]]:
    scope = scope_of(user)
    heads = {u.pk: u.name for u in Unit.all_objects.filter(pk__in=scope.head_unit_ids)}
    roles: list[dict[str, Any]] = []
    for role in Role:
        if role not in scope.roles:
            continue
        if role == Role.UNIT_HEAD:
            roles += [
                {"code": role.value, "label": role.label, "unit_id": pk, "unit_name": heads.get(pk)}
                for pk in sorted(scope.head_unit_ids)
            ]
        else:
            roles.append({"code": role.value, "label": role.label})
    return roles


@me_router.get("/me", response={200: MeOut, **ERRORS}, summary="当前账号")
def me(request: HttpRequest) -> dict[str, Any]:
    """当前登录账号（或令牌所属账号）的用户名、机关、对应人员和角色。"""
    user = request.auth_user  # type: ignore[attr-defined]
    person = user.person if user.person_id else None
    organ = user.organ or (person.organ if person else None)
    return {
        "username": user.username,
        "display_name": str(user),
        "organ": organ,
        "person": {"id": person.pk, "name": person.name, "unit_id": person.unit_id, "unit_name": person.unit.name}
        if person
        else None,
        "roles": _roles_of(user),
    }
