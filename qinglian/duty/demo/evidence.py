"""佐证材料 of the duty demo, made from the records as written (core/demo_files.py) and stored as uploads are
(evidence/demo.py):

- every progress report carries the material it reports (进展情况: the day, the progress, what was done);
- every task reported done carries its 工作台账 (the reports so far, on the task itself — put there before the final
  report, since 申请销号 needs evidence on the task or its reports) and its 完成情况报告 (on the final report);
- every signed 责任书 its signed and sealed copy, uploaded by whoever recorded the signing, soon after;
- every 党组会议 its minutes (partylife's generator, the meetings being partylife's rows).

Every draw comes from `dd.paper`, a generator of its own: the rest of the demo draws the same numbers with or without
these files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from qinglian.core import clock
from qinglian.core.demo_files import Signature, pdf_document
from qinglian.duty.choices import AssignmentRole, LetterLevel, Recurrence
from qinglian.duty.demo.state import DutyDemo
from qinglian.duty.models import DutyAssignment, ProgressReport, ResponsibilityLetter
from qinglian.evidence.demo import DemoFile, attach
from qinglian.org.models import Person, User
from qinglian.partylife.choices import MeetingKind
from qinglian.partylife.demo.evidence import attach_minutes
from qinglian.partylife.models import Meeting

LETTER_DUTIES = {
    LetterLevel.LEADER: (
        "一、认真履行“一岗双责”，对分管委室的党风廉政建设负领导责任，每半年听取一次分管委室落实情况汇报。",
        "二、督促分管委室主要负责人落实主体责任，对苗头性、倾向性问题及时提醒、谈话。",
        "三、带头遵守中央八项规定及其实施细则精神，严格执行廉洁自律各项规定，管好亲属和身边工作人员。",
    ),
    LetterLevel.UNIT_HEAD: (
        "一、对本委室党风廉政建设负主体责任，将党风廉政建设与业务工作同部署、同落实、同检查、同考核。",
        "二、组织本委室干部开展廉洁教育，排查廉政风险点，制定防控措施并抓好落实。",
        "三、本人严格遵守廉洁自律各项规定，对本委室干部违反纪律的行为及时制止、报告。",
    ),
    LetterLevel.CADRE: (
        "一、认真学习党章党规党纪，严格遵守中央八项规定及其实施细则精神，自觉接受组织和群众监督。",
        "二、依法依规履行岗位职责，不利用职务便利为本人或他人谋取利益，不违规收受礼品礼金。",
        "三、如实报告个人有关事项，严守工作纪律和保密纪律。",
    ),
}
NEXT_STEPS = (
    "下一步，将按照时间节点抓紧推进，确保按期完成。",
    "下一步，将对照完成标准查漏补缺，及时报送进展情况。",
    "下一步，将加强与配合委室的沟通协调，形成工作合力。",
)
LETTER_OPENING = (
    "为深入推进全面从严治党，落实党风廉政建设主体责任和监督责任，根据《中国共产党纪律处分条例》和市委有关规定，"
    "结合机关实际，签订本责任书。"
)
LETTER_CLOSING = (
    "本责任书执行情况纳入年度考核和党风廉政建设责任制考核，作为评先评优和选拔任用的重要依据。"
    "本责任书一式两份，签订双方各执一份，自签订之日起生效，有效期至当年12月31日。"
)


def _short(task: DutyAssignment) -> str:
    """The item's first clause, as people name a task."""
    content = task.item.content
    cut = min((i for i in (content.find("，"), content.find("。"), content.find("；")) if i > 0), default=len(content))
    return content[: min(cut, 30)]


def _name(dd: DutyDemo, user: User) -> str:
    return dd.names.get(user.person_id, "") if user.person_id else user.username


