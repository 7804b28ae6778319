"""Who may read and write the 廉政 ledgers: the `can_<verb>` predicates and `access_<thing>(user, pk, write=False)`.

Reads are the querysets' `visible_to` (querysets.py says who is in which circle); writes are:
- 廉政谈话: the party-affairs office, the personnel officer and leaders record them.
- 党风廉政意见回复: the personnel officer asks; only the stationed group answers and
  issues the reply (a registered exception to its read-only accounts, decision 0010).
- 个人有关事项报告: the personnel officer keeps the reports, the reporting list, the draw and the checks; a cadre
  files their own report (date and scanned file) — never anyone else's.
- 廉政风险点: the party-affairs office for every unit, a unit head for the units they head.
- 整改: the party-affairs office keeps batches, problems and measures; a measure's owner and the head of its unit
  report its completion; 销号 is a leader's, never the problem's owner, responsible leader or unit head's.
- 纪检监察建议: issued (recorded) by the stationed group; replied by the party-affairs office or the head of the
  unit it is addressed to. 谈话函询: the party-affairs office records receipt, signature and reply dates.
- 礼品登记: the recipient registers their gift; the party-affairs office records its handing-in and handling.
"""

from __future__ import annotations

from typing import Any

from qinglian.core.errors import Forbidden, NotFound
from qinglian.integrity.models import (
    DisciplineProposal,
    ExtraReporter,
    Gift,
    InquiryLetter,
    IntegrityTalk,
    LongTermMechanism,
    OpinionItem,
    OpinionRequest,
    PersonalReport,
    RectificationBatch,
    RectificationMeasure,
    RectificationProblem,
    RiskPoint,
    SpotCheck,
    SpotCheckDraw,
)
from qinglian.org.choices import Role
from qinglian.org.scope import Scope, scope_of


def _staff(user: Any) -> Scope | None:
    """The scope of a business account that may write at all (not the stationed group, not an administrator)."""
    scope = scope_of(user)
    return scope if scope.is_business and not scope.read_only else None


def _has(user: Any, *roles: str) -> bool:
    scope = _staff(user)
    return scope is not None and scope.has(*roles)


def is_stationed_group(user: Any) -> bool:
    """An account of the stationed discipline group (派驻纪检监察组)."""
    scope = scope_of(user)
    return scope.is_business and scope.read_only


# --- talks ---------------------------------------------------------------------------------------------------


def can_record_talks(user: Any) -> bool:
    return _has(user, Role.PARTY_OFFICER, Role.PERSONNEL_OFFICER, Role.LEADER)


# --- opinion requests ----------------------------------------------------------------------------------------


def can_request_opinions(user: Any) -> bool:
    """组织人事 asks, as 干部选拔任用 is its work (and the summaries are outside the party-affairs office's circle)."""
    return _has(user, Role.PERSONNEL_OFFICER)


def can_answer_opinions(user: Any) -> bool:
    """Only the stationed group answers a request and issues the reply."""
    return is_stationed_group(user)


# --- personal matters ----------------------------------------------------------------------------------------


def can_keep_personal_reports(user: Any) -> bool:
    return _has(user, Role.PERSONNEL_OFFICER)


def can_file_own_report(user: Any, person_id: int | None) -> bool:
    """A cadre files their own report (its date and scanned file); the personnel officer anyone's."""
    scope = _staff(user)
    if scope is None:
        return False
    return scope.has(Role.PERSONNEL_OFFICER) or (person_id is not None and scope.person_id == person_id)


# --- risk points ---------------------------------------------------------------------------------------------


def can_keep_risks(user: Any, unit_id: int | None = None) -> bool:
    """The party-affairs office for any unit; a unit head for the units they head (unit_id None: for any one)."""
    scope = _staff(user)
    if scope is None:
        return False
    if scope.has(Role.PARTY_OFFICER):
        return True
    return bool(scope.head_unit_ids) if unit_id is None else unit_id in scope.head_unit_ids


# --- rectification -------------------------------------------------------------------------------------------


def can_keep_rectification(user: Any) -> bool:
    return _has(user, Role.PARTY_OFFICER)


def can_report_measure(user: Any, measure: RectificationMeasure) -> bool:
    """The keeper, the measure's owner, or the head of its unit (or of its problem's unit) reports completion."""
    scope = _staff(user)
    if scope is None:
        return False
    if scope.has(Role.PARTY_OFFICER) or (scope.person_id is not None and scope.person_id == measure.owner_id):
        return True
    units = {measure.unit_id, measure.problem.unit_id} - {None}
    return bool(units & scope.head_unit_ids)


def can_close_problems(user: Any) -> bool:
    """销号 is a leader's (党组书记/成员); whether this leader may close this problem is services' own_stake check."""
    return _has(user, Role.LEADER)


# --- proposals and inquiry letters ---------------------------------------------------------------------------


def can_issue_proposals(user: Any) -> bool:
    return is_stationed_group(user)


def can_reply_proposal(user: Any, proposal: DisciplineProposal) -> bool:
    scope = _staff(user)
    if scope is None:
        return False
    return scope.has(Role.PARTY_OFFICER) or (proposal.target_unit_id in scope.head_unit_ids)


def can_keep_inquiries(user: Any) -> bool:
    return _has(user, Role.PARTY_OFFICER)


# --- gifts ---------------------------------------------------------------------------------------------------


