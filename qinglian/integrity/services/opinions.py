"""Writes of 党风廉政意见回复: a request is drafted and sent by the personnel officer or the party-affairs office;
the stationed group edits each person's summary, answers each person and issues the numbered reply; after that
nothing changes.

Every move is checked here, in one place (`_refuse_*`), before anything is written: a refusal is a Chinese
InvalidInput/Forbidden/Conflict and leaves the database as it was. Only the stationed group answers and issues
(`can_answer_opinions`) — its accounts reach these services through the URL names registered in
nav/opinions.py (decision 0010), and the services check the writer again whatever the page or API did.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.integrity.choices import OpinionConclusion, OpinionPurpose
from qinglian.integrity.models import OpinionItem, OpinionRequest
from qinglian.integrity.permissions import can_answer_opinions, can_request_opinions
from qinglian.integrity.selectors.opinion_summary import draft_summary
from qinglian.integrity.selectors.opinions import rule_values
from qinglian.org.choices import UnitKind
from qinglian.org.models import Organ, Person
from qinglian.org.scope import scope_of

DEFAULT_PREFIX = "驻机关纪检组廉意"
REPLY_ACTION = AuditAction.OPINION_REPLIED  # an issued reply: who, which number, for how many people

NOT_GROUP = "只有派驻纪检监察组可以回复党风廉政意见"
NOT_REQUESTER = "只有组织人事专责人员可以征求党风廉政意见"


@dataclass(frozen=True)
class PersonLine:
    """One person to put on a request, with the post or matter proposed (拟任职务/事项)."""

    person_id: int
    proposed_post: str = ""


# --- the checks, in one place --------------------------------------------------------------------------------


def _refuse_unless_requester(by: Any) -> None:
    if not can_request_opinions(by):
        raise Forbidden(NOT_REQUESTER)


def _refuse_unless_group(by: Any) -> None:
    if not can_answer_opinions(by):
        raise Forbidden(NOT_GROUP)


def _refuse_if_issued(request: OpinionRequest) -> None:
    if request.replied_on is not None:
        raise Conflict(f"该征求函已于{request.replied_on:%Y-%m-%d}回复（{request.reply_no}），不能再修改")


def _refuse_unless_sent(request: OpinionRequest) -> None:
    if request.sent_on is None:
        raise InvalidInput("征求函尚未送达派驻纪检监察组，不能回复")


def _locked(request: OpinionRequest) -> OpinionRequest:
    return OpinionRequest.objects.select_for_update().get(pk=request.pk, deleted_at__isnull=True)


def _locked_item(item: OpinionItem) -> tuple[OpinionItem, OpinionRequest]:
    request = _locked(item.request)
    return OpinionItem.objects.select_related("person__unit").get(pk=item.pk, deleted_at__isnull=True), request


def _same_organ(by: Any, request: OpinionRequest) -> None:
    if scope_of(by).organ_id != request.organ_id:
        raise Forbidden("无权办理其他机关的征求函")


# --- the request ---------------------------------------------------------------------------------------------


def _people(organ_id: int, lines: Iterable[PersonLine]) -> list[tuple[Person, str]]:
    lines = list(lines)
    ids = [line.person_id for line in lines]
    if len(set(ids)) != len(ids):
        raise InvalidInput("同一人员不能在征求函中列两次")
    found = Person.objects.filter(organ_id=organ_id, pk__in=ids, deleted_at__isnull=True).select_related("unit")
    people = {p.pk: p for p in found}
    missing = [str(i) for i in ids if i not in people]
    if missing:
        raise InvalidInput(f"人员不存在：{'、'.join(missing)}")
    for person in people.values():
        if person.unit_id and person.unit.kind == UnitKind.STATIONED:
            raise InvalidInput(f"{person.name}是派驻纪检监察组人员，不向本组征求意见")
    result = []
    for line in lines:
        post = (line.proposed_post or "").strip()
        if len(post) > 100:
            raise InvalidInput("拟任职务/事项不能超过100字")
        result.append((people[line.person_id], post))
    return result


@transaction.atomic
def request_create(
    *,
    by: Any,
    purpose: str,
    title: str,
    people: Iterable[PersonLine],
    document_no: str = "",
    request: Any = None,
) -> OpinionRequest:
    """A draft request (草拟) with its people; each person's summary is drafted from the ledgers now."""
    _refuse_unless_requester(by)
    organ_id = scope_of(by).organ_id
    if purpose not in OpinionPurpose.values:
        raise InvalidInput("请选择征求意见事由")
    if not (title or "").strip():
        raise InvalidInput("请填写标题")
    lines = _people(organ_id, people)
    row = OpinionRequest(
        organ_id=organ_id,
        purpose=purpose,
        title=title.strip(),
        document_no=(document_no or "").strip(),
        requested_by=by,
    )
    save_checked(row, by=by)
    today, now = clock.today(), clock.now()
    for person, post in lines:
        item = OpinionItem(
            organ_id=organ_id,
            request=row,
            person=person,
            proposed_post=post,
            summary=draft_summary(person, organ_id=organ_id, as_of=today),
            summary_drafted_at=now,
        )
        save_checked(item, by=by)
    return row