def _due(task: DutyAssignment) -> str:
    item = task.item
    if item.recurrence != Recurrence.ONCE:
        return item.get_recurrence_display()
    return _day(item.deadline) if item.deadline else "—"


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _meta(task: DutyAssignment) -> list[tuple[str, str]]:
    item = task.item
    return [
        ("任务", f"第{item.order}项 {item.content}"),
        ("责任委室", task.unit.name),
        ("分工", "牵头" if task.role == AssignmentRole.LEAD else "配合"),
        ("完成时限", _due(task)),
        ("完成标准", item.standard or "—"),
    ]


def task_ledger(
    dd: DutyDemo, task: DutyAssignment, steps: Sequence[tuple[dt.date, int, str]], by: User, at: dt.datetime
) -> DemoFile:
    """The task's 工作台账: each report's day, progress and words, kept by the unit."""
    rows = [f"{_day(day)}，进度{percent}%。{text}" for day, percent, text in steps]
    last = steps[-1][0] if steps else at.date()
    pdf = pdf_document(
        f"{task.unit.short_name}“{_short(task)}”工作台账",
        rows,
        meta=[*_meta(task), ("佐证材料要求", task.item.evidence_required or "—")],
        signatures=[Signature("台账管理：", _name(dd, by), last)],
        author=_name(dd, by),
        created=at,
        rng=dd.paper,
    )
    return DemoFile(task, f"{_short(task)}工作台账.pdf", pdf, by, at, note="工作台账（各次进展汇总）")


def completion_report(
    dd: DutyDemo,
    task: DutyAssignment,
    report: ProgressReport,
    earlier: Sequence[tuple[dt.date, int, str]],
    by: User,
    at: dt.datetime,
) -> DemoFile:
    """The unit's 完成情况报告 sent with its final report: what was done, step by step, and what is attached."""
    item = task.item
    role = "牵头" if task.role == AssignmentRole.LEAD else "配合"
    paragraphs = [
        f"根据《{item.duty_list.title}》第{item.order}项任务分工，{task.unit.name}{role}承担"
        f"“{item.content.rstrip('。')}”任务。现将完成情况报告如下。",
        "一、工作开展情况",
        *[f"{day.month}月{day.day}日，{text}" for day, _, text in earlier],
        "二、完成情况",
        report.content,
    ]
    if item.evidence_required:
        paragraphs += ["三、佐证材料", f"随本报告报送{item.evidence_required}，已在系统中上传。"]
    head = dd.heads.get(task.unit_id)
    signed = [Signature("填报人：", _name(dd, by), report.date)]
    if head and dd.names.get(head) and dd.names[head] != _name(dd, by):
        signed.append(Signature("委室负责人：", dd.names[head], report.date))
    pdf = pdf_document(
        f"关于{_short(task)}完成情况的报告",
        paragraphs,
        meta=[("报送单位", task.unit.name), ("报送日期", _day(report.date))],
        signatures=signed,
        author=_name(dd, by),
        created=at,
        rng=dd.paper,
    )
    return DemoFile(report, f"{_short(task)}完成情况报告.pdf", pdf, by, at, note="完成情况报告")


def progress_note(dd: DutyDemo, task: DutyAssignment, report: ProgressReport, by: User, at: dt.datetime) -> DemoFile:
    """The material a progress report sends: what was done by the day, and where the task stands."""
    when = report.period or _day(report.date)
    pdf = pdf_document(
        f"{task.unit.short_name}“{_short(task)}”进展情况（{when}）",
        [report.content, dd.paper.choice(NEXT_STEPS)],
        meta=[*_meta(task)[:3], ("报送日期", _day(report.date)), ("完成进度", f"{report.percent}%")],
        signatures=[Signature("填报人：", _name(dd, by), report.date)],
        author=_name(dd, by),
        created=at,
        rng=dd.paper,
    )
    return DemoFile(report, f"{_short(task)}进展情况（{when}）.pdf", pdf, by, at, note="进展材料")


def before_final(dd: DutyDemo, task: DutyAssignment, final: tuple[dt.date, int, str], by: User) -> None:
    """On the day of a final report, on the replayed clock: the task's ledger goes on the task first."""
    steps = [(r.date, r.percent, r.content) for r in task.reports.order_by("date", "id")]
    attach([task_ledger(dd, task, [*steps, final], by, clock.now())])


