"""Key supervision and the year's handling report: the supervision plan of each key suggestion (NPC-012) and the
report on the year's handling, heard by the Standing Committee and made public before the next session (NPC-013).

NPC-012. 代表法 (2025) Art.52 ¶2 lets the chairpersons' meeting decide the suggestions to be supervised as key
ones; the Zhejiang rules make the committees propose them and the chairpersons' meeting decide (Art.12), and require
the committee to draw up a specific supervision plan for each (Art.28 ¶2: "应当制定具体督办方案"). Neither text sets
a time for the plan: the month counted from the decision is a parameter shipped as unconfirmed. The finding goes to
the supervising committee and its leader.

NPC-013. 代表法 (2025) Art.51 ¶3: the handling is reported to the Standing Committee and 印发下一次人民代表大会会议;
the report 应当予以公开. The Zhejiang rules (Art.29) and measures (Art.42) say the same, the rules naming the
channels. So the report must be heard and published before the next session opens. The suggestions desk prepares
it and keeps the ledger, so the finding goes to it.

Checked for a day, a decision, plan, hearing or publication dated after it had not happened; a suggestion
unmarked since is read from its history (selectors.supervision); a session is a plan and stands.
"""

from __future__ import annotations

from collections.abc import Iterator

from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof
from qinglian.npc.choices import DeskKind
from qinglian.npc.deadlines import supervision_plan_due
from qinglian.npc.permissions import desk_unit_id
from qinglian.npc.rules.common import (
    LAW,
    LOOK_BACK,
    WARN,
    Deadline,
    deadline_verdict,
    unit_head_person_ids,
    window_years,
)
from qinglian.npc.selectors.reports import plenary_starts, report_deadline, report_years
from qinglian.npc.selectors.supervision import key_suggestions_as_of

CATEGORY = "代表建议办理"
ZJ_2016 = "《浙江省人民代表大会代表建议、批评和意见办理的规定》（2016年修正）"
ZJ_MEASURES = "《浙江省实施〈代表法〉办法》（2016年修正）"

# --- NPC-012 重点督办建议的督办工作方案 --------------------------------------------------------------------------


def collect_key_suggestions(ctx: Context) -> Iterator[Subject]:
    """Each suggestion of the look-back years that was key on the day, with the start of its plan's period."""
    years = window_years(ctx.as_of, ctx.params.look_back_years)
    for key in key_suggestions_as_of(organ_id=ctx.organ_id, years=years, as_of=ctx.as_of):
        yield Subject(
            type="npc.suggestion",
            id=str(key.id),
            label=f"{key.number}《{key.title}》",
            period=str(key.year),
            link=f"/npc/suggestions/{key.id}/",
            unit_id=key.committee_id,
            person_id=key.leader_id,
            data={"start": key.start, "decided": key.decided_on is not None, "plan_on": key.plan_on},
        )