@transaction.atomic
def request_send(*, request: OpinionRequest, by: Any, on: dt.date | None = None) -> OpinionRequest:
    """送达: the request reaches the group on `on` (today by default); once only, and with at least one person."""
    _refuse_unless_requester(by)
    _same_organ(by, request)
    row = _locked(request)
    _refuse_if_issued(row)
    if row.sent_on is not None:
        raise Conflict(f"该征求函已于{row.sent_on:%Y-%m-%d}送达，不能重复送达")
    if not OpinionItem.objects.filter(request=row, deleted_at__isnull=True).exists():
        raise InvalidInput("征求函至少应列一名人员")
    day = on or clock.today()
    if day > clock.today():
        raise InvalidInput("送达日期不能晚于今天")
    row.sent_on = day
    save_checked(row, by=by)
    request.sent_on = row.sent_on
    return row


@transaction.atomic
def item_redraft(*, item: OpinionItem, by: Any) -> OpinionItem:
    """Draft the summary again from today's ledgers: the group, or the requester, before the person is answered."""
    if not (can_answer_opinions(by) or can_request_opinions(by)):
        raise Forbidden("只有派驻纪检监察组或征求意见的经办人可以重新生成摘要")
    _same_organ(by, item.request)
    row, request = _locked_item(item)
    _refuse_if_issued(request)
    if row.conclusion:
        raise Conflict("该人员已回复意见，不能重新生成摘要")
    row.summary = draft_summary(row.person, organ_id=row.organ_id, as_of=clock.today())
    row.summary_drafted_at = clock.now()
    return save_checked(row, by=by)


@transaction.atomic
def item_edit_summary(*, item: OpinionItem, by: Any, summary: str) -> OpinionItem:
    """The group edits a person's summary (the draft is the system's; the text the group signs is its own)."""
    _refuse_unless_group(by)
    _same_organ(by, item.request)
    row, request = _locked_item(item)
    _refuse_if_issued(request)
    _refuse_unless_sent(request)
    if not (summary or "").strip():
        raise InvalidInput("廉政情况摘要不能为空")
    row.summary = summary.strip()
    return save_checked(row, by=by)


@transaction.atomic
def item_answer(
    *, item: OpinionItem, by: Any, conclusion: str, answer: str = "", summary: str | None = None
) -> OpinionItem:
    """The group's answer for one person: 无反映问题, or 有问题 with its text (and, optionally, the edited summary)."""
    _refuse_unless_group(by)
    _same_organ(by, item.request)
    row, request = _locked_item(item)
    _refuse_if_issued(request)
    _refuse_unless_sent(request)
    if conclusion not in OpinionConclusion.values:
        raise InvalidInput("请选择回复意见：无反映问题或有问题")
    answer = (answer or "").strip()
    if conclusion == OpinionConclusion.ISSUE and not answer:
        raise InvalidInput("回复意见为“有问题”的，请填写意见说明")
    if summary is not None:
        if not summary.strip():
            raise InvalidInput("廉政情况摘要不能为空")
        row.summary = summary.strip()
    row.conclusion, row.answer, row.answered_by = conclusion, answer, by
    return save_checked(row, by=by)


def reply_prefix(organ_id: int, on: dt.date) -> str:
    params = rule_values("INT-010", organ_id=organ_id, on=on)
    prefix = getattr(params, "reply_no_prefix", "") if params is not None else ""
    return prefix or DEFAULT_PREFIX


def next_reply_number(organ_id: int, year: int) -> int:
    """The next number of the organ's replies of `year`. The caller holds the organ's row lock."""
    numbers = OpinionRequest.all_objects.filter(organ_id=organ_id, replied_on__year=year).exclude(reply_no="")
    pattern = re.compile(rf"〔{year}〕(\d+)号$")
    used = [int(m.group(1)) for no in numbers.values_list("reply_no", flat=True) if (m := pattern.search(no))]
    return max(used, default=0) + 1


