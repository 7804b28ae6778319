"""The 责任书 API: the year's letters, signing one, and generating the year's letters from the roster."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from qinglian.core.api import ERRORS, Pagination, auth_user
from qinglian.duty.api.common import YEAR
from qinglian.duty.choices import LetterLevel
from qinglian.duty.models import ResponsibilityLetter
from qinglian.duty.permissions import access_letter
from qinglian.duty.schemas.letters import LetterOut, LettersGenerateIn, LettersGenerateOut, LetterSignIn
from qinglian.duty.selectors.letters import roster_day
from qinglian.duty.services import letters as services
from qinglian.org.permissions import scope_of

router = Router()


@router.get("/letters", response={200: list[LetterOut], **ERRORS}, summary="党风廉政建设责任书")
@paginate(Pagination)
def letter_list(
    request: HttpRequest,
    year: int | None = YEAR,
    level: LetterLevel | None = None,
    unit_id: int | None = None,
    signed: bool | None = Query(None, description="true 已签订，false 未签订"),
) -> QuerySet[ResponsibilityLetter]:
    letters = ResponsibilityLetter.objects.visible_to(auth_user(request)).select_related("signer", "issuer", "unit")
    if year:
        letters = letters.filter(year=year)
    if level:
        letters = letters.filter(level=level)
    if unit_id is not None:
        letters = letters.filter(unit_id=unit_id)
    if signed is not None:
        letters = letters.filter(signed_on__isnull=not signed)
    return letters


@router.post("/letters/{letter_id}/sign", response={200: LetterOut, **ERRORS}, summary="登记签订日期")
def letter_sign(request: HttpRequest, letter_id: int, payload: LetterSignIn) -> ResponsibilityLetter:
    """机关党委专责人员登记各级责任书；委室负责人登记本委室干部的责任书。扫描件在页面上传。"""
    user = auth_user(request)
    letter = access_letter(user, letter_id, write=True)
    return services.letter_sign(letter=letter, signed_on=payload.signed_on, by=user)


@router.post("/letters/generate", response={200: LettersGenerateOut, **ERRORS}, summary="按花名册生成责任书名单")
def letters_generate(request: HttpRequest, payload: LettersGenerateIn) -> dict[str, Any]:
    """按花名册生成该年度尚未有的责任书（未签订）；已有的不重复生成。仅机关党委专责人员。"""
    user = auth_user(request)
    organ_id = scope_of(user).organ_id
    on = roster_day(payload.year)  # a past year: its year-end roster
    made = services.letters_generate(organ_id=organ_id, year=payload.year, by=user, on=on)
    total = ResponsibilityLetter.objects.filter(organ_id=organ_id, year=payload.year).count()
    return {"year": payload.year, "created": made, "total": total}
