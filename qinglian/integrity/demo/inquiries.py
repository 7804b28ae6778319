"""Demo data of the proposals (纪检监察建议) and letters of inquiry (谈话函询) over the two demo years.

Four proposals recorded by the stationed group's account (jijian) through its own service — the write its
registered URL names lead to — and replied by the party-affairs office (dangwei) or the head of the unit addressed
(fuzeren). Planted for INT-050: this year's proposal to fuzeren's unit is replied 45 days after it was served (a
red, recorded finding). Two letters of inquiry, each answered on time with the secretary's (shuji) signed opinion:
INT-051 finds nothing.
"""

from __future__ import annotations

import datetime as dt

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import moment
from qinglian.integrity.choices import ProposalKind
from qinglian.integrity.models import DisciplineProposal, InquiryLetter
from qinglian.integrity.services.inquiries import inquiry_reply, inquiry_save, proposal_reply, proposal_save
from qinglian.org.models import Unit, User
from qinglian.org.scope import scope_of

PREFIX = {ProposalKind.DISCIPLINE: "建", ProposalKind.SUPERVISION: "监建"}
# (year offset, month, day, kind, target: "unit" or None, title, summary, reply after N days, by "head"/"office")
PROPOSALS = (
    (
        -1,
        4,
        14,
        ProposalKind.DISCIPLINE,
        "unit",
        "关于加强公务接待审批管理的纪律检查建议书",
        "个别公务接待未附公函、接待清单填写不全，建议完善审批和清单制度，开展一次自查。",
        18,
        "head",
    ),
    (
        -1,
        10,
        20,
        ProposalKind.SUPERVISION,
        None,
        "关于规范机关公务用车使用管理的监察建议书",
        "公务用车派车单与行车记录不一致，建议健全派车、登记和费用结算制度。",
        24,
        "office",
    ),
    (
        0,
        3,
        10,
        ProposalKind.DISCIPLINE,
        "unit",
        "关于落实立法项目论证廉洁风险防控的纪律检查建议书",
        "立法调研委托第三方论证的程序不够规范，建议明确委托、评审和回避要求。",
        45,  # planted: replied after the 30 days (INT-050)
        "head",
    ),
    (
        0,
        8,
        18,
        ProposalKind.SUPERVISION,
        None,
        "关于加强机关财务报销审核的监察建议书",
        "差旅费报销审核把关不严，建议完善报销审核流程和抽查机制。",
        20,
        "office",
    ),
)


def _user(ctx: DemoContext, username: str) -> User:
    return User.objects.get(username=username)


def _working(day: dt.date) -> dt.date:
    return day if workdays.is_working_day(day) else workdays.next_working_day(day)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "integrity.inquiries")
    group, office, head, secretary = (_user(ctx, n) for n in ("jijian", "dangwei", "fuzeren", "shuji"))
    head_units = sorted(scope_of(head).head_unit_ids)
    unit = Unit.objects.get(pk=head_units[0]) if head_units else None
    _proposals(ctx, group, office, head, unit)
    _letters(ctx, rng, office, secretary)


def _proposals(ctx: DemoContext, group: User, office: User, head: User, unit: Unit | None) -> None:
    year = ctx.today.year
    for n, (offset, month, day, kind, target, title, summary, after, by) in enumerate(PROPOSALS, start=1):
        issued = _working(dt.date(year + offset, month, day))
        replied = _working(issued + dt.timedelta(days=after))
        if replied > ctx.today:
            continue
        with clock.replaying(moment(issued, 10)):
            proposal = proposal_save(
                proposal=DisciplineProposal(
                    organ=ctx.organ,
                    kind=kind,
                    number=f"驻机关纪检监察组{PREFIX[kind]}〔{issued.year}〕{n}号",
                    issued_on=issued,
                    title=title,
                    summary=summary,
                    target_unit=unit if target == "unit" else None,
                ),
                by=group,
            )
        replier = head if by == "head" and unit is not None else office
        with clock.replaying(moment(replied, 15)):
            proposal_reply(
                proposal=proposal,
                replied_on=replied,
                reply_no=f"常办函〔{replied.year}〕{10 + n * 7}号",
                reply_summary="已召开专题会议研究整改，逐项制定措施，修订相关制度，整改情况书面报告派驻纪检监察组。",
                by=replier,
            )


def _letters(ctx: DemoContext, rng, office: User, secretary: User) -> None:
    subjects = [_user(ctx, "ganbu").person, _user(ctx, "fuzhuren").person]
    year = ctx.today.year
    for n, (subject, received) in enumerate(
        zip(subjects, (dt.date(year - 1, 6, 9), dt.date(year, 5, 12)), strict=True), start=1
    ):
        received = _working(received)
        signed = workdays.add_working_days(received, rng.randint(6, 10))
        replied = workdays.add_working_days(signed, 1)
        if replied > ctx.today:
            continue
        with clock.replaying(moment(received, 11)):
            letter = inquiry_save(
                letter=InquiryLetter(
                    organ=ctx.organ,
                    subject=subject,
                    number=f"驻机关纪检监察组函〔{received.year}〕{n}号",
                    received_on=received,
                ),
                by=office,
            )
        with clock.replaying(moment(replied, 16)):
            inquiry_reply(letter=letter, signer=secretary.person, signed_on=signed, replied_on=replied, by=office)
