"""The duty app's part of the demo organ (see qinglian/core/demo.py for the contract).

Last year's 全面从严治党主体责任清单 (39 items in six sections) and this year's, started from it with the copy
service and then edited (so the copy/diff page has something to show): each item led by a 党组成员, a lead unit
and co-units, a deadline or a monthly/quarterly report. A year of work on the tasks as the office, the unit
heads and the leaders record it; this year's 党风廉政建设责任书 with 补签 after personnel events; 督办单 and 约谈;
the Party group's monthly 党组会议 with tagged agenda items; its yearly reports to the 市委 on its main
responsibility, by the organ's own date (3月15日). Slips left for the rules (see `Slips`):

- four tasks past their deadline in three units (two in 法工委, the demo unit head's), one never claimed;
- two recurring reports missing for a past month and quarter;
- a few completions waiting for 销号;
- five letters unsigned, one 补签 signed late;
- a 督办单 unanswered past its reply date;
- one half-year in which the Party group's agenda has no 意识形态 item;
- last year's report to the 市委 sent a week late.
"""

from __future__ import annotations

from qinglian.core.demo import DemoContext, app_rng
from qinglian.duty.demo import agenda, dating, evidence, letters, lists, oversight, progress, reports
from qinglian.duty.demo.state import DutyDemo
from qinglian.duty.models import DutyAssignment, DutyItem, ResponsibilityLetter

__all__ = ["build"]


def build(ctx: DemoContext) -> None:
    dd = DutyDemo(organ=ctx.organ, rng=ctx.random, today=ctx.today, paper=app_rng(ctx.seed, "duty.evidence"))
    _build(ctx, dd)
    for line in describe_slips(dd):
        ctx.say(line)


def _build(ctx: DemoContext, dd: DutyDemo) -> None:
    made = lists.build(dd)
    this = made[ctx.today.year]
    done = progress.build(dd, made)
    items = {year: DutyItem.objects.filter(duty_list=lst).count() for year, lst in sorted(made.items())}
    ctx.say(
        "责任清单 "
        + "，".join(f"{year}年 {n} 项" for year, n in items.items())
        + f"（{this.get_status_display()}）；认领 {done['claimed']} 次，进展报告 {done['reports']} 份，"
        f"销号 {done['confirmed']} 项"
    )
    signed = letters.build(dd, made)
    ctx.say(f"责任书两年 {signed['letters']} 份，年初签订 {signed['signed']} 份")
    ctx.say(f"人事变动后补签 {signed['after_events']} 份")
    watched = oversight.build(dd)
    met = agenda.build(dd)
    ctx.say(f"督办单 {watched['notices']} 份，约谈 {watched['talks']} 次")
    ctx.say(f"党组会议 {met['meetings']} 次，议题标注 {met['tags']} 个")
    sent = reports.build(dd)
    ctx.say(f"向市委报送主体责任年度报告 {sent['reports']} 份（本机关报送期限3月15日）")
    ctx.say(f"工作台账、完成情况报告、责任书签字盖章件、党组会议记录等佐证材料 {evidence.flush(dd)} 份（加密存储）")
    dating.redate(dd)


def describe_slips(dd: DutyDemo) -> list[str]:
    """The slips left for the rules, in Chinese, for the build's progress lines."""
    slips, lines = dd.slips, []
    tasks = DutyAssignment.objects.filter(pk__in=slips.overdue).select_related("unit", "item")
    if slips.overdue:
        named = "、".join(f"{a.unit.short_name}（第{a.item.order}项）" for a in tasks.order_by("unit__order"))
        lines.append(f"留给规则的缺口：逾期未完成任务 {len(slips.overdue)} 项：{named}")
    if slips.missing_reports:
        missing = DutyAssignment.objects.in_bulk([pk for pk, _ in slips.missing_reports])
        named = "、".join(f"{missing[pk].unit.short_name} {period}" for pk, period in slips.missing_reports)
        lines.append(f"留给规则的缺口：周期性报告缺报 {named}")
    unsigned = ResponsibilityLetter.objects.filter(pk__in=slips.unsigned_letters).select_related("signer")
    if unsigned:
        lines.append(f"留给规则的缺口：责任书未签订 {'、'.join(x.signer.name for x in unsigned)}")
    if slips.late_letter:
        lines.append(f"留给规则的缺口：{ResponsibilityLetter.objects.get(pk=slips.late_letter).signer.name} 补签超时")
    if slips.ideology_gap:
        lines.append(f"留给规则的缺口：党组会议 {slips.ideology_gap} 未研究意识形态工作")
    if slips.late_report:
        lines.append(f"留给规则的缺口：{slips.late_report}年度落实主体责任情况报告逾期报送市委")
    return lines
