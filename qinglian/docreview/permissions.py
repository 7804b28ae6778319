"""Who may use 公文审校.

Any business user checks documents and sees their own checks; the party-affairs officer also sees the
organ's checks (to help colleagues) and keeps the organ's terms. The three administrators have no access:
documents under review are business content (三员分立).
"""

from __future__ import annotations

from typing import Any

from qinglian.core.errors import Forbidden, NotFound
from qinglian.docreview.models import DocumentCheck, OrganTerm
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of


def can_use_docreview(user: Any) -> bool:
    return scope_of(user).is_business


def can_see_organ_checks(user: Any) -> bool:
    return scope_of(user).has(Role.PARTY_OFFICER)


def can_edit_terms(user: Any) -> bool:
    """Terms and banned words are the organ's policy: kept by the party-affairs office."""
    return scope_of(user).has(Role.PARTY_OFFICER)


def require_docreview(user: Any) -> None:
    if not can_use_docreview(user):
        raise Forbidden("公文审校仅供机关业务人员使用，管理员账号无权使用")


def access_check(user: Any, pk: Any, *, write: bool = False) -> DocumentCheck:
    """One check or NotFound (invisible) / Forbidden (visible but not yours to decide on).

    "Write" (accept/ignore, 本机关不再提示) belongs to the person who ran the check only: the officer who
    can read it for support does not decide for them.
    """
    require_docreview(user)
    try:
        check = DocumentCheck.objects.visible_to(user).get(pk=pk)
    except (DocumentCheck.DoesNotExist, ValueError, TypeError):
        raise NotFound("审校记录不存在或无权查看") from None
    if write and check.user_id != scope_of(user).user_id:
        raise Forbidden("只有校对人本人可以处理该审校记录中的问题")
    return check


def access_term(user: Any, pk: Any) -> OrganTerm:
    """One live entry of the caller's organ, for removal (officer only)."""
    if not can_edit_terms(user):
        raise Forbidden("仅机关党委/纪委专责人员可以维护本机关审校词表")
    try:
        return OrganTerm.objects.of_organ(scope_of(user).organ_id).get(pk=pk)
    except (OrganTerm.DoesNotExist, ValueError, TypeError):
        raise NotFound("词条不存在或已删除") from None