def can_register_gift(user: Any, person_id: int | None) -> bool:
    """The recipient registers their own gift; the party-affairs office anyone's."""
    scope = _staff(user)
    if scope is None:
        return False
    return scope.has(Role.PARTY_OFFICER) or (person_id is not None and scope.person_id == person_id)


def can_handle_gifts(user: Any) -> bool:
    return _has(user, Role.PARTY_OFFICER)


# --- access_<thing> ------------------------------------------------------------------------------------------


def _get(queryset, pk: Any, noun: str):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"{noun}不存在或无权查看") from None


def _checked(obj: Any, *, write: bool, allowed: bool, noun: str) -> Any:
    if write and not allowed:
        raise Forbidden(f"无权修改该{noun}")
    return obj


def access_talk(user: Any, pk: Any, *, write: bool = False) -> IntegrityTalk:
    qs = IntegrityTalk.objects.visible_to(user).select_related("talker", "subject", "unit", "event")
    return _checked(_get(qs, pk, "廉政谈话"), write=write, allowed=can_record_talks(user), noun="廉政谈话")


def access_opinion_request(user: Any, pk: Any, *, write: bool = False) -> OpinionRequest:
    qs = OpinionRequest.objects.visible_to(user)
    return _checked(_get(qs, pk, "意见征求"), write=write, allowed=can_request_opinions(user), noun="意见征求")


def access_opinion_item(user: Any, pk: Any, *, write: bool = False) -> OpinionItem:
    """Writing an item is answering it: the stationed group's, until the reply is issued."""
    qs = OpinionItem.objects.visible_to(user).select_related("request", "person")
    return _checked(_get(qs, pk, "意见征求人员"), write=write, allowed=can_answer_opinions(user), noun="意见")


def access_personal_report(user: Any, pk: Any, *, write: bool = False) -> PersonalReport:
    report = _get(PersonalReport.objects.visible_to(user).select_related("person"), pk, "个人有关事项报告")
    return _checked(report, write=write, allowed=can_file_own_report(user, report.person_id), noun="个人有关事项报告")


def access_extra_reporter(user: Any, pk: Any, *, write: bool = False) -> ExtraReporter:
    row = _get(ExtraReporter.objects.visible_to(user).select_related("person"), pk, "报告对象")
    return _checked(row, write=write, allowed=can_keep_personal_reports(user), noun="报告对象")


def access_spot_check(user: Any, pk: Any, *, write: bool = False) -> SpotCheck:
    row = _get(SpotCheck.objects.visible_to(user).select_related("person"), pk, "抽查核实")
    return _checked(row, write=write, allowed=can_keep_personal_reports(user), noun="抽查核实")


def access_draw(user: Any, pk: Any, *, write: bool = False) -> SpotCheckDraw:
    row = _get(SpotCheckDraw.objects.visible_to(user), pk, "抽查抽取")
    return _checked(row, write=write, allowed=can_keep_personal_reports(user), noun="抽查抽取")


def access_risk(user: Any, pk: Any, *, write: bool = False) -> RiskPoint:
    risk = _get(RiskPoint.objects.visible_to(user).select_related("unit", "owner"), pk, "廉政风险点")
    return _checked(risk, write=write, allowed=can_keep_risks(user, risk.unit_id), noun="廉政风险点")


def access_batch(user: Any, pk: Any, *, write: bool = False) -> RectificationBatch:
    batch = _get(RectificationBatch.objects.visible_to(user), pk, "整改批次")
    return _checked(batch, write=write, allowed=can_keep_rectification(user), noun="整改批次")


def access_problem(user: Any, pk: Any, *, write: bool = False) -> RectificationProblem:
    qs = RectificationProblem.objects.visible_to(user).select_related("batch", "unit", "leader", "owner")
    return _checked(_get(qs, pk, "整改问题"), write=write, allowed=can_keep_rectification(user), noun="整改问题")


def access_measure(user: Any, pk: Any, *, write: bool = False) -> RectificationMeasure:
    qs = RectificationMeasure.objects.visible_to(user).select_related("problem__batch", "unit", "owner")
    measure = _get(qs, pk, "整改措施")
    return _checked(measure, write=write, allowed=can_report_measure(user, measure), noun="整改措施")


def access_mechanism(user: Any, pk: Any, *, write: bool = False) -> LongTermMechanism:
    row = _get(LongTermMechanism.objects.visible_to(user).select_related("problem"), pk, "长效机制")
    return _checked(row, write=write, allowed=can_keep_rectification(user), noun="长效机制")


def access_proposal(user: Any, pk: Any, *, write: bool = False) -> DisciplineProposal:
    """Writing a proposal is replying to it (the group's own edits go through `can_issue_proposals`)."""
    proposal = _get(DisciplineProposal.objects.visible_to(user).select_related("target_unit"), pk, "纪检监察建议")
    allowed = can_reply_proposal(user, proposal) or can_issue_proposals(user)
    return _checked(proposal, write=write, allowed=allowed, noun="纪检监察建议")


def access_inquiry(user: Any, pk: Any, *, write: bool = False) -> InquiryLetter:
    row = _get(InquiryLetter.objects.visible_to(user).select_related("subject", "signer"), pk, "谈话函询")
    return _checked(row, write=write, allowed=can_keep_inquiries(user), noun="谈话函询")


def access_gift(user: Any, pk: Any, *, write: bool = False) -> Gift:
    gift = _get(Gift.objects.visible_to(user).select_related("person"), pk, "礼品登记")
    allowed = can_handle_gifts(user) or can_register_gift(user, gift.person_id)
    return _checked(gift, write=write, allowed=allowed, noun="礼品登记")
