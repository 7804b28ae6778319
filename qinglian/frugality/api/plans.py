"""The yearly plans in the 八项规定 API: the list, one plan with its items and how each was used, the items of one
kind and year (what the meetings', courses' and trips' forms offer), and the finance officer's writes. Reads start
from `selectors.plans` (`visible_to`) and `access_plan`; writes go through `services.plans`, as the pages do."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user
from qinglian.core.errors import InvalidInput, NotFound
from qinglian.frugality.choices import PlanKind
from qinglian.frugality.models import PlanItem, SpendingPlan
from qinglian.frugality.permissions import access_plan
from qinglian.frugality.schemas.plans import (
    FrugalityPlanDetailOut,
    FrugalityPlanIn,
    FrugalityPlanItemIn,
    FrugalityPlanItemOut,
    FrugalityPlanOut,
    FrugalityWithdrawIn,
)
from qinglian.frugality.selectors import plans as selectors
from qinglian.frugality.services.plans import plan_item_save, plan_save, plan_withdraw
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}
KIND_HELP = "conference 年度会议计划 / training 年度培训计划 / abroad 年度因公出国（境）计划"


def _kind(value: str, *, required: bool) -> str:
    if (value or required) and value not in PlanKind.values:
        raise InvalidInput("计划类别应为 conference、training 或 abroad", detail={"kind": "计划类别有误"})
    return value


def _detail(user, plan: SpendingPlan) -> SpendingPlan:
    """The plan with `item_usage` (each item with `used` and `spent`), as FrugalityPlanDetailOut reads it."""
    plan.item_usage = []
    for usage in selectors.plan_usage(user, plan):
        usage.item.used, usage.item.spent = len(usage.rows), usage.spent
        plan.item_usage.append(usage.item)
    return plan


def _fill_plan(plan: SpendingPlan, payload: FrugalityPlanIn) -> None:
    plan.kind = PlanKind(payload.kind).value
    plan.year = payload.year
    plan.approved_on = payload.approved_on
    plan.approval_ref = payload.approval_ref


def _fill_item(item: PlanItem, payload: FrugalityPlanItemIn) -> None:
    item.name = payload.name
    item.unit_id = payload.unit_id
    item.category = payload.category
    item.people = payload.people
    item.days = payload.days
    item.budget = payload.budget


@router.get(
    "/plans",
    response={200: list[FrugalityPlanOut], **ERRORS},
    summary="年度经费计划",
    url_name="frugality_api_plan_list",
)
@paginate(Pagination)
def plan_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="年度"),
    kind: str = Query("", description=KIND_HELP),
) -> list[SpendingPlan]:
    return selectors.plan_list(auth_user(request), year=year, kind=_kind(kind, required=False))


@router.get(
    "/plans/{pk}",
    response={200: FrugalityPlanDetailOut, **ERRORS},
    summary="一个年度计划及其事项执行情况",
    url_name="frugality_api_plan_detail",
)
def plan_detail(request: HttpRequest, pk: int) -> SpendingPlan:
    user = auth_user(request)
    return _detail(user, access_plan(user, pk))


@router.get(
    "/plan-items",
    response={200: list[FrugalityPlanItemOut], **ERRORS},
    summary="某类、某年度计划的事项（会议、培训、出国（境）录入时选用）",
    url_name="frugality_api_plan_items",
)
def plan_items(
    request: HttpRequest,
    kind: str = Query(..., description=KIND_HELP),
    year: int = Query(..., ge=2000, le=2100, description="年度"),
) -> list[PlanItem]:
    user = auth_user(request)
    kind = _kind(kind, required=True)
    if not SpendingPlan.objects.visible_to(user).filter(kind=kind, year=year).exists():
        return []
    return list(selectors.plan_items(scope_of(user).organ_id, kind, year))


@router.post(
    "/plans",
    response={201: FrugalityPlanDetailOut, **WRITE_ERRORS},
    summary="录入年度计划",
    url_name="frugality_api_plan_create",
)
def plan_create(request: HttpRequest, payload: FrugalityPlanIn) -> Status:
    """财务专责人员录入经党组会审批的年度计划（事项另行添加或导入）。"""
    user = auth_user(request)
    plan = SpendingPlan(organ_id=scope_of(user).organ_id)
    _fill_plan(plan, payload)
    plan_save(plan=plan, by=user)
    return Status(201, _detail(user, plan))


@router.put(
    "/plans/{pk}",
    response={200: FrugalityPlanDetailOut, **WRITE_ERRORS},
    summary="修改年度计划",
    url_name="frugality_api_plan_update",
)
def plan_update(request: HttpRequest, pk: int, payload: FrugalityPlanIn) -> SpendingPlan:
    user = auth_user(request)
    plan = access_plan(user, pk, write=True)
    _fill_plan(plan, payload)
    plan_save(plan=plan, by=user)
    return _detail(user, plan)


@router.post(
    "/plans/{pk}/withdraw",
    response={200: FrugalityPlanOut, **WRITE_ERRORS},
    summary="撤销年度计划（录入错误时）",
    url_name="frugality_api_plan_withdraw",
)
def plan_withdraw_op(request: HttpRequest, pk: int, payload: FrugalityWithdrawIn) -> SpendingPlan:
    """仅在没有会议、培训或出国（境）记录引用其事项时可以撤销；撤销原因记入审计日志。"""
    user = auth_user(request)
    return plan_withdraw(plan=access_plan(user, pk, write=True), reason=payload.reason, by=user)


@router.post(
    "/plans/{pk}/items",
    response={201: FrugalityPlanItemOut, **WRITE_ERRORS},
    summary="新增计划事项",
    url_name="frugality_api_plan_item_create",
)
def item_create(request: HttpRequest, pk: int, payload: FrugalityPlanItemIn) -> Status:
    user = auth_user(request)
    item = PlanItem(plan=access_plan(user, pk, write=True))
    _fill_item(item, payload)
    plan_item_save(item=item, by=user)
    return Status(201, item)


@router.put(
    "/plans/{pk}/items/{item_pk}",
    response={200: FrugalityPlanItemOut, **WRITE_ERRORS},
    summary="修改计划事项",
    url_name="frugality_api_plan_item_update",
)
def item_update(request: HttpRequest, pk: int, item_pk: int, payload: FrugalityPlanItemIn) -> PlanItem:
    user = auth_user(request)
    plan = access_plan(user, pk, write=True)
    item = plan.items.select_related("plan", "unit").filter(pk=item_pk).first()
    if item is None:
        raise NotFound("计划事项不存在")
    _fill_item(item, payload)
    plan_item_save(item=item, by=user)
    return item
