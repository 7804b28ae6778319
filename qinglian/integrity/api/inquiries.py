"""Proposals (纪检监察建议) and letters of inquiry (谈话函询) in the integrity API.

Reads start from `selectors.inquiries` (`visible_to`) and `access_*`; writes go through `services.inquiries`,
exactly as the pages do. The stationed group records its proposals through `integrity_api_proposal_create` and
`integrity_api_proposal_update` (registered writes, nav/inquiries.py); every other write of the group is refused
by the middleware. On a path shared by a read and a write, the write is declared first: Django resolves the path
to the first operation's name, and that is the name the middleware checks.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden
from qinglian.integrity.forms.inquiries import organ_units
from qinglian.integrity.models import DisciplineProposal, InquiryLetter
from qinglian.integrity.permissions import access_inquiry, access_proposal, can_issue_proposals, can_keep_inquiries
from qinglian.integrity.schemas.inquiries import (
    InquiryIn,
    InquiryOut,
    InquiryReplyIn,
    ProposalIn,
    ProposalOut,
    ProposalReplyIn,
)
from qinglian.integrity.selectors import inquiries as selectors
from qinglian.integrity.services.inquiries import (
    INQUIRY_ONLY,
    ISSUE_ONLY,
    inquiry_reply,
    inquiry_save,
    proposal_reply,
    proposal_save,
)
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}
YEAR = Query(None, ge=2000, le=2100, description="年度")


def _proposal_out(user, proposal: DisciplineProposal) -> DisciplineProposal:
    return selectors.with_states(user, [proposal])[0]


# --- proposals ----------------------------------------------------------------------------------------------


@router.post(
    "/proposals",
    response={201: ProposalOut, **WRITE_ERRORS},
    summary="登记纪检监察建议",
    url_name="integrity_api_proposal_create",
)
def proposal_create(request: HttpRequest, payload: ProposalIn) -> Status:
    """派驻纪检监察组登记其送达本机关的纪律检查建议书或监察建议书。"""
    user = auth_user(request)
    if not can_issue_proposals(user):
        raise Forbidden(ISSUE_ONLY)
    proposal = DisciplineProposal(
        organ_id=scope_of(user).organ_id,
        kind=payload.kind,
        number=payload.number,
        issued_on=payload.issued_on,
        title=payload.title,
        summary=payload.summary,
        target_unit=reference(organ_units(user), payload.target_unit_id, "target_unit_id", "主送委室"),
    )
    proposal_save(proposal=proposal, by=user)
    return Status(201, _proposal_out(user, access_proposal(user, proposal.pk)))


@router.get(
    "/proposals",
    response={200: list[ProposalOut], **ERRORS},
    summary="纪检监察建议",
    url_name="integrity_api_proposal_list",
)
@paginate(Pagination)
def proposal_list(
    request: HttpRequest,
    year: int | None = YEAR,
    status: str = Query("", description="open 待回复、overdue 逾期未回复、replied 已回复、late 逾期回复"),
    unit_id: int | None = Query(None, description="主送委室"),
) -> list[DisciplineProposal]:
    """送达日期新的在前。"""
    user = auth_user(request)
    return selectors.with_states(user, list(selectors.proposal_list(user, year=year, status=status, unit_id=unit_id)))


@router.put(
    "/proposals/{pk}",
    response={200: ProposalOut, **WRITE_ERRORS},
    summary="修改纪检监察建议（回复前）",
    url_name="integrity_api_proposal_update",
)
def proposal_update(request: HttpRequest, pk: int, payload: ProposalIn) -> ProposalOut:
    """派驻纪检监察组在机关书面回复前更正建议的登记内容。"""
    user = auth_user(request)
    proposal = access_proposal(user, pk)
    if not can_issue_proposals(user):
        raise Forbidden(ISSUE_ONLY)
    proposal.kind = payload.kind
    proposal.number = payload.number
    proposal.issued_on = payload.issued_on
    proposal.title = payload.title
    proposal.summary = payload.summary
    proposal.target_unit = reference(organ_units(user), payload.target_unit_id, "target_unit_id", "主送委室")
    proposal_save(proposal=proposal, by=user)
    return _proposal_out(user, access_proposal(user, pk))


@router.get(
    "/proposals/{pk}",
    response={200: ProposalOut, **ERRORS},
    summary="一项纪检监察建议",
    url_name="integrity_api_proposal_detail",
)
def proposal_detail(request: HttpRequest, pk: int) -> DisciplineProposal:
    user = auth_user(request)
    return _proposal_out(user, access_proposal(user, pk))


@router.post(
    "/proposals/{pk}/reply",
    response={200: ProposalOut, **WRITE_ERRORS},
    summary="书面回复纪检监察建议",
    url_name="integrity_api_proposal_reply",
)
def proposal_reply_op(request: HttpRequest, pk: int, payload: ProposalReplyIn) -> DisciplineProposal:
    """机关党委或主送委室负责人登记书面回复（可更正）。"""
    user = auth_user(request)
    proposal = access_proposal(user, pk)
    proposal_reply(
        proposal=proposal,
        replied_on=payload.replied_on,
        reply_no=payload.reply_no,
        reply_summary=payload.reply_summary,
        by=user,
    )
    return _proposal_out(user, access_proposal(user, pk))


# --- letters of inquiry -------------------------------------------------------------------------------------


def _letter_out(user, pk: int) -> InquiryLetter:
    return selectors.inquiry_states(user, [access_inquiry(user, pk)])[0]


@router.post(
    "/inquiries",
    response={201: InquiryOut, **WRITE_ERRORS},
    summary="登记收到函询",
    url_name="integrity_api_inquiry_create",
)
def inquiry_create(request: HttpRequest, payload: InquiryIn) -> Status:
    """机关党委专责人员登记收到的函询（被函询人、文号、收到日期；不登记函询内容）。"""
    user = auth_user(request)
    if not can_keep_inquiries(user):
        raise Forbidden(INQUIRY_ONLY)
    letter = InquiryLetter(
        organ_id=scope_of(user).organ_id,
        subject=reference(selectors.subject_choices(user), payload.subject_id, "subject_id", "被函询人"),
        number=payload.number,
        received_on=payload.received_on,
    )
    inquiry_save(letter=letter, by=user)
    return Status(201, _letter_out(user, letter.pk))


@router.get(
    "/inquiries",
    response={200: list[InquiryOut], **ERRORS},
    summary="谈话函询（日期和状态）",
    url_name="integrity_api_inquiry_list",
)
@paginate(Pagination)
def inquiry_list(
    request: HttpRequest, year: int | None = YEAR, status: str = Query("", description="open 待回复、replied 已回复")
) -> list[InquiryLetter]:
    user = auth_user(request)
    return selectors.inquiry_states(user, list(selectors.inquiry_list(user, year=year, status=status)))


@router.get(
    "/inquiries/{pk}",
    response={200: InquiryOut, **ERRORS},
    summary="一件函询（日期和状态）",
    url_name="integrity_api_inquiry_detail",
)
def inquiry_detail(request: HttpRequest, pk: int) -> InquiryLetter:
    return _letter_out(auth_user(request), pk)


@router.post(
    "/inquiries/{pk}/reply",
    response={200: InquiryOut, **WRITE_ERRORS},
    summary="登记函询签署意见和回复日期",
    url_name="integrity_api_inquiry_reply",
)
def inquiry_reply_op(request: HttpRequest, pk: int, payload: InquiryReplyIn) -> InquiryLetter:
    user = auth_user(request)
    letter = access_inquiry(user, pk, write=True)
    signer = reference(selectors.subject_choices(user), payload.signer_id, "signer_id", "签署意见人")
    inquiry_reply(letter=letter, signer=signer, signed_on=payload.signed_on, replied_on=payload.replied_on, by=user)
    return _letter_out(user, pk)
