"""PL-015: a member who for months on end neither paid Party dues nor took part in the branch's organisational life.

《中国共产党章程》第九条: a member who without good reason for six consecutive months takes no part in the Party's
organisational life, or pays no dues, or does no work the Party gives them, is regarded as having left the Party
(自行脱党). The branch has to look into it first, so the rule warns from `months_yellow` months and is red from
`months_red`, on either count. The third limb (党所分配的工作) has no ledger and is not checked.

How the months are counted, per member of D (org.selectors.party_members_on: the Party members of the internal
units as they stood on D, whoever came or left since), for a check on day D (only what is dated on or before D
counts):
- whole calendar months only: the last one is D's month when D is its last day, else the month before;
- from the month the member joined the Party or came into the organ, whichever is later;
- dues, from the first month of the organ's dues ledger (earlier months predate the system): a month is settled when
  its dues were paid on or before D (any amount: 少交 is a payment, if short) or it owed nothing; the count is the
  run of unsettled months up to the last whole month;
- organisational life: a month counts against the member when they were on the attendance list of one or more branch
  or party-group meetings that month and came to none and asked leave (请假, a stated reason) for none; a month in
  which they were on no list is not judged (before the organ kept attendance, or a month the branch met not at all,
  which the branch's own rules flag) and neither breaks the run nor adds to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import containing
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.org.selectors import party_members_on
from qinglian.partylife.selectors import dues
from qinglian.partylife.selectors.dues import add_months, last_whole_month, months_between

_WHOLE = "按整月计：检查日所在的月份过完才计入"
MONTHS_RED = Param("months_red", "红色预警：连续月数", unit="个整月", minimum=1, maximum=24, help=_WHOLE)
MONTHS_YELLOW = Param("months_yellow", "黄色预警：连续月数", unit="个整月", minimum=1, maximum=24, help=_WHOLE)


def unpaid_run(months: Sequence[dt.date], settled: set[dt.date]) -> list[dt.date]:
    """The months at the end of `months` (oldest first) whose dues were not settled, oldest first."""
    run: list[dt.date] = []
    for month in reversed(months):
        if month in settled:
            break
        run.append(month)
    return run[::-1]


def absent_run(months: Sequence[dt.date], listed: set[dt.date], took_part: set[dt.date]) -> list[dt.date]:
    """The months at the end of `months` in which the member was due at a meeting and took part in none, oldest
    first; a month in which they were due at none is passed over."""
    run: list[dt.date] = []
    for month in reversed(months):
        if month not in listed:
            continue
        if month in took_part:
            break
        run.append(month)
    return run[::-1]


def collect_lapses(ctx: Context) -> Iterator[Subject]:
    """One subject per member: their runs of unpaid months and of months without organisational life."""
    last = last_whole_month(ctx.as_of)
    start = dues.dues_ledger_start(organ_id=ctx.organ_id, as_of=ctx.as_of, last_month=last)
    settled = dues.settled_months(organ_id=ctx.organ_id, as_of=ctx.as_of, last_month=last)
    listed, took_part = dues.organisational_life(organ_id=ctx.organ_id, as_of=ctx.as_of)
    secretaries = dues.branch_secretaries(organ_id=ctx.organ_id, on=ctx.as_of)
    for member in party_members_on(ctx.organ_id, ctx.as_of):
        first_month = dues.first_due_month(member.party_joined_on, member.arrived_on)
        first_dues = max(filter(None, [first_month, start]), default=None)
        first_life = first_month or min(listed.get(member.id, set()), default=None)
        dues_months = months_between(first_dues, last) if start and first_dues else []
        life_months = months_between(first_life, last) if first_life else []
        yield Subject(
            type="org.person",
            id=str(member.id),
            label=member.name,
            link=f"/partylife/dues/?person={member.id}",
            unit_id=member.unit_id,
            # The branch follows a lapsing member up (谈话, 核实有无正当理由, 支部大会), hence its secretary.
            person_id=secretaries.get(member.branch_id) if member.branch_id else None,
            data={
                "last": last,
                "unpaid": unpaid_run(dues_months, settled.get(member.id, set())),
                "absent": absent_run(life_months, listed.get(member.id, set()), took_part.get(member.id, set())),
            },
        )


def _turns_red(run: Sequence[dt.date], last: dt.date, months_red: int) -> dt.date:
    """The month in which a run reached (or, going on, will reach) the red count."""
    return run[months_red - 1] if len(run) >= months_red else add_months(last, months_red - len(run))


@rule(
    code="PL-015",
    short="连续未交党费或未参加组织生活",
    title="党员连续6个月不参加组织生活或不交党费",
    basis="《中国共产党章程》第九条（党员没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，"
    "或不做党所分配的工作，就被认为是自行脱党）",
    category="组织生活",
    subjects="党员",
    severity_policy="连续未交党费或未参加组织生活（任一情形）满黄色月数为黄色，满红色月数为红色；按整月计",
    params=[MONTHS_RED, MONTHS_YELLOW],
    collect=collect_lapses,
)
def lapsed_membership(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    unpaid, absent, last = subject.data["unpaid"], subject.data["absent"], subject.data["last"]
    worst = max(unpaid, absent, key=len)
    warn_from = min(p.months_yellow, p.months_red)
    if len(worst) < warn_from:
        return None
    parts = []
    if len(unpaid) >= warn_from:
        parts.append(f"连续{len(unpaid)}个月未交纳党费（{unpaid[0]:%Y年%m月}起）")
    if len(absent) >= warn_from:
        parts.append(f"连续{len(absent)}个月未参加党支部组织生活（{absent[0]:%Y年%m月}起）")
    text = f"{subject.label}截至{last:%Y年%m月}" + "，".join(parts)
    due = containing("month", _turns_red(worst, last, p.months_red)).due
    if len(worst) >= p.months_red:
        text += f"，已满{p.months_red}个月，请党支部核实有无正当理由，按党章第九条处理"
        return Verdict(Severity.RED, text, due)
    text += f"，请党支部及时谈话提醒；连续满{p.months_red}个月将按党章第九条处理"
    return Verdict(Severity.YELLOW, text, due)
