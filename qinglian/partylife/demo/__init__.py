"""The partylife app's part of the demo organ (see qinglian/core/demo.py for the contract).

From 1 January of last year to `ctx.today`: each branch's 三会一课, 主题党日 and year-end meetings with
agendas (the 第一议题 first) and attendance, its annual plans with held meetings linked to their slots; the
leading group's 理论学习中心组学习 and 民主生活会 (every step of last year's, this year's in preparation);
谈心谈话 and study records; every member's 党费 month by month. A few honest gaps are left for the rules to find
(see `Gaps`, and `dues.DuesGaps` for the dues):

- one branch skips its 支委会 in one month of this year;
- one party group misses two monthly meetings this year;
- one branch has not yet held its 党课 this quarter;
- one 党组成员 attends no meeting of his branch in the last quarter (always on leave);
- five members are away most of last year (驻村, 住院, 借调) and end it under 32 hours of study;
- last year a few committee–member pairs never held their 谈心谈话;
- one member is three to five months behind with their dues, another six or more (PL-015);
- one member lost touch with the branch four months ago and is being searched for (PL-020, yellow);
- one 支委会 this year met with only half its members (PL-019; every other one reaches its quorum), and one vote
  this year was carried with only half the votes due (PL-018);
- last year's 民主生活会 materials were drafted a day before the heart-to-heart talks (PL-016, yellow), and the
  meeting was brought forward into September with the superior's consent entered only after it (PL-021, red).
"""

from __future__ import annotations

from qinglian.core.demo import DemoContext, app_rng
from qinglian.org.demo.accounts import PERSONAS
from qinglian.org.models import User
from qinglian.partylife.demo import contact, dues, evidence, meetings, people
from qinglian.partylife.demo.state import PartyDemo
from qinglian.partylife.models import LostContact, Meeting
from qinglian.partylife.selectors.dues import last_whole_month

__all__ = ["build"]


def build(ctx: DemoContext) -> None:
    pd = PartyDemo(organ=ctx.organ, rng=ctx.random, today=ctx.today)
    counts = meetings.build(pd)
    ctx.say(
        f"组织生活会议 {counts['meetings']} 次（出勤记录 {counts['attendance']} 条），"
        f"年度计划 {len(pd.branches) * 2} 份（{counts['plan_slots']} 项）"
    )
    talks = people.heart_talks(pd)
    records = people.study_records(pd)
    people.backdate(pd)
    ctx.say(f"谈心谈话 {len(talks)} 次，学习培训记录 {len(records)} 条")
    paid, dues_gaps = dues.build(pd)
    ctx.say(f"党费记录 {len(paid)} 条（少交 {len(dues_gaps.short)} 个月）")
    lost = contact.build(pd, taken=set(dues_gaps.behind) | {pid for pid, _ in dues_gaps.short})
    ctx.say("失去联系党员登记 1 条")
    files = attach_evidence(ctx)
    ctx.say(f"会议记录、现场照片等佐证材料 {files} 份（加密存储）")
    for line in [*describe_gaps(pd), *describe_dues_gaps(pd, dues_gaps), describe_lost_contact(pd, lost)]:
        ctx.say(line)


def attach_evidence(ctx: DemoContext) -> int:
    """Every meeting's minutes (and photo) as evidence, uploaded by the office that keeps the ledgers; drawn from a
    generator of their own (evidence.py)."""
    officer = next(p.username for p in PERSONAS if p.key == "party_officer")
    held = Meeting.objects.filter(organ=ctx.organ).select_related("branch", "party_group").order_by("date", "id")
    return evidence.attach_minutes(
        ctx.organ, held, by=User.objects.get(username=officer), rng=app_rng(ctx.seed, "partylife.evidence")
    )


def describe_gaps(pd: PartyDemo) -> list[str]:
    """The gaps left for the rules, in Chinese, for the build's progress lines."""
    gaps, names = pd.gaps, pd.names
    branch = {b.pk: b.name for b in pd.branches}
    group = {g.pk: g.name for groups in pd.groups.values() for g in groups}
    lines = []
    if gaps.committee:
        branch_id, year, month = gaps.committee
        lines.append(f"留给规则的缺口：{branch[branch_id]} {year}年{month}月未召开支委会")
    if gaps.group:
        group_id, year, months = gaps.group
        lines.append(f"留给规则的缺口：{group[group_id]} {year}年{'、'.join(map(str, months))}月未开党小组会")
    if gaps.lecture_branch:
        lines.append(f"留给规则的缺口：{branch[gaps.lecture_branch]} 本季度尚未上党课")
    if gaps.leader:
        person_id, year, quarter = gaps.leader
        lines.append(f"留给规则的缺口：党组成员{names[person_id]} {year}年第{quarter}季度未参加所在支部组织生活")
    if gaps.long_absent:
        who = "、".join(names[p] for p in gaps.long_absent)
        lines.append(f"留给规则的缺口：{who} {pd.years[0]}年长期不在岗，学时不足32")
    lines.append(f"留给规则的缺口：{pd.years[0]}年度民主生活会提前至9月召开，会后才登记上级党组织同意")
    return lines


def describe_dues_gaps(pd: PartyDemo, gaps: dues.DuesGaps) -> list[str]:
    last = f"{last_whole_month(pd.today):%Y年%m月}"
    return [f"留给规则的缺口：{pd.names[pid]} 截至{last}已连续{n}个月未交党费" for pid, n in gaps.behind.items()]


def describe_lost_contact(pd: PartyDemo, record: LostContact) -> str:
    return f"留给规则的缺口：{pd.names[record.person_id]} 自{record.lost_since:%Y年%m月%d日}起与党组织失去联系，查找中"
