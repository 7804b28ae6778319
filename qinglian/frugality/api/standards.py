"""The standard tables in the 八项规定 API: the list, one table with its rows, the standard that applies to given keys
on a date (as the rules find it: 404 with the Chinese "没有适用的……标准" when none), and a version's end date and
retirement. Reads start from `selectors.standards` (every business account), writes from
`access_standard_table(write=True)` (the finance officer) through `services.standards`, as the pages do. A new
version is imported on the page (a sheet and its metadata together)."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from qinglian.compliance.choices import Jurisdiction
from qinglian.core.api import ERRORS, Pagination, auth_user
from qinglian.frugality.choices import StandardKind
from qinglian.frugality.models import StandardTable
from qinglian.frugality.permissions import access_standard_table
from qinglian.frugality.schemas.standards import (
    FrugalityStandardEndIn,
    FrugalityStandardOut,
    FrugalityStandardRetireIn,
    FrugalityStandardTableDetailOut,
    FrugalityStandardTableOut,
)
from qinglian.frugality.selectors import standards as selectors
from qinglian.frugality.services.standards import standard_table_end, standard_table_retire
from qinglian.frugality.standards.lookup import Standard

router = Router()
KIND_FILTER = Query(None, description="标准类别")
JURISDICTION_FILTER = Query(None, description="制定层级")
KIND = Query(..., description="标准类别")
ON = Query(..., description="支出发生之日")
KEYS = Query([], description="按标准类别的键依次重复填写 key（代码或中文）；可带“*”的键不填表示其他")


def _detail(user, pk: int) -> StandardTable:
    table = selectors.table_for(user, pk)
    table.row_views = selectors.table_rows(table)
    table.row_count = len(table.row_views)
    return table


@router.get(
    "/standards",
    response={200: list[FrugalityStandardTableOut], **ERRORS},
    summary="经费标准表",
    url_name="frugality_api_standard_list",
)
@paginate(Pagination)
def standard_list(
    request: HttpRequest,
    kind: StandardKind | None = KIND_FILTER,
    jurisdiction: Jurisdiction | None = JURISDICTION_FILTER,
    year: int | None = Query(None, ge=2000, le=2100, description="该年度内生效过的"),
    q: str = Query("", max_length=50, description="名称、文号、依据"),
    retired: bool = Query(False, description="含已作废"),
) -> list[StandardTable]:
    return selectors.table_list(
        auth_user(request),
        kind=kind.value if kind else "",
        jurisdiction=jurisdiction.value if jurisdiction else "",
        year=year,
        text=q.strip(),
        retired=retired,
    )


@router.get(
    "/standards/lookup",
    response={200: FrugalityStandardOut, **ERRORS},
    summary="查询某日适用的标准",
    url_name="frugality_api_standard_lookup",
)
def standard_lookup(
    request: HttpRequest,
    kind: StandardKind = KIND,
    on: dt.date = ON,
    key: list[str] = KEYS,  # not "keys": ninja reads the query's fields as a mapping
) -> Standard:
    """按规则的查找方法：该日生效的表中，本机关 > 市级 > 省级 > 中央，首个列有该项的表适用。没有适用的标准时返回404。"""
    return selectors.lookup(auth_user(request), kind.value, on, key)


@router.get(
    "/standards/{pk}",
    response={200: FrugalityStandardTableDetailOut, **ERRORS},
    summary="一张标准表及其各行",
    url_name="frugality_api_standard_detail",
)
def standard_detail(request: HttpRequest, pk: int) -> StandardTable:
    return _detail(auth_user(request), pk)


@router.post(
    "/standards/{pk}/end",
    response={200: FrugalityStandardTableDetailOut, **ERRORS},
    summary="设置标准表失效日期",
    url_name="frugality_api_standard_end",
)
def standard_end(request: HttpRequest, pk: int, payload: FrugalityStandardEndIn) -> StandardTable:
    user = auth_user(request)
    standard_table_end(table=access_standard_table(user, pk, write=True), effective_to=payload.effective_to, by=user)
    return _detail(user, pk)


@router.post(
    "/standards/{pk}/retire",
    response={200: FrugalityStandardTableDetailOut, **ERRORS},
    summary="作废录入错误的标准表",
    url_name="frugality_api_standard_retire",
)
def standard_retire(request: HttpRequest, pk: int, payload: FrugalityStandardRetireIn) -> StandardTable:
    user = auth_user(request)
    standard_table_retire(table=access_standard_table(user, pk, write=True), reason=payload.reason, by=user)
    return _detail(user, pk)
