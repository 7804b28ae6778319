"""Special checks (专项检查) in the 八项规定 API: the list, one check with its figures, its samples, and a review of
one sampled voucher. Reads start from `SpecialCheck.objects.visible_to` and `access_special_check`; the review goes
through services.checks as the page does (a stationed-group write, registered in nav/checks.py)."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user
from qinglian.core.errors import NotFound
from qinglian.frugality.models import CheckSample, SpecialCheck
from qinglian.frugality.permissions import access_special_check
from qinglian.frugality.schemas.checks import FrugalityCheckOut, FrugalityCheckReviewIn, FrugalityCheckSampleOut
from qinglian.frugality.selectors import checks as selectors
from qinglian.frugality.services.checks import sample_review

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


@router.get(
    "/checks",
    response={200: list[FrugalityCheckOut], **ERRORS},
    summary="专项检查",
    url_name="frugality_api_check_list",
)
@paginate(Pagination)
def check_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="检查期间涉及的年度"),
    status: str = Query("", pattern="^(open|reported)?$", description="open 检查中 / reported 已出具报告"),
    q: str = Query("", max_length=50, description="名称、报告文号或结论中的文字"),
) -> list[SpecialCheck]:
    checks = selectors.check_list(auth_user(request), year=year, status=status, q=q.strip())
    return list(checks)


@router.get(
    "/checks/{pk}", response={200: FrugalityCheckOut, **ERRORS}, summary="一次专项检查", url_name="frugality_api_check"
)
def check_detail(request: HttpRequest, pk: int) -> SpecialCheck:
    return access_special_check(auth_user(request), pk)


@router.get(
    "/checks/{pk}/samples",
    response={200: list[FrugalityCheckSampleOut], **ERRORS},
    summary="专项检查的抽样凭证",
    url_name="frugality_api_check_samples",
)
def check_samples(request: HttpRequest, pk: int) -> list[CheckSample]:
    return selectors.samples_of(access_special_check(auth_user(request), pk))


@router.post(
    "/checks/{pk}/samples/{sample_id}/review",
    response={200: FrugalityCheckSampleOut, **WRITE_ERRORS},
    summary="审核一张抽样凭证",
    url_name="frugality_api_check_sample_review",
)
def check_sample_review(request: HttpRequest, pk: int, sample_id: int, payload: FrugalityCheckReviewIn) -> CheckSample:
    """派驻纪检监察组或机关纪委审核抽样凭证：合规，或问题并说明；出具报告后不能再改。"""
    user = auth_user(request)
    sample = selectors.sample_of(user, sample_id)
    if sample.check_run_id != pk:
        raise NotFound("抽样凭证不存在或无权查看")
    access_special_check(user, pk, write=True)
    return sample_review(sample=sample, verdict=payload.verdict.value, remark=payload.remark, by=user)
