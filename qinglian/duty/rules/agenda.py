"""How often the Party group studies its three duties (DUTY-005…007): meetings of the leading group with at
least one agenda item tagged 意识形态 / 党风廉政建设 / 全面从严治党 (duty.AgendaTag), per half-year or year.
A check for a past day counts the meetings held by then (dated on or before it); the warning window counts the
organ's working days back from the period's last working day.

The central texts do not give these figures in a form we could confirm (docs/duty.md): the defaults are
the common local practice and every parameter set says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from qinglian.compliance.periods import Period, frequency, look_back, recent
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.duty.choices import Theme
from qinglian.duty.rules.common import CATEGORY, MAIN_BASIS, WARN
from qinglian.duty.selectors.boards import agenda_theme_counts
from qinglian.duty.selectors.people import secretary_of
from qinglian.org.models import Organ


def _collector(kind: str, theme: str) -> Callable[[Context], Iterator[Subject]]:
    """The Party group × period for the rule's look-back window, with the count of meetings on `theme`."""

    def collect(ctx: Context) -> Iterator[Subject]:
        organ = Organ.objects.get(pk=ctx.organ_id)
        secretary = secretary_of(ctx.organ_id, ctx.as_of)
        for period in recent(kind, ctx.as_of, ctx.params.look_back):
            counts = agenda_theme_counts(organ_id=ctx.organ_id, start=period.start, end=period.end, as_of=ctx.as_of)
            yield Subject(
                type="org.organ",
                id=str(organ.pk),
                label=f"{organ.short_name or organ.name}党组",
                period=period.key,
                link=f"/duty/agenda/?year={period.start.year}",
                person_id=secretary,
                data={"held": counts.get(theme, 0), "period": period},
            )

    return collect


def _study(subject: Subject, p: Params, ctx: Context, what: str) -> Verdict | None:
    period: Period = subject.data["period"]
    return frequency(
        what=f"{subject.label}{what}",
        held=subject.data["held"],
        need=p.min_count,
        period=period,
        as_of=ctx.as_of,
        warn=p.warn_working_days,
    )


@rule(
    code="DUTY-005",
    title="党组每半年至少专题研究1次意识形态工作（地方惯例）",
    basis="《党委（党组）意识形态工作责任制实施办法》（中央原文未公开；“每半年至少1次”或“每年至少2次”见各地实施细则）",
    category=CATEGORY,
    subjects="党组×半年",
    severity_policy="半年结束未研究为红色（违规记录）；期末前N个工作日仍未研究为黄色",
    params=[Param("min_count", "每半年次数", unit="次", minimum=1), WARN, look_back("半年", "个半年")],
    collect=_collector("half", Theme.IDEOLOGY),
    short="党组未专题研究意识形态工作",
)
def ideology_half_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return _study(subject, p, ctx, "会议专题研究意识形态工作")


@rule(
    code="DUTY-006",
    title="党组每年至少2次专题研究党风廉政建设（地方惯例）",
    basis=f"{MAIN_BASIS}；“每年至少2次专题研究党风廉政建设”为各地主体责任清单通行做法，中央文件未见该数字",
    category=CATEGORY,
    subjects="党组×年度",
    severity_policy="年度结束不足为红色（违规记录）；年末前N个工作日仍不足为黄色",
    params=[Param("min_count", "每年次数", unit="次", minimum=1), WARN, look_back("年度", "年")],
    collect=_collector("year", Theme.INTEGRITY),
    short="党组专题研究党风廉政建设不足",
)
def integrity_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return _study(subject, p, ctx, "会议专题研究党风廉政建设")


@rule(
    code="DUTY-007",
    title="党组每半年至少研究1次全面从严治党工作（待核实）",
    basis=f"{MAIN_BASIS}第三章（规定有“每半年”须做的事项，原文未能核实其内容，此处按专题研究全面从严治党工作设置）",
    category=CATEGORY,
    subjects="党组×半年",
    severity_policy="半年结束未研究为红色（违规记录）；期末前N个工作日仍未研究为黄色",
    params=[Param("min_count", "每半年次数", unit="次", minimum=1), WARN, look_back("半年", "个半年")],
    collect=_collector("half", Theme.STRICT_GOVERNANCE),
    short="党组未研究全面从严治党工作",
)
def strict_governance_half_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return _study(subject, p, ctx, "会议研究全面从严治党工作")
