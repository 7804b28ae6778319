"""The 党风廉政意见回复 API: the requests a caller may see, one request with its people, creating and sending a
request (the personnel officer or the party-affairs office), and the stationed group's writes — a summary edited,
a person answered, the reply issued. The group's write operations are the url names nav/opinions.py registers
(its accounts are read-only everywhere else); the services check the writer again."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, Pagination, auth_user
from qinglian.integrity.models import OpinionRequest
from qinglian.integrity.permissions import access_opinion_item, access_opinion_request
from qinglian.integrity.schemas.opinions import (
    OpinionAnswerIn,
    OpinionItemOut,
    OpinionRequestDetailOut,
    OpinionRequestIn,
    OpinionRequestOut,
    OpinionSendIn,
    OpinionSummaryIn,
)
from qinglian.integrity.selectors import opinions as selectors
from qinglian.integrity.services import opinions as services

router = Router()


def _detail(row: OpinionRequest) -> OpinionRequest:
    """The request read again (its status, number and dates as saved); the schema adds deadline and items."""
    return OpinionRequest.objects.get(pk=row.pk)


@router.get(
    "/opinions",
    response={200: list[OpinionRequestOut], **ERRORS},
    summary="党风廉政意见征求列表",
    url_name="integrity_api_opinion_list",
)
@paginate(Pagination)
def opinion_list(
    request: HttpRequest, status: str | None = None, purpose: str | None = None, year: int | None = None
) -> QuerySet[OpinionRequest]:
    """组织人事、机关党委专责人员、党组成员和派驻纪检监察组可见；其他人为空列表。status：draft/sent/replied。"""
    return selectors.request_list(auth_user(request), {"status": status, "purpose": purpose, "year": year})


@router.get(
    "/opinions/{request_id}",
    response={200: OpinionRequestDetailOut, **ERRORS},
    summary="党风廉政意见征求详情",
    url_name="integrity_api_opinion_detail",
)
def opinion_detail(request: HttpRequest, request_id: int) -> OpinionRequest:
    return _detail(access_opinion_request(auth_user(request), request_id))


@router.post(
    "/opinions",
    response={201: OpinionRequestDetailOut, **ERRORS},
    summary="征求党风廉政意见（草拟）",
    url_name="integrity_api_opinion_create",
)
def opinion_create(request: HttpRequest, payload: OpinionRequestIn) -> Status:
    """组织人事或机关党委专责人员草拟征求函，并为每名人员生成廉政情况摘要草稿。"""
    row = services.request_create(
        by=auth_user(request),
        purpose=payload.purpose,
        title=payload.title,
        document_no=payload.document_no,
        people=[services.PersonLine(p.person_id, p.proposed_post) for p in payload.people],
    )
    return Status(201, _detail(row))


@router.post(
    "/opinions/{request_id}/send",
    response={200: OpinionRequestDetailOut, **ERRORS},
    summary="送达派驻纪检监察组",
    url_name="integrity_api_opinion_send",
)
def opinion_send(request: HttpRequest, request_id: int, payload: OpinionSendIn) -> OpinionRequest:
    user = auth_user(request)
    row = access_opinion_request(user, request_id, write=True)
    services.request_send(request=row, by=user, on=payload.sent_on)
    return _detail(row)


@router.post(
    "/opinions/items/{item_id}/summary",
    response={200: OpinionItemOut, **ERRORS},
    summary="修改廉政情况摘要（派驻组）",
    url_name="integrity_api_opinion_summary",
)
def opinion_summary(request: HttpRequest, item_id: int, payload: OpinionSummaryIn):
    user = auth_user(request)
    return services.item_edit_summary(item=access_opinion_item(user, item_id), by=user, summary=payload.summary)


@router.post(
    "/opinions/items/{item_id}/answer",
    response={200: OpinionItemOut, **ERRORS},
    summary="回复一名人员的意见（派驻组）",
    url_name="integrity_api_opinion_answer",
)
def opinion_answer(request: HttpRequest, item_id: int, payload: OpinionAnswerIn):
    """conclusion：clear 无反映问题 / issue 有问题（须填 answer）。只有派驻纪检监察组可以回复。"""
    user = auth_user(request)
    item = access_opinion_item(user, item_id)
    return services.item_answer(
        item=item, by=user, conclusion=payload.conclusion, answer=payload.answer, summary=payload.summary
    )


@router.post(
    "/opinions/{request_id}/issue",
    response={200: OpinionRequestDetailOut, **ERRORS},
    summary="出具回复（派驻组）",
    url_name="integrity_api_opinion_issue",
)
def opinion_issue(request: HttpRequest, request_id: int) -> OpinionRequest:
    """全部人员回复后出具回复，生成回复文号，回复日期为当天；此后不能再修改。"""
    user = auth_user(request)
    row = access_opinion_request(user, request_id)
    services.request_issue(request=row, by=user, http_request=request)
    return _detail(row)