def with_report(dd: DutyDemo, task: DutyAssignment, report: ProgressReport, by: User) -> None:
    """On the replayed clock, minutes after a report: its material, or for a final report the completion report;
    kept for the batch at the end of the build."""
    at = clock.now() + dt.timedelta(minutes=dd.paper.randint(1, 5))
    if not report.is_final:
        dd.files.append(progress_note(dd, task, report, by, at))
        return
    earlier = [(r.date, r.percent, r.content) for r in task.reports.exclude(pk=report.pk).order_by("date", "id")]
    dd.files.append(completion_report(dd, task, report, earlier, by, at))


def letters(dd: DutyDemo) -> list[DemoFile]:
    """Each signed letter's signed and sealed copy, uploaded by whoever recorded the signing, within the hour."""
    signed = ResponsibilityLetter.objects.filter(organ=dd.organ, signed_on__isnull=False).select_related("unit")
    recorded: dict[int, tuple[dt.datetime, int | None]] = {}
    history = ResponsibilityLetter.history.model.objects.filter(organ_id=dd.organ.pk, signed_on__isnull=False)
    for pk, when, user_id in history.order_by("history_date", "history_id").values_list(
        "id", "history_date", "history_user_id"
    ):
        recorded.setdefault(pk, (when, user_id))
    users = User.objects.in_bulk({user_id for _, user_id in recorded.values() if user_id})
    posts = dict(Person.all_objects.filter(organ=dd.organ).values_list("pk", "post"))
    region = dd.organ.region
    files = []
    for letter in signed.order_by("year", "id"):
        when, user_id = recorded.get(letter.pk, (None, None))
        by = users.get(user_id) or dd.officer
        at = (when or dd.at(letter.signed_on)) + dt.timedelta(minutes=dd.paper.randint(5, 50))
        files.append(_letter(dd, letter, posts, region, by, at))
    return files


def _letter(
    dd: DutyDemo, letter: ResponsibilityLetter, posts: dict[int, str], region: str, by: User, at: dt.datetime
) -> DemoFile:
    signer = dd.names.get(letter.signer_id, "")
    issuer = dd.names.get(letter.issuer_id, "") if letter.issuer_id else ""
    meta = [("层级", letter.get_level_display())]
    if issuer:
        meta.append(("签发人", f"{issuer}（{posts.get(letter.issuer_id) or '—'}）"))
    meta += [("责任人", f"{signer}（{posts.get(letter.signer_id) or '—'}）"), ("所在委室", letter.unit.name)]
    if letter.note:
        meta.append(("备注", letter.note))
    signatures = [Signature("签发人：", issuer, letter.signed_on)] if issuer else []
    signatures.append(Signature("责任人：", signer, letter.signed_on))
    seal = f"中共{region}人大常委会" + ("机关委员会" if letter.level == LetterLevel.CADRE else "党组")
    pdf = pdf_document(
        f"{letter.year}年度党风廉政建设责任书",
        [LETTER_OPENING, *LETTER_DUTIES[LetterLevel(letter.level)], LETTER_CLOSING],
        meta=meta,
        signatures=signatures,
        seal=seal,
        author=_name(dd, by),
        created=at,
        rng=dd.paper,
    )
    name = f"{letter.year}年度党风廉政建设责任书（{signer}）.pdf"
    return DemoFile(letter, name, pdf, by, at, note="签字盖章件")


def flush(dd: DutyDemo) -> int:
    """The completion reports kept so far, the letters' copies, the 党组会议 minutes: a batch each; the count."""
    made = len(attach([*dd.files, *letters(dd)]))
    dd.files = []
    meetings = Meeting.objects.filter(organ=dd.organ, kind=MeetingKind.LEADING_GROUP_MEETING).order_by("date", "id")
    return made + attach_minutes(dd.organ, meetings, by=dd.officer, rng=dd.paper)
