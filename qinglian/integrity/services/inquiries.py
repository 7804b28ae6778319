"""Writes of the stationed group's two channels to the organ: discipline and supervision proposals (纪检监察建议)
and letters of inquiry (谈话函询).

- A proposal is recorded by the stationed group itself (its registered write, decision 0010) and may be corrected
  by it until the organ replies; the organ's written reply is the party-affairs office's or the head of the unit
  it is addressed to. Once replied, the group's part is closed (Conflict).
- A letter of inquiry is kept by the party-affairs office: receipt (who, number, date), then the secretary's
  signature and the reply date — never its content, which stays with the group.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.integrity import permissions
from qinglian.integrity.models import DisciplineProposal, InquiryLetter
from qinglian.notify.services import notify
from qinglian.org.choices import LeadingGroupPost, Role, UnitKind
from qinglian.org.models import LeadingGroupMember, Person, RoleGrant, Unit, User
from qinglian.org.scope import scope_of

ISSUE_ONLY = "只有派驻纪检监察组可以登记纪检监察建议"
REPLY_ONLY = "只有机关党委或主送委室负责人可以书面回复纪检监察建议"
INQUIRY_ONLY = "只有机关党委专责人员可以登记谈话函询"
REPLIED = "该建议已书面回复，不能再修改"


def _not_future(day: dt.date | None, label: str) -> None:
    if day is not None and day > clock.today():
        raise InvalidInput(f"{label}不能晚于今天")


def _own(obj: Any, by: Any) -> None:
    organ_id = scope_of(by).organ_id
    if obj.organ_id is None:
        obj.organ_id = organ_id
    elif obj.organ_id != organ_id:
        raise Forbidden("不能修改其他机关的记录")


def _required(value: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(f"请填写{label}")
    return value


def _locked(model: type, pk: int) -> Any:
    return model.all_objects.select_for_update().get(pk=pk)


# --- 纪检监察建议 ---------------------------------------------------------------------------------------------


def _unit_head_users(unit_id: int | None) -> list[User]:
    if unit_id is None:
        return []
    grants = RoleGrant.objects.active().filter(role=Role.UNIT_HEAD, unit_id=unit_id)
    return list(User.objects.filter(pk__in=grants.values("user_id"), is_active=True))


def _party_officer_users(organ_id: int) -> list[User]:
    grants = RoleGrant.objects.active().filter(role=Role.PARTY_OFFICER, organ_id=organ_id)
    return list(User.objects.filter(pk__in=grants.values("user_id"), is_active=True))


@transaction.atomic
def proposal_save(*, proposal: DisciplineProposal, by: Any, notify: bool = True) -> DisciplineProposal:
    """Record (or correct, until the organ replies) a proposal the stationed group issued. The reply's fields
    are never the group's: an edit keeps them as they are. `notify=False` for past years' proposals brought in by
    the import: a notice each would bury the office; INT-050 reports those still awaiting a reply."""
    if not permissions.can_issue_proposals(by):
        raise Forbidden(ISSUE_ONLY)
    _own(proposal, by)
    creating = proposal.pk is None
    if not creating:
        current = _locked(DisciplineProposal, proposal.pk)
        if current.deleted_at is not None:
            raise Conflict("该建议已删除")
        if current.replied_on is not None:
            raise Conflict(REPLIED)
        for name in ("replied_on", "reply_no", "reply_summary", "replied_by_id", "issued_by_id"):
            setattr(proposal, name, getattr(current, name))
    else:
        proposal.issued_by = by
        proposal.replied_on, proposal.reply_no, proposal.reply_summary, proposal.replied_by = None, "", "", None
    proposal.number = _required(proposal.number, "文号")
    proposal.title = _required(proposal.title, "标题")
    proposal.summary = _required(proposal.summary, "主要问题和建议")
    if proposal.issued_on is None:
        raise InvalidInput("请填写送达日期")
    _not_future(proposal.issued_on, "送达日期")
    if proposal.target_unit_id is not None:
        unit = Unit.objects.filter(pk=proposal.target_unit_id).values_list("organ_id", "kind").first()
        if unit is None or unit[0] != proposal.organ_id:
            raise InvalidInput("主送委室不属于本机关")
        if unit[1] != UnitKind.INTERNAL:
            raise InvalidInput("主送委室应为本机关内设委室")
    save_checked(proposal, by=by)
    if creating and notify:
        _tell_organ(proposal)
    return proposal


def _tell_organ(proposal: DisciplineProposal) -> None:
    """The party-affairs office and the target unit's heads hear of a new proposal (after commit)."""
    recipients = [*_party_officer_users(proposal.organ_id), *_unit_head_users(proposal.target_unit_id)]
    if not recipients:
        return
    pk, organ = proposal.pk, proposal.organ

    def send() -> None:
        notify(
            recipients=recipients,
            kind="info",
            subject=f"派驻纪检监察组送达{proposal.get_kind_display()}：{proposal.number}",
            body=f"《{proposal.title}》，送达日期{proposal.issued_on:%Y-%m-%d}，请按期书面回复整改情况。",
            key=f"integrity-proposal-{pk}",
            organ=organ,
            link=f"/integrity/proposals/{pk}/",
        )

    transaction.on_commit(send)


