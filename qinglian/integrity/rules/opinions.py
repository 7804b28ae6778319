"""Rules on 党风廉政意见回复: the stationed group replies in time (INT-010), and nobody is promoted without a valid
opinion of the group (INT-011, 凡提必听).

Both are true on any date (decision 0007): a request counts from its own `sent_on`, a reply from its own
`replied_on` — a reply dated after the day checked had not been given; a request deleted after the day still
stood on it. The conclusion of an answer counts only once the reply carrying it is issued, so it needs no history.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import (
    OVERDUE_DAYS,
    Context,
    Param,
    Params,
    Subject,
    Verdict,
    rule,
)
from qinglian.core import asof, workdays
from qinglian.integrity.choices import OpinionConclusion
from qinglian.integrity.models import OpinionItem, OpinionRequest
from qinglian.org.choices import PersonnelEventKind, Role, UnitKind
from qinglian.org.models import Person, PersonnelEvent, RoleGrant, Unit

CATEGORY = "党风廉政建设"
REPLY_BASIS = (
    "《党政领导干部选拔任用工作条例》（2019年）第四章考察：“纪检监察机关意见凡提必听”（条号未核实）；"
    "派驻纪检监察组对党风廉政意见征求应在规定时限内书面回复，回复时限为本地规定（原文未找到，可信度：未核实）"
)
HEAR_BASIS = (
    "《党政领导干部选拔任用工作条例》（2019年）第四章考察："
    "“纪检监察机关意见凡提必听”（凡提四必；条号未核实，可信度：中）；意见有效期为本地规定（未核实）"
)

REPLY = Param(
    "reply_working_days",
    "回复期限",
    unit="个工作日",
    minimum=1,
    maximum=60,
    period="working_days",
    help="自征求函送达派驻纪检监察组之日起算（未核实的默认值，请按本市规定设置）",
)
WARN = Param("warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=30, period="working_days")
LOOK_BACK = Param("look_back_years", "检查最近几个年度", unit="年", minimum=1, maximum=5, help="上线初期可设为1")
PREFIX = Param("reply_no_prefix", "回复文号字头", kind="str", help="如“驻机关纪检组廉意”，文号为 字头〔年份〕序号号")
VALID = Param(
    "valid_months",
    "意见有效期",
    unit="个月",
    minimum=1,
    maximum=24,
    period="months",
    help="自回复之日起算；提拔时意见已过有效期的，视为未征求（未核实的默认值）",
)


def window_start(as_of: dt.date, look_back: int) -> dt.date:
    """The first day of the look-back years: `look_back` calendar years ending with the year of `as_of`."""
    return dt.date(as_of.year - look_back + 1, 1, 1)


def stationed_owner(organ_id: int) -> tuple[int | None, int | None]:
    """The stationed group's unit and its head (组长) if the roster names one, else (unit, None)."""
    unit = Unit.objects.filter(organ_id=organ_id, kind=UnitKind.STATIONED).order_by("order", "pk").first()
    if unit is None:
        return None, None
    people = Person.objects.filter(unit=unit, is_active=True).values_list("pk", "post")
    head = next((pk for pk, post in people if post.endswith("组长") and not post.startswith("副")), None)
    return unit.pk, head


def personnel_owner(organ_id: int) -> tuple[int | None, int | None]:
    """Who asks before a promotion: the first personnel officer (组织人事专责人员) and their unit; (None, None) lets
    the finding go to the keeper (the party-affairs office)."""
    grant = (
        RoleGrant.objects.active()
        .filter(organ_id=organ_id, role=Role.PERSONNEL_OFFICER, user__person__isnull=False)
        .select_related("user__person")
        .order_by("granted_at", "pk")
        .first()
    )
    if grant is None:
        return None, None
    return grant.user.person.unit_id, grant.user.person_id


# --- INT-010 -------------------------------------------------------------------------------------------------


def collect_replies(ctx: Context) -> Iterator[Subject]:
    """Every request sent in the look-back years on or before the day checked, with its reply date if any."""
    since = window_start(ctx.as_of, ctx.params.look_back_years)
    requests = (
        OpinionRequest.all_objects.filter(organ_id=ctx.organ_id, sent_on__gte=since, sent_on__lte=ctx.as_of)
        .filter(asof.live_on(ctx.as_of))
        .order_by("sent_on", "pk")
    )
    unit_id, head_id = stationed_owner(ctx.organ_id)
    for request in requests:
        label = f"征求党风廉政意见的函“{request.title}”" + (f"（{request.document_no}）" if request.document_no else "")
        yield Subject(
            type="integrity.opinionrequest",
            id=str(request.pk),
            label=label,
            link=f"/integrity/opinions/{request.pk}/",
            unit_id=unit_id,
            person_id=head_id,
            data={"sent_on": request.sent_on, "replied_on": asof.known(request.replied_on, ctx.as_of)},
        )


