"""INT-030 廉政风险点每年复核: every risk point is reviewed at least every `review_months` months (年度排查更新), and
every internal unit has looked for its risks at all.

There is no central figure: 廉政风险防控 practice (各地通行做法) is a yearly review of the register, so the
parameters ship with confidence "low" (rule_params.json). Checked for a day D, the register is read as it stood
(selectors.risks.register_on): risk points identified on or before D and not retired by D, the unit and owner
they had then, and the reviews dated on or before D.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import OVERDUE_DAYS, Context, Param, Params, Subject, Verdict, rule
from qinglian.core import workdays
from qinglian.integrity.selectors.risks import register_on, review_due
from qinglian.org.selectors import unit_heads

CATEGORY = "党风廉政建设"
BASIS = (
    "《建立健全惩治和预防腐败体系2013—2017年工作规划》（中共中央2013年，深化廉政风险防控；条目未核实）；"
    "廉政风险防控工作通行做法：查找岗位职责、业务流程、制度机制等方面的廉政风险点，评定风险等级（高/中/低），"
    "制定防控措施，明确责任人，定期排查更新（年度排查更新）。无中央统一的复核频次规定，本机关制度原文未找到："
    "默认每12个月至少复核一次，为低可信度参数，请按本机关廉政风险防控制度设置"
)


def _heads(organ_id: int, unit_ids: set[int]) -> dict[int, int]:
    return {unit: people[0] for unit, people in unit_heads(organ_id, unit_ids).items()}


def collect(ctx: Context) -> Iterator[Subject]:
    """Each risk point standing on the day, with its review due date; and each internal unit with none — only
    when the organ has at least one risk point that day: an organ that does not keep the register here (yet)
    would otherwise get one finding per unit, which says nothing about its risk control."""
    register = register_on(ctx.organ_id, ctx.as_of)
    if not register.any_risk:
        return
    heads = _heads(ctx.organ_id, set(register.units) | {r.unit_id for r in register.risks})
    for risk in register.risks:
        due = review_due(risk.identified_on, risk.last_review, ctx.params.review_months)
        yield Subject(
            type="integrity.riskpoint",
            id=str(risk.id),
            label=risk.label,
            link=reverse("integrity_risk", args=[risk.id]),
            unit_id=risk.unit_id,
            person_id=risk.owner_id or heads.get(risk.unit_id),
            data={"due": due, "last": risk.last_review, "identified_on": risk.identified_on},
        )
    covered = {r.unit_id for r in register.risks}
    for unit_id, name in sorted(register.units.items()):
        if unit_id in covered:
            continue
        yield Subject(
            type="org.unit",
            id=str(unit_id),
            label=name,
            link=f"{reverse('integrity_risks')}?unit={unit_id}",
            unit_id=unit_id,
            person_id=heads.get(unit_id),
            data={"empty": True},
        )


@rule(
    code="INT-030",
    title="廉政风险点每年复核",
    basis=BASIS,
    category=CATEGORY,
    subjects="登记在册的廉政风险点；本机关各内设委室",
    severity_policy="超过复核期限未复核为红色（待办）；复核期限前N个工作日内为黄色；"
    "机关已登记风险点而某委室一个也没有为黄色（未排查廉政风险点）",
    params=[
        Param(
            "review_months",
            "复核周期（月）",
            unit="个月",
            minimum=1,
            maximum=36,
            period="months",
            help="自上次复核（未复核的自排查日期）起算；默认12个月，即每年至少复核一次",
        ),
        Param(
            "warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=60, period="working_days"
        ),
    ],
    collect=collect,
    short="廉政风险点未按期复核",
)
def risk_reviewed(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    if subject.data.get("empty"):
        return Verdict(Severity.YELLOW, f"{subject.label}未排查廉政风险点：登记表中没有本委室的风险点")
    due, last = subject.data["due"], subject.data["last"]
    since = f"上次复核于{last:%Y-%m-%d}" if last else f"排查于{subject.data['identified_on']:%Y-%m-%d}，尚未复核"
    if ctx.as_of > due:
        return Verdict(Severity.RED, f"{subject.label}：{since}，应于{due:%Y-%m-%d}前复核，已逾期{OVERDUE_DAYS}", due)
    if workdays.working_days_between(ctx.as_of, due) <= p.warn_working_days:
        return Verdict(Severity.YELLOW, f"{subject.label}：{since}，请于{due:%Y-%m-%d}前复核", due)
    return None
