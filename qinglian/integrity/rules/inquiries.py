"""Rules on the stationed group's proposals and letters of inquiry: the organ replies in writing to a discipline
or supervision proposal within the days set (INT-050), and a letter of inquiry is answered within 15 working
days with the Party group secretary's signed opinion (INT-051).

Checked for a day D: a proposal or letter dated after D was not yet received, a reply dated after D had not been
made, a record soft-deleted after D still stood. Lateness of a reply is a recorded red (it can no longer be made
on time); no reply after the due date is an open red; due within the warning days is yellow. A letter's finding
names only its dates and status — never its content, which the organ does not keep.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.deadlines import deadline_verdict
from qinglian.compliance.owners import party_office
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.integrity.models import DisciplineProposal, InquiryLetter
from qinglian.org.selectors import unit_heads

CATEGORY = "党风廉政建设"
WARN = Param("warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=30, period="working_days")
LOOK_BACK = Param("look_back_years", "检查最近几个年度", unit="年", minimum=1, maximum=5, help="2 = 本年度和上一年度")
SUPERVISION_LAW = "《中华人民共和国监察法》（2024年修正）"
RULES_2019 = "《中国共产党纪律检查机关监督执纪工作规则》（2019年）"


def first_year(ctx: Context) -> int:
    return ctx.as_of.year - int(ctx.params.look_back_years) + 1


# --- INT-050 纪检监察建议按期书面回复 ---------------------------------------------------------------------------


def proposal_due(issued_on: dt.date, reply_days: int) -> dt.date:
    """送达后N日内: the period starts the next day; a rest day at its end moves to the next working day."""
    return workdays.add_days(issued_on, reply_days)


def collect_proposals(ctx: Context) -> Iterator[Subject]:
    """The proposals served from the first year of the window to D, as they stood on D."""
    rows = list(
        DisciplineProposal.all_objects.filter(
            asof.live_on(ctx.as_of),
            organ_id=ctx.organ_id,
            issued_on__lte=ctx.as_of,
            issued_on__gte=dt.date(first_year(ctx), 1, 1),
        ).select_related("target_unit")
    )
    heads = unit_heads(ctx.organ_id, {p.target_unit_id for p in rows if p.target_unit_id})
    office = party_office(ctx.organ_id) if any(p.target_unit_id is None for p in rows) else None
    for p in rows:
        if p.target_unit_id is not None:
            unit_id, person_id = p.target_unit_id, (heads.get(p.target_unit_id) or [None])[0]
        else:
            unit_id, person_id = office.unit_id, office.person_id
        yield Subject(
            type="integrity.disciplineproposal",
            id=str(p.pk),
            label=f"{p.number}《{p.title}》",
            period=str(p.issued_on.year),
            link=f"/integrity/proposals/{p.pk}/",
            unit_id=unit_id,
            person_id=person_id,
            data={"issued_on": p.issued_on, "replied_on": p.replied_on},
        )


@rule(
    code="INT-050",
    title="纪检监察建议按期书面回复（默认送达后30日内，期限未核实）",
    basis=(
        f"{SUPERVISION_LAW}（2018年文本第四十五条第一款第五项：对监察对象所在单位廉政建设和履行职责存在的问题等"
        "提出监察建议；修正后条号未核对）；"
        f"{RULES_2019}（纪律检查建议书，被建议单位应在规定期限内书面回复整改情况）；"
        "期限以建议书载明为准，默认30日为未核实的参数"
    ),
    category=CATEGORY,
    subjects="派驻纪检监察组送达本机关的纪律检查建议书、监察建议书",
    severity_policy="逾期才回复为红色（违规记录）；逾期未回复为红色；到期前N个工作日未回复为黄色",
    params=[
        Param("reply_days", "书面回复期限（日）", unit="日", minimum=1, maximum=180, period="days"),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_proposals,
    short="纪检监察建议逾期回复",
)
def proposal_replied(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due = proposal_due(subject.data["issued_on"], int(p.reply_days))
    warn = int(p.warn_working_days)
    return deadline_verdict(subject.label, "书面回复", due, subject.data["replied_on"], ctx.as_of, warn)


# --- INT-051 函询15个工作日内回复 -------------------------------------------------------------------------------


def inquiry_due(received_on: dt.date, working_days: int) -> dt.date:
    """收到函件后N个工作日内: counted from the next working day (the day of receipt never counts)."""
    return workdays.add_working_days(received_on, working_days)


def collect_inquiries(ctx: Context) -> Iterator[Subject]:
    """The letters received from the first year of the window to D, as they stood on D. The finding names the day
    of receipt only and goes to the party-affairs office, which follows the reply up: findings are read by every
    organ reader (leaders included), who are outside a letter's circle, so who was asked is not on it either."""
    rows = InquiryLetter.all_objects.filter(
        asof.live_on(ctx.as_of),
        organ_id=ctx.organ_id,
        received_on__lte=ctx.as_of,
        received_on__gte=dt.date(first_year(ctx), 1, 1),
    ).values_list("pk", "received_on", "replied_on")
    office = party_office(ctx.organ_id)
    for pk, received_on, replied_on in rows:
        yield Subject(
            type="integrity.inquiryletter",
            id=str(pk),
            label=f"{received_on:%Y-%m-%d}收到的函询",
            period=str(received_on.year),
            link=f"/integrity/inquiries/{pk}/",
            unit_id=office.unit_id,
            person_id=office.person_id,
            data={"received_on": received_on, "replied_on": replied_on},
        )


@rule(
    code="INT-051",
    title="谈话函询在收到函件后15个工作日内书面回复",
    basis=(
        f"{RULES_2019}第五章谈话函询：被函询人应当在收到函件后15个工作日内写出书面说明，"
        "经所在党委（党组）主要负责人签署意见后回复（条号未核实）"
    ),
    category=CATEGORY,
    subjects="派驻纪检监察组发给本机关干部的函询（仅日期和状态）",
    severity_policy="逾期才回复为红色（违规记录）；逾期未回复为红色；到期前N个工作日未回复为黄色",
    params=[
        Param(
            "reply_working_days", "回复期限（工作日）", unit="个工作日", minimum=1, maximum=60, period="working_days"
        ),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_inquiries,
    short="函询逾期回复",
)
def inquiry_replied(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due = inquiry_due(subject.data["received_on"], int(p.reply_working_days))
    warn = int(p.warn_working_days)
    return deadline_verdict(subject.label, "回复", due, subject.data["replied_on"], ctx.as_of, warn)