@rule(
    code="INT-010",
    title="派驻纪检监察组按期回复党风廉政意见",
    basis=REPLY_BASIS,
    category=CATEGORY,
    subjects="已送达派驻纪检监察组的党风廉政意见征求函",
    severity_policy="超过回复期限仍未回复为红色；逾期回复为红色并作为违规记录在案；期限前N个工作日内尚未回复为黄色",
    params=[REPLY, WARN, LOOK_BACK, PREFIX],
    collect=collect_replies,
    short="党风廉政意见逾期回复",
)
def reply_in_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    sent_on: dt.date = subject.data["sent_on"]
    replied_on: dt.date | None = subject.data["replied_on"]
    due = workdays.after(sent_on, p.reply_working_days, REPLY.period)
    if replied_on is not None:
        if replied_on <= due:
            return None
        late = workdays.working_days_between(due, replied_on)
        return Verdict(
            Severity.RED,
            f"{subject.label}{sent_on:%Y-%m-%d}送达，应于{due:%Y-%m-%d}前回复，"
            f"{replied_on:%Y-%m-%d}才回复，逾期{late}个工作日",
            due,
            recorded=True,
        )
    if ctx.as_of > due:
        return Verdict(
            Severity.RED,
            f"{subject.label}{sent_on:%Y-%m-%d}送达，应于{due:%Y-%m-%d}前回复，至今未回复，已逾期{OVERDUE_DAYS}",
            due,
        )
    if workdays.working_days_between(ctx.as_of, due) <= p.warn_working_days:
        return Verdict(Severity.YELLOW, f"{subject.label}尚未回复，请于{due:%Y-%m-%d}前回复", due)
    return None


# --- INT-011 -------------------------------------------------------------------------------------------------


def collect_promotions(ctx: Context) -> Iterator[Subject]:
    """Every promotion (提拔) in the look-back years on or before the day checked, with the replies on that person
    issued on or before the event (and on or before the day checked): their dates and conclusions."""
    since = window_start(ctx.as_of, ctx.params.look_back_years)
    events = list(
        PersonnelEvent.all_objects.filter(
            organ_id=ctx.organ_id, kind=PersonnelEventKind.PROMOTION, date__gte=since, date__lte=ctx.as_of
        )
        .filter(asof.live_on(ctx.as_of))
        .select_related("person")
        .order_by("date", "pk")
    )
    if not events:
        return
    people = {e.person_id for e in events}
    replies: dict[int, list[tuple[dt.date, str, str]]] = defaultdict(list)
    items = (
        OpinionItem.all_objects.filter(
            organ_id=ctx.organ_id,
            person_id__in=people,
            request__replied_on__isnull=False,
            request__replied_on__lte=ctx.as_of,
        )
        .filter(asof.live_on(ctx.as_of), asof.live_on(ctx.as_of, "request__"))
        .values_list("person_id", "request__replied_on", "conclusion", "answer")
    )
    for person_id, replied_on, conclusion, answer in items:
        replies[person_id].append((replied_on, conclusion, answer))
    unit_id, officer_id = personnel_owner(ctx.organ_id)
    for event in events:
        post = f"任{event.to_post}" if event.to_post else ""
        yield Subject(
            type="org.personnelevent",
            id=str(event.pk),
            label=f"{event.person.name}{event.date:%Y-%m-%d}提拔{post}",
            period=event.date.isoformat(),
            link=f"/integrity/opinions/?q={event.person.name}",
            unit_id=unit_id,
            person_id=officer_id,
            data={
                "event_date": event.date,
                "replies": sorted(r for r in replies[event.person_id] if r[0] <= event.date),
            },
        )


@rule(
    code="INT-011",
    title="提拔任用前征求党风廉政意见（凡提必听）",
    basis=HEAR_BASIS,
    category=CATEGORY,
    subjects="提拔（人事变动类型为提拔）",
    severity_policy="提拔前无有效期内的党风廉政意见回复为红色；回复意见为“有问题”仍予提拔为红色；均作为违规记录在案",
    params=[VALID, LOOK_BACK],
    collect=collect_promotions,
    short="提拔前未征求党风廉政意见",
)
def heard_before_promotion(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    event_date: dt.date = subject.data["event_date"]
    valid = [
        (replied_on, conclusion, answer)
        for replied_on, conclusion, answer in subject.data["replies"]
        if replied_on <= event_date and workdays.after(replied_on, p.valid_months, VALID.period) >= event_date
    ]
    if not valid:
        older = subject.data["replies"]
        why = (
            f"最近一次回复为{older[-1][0]:%Y-%m-%d}，已超过{p.valid_months}个月有效期"
            if older
            else "提拔前未征求派驻纪检监察组党风廉政意见"
        )
        return Verdict(Severity.RED, f"{subject.label}：{why}（凡提必听）", None, recorded=True)
    replied_on, conclusion, answer = valid[-1]
    if conclusion == OpinionConclusion.ISSUE:
        return Verdict(
            Severity.RED,
            f"{subject.label}：派驻纪检监察组{replied_on:%Y-%m-%d}回复意见为“有问题”（{answer[:80]}），仍予提拔",
            None,
            recorded=True,
        )
    return None