@transaction.atomic
def request_issue(*, request: OpinionRequest, by: Any, http_request: Any = None) -> OpinionRequest:
    """The group issues the reply: every person answered; numbered 《prefix〔year〕n号》 under the organ's row lock
    (no two replies share a number), dated today; after that nothing on the request changes."""
    _refuse_unless_group(by)
    _same_organ(by, request)
    Organ.objects.select_for_update().get(pk=request.organ_id)  # numbers are given one at a time per organ
    row = _locked(request)
    _refuse_if_issued(row)
    _refuse_unless_sent(row)
    items = list(OpinionItem.objects.filter(request=row, deleted_at__isnull=True).select_related("person"))
    if not items:
        raise InvalidInput("征求函没有人员，不能回复")
    waiting = [i.person.name for i in items if not i.conclusion]
    if waiting:
        raise InvalidInput(f"尚有人员未回复意见：{'、'.join(waiting)}")
    today = clock.today()
    row.reply_no = f"{reply_prefix(row.organ_id, today)}〔{today.year}〕{next_reply_number(row.organ_id, today.year)}号"
    row.replied_on, row.replied_by = today, by
    save_checked(row, by=by)
    # Counts only: the audit administrator reads the log and is outside the opinions' circle.
    audit_record(
        action=REPLY_ACTION,
        user=by,
        request=http_request,
        target=row,
        target_repr=f"{row.reply_no} {row.title}",
        detail={
            "reply_no": row.reply_no,
            "people": len(items),
            "with_issues": sum(1 for i in items if i.conclusion == OpinionConclusion.ISSUE),
        },
    )
    request.reply_no, request.replied_on, request.replied_by = row.reply_no, row.replied_on, row.replied_by
    return row


# --- the import of past replies ------------------------------------------------------------------------------

IMPORTED_SUMMARY = "（历史回复导入，未生成摘要）"
IMPORT_REASON = "党风廉政意见回复导入"


@dataclass(frozen=True)
class ReplyLine(PersonLine):
    """One person of an imported reply, with the group's answer as it was given."""

    conclusion: str = ""
    answer: str = ""


@transaction.atomic
def reply_import(
    *,
    by: Any,
    reply_no: str,
    replied_on: dt.date,
    sent_on: dt.date,
    purpose: str,
    title: str,
    lines: Iterable[ReplyLine],
    http_request: Any = None,
) -> OpinionRequest:
    """A reply the group gave before the organ went live (importers/opinions.py): the request, already sent and
    replied, with its people and their answers, in one go. The same checks as the forms' path — the group writes,
    the people are the organ's outside the group, each answer 无反映问题 or 有问题 with its text — plus those of a
    number and dates typed by hand: the number is not yet used in the organ (an issued reply is never changed),
    the dates are not in the future and the request was sent on or before the reply. No summary is drafted now:
    today's ledgers are not what the group read then. Audited as an issued reply, counts only."""
    _refuse_unless_group(by)
    organ_id = scope_of(by).organ_id
    if purpose not in OpinionPurpose.values:
        raise InvalidInput("请选择征求意见事由")
    title, reply_no = (title or "").strip(), (reply_no or "").strip()
    if not title:
        raise InvalidInput("请填写标题")
    if not reply_no:
        raise InvalidInput("请填写回复文号")
    if sent_on is None or replied_on is None:
        raise InvalidInput("请填写送达日期和回复日期")
    today = clock.today()
    if replied_on > today or sent_on > today:
        raise InvalidInput("送达日期、回复日期不能晚于今天")
    if sent_on > replied_on:
        raise InvalidInput("送达日期不能晚于回复日期")
    lines = list(lines)
    if not lines:
        raise InvalidInput("回复至少应有一名人员")
    people = _people(organ_id, lines)
    for (person, _), line in zip(people, lines, strict=True):
        if line.conclusion not in OpinionConclusion.values:
            raise InvalidInput(f"{person.name}：请选择回复意见：无反映问题或有问题")
        if line.conclusion == OpinionConclusion.ISSUE and not (line.answer or "").strip():
            raise InvalidInput(f"{person.name}：回复意见为“有问题”的，请填写意见说明")
    Organ.objects.select_for_update().get(pk=organ_id)  # numbers are given one at a time per organ
    if OpinionRequest.objects.filter(organ_id=organ_id, reply_no=reply_no, deleted_at__isnull=True).exists():
        raise Conflict(f"已有回复文号“{reply_no}”，导入不能覆盖已作出的回复")
    row = OpinionRequest(
        organ_id=organ_id,
        purpose=purpose,
        title=title,
        sent_on=sent_on,
        requested_by=by,
        reply_no=reply_no,
        replied_on=replied_on,
        replied_by=by,
    )
    row._change_reason = IMPORT_REASON
    save_checked(row, by=by)
    for (person, post), line in zip(people, lines, strict=True):
        item = OpinionItem(
            organ_id=organ_id,
            request=row,
            person=person,
            proposed_post=post,
            summary=IMPORTED_SUMMARY,
            conclusion=line.conclusion,
            answer=(line.answer or "").strip(),
            answered_by=by,
        )
        item._change_reason = IMPORT_REASON
        save_checked(item, by=by)
    audit_record(
        action=REPLY_ACTION,
        user=by,
        request=http_request,
        target=row,
        target_repr=f"{row.reply_no} {row.title}",
        detail={
            "reply_no": row.reply_no,
            "people": len(lines),
            "with_issues": sum(1 for line in lines if line.conclusion == OpinionConclusion.ISSUE),
            "imported": True,
        },
    )
    return row