@transaction.atomic
def proposal_reply(
    *,
    proposal: DisciplineProposal,
    replied_on: dt.date | None,
    reply_no: str,
    reply_summary: str,
    by: Any,
) -> DisciplineProposal:
    """The organ's written reply (or its correction): the party-affairs office or the target unit's head."""
    current = _locked(DisciplineProposal, proposal.pk)
    if current.deleted_at is not None:
        raise Conflict("该建议已删除")
    if not permissions.can_reply_proposal(by, current):
        raise Forbidden(REPLY_ONLY)
    if replied_on is None:
        raise InvalidInput("请填写书面回复日期")
    _not_future(replied_on, "书面回复日期")
    if replied_on < current.issued_on:
        raise InvalidInput(f"书面回复日期不能早于建议送达日期（{current.issued_on:%Y-%m-%d}）")
    current.replied_on = replied_on
    current.reply_no = _required(reply_no, "回复文号")
    current.reply_summary = _required(reply_summary, "整改落实情况")
    current.replied_by = by
    save_checked(current, by=by)
    return current


# --- 谈话函询 -----------------------------------------------------------------------------------------------


def secretary_on(organ_id: int, day: dt.date) -> Person | None:
    """The leading Party group's secretary (党组书记) in office on `day`."""
    row = (
        LeadingGroupMember.objects.filter(organ_id=organ_id, post=LeadingGroupPost.SECRETARY, start__lte=day)
        .exclude(end__lt=day)
        .select_related("person")
        .order_by("-start", "pk")
        .first()
    )
    return row.person if row is not None else None


def _same_organ_person(person_id: int | None, organ_id: int, label: str) -> None:
    if person_id is None:
        return
    if Person.all_objects.filter(pk=person_id).values_list("organ_id", flat=True).first() != organ_id:
        raise InvalidInput(f"{label}不属于本机关")


@transaction.atomic
def inquiry_save(*, letter: InquiryLetter, by: Any) -> InquiryLetter:
    """Record the receipt of a letter of inquiry (subject, number, received_on), or correct it."""
    if not permissions.can_keep_inquiries(by):
        raise Forbidden(INQUIRY_ONLY)
    _own(letter, by)
    if letter.pk is not None:
        current = _locked(InquiryLetter, letter.pk)
        for name in ("signer_id", "signed_on", "replied_on"):
            setattr(letter, name, getattr(current, name))
    if letter.subject_id is None:
        raise InvalidInput("请选择被函询人")
    _same_organ_person(letter.subject_id, letter.organ_id, "被函询人")
    if letter.received_on is None:
        raise InvalidInput("请填写收到日期")
    _not_future(letter.received_on, "收到日期")
    letter.number = (letter.number or "").strip()
    for day, label in ((letter.signed_on, "签署意见日期"), (letter.replied_on, "回复日期")):
        if day is not None and day < letter.received_on:
            raise InvalidInput(f"收到日期不能晚于已登记的{label}（{day:%Y-%m-%d}）")
    return save_checked(letter, by=by)


@transaction.atomic
def inquiry_reply(
    *,
    letter: InquiryLetter,
    signer: Person | None,
    signed_on: dt.date | None,
    replied_on: dt.date | None,
    by: Any,
) -> InquiryLetter:
    """Record the secretary's signature and the reply date. A letter to the secretary is answered directly:
    no signer then."""
    if not permissions.can_keep_inquiries(by):
        raise Forbidden(INQUIRY_ONLY)
    current = _locked(InquiryLetter, letter.pk)
    _own(current, by)
    if replied_on is None:
        raise InvalidInput("请填写回复日期")
    _not_future(replied_on, "回复日期")
    if replied_on < current.received_on:
        raise InvalidInput(f"回复日期不能早于收到日期（{current.received_on:%Y-%m-%d}）")
    secretary = secretary_on(current.organ_id, signed_on or replied_on)
    if secretary is not None and secretary.pk == current.subject_id:
        if signer is not None or signed_on is not None:
            raise InvalidInput("被函询人是党组书记，直接回复，不需要签署意见")
    else:
        if signer is None:
            raise InvalidInput("请选择签署意见的党组书记")
        if signed_on is None:
            raise InvalidInput("请填写签署意见日期")
        _not_future(signed_on, "签署意见日期")
        if not current.received_on <= signed_on <= replied_on:
            raise InvalidInput("签署意见日期应在收到日期和回复日期之间")
        secretary = secretary_on(current.organ_id, signed_on)
        if secretary is None or secretary.pk != signer.pk:
            raise InvalidInput("签署意见人应为签署之日在任的党组书记")
    current.signer, current.signed_on, current.replied_on = signer, signed_on, replied_on
    return save_checked(current, by=by)
