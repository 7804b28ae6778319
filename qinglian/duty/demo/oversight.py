"""督办单 and 约谈 for this year's slips: one notice answered and closed after the task was done, one answered
while the task is still late, one unanswered past its reply date; a 约谈 by the 分管领导 linked to each of the
first two."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from qinglian.duty.choices import TalkKind
from qinglian.duty.demo.state import LAW_UNIT, DutyDemo
from qinglian.duty.models import AccountabilityTalk, DutyAssignment, OversightNotice, ProgressReport
from qinglian.duty.permissions import notice_stakes
from qinglian.duty.services.notices import notice_close, notice_issue, notice_reply
from qinglian.duty.services.talks import talk_record
from qinglian.org.models import User
from qinglian.org.permissions import own_stake

REQUIREMENT = "请于回复期限前书面说明未按期完成的原因、整改措施和完成时限，并上传相关佐证材料。"


def build(dd: DutyDemo) -> Counter:
    counts: Counter = Counter()
    slips = dd.slips
    wanted = [pk for pk in (slips.late_done, *slips.overdue) if pk]
    tasks = {a.pk: a for a in DutyAssignment.objects.filter(pk__in=wanted).select_related("item", "unit")}
    if slips.late_done in tasks:
        _done_after_notice(dd, tasks[slips.late_done])
        counts["notices"] += 1
        counts["talks"] += 1
    law = sorted((tasks[pk] for pk in slips.overdue if tasks[pk].unit.short_name == LAW_UNIT), key=_deadline)
    if law and _still_late(dd, law[0]):
        counts["notices"] += 1
        counts["talks"] += 1
    if slips.idle in tasks and _unanswered(dd, tasks[slips.idle]):
        counts["notices"] += 1
    return counts


def _deadline(task: DutyAssignment) -> dt.date:
    return task.item.deadline


def _leader_user(dd: DutyDemo, person_id: int) -> User:
    """A leader records his own 约谈 when he has a login; otherwise the office records it."""
    for key in ("leader", "leader_member"):
        user = dd.users.get(key)
        if user is not None and user.person_id == person_id:
            return user
    return dd.officer


def _issue(dd: DutyDemo, task: DutyAssignment, issued: dt.date, reply_due: dt.date, by: User) -> OversightNotice:
    item = task.item
    state = "尚未启动" if task.status == "not_started" else "尚未完成"
    notice = OversightNotice(
        organ=dd.organ,
        number="",
        assignment=task,
        unit=task.unit,
        responsible_id=dd.heads.get(task.unit_id),
        issued_on=issued,
        reason=f"“{item.content[:40]}……”（清单第{item.order}项）完成时限为{item.deadline:%Y年%m月%d日}，"
        f"截至{issued:%m月%d日}{task.unit.short_name}{state}，进度滞后。",
        requirement=REQUIREMENT,
        reply_due=reply_due,
    )
    with dd.on(issued):
        return notice_issue(notice=notice, by=by)


def _reply(dd: DutyDemo, notice: OversightNotice, day: dt.date, text: str) -> None:
    with dd.on(day):
        notice_reply(notice=notice, by=dd.acting_for(notice.unit_id), reply=text, replied_on=day)


def _talk(dd: DutyDemo, notice: OversightNotice, day: dt.date, reason: str, outcome: str) -> None:
    interviewer = dd.supervisors.get(notice.unit_id, dd.secretary)
    talk = AccountabilityTalk(
        organ=dd.organ,
        kind=TalkKind.ADMONITION,
        date=day,
        interviewer_id=interviewer,
        interviewee_id=notice.responsible_id,
        unit_id=notice.unit_id,
        reason=reason,
        outcome=outcome,
        notice=notice,
        assignment=notice.assignment,
    )
    with dd.on(day):
        talk_record(talk=talk, by=_leader_user(dd, interviewer))


def _done_after_notice(dd: DutyDemo, task: DutyAssignment) -> None:
    """Slipped, supervised by the secretary, talked to, then done: the notice was answered and closed."""
    issued = dd.days.add(task.item.deadline, 3)
    notice = _issue(dd, task, issued, dd.days.add(issued, 10), dd.users.get("leader") or dd.officer)
    _talk(
        dd,
        notice,
        dd.days.add(issued, 2),
        f"{task.unit.short_name}承担的清单第{task.item.order}项任务逾期未完成，经督办仍进展缓慢。",
        "被约谈人说明了逾期原因，作出检讨；要求一周内完成并报送佐证材料，举一反三梳理本委室其他任务进度。",
    )
    final = ProgressReport.objects.filter(assignment=task, is_final=True).values_list("date", flat=True).first()
    replied = dd.days.add(final or issued, 1)
    _reply(dd, notice, replied, f"该项任务已于{final or replied:%m月%d日}全部完成，佐证材料已上传。逾期原因是"
           "与常委会会议筹备工作时间冲突、统筹不够，已在委室会议上作检讨并建立任务周调度机制。")  # fmt: skip
    with dd.on(dd.days.add(replied, 2)):
        notice_close(notice=notice, by=_closer(dd, notice))


def _closer(dd: DutyDemo, notice: OversightNotice) -> User:
    """Whoever issued the notice closes it, unless they replied for the unit (the office answers for a unit with
    no login of its own): then the other of the secretary and the office."""
    notice.refresh_from_db()
    for user in (notice.issued_by, dd.users.get("leader"), dd.officer):
        if user is not None and not own_stake(user, **notice_stakes(notice)):
            return user
    raise AssertionError(f"督办单 {notice.number} 无人可办结")


def _still_late(dd: DutyDemo, task: DutyAssignment) -> bool:
    """Answered with a promise; the task is still open, and the 分管领导 has talked to the unit head since."""
    issued = min(dd.days.add(task.item.deadline, dd.rng.randint(5, 8)), dd.days.add(dd.today, -10))
    if issued <= task.item.deadline:
        return False
    notice = _issue(dd, task, issued, dd.days.add(issued, 7), dd.officer)
    replied = dd.days.add(issued, dd.rng.randint(3, 5))
    promised = dd.days.add(replied, 15)
    _reply(dd, notice, replied, f"因立法项目集中审议、人员紧张，该项任务未按期完成。已制定推进计划，明确专人负责，"
           f"确保于{promised:%m月%d日}前完成。")  # fmt: skip
    talked = min(dd.days.add(replied, dd.rng.randint(3, 6)), dd.days.add(dd.today, -1))
    _talk(
        dd,
        notice,
        talked,
        f"{task.unit.short_name}承担的清单第{task.item.order}项任务逾期，督办回复后仍未完成。",
        "被约谈人表示压实委室责任、倒排工期；要求按回复的时限完成，每周向分管领导报告进度。",
    )
    return True


def _unanswered(dd: DutyDemo, task: DutyAssignment) -> bool:
    """The unit that never claimed its task has not answered its notice either; the reply date has passed."""
    issued = dd.days.add(task.item.deadline, dd.rng.randint(5, 8))
    if dd.days.add(issued, 7) >= dd.today:
        issued = max(dd.days.add(task.item.deadline, 1), dd.days.add(dd.today, -12))
    reply_due = min(dd.days.add(issued, 7), dd.days.add(dd.today, -2))
    if reply_due < issued:
        return False
    _issue(dd, task, issued, reply_due, dd.officer)
    return True