@rule(
    code="NPC-012",
    title="重点督办建议确定后制定督办工作方案（期限未核实，默认一个月）",
    basis=f"{LAW}第五十二条第二款（主任会议可以确定重点督促办理的代表建议）；{ZJ_2016}第十二条（主任会议研究确定重点督办建议）、"
    "第二十八条第二款（对需要重点督办的代表建议，专门委员会应当制定具体督办方案）；制定方案的期限未见规定，为未核实的参数",
    category=CATEGORY,
    subjects="确定为重点督办的代表建议",
    severity_policy="期限前N个工作日仍未登记督办工作方案为黄色；超过期限未制定为红色；逾期制定为红色并作为违规记录在案",
    params=[
        Param(
            "plan_months",
            "制定督办工作方案期限",
            unit="个月",
            minimum=1,
            maximum=6,
            period="months",
            help="自主任会议确定重点督办之日起算；未登记确定日期的，自交办之日起算",
        ),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_key_suggestions,
    short="重点督办方案超期",
)
def supervision_plan_drawn_up(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due = supervision_plan_due(subject.data["start"], p.plan_months)
    label = subject.label if subject.data["decided"] else f"{subject.label}（未登记确定重点督办日期，自交办日起算）"
    plan = Deadline("制定督办工作方案", due, subject.data["plan_on"])
    return deadline_verdict(label, plan, ctx.as_of, p.warn_working_days)


# --- NPC-013 办理情况报告 --------------------------------------------------------------------------------------


def _desk(organ_id: int) -> tuple[int | None, int | None]:
    desk = desk_unit_id(organ_id, DeskKind.SUGGESTIONS)
    return desk, (unit_head_person_ids(organ_id, {desk}).get(desk) if desk else None)


def collect_report_years(ctx: Context) -> Iterator[Subject]:
    """Each year of the window that owes a report on the day, with its deadline and the report's dates."""
    years = window_years(ctx.as_of, ctx.params.look_back_years)
    starts = plenary_starts(organ_id=ctx.organ_id, as_of=ctx.as_of)
    desk, head = _desk(ctx.organ_id)
    for year, report in report_years(organ_id=ctx.organ_id, years=years, as_of=ctx.as_of).items():
        yield Subject(
            type="org.organ",
            id=str(ctx.organ_id),
            label=f"{year}年度代表建议办理情况的报告",
            period=str(year),
            link="/npc/reports/",
            unit_id=desk,
            person_id=head,
            data={
                "deadline": report_deadline(year, starts, ctx.params.days_before_session),
                "reported_on": report.reported_on,
                "published_on": report.published_on,
            },
        )


@rule(
    code="NPC-013",
    title="代表建议办理情况的报告在下次人民代表大会会议前经常委会听取并向社会公开",
    basis=f"{LAW}第五十一条第三款（办理情况向本级人民代表大会常务委员会报告，并印发下一次人民代表大会会议；"
    f"办理情况的报告应当予以公开）；{ZJ_2016}第二十九条（常委会会议审议后印发下次会议，通过门户网站和代表履职服务平台"
    f"向社会和代表公开）；{ZJ_MEASURES}第四十二条",
    category=CATEGORY,
    subjects="有代表建议的办理年度",
    severity_policy="下次会议前N个工作日仍未听取或未公开为黄色；会前未听取、未公开为红色；逾期听取或公开为红色并作为违规记录在案。"
    "下次会议尚未登记的，按本年度会议一年后估算",
    params=[
        Param(
            "days_before_session",
            "于下次会议举行前几日完成",
            unit="日",
            minimum=1,
            maximum=60,
            period="days_before",
            help="1 = 会前（下次会议开幕的前一日，落在节假日的提前至节前最后一个工作日）",
        ),
        Param(
            "warn_working_days",
            "到期前提醒（工作日）",
            unit="个工作日",
            minimum=0,
            maximum=120,
            period="working_days",
            help="常委会约两个月举行一次会议：提前约六周提醒，便于列入会前最后一次常委会会议议程",
        ),
        LOOK_BACK,
    ],
    collect=collect_report_years,
    short="办理情况报告未按期听取公开",
)
def handling_report_heard_and_published(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    deadline = subject.data["deadline"]
    if deadline is None:  # neither this year's session nor the next is in the ledger: nothing to count from
        return None
    label = f"{subject.label}（{deadline.text}）" if deadline.estimated else subject.label
    heard = asof.known(subject.data["reported_on"], ctx.as_of)
    warn = p.warn_working_days
    if heard is None:
        return deadline_verdict(label, Deadline("经常委会会议听取并向社会公开", deadline.due, None), ctx.as_of, warn)
    late = deadline_verdict(label, Deadline("经常委会会议听取", deadline.due, heard), ctx.as_of, warn)
    if late is not None:
        return late
    published = subject.data["published_on"]
    done = Deadline("向社会公开", deadline.due, published)
    return deadline_verdict(f"{label}（已于{heard:%Y-%m-%d}经常委会会议听取）", done, ctx.as_of, warn)
