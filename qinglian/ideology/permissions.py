"""Who may read and write the 意识形态 ledgers: the `can_<verb>` predicates and `access_<thing>(user, pk, write=False)`.

Reads are the querysets' `visible_to` (querysets.py); writes are:
- The outlet register, the 一会一报 register's filing step, the analysis and reporting schedule and the
  public-opinion register: the party-affairs office (机关党委, which runs the organ's ideology work; decision 0016).
- Pieces: any staff member with a person drafts for an open outlet; who may act on a piece is `may_write_piece`
  (the drafter, its signers and the pending stage's reviewers while unpublished, the outlet's responsible person,
  the party-affairs office); the service checks the act itself (reviewers.py says who signs which stage).
- A forum filing: any staff member files for their own unit; each approval step by its approver, never the
  applicant.
The stationed group reads and never writes here (decision 0010).
"""

from __future__ import annotations

from typing import Any

from qinglian.core.errors import Forbidden, NotFound
from qinglian.ideology import reviewers
from qinglian.ideology.choices import PieceStatus, ReviewDecision, Stage
from qinglian.ideology.models import Forum, OpinionEvent, Outlet, Piece, ReportItem
from qinglian.org.choices import Role
from qinglian.org.scope import scope_of


def _writer(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and not scope.read_only


def can_keep_register(user: Any) -> bool:
    """The party-affairs office keeps the outlets, the analysis schedule and the opinion register."""
    return _writer(user) and scope_of(user).has(Role.PARTY_OFFICER)


def can_draft(user: Any) -> bool:
    """Staff with a person draft pieces and file forums."""
    return _writer(user) and scope_of(user).person_id is not None


def can_review(user: Any) -> bool:
    """May open a review form; the service decides whether this person may sign this stage."""
    return can_draft(user)


# --- one row ---------------------------------------------------------------------------------------------------


def _get(queryset, pk: Any, noun: str):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"{noun}不存在或无权查看") from None


def access_outlet(user: Any, pk: Any, *, write: bool = False) -> Outlet:
    outlet = _get(Outlet.objects.visible_to(user).select_related("unit", "owner"), pk, "阵地")
    if write and not can_keep_register(user):
        raise Forbidden("只有机关党委可以维护意识形态阵地")
    return outlet


def may_write_piece(user: Any, piece: Piece) -> bool:
    """Who may act on a piece (add a version, sign, record a round, publish, attach evidence): the party-affairs
    office; the outlet's responsible person; while unpublished, the drafter, anyone who signed it, and anyone who
    may sign its pending stage (reviewers.eligible). The service then checks the act itself, with its own words."""
    if can_keep_register(user):
        return True
    if not can_draft(user):
        return False
    person_id = scope_of(user).person_id
    if person_id == piece.outlet.owner_id:
        return True
    if piece.status in (PieceStatus.PUBLISHED, PieceStatus.WITHDRAWN):
        return False
    if person_id == piece.drafter_id or piece.signoffs.filter(reviewer_id=person_id).exists():
        return True
    if piece.status != PieceStatus.IN_REVIEW:
        return False
    approved = set(piece.signoffs.filter(decision=ReviewDecision.APPROVE).values_list("stage", flat=True))
    pending = next((stage for stage in Stage.values if stage not in approved), None)
    return pending is not None and person_id in {p.pk for p in reviewers.eligible(piece, pending)}


def access_piece(user: Any, pk: Any, *, write: bool = False) -> Piece:
    """A piece the user may see; with `write`, one they may act on (may_write_piece)."""
    piece = _get(
        Piece.objects.visible_to(user).select_related("outlet", "outlet__owner", "unit", "drafter"), pk, "稿件"
    )
    if write and not may_write_piece(user, piece):
        raise Forbidden("无权办理该稿件")
    return piece


def access_forum(user: Any, pk: Any, *, write: bool = False) -> Forum:
    forum = _get(Forum.objects.visible_to(user).select_related("unit", "applicant"), pk, "一会一报")
    if write and not (can_keep_register(user) or (scope_of(user).person_id == forum.applicant_id and can_draft(user))):
        raise Forbidden("只有经办人或机关党委可以修改该报备")
    return forum


def access_report_item(user: Any, pk: Any, *, write: bool = False) -> ReportItem:
    item = _get(ReportItem.objects.visible_to(user).select_related("responsible"), pk, "分析研判或报告")
    if write and not (can_keep_register(user) or (scope_of(user).person_id == item.responsible_id and can_draft(user))):
        raise Forbidden("只有责任人或机关党委可以登记完成情况")
    return item


def access_opinion_event(user: Any, pk: Any, *, write: bool = False) -> OpinionEvent:
    event = _get(OpinionEvent.objects.visible_to(user).select_related("unit", "responsible", "outlet"), pk, "舆情")
    if write and not can_keep_register(user):
        raise Forbidden("只有机关党委可以登记舆情处置情况")
    return event
