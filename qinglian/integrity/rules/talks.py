"""INT-001 人事变动后按期开展廉政谈话: a promotion, appointment (职级晋升 included), transfer or transfer in expects
an integrity talk (任前 or 转岗/交流) with the person within the configured working days of the event.

Checked for a day D: only events dated on or before D and talks dated on or before D count, each as the ledger stood
at the end of D (one withdrawn later still stood; core.asof); who was in the organ on D is org's `people_on`. A
talk linked to the event answers it whatever its date (a 任前 talk may precede the appointment); one not linked
answers it when held with the person no more than 30 days before the event (selectors.talks.PRE_EVENT_DAYS).

The finding goes to the person's new unit, with the leader supervising that unit (一岗双责, who holds or arranges
the talk) as the person answering; a unit without a supervising leader falls to its head (compliance.owners).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q

from qinglian.compliance.deadlines import deadline_verdict
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import workdays
from qinglian.integrity.selectors.talks import expected_talks_on, window_start
from qinglian.org.models import Supervision
from qinglian.org.selectors import people_on

CATEGORY = "党风廉政建设"
BASIS = (
    "《党委（党组）落实全面从严治党主体责任规定》（党组履行党风廉政建设主体责任）；廉政谈话制度：新提任、转岗交流干部在任前"
    "或任职初期进行廉政谈话（各地通行做法，本机关由党组书记、党组成员和派驻纪检监察组开展）。谈话期限无中央统一规定，"
    "默认“人事变动后20个工作日内”为地方惯例，可信度低（丽水及本机关的规定未找到），本机关应按本单位制度调整参数"
)
TALK = Param(
    "talk_working_days",
    "人事变动后谈话期限",
    unit="个工作日",
    minimum=1,
    maximum=120,
    period="working_days",
    help="自人事变动之日起计算（当日不计入）；无中央统一规定，默认值为地方惯例",
)
WARN = Param("warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=60, period="working_days")
LOOK_BACK = Param(
    "look_back_years", "检查最近几个年度", unit="年", minimum=1, maximum=5, help="2 = 本年度和上一年度的人事变动"
)


def _supervising_leaders(organ_id: int, on: dt.date) -> dict[int, int]:
    """Unit → the leader supervising it (分管) on `on`, the earliest-started when several."""
    rows = (
        Supervision.objects.filter(organ_id=organ_id, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .order_by("-start", "-id")
        .values_list("unit_id", "leader_id")
    )
    return dict(rows)


def collect_events(ctx: Context) -> Iterator[Subject]:
    p = ctx.params
    present = people_on(ctx.organ_id, ctx.as_of)
    rows = expected_talks_on(
        organ_id=ctx.organ_id,
        as_of=ctx.as_of,
        since=window_start(ctx.as_of, p.look_back_years),
        talk_days=p.talk_working_days,
        warn_days=p.warn_working_days,
    )
    leaders = _supervising_leaders(ctx.organ_id, ctx.as_of)
    for row in rows:
        if row.person_id not in present:  # left the organ by the day checked: no talk is owed here any more
            continue
        leader = leaders.get(row.unit_id) if row.unit_id else None
        yield Subject(
            type="org.personnelevent",
            id=str(row.event_id),
            label=f"{row.person_name}{row.kind_label}（{row.event_date:%Y-%m-%d}，{row.unit_name}）",
            period=row.event_date.isoformat(),
            link=f"/integrity/talks/expected/?event={row.event_id}",
            unit_id=row.unit_id,
            person_id=leader if leader != row.person_id else None,
            data={
                "event_date": row.event_date,
                "talk_date": row.talk_date,
                "talk_id": row.talk_id,
                "expected": row.expected_kind_label,
            },
        )


@rule(
    code="INT-001",
    title="人事变动后按期开展廉政谈话",
    basis=BASIS,
    category=CATEGORY,
    subjects="提拔、任职（含职级晋升）、转岗、调入的人事变动",
    severity_policy="超过期限才谈话为红色（违规记录）；超过期限仍未谈话为红色；期限前N个工作日内尚未谈话为黄色",
    params=[TALK, WARN, LOOK_BACK],
    collect=collect_events,
    short="人事变动后未按期廉政谈话",
)
def talk_after_event(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    event_date: dt.date = subject.data["event_date"]
    due = workdays.after(event_date, p.talk_working_days, TALK.period)
    held: dt.date | None = subject.data["talk_date"]
    what = subject.data["expected"]
    return deadline_verdict(subject.label, f"开展{what}", due, held, ctx.as_of, p.warn_working_days, did="谈话")
