"""IDEO-040/041: a public-opinion event (舆情) is answered within the hours its level allows, and a serious or major
one is reported upward within its hours.

The clock runs from `found_at` in calendar hours (opinion does not wait for working days). True on any date: a check
for D sees the events found by the end of D (core.asof.end_of_day) and live on D, and counts a response or a report
only when its moment is at or before the end of D — one recorded later did not exist on D. The window is the year of
D and the year before (a structural window: the shipped parameter sets of these rules have no look_back_years).

- IDEO-040: no response by the end of D and more than response_hours_<level> since found_at → red (an open to-do,
  due the day the limit ran out); answered after the limit → yellow (a recorded fact).
- IDEO-041: a serious or major event not reported by the end of D and more than report_hours_<level> since
  found_at → red; reported after the limit → yellow (recorded). General events are not reported upward by rule.

Findings go to the event's responsible person and unit; an event naming no responsible person goes to the
party-affairs office, which keeps the register.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.owners import party_office
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof
from qinglian.ideology.choices import OpinionLevel
from qinglian.ideology.models import OpinionEvent
from qinglian.ideology.rules.common import CATEGORY, OPINION, RESPONSIBILITY

HOUR = dt.timedelta(hours=1)
SUBJECTS = "本年度和上一年度发现的舆情事件（检查日及之前发现、检查日未删除）"


def _param(prefix: str, level: str, what: str) -> Param:
    return Param(
        f"{prefix}_{level}",
        f"{OpinionLevel(level).label}舆情{what}时限",
        unit="小时",
        minimum=1,
        maximum=720,
        help="自发现时间起计算的小时数（自然小时，不扣除节假日）",
    )


def _events(ctx: Context) -> list[OpinionEvent]:
    """The events found from 1 January of last year to the end of D, live on D, read once per run."""
    key = f"ideology.opinion:{ctx.as_of}"
    if key not in ctx.memo:
        start = timezone.make_aware(dt.datetime(ctx.as_of.year - 1, 1, 1))
        ctx.memo[key] = list(
            OpinionEvent.all_objects.filter(
                asof.live_on(ctx.as_of),
                organ_id=ctx.organ_id,
                found_at__gte=start,
                found_at__lte=asof.end_of_day(ctx.as_of),
            ).order_by("found_at", "pk")
        )
    return ctx.memo[key]


def _known(moment: dt.datetime | None, ctx: Context) -> dt.datetime | None:
    return moment if moment is not None and moment <= asof.end_of_day(ctx.as_of) else None


def _subject(event: OpinionEvent, ctx: Context, done: dt.datetime | None) -> Subject:
    named = event.responsible_id is not None
    return Subject(
        type="ideology.opinionevent",
        id=str(event.pk),
        label=f"舆情“{event.title}”（{event.get_level_display()}，{_at(event.found_at)}发现）",
        period=str(timezone.localtime(event.found_at).year),
        link=f"/ideology/opinion/{event.pk}/",
        unit_id=event.unit_id if named else None,
        person_id=event.responsible_id,
        data={"level": event.level, "found_at": event.found_at, "done": done, "end": asof.end_of_day(ctx.as_of)},
    )


def collect_responses(ctx: Context) -> Iterator[Subject]:
    for event in _events(ctx):
        yield _subject(event, ctx, _known(event.first_response_at, ctx))


def collect_reports(ctx: Context) -> Iterator[Subject]:
    for event in _events(ctx):
        if event.level in (OpinionLevel.SERIOUS, OpinionLevel.MAJOR):
            yield _subject(event, ctx, _known(event.reported_at, ctx))


def _at(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _h(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def judge(subject: Subject, limit: int, what: str) -> Verdict | None:
    """Not done by the end of D and past the limit: red, due the day the limit ran out. Done past it: yellow."""
    d = subject.data
    deadline = d["found_at"] + limit * HOUR
    if d["done"] is None:
        if d["end"] <= deadline:
            return None
        waited = (d["end"] - d["found_at"]) / HOUR
        reason = f"{subject.label}：应在{limit}小时内{what}，截至检查日已超过{_h(waited)}小时仍未{what}"
        return Verdict(Severity.RED, reason, timezone.localdate(deadline))
    took = (d["done"] - d["found_at"]) / HOUR
    if took <= limit:
        return None
    reason = f"{subject.label}：应在{limit}小时内{what}，实际用时{_h(took)}小时（{_at(d['done'])}{what}）"
    return Verdict(Severity.YELLOW, reason, timezone.localdate(deadline), recorded=True)


def _limit(p: Params, prefix: str, level: str) -> int | None:
    value = p.get(f"{prefix}_{level}")
    return int(value) if value is not None else None


@rule(
    code="IDEO-040",
    title="舆情发现后在时限内首次响应",
    basis=f"{RESPONSIBILITY}；{OPINION}：发现舆情后及时研判、快速响应（响应时限按等级设置参数）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy=(
        "超过该等级的首次响应时限、截至检查日结束仍未响应为红色；响应了但超过时限为黄色（记录在案）；"
        "检查日结束前登记的响应时间才计入"
    ),
    params=[
        _param("response_hours", lv, "首次响应")
        for lv in (OpinionLevel.GENERAL, OpinionLevel.SERIOUS, OpinionLevel.MAJOR)
    ],
    collect=collect_responses,
    short="舆情响应超时",
    keeper=party_office,
)
def responded_in_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    limit = _limit(p, "response_hours", subject.data["level"])
    return judge(subject, limit, "首次响应") if limit is not None else None


@rule(
    code="IDEO-041",
    title="较大、重大舆情在时限内向上级报告",
    basis=f"{RESPONSIBILITY}：重大情况及时向上级报告；{OPINION}（报告时限按等级设置参数）",
    category=CATEGORY,
    subjects=SUBJECTS + "中的较大、重大舆情",
    severity_policy=(
        "较大、重大舆情超过报告时限、截至检查日结束仍未向上级报告为红色；报告了但超过时限为黄色（记录在案）；"
        "检查日结束前登记的报告时间才计入"
    ),
    params=[_param("report_hours", lv, "向上级报告") for lv in (OpinionLevel.SERIOUS, OpinionLevel.MAJOR)],
    collect=collect_reports,
    short="较大以上舆情未及时报告",
    keeper=party_office,
)
def reported_in_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    limit = _limit(p, "report_hours", subject.data["level"])
    return judge(subject, limit, "向上级报告") if limit is not None else None
