"""The demo organ's 问题整改台账, written through the services on the replayed clock by the demo personas:

- last year's 市委巡察 feedback (last spring): the report sent on time, eight problems in four categories, every
  measure done on time with its evidence file, every problem closed — by the secretary (shuji), or by the other
  Party-group member (fuzhuren) where the secretary has a stake (he leads the unit, owns a measure);
- the Party group's democratic-life meeting of last year (held in January): four problems, all measures done;
  one of them **completed after its deadline** (INT-041, red, recorded);
- this year's 市审计局 audit feedback (a few months ago): the report sent, measures partly done; one measure
  **overdue and not done** (INT-041, red) — owned by the demo cadre (ganbu), so his workbench shows it.

No batch misses its report (INT-040 finds nothing); every other open measure is due well after today. Evidence
files are small generated PDFs (core.demo_files), stored as uploads are (evidence.demo)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import moment
from qinglian.core.demo_files import Signature, pdf_document
from qinglian.evidence.demo import DemoFile, attach
from qinglian.integrity.choices import RectificationSource
from qinglian.integrity.models import (
    LongTermMechanism,
    RectificationBatch,
    RectificationMeasure,
    RectificationProblem,
)
from qinglian.integrity.services import rectification as services
from qinglian.org.models import Person, Supervision, Unit, User
from qinglian.org.permissions import own_stake
from qinglian.org.selectors import unit_heads

# (category, problem, [(measure, days from feedback to deadline)], mechanism or "")
CIRCUIT = [
    (
        "学习贯彻习近平新时代中国特色社会主义思想方面",
        "党组理论学习中心组学习计划性不强，专题研讨不够深入，学用结合不紧密",
        [("制定年度党组理论学习中心组学习计划，每季度至少开展一次专题研讨", 75)],
        "党组理论学习中心组学习制度",
    ),
    (
        "学习贯彻习近平新时代中国特色社会主义思想方面",
        "部分委室对习近平总书记关于坚持和完善人民代表大会制度的重要思想学习不够系统",
        [("组织各委室开展专题学习并交流研讨", 90), ("将学习情况纳入年度党建考核", 150)],
        "",
    ),
    (
        "落实全面从严治党主体责任方面",
        "党组落实主体责任清单不够具体，压力传导层层递减",
        [("修订党组落实全面从严治党主体责任清单，细化到岗到人", 60)],
        "党组落实全面从严治党主体责任清单",
    ),
    (
        "落实全面从严治党主体责任方面",
        "廉政风险点排查不够全面，防控措施针对性不强",
        [("组织各委室重新排查廉政风险点，完善防控措施", 120), ("建立廉政风险点动态更新机制", 180)],
        "廉政风险防控管理办法",
    ),
    (
        "落实中央八项规定精神方面",
        "公务接待审批手续不够规范，个别接待清单填写不完整",
        [("修订机关公务接待管理办法，规范公函和接待清单", 70)],
        "机关公务接待管理办法",
    ),
    (
        "落实中央八项规定精神方面",
        "公务用车使用登记不够规范",
        [("完善公务用车使用登记和审批制度，每月公示用车情况", 100)],
        "",
    ),
    (
        "选人用人和组织建设方面",
        "干部轮岗交流不够，个别岗位任职时间较长",
        [("制定干部轮岗交流实施办法并开展一轮轮岗", 200)],
        "机关干部轮岗交流实施办法",
    ),
    (
        "选人用人和组织建设方面",
        "个别党支部“三会一课”记录不规范",
        [("开展党支部组织生活记录专项检查并督促整改", 90)],
        "",
    ),
]
DEMOCRATIC = [
    (
        "政治建设方面",
        "贯彻落实市委决策部署的主动性、系统性有待加强",
        [("建立市委重大决策部署落实情况台账，党组会每季度听取汇报", 90)],
        "党组贯彻落实重大决策部署督查督办办法",
    ),
    (
        "担当作为方面",
        "立法调研深度不够，听取基层意见不够充分",
        [("完善基层立法联系点工作机制，每部法规草案至少征求一次基层意见", 120)],
        "",
    ),
    (
        "作风建设方面",
        "文山会海问题仍有反弹，部分会议时间偏长",
        [("制定精文减会具体措施，严格控制会议数量和时长", 60)],
        "",
    ),
    (
        "作风建设方面",
        "深入基层调查研究不够，调研成果转化不充分",
        [("制定年度调研计划，班子成员每人牵头一项重点调研课题", 150)],
        "机关调查研究工作制度",
    ),
]
AUDIT = [
    (
        "预算执行方面",
        "部分项目预算执行进度偏慢，年底突击支出",
        [("建立预算执行进度月报制度", 45), ("对执行偏慢项目逐项分析原因并督促推进", 200)],
        "机关预算执行管理办法",
    ),
    (
        "资产管理方面",
        "固定资产账实不符，部分资产未及时入账",
        [("开展固定资产清查盘点，补办入账手续", 60)],
        "",
    ),
    (
        "政府采购方面",
        "个别采购项目未按规定履行意向公开程序",
        [("组织政府采购政策培训，修订机关采购内控制度", 90)],
        "",
    ),
    (
        "财务管理方面",
        "部分差旅费报销审核把关不严",
        [("对近三年差旅费报销情况开展自查", 210), ("修订差旅费管理办法", 220)],
        "",
    ),
]


@dataclass
class RectDemo:
    ctx: DemoContext
    rng: random.Random
    paper: random.Random
    office: User
    secretary: User
    member: User
    cadre: User
    units: list[Unit]
    leaders: dict[int, int]  # unit → supervising leader person
    heads: dict[int, int]  # unit → head person
    accounts: dict[int, User]  # person → their account, for the reporting user
    files: list[DemoFile] = field(default_factory=list)
    planted_overdue: int | None = None
    planted_late: int | None = None


def _user(ctx: DemoContext, username: str) -> User:
    return User.objects.get(organ=ctx.organ, username=username)


def _working(day: dt.date) -> dt.date:
    return workdays.roll_forward(day)


def _name(person_id: int | None) -> str:
    return Person.objects.get(pk=person_id).name if person_id else ""


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "integrity.rectification")
    units = list(Unit.objects.filter(organ=ctx.organ).internal().order_by("order", "id"))
    if not units:
        return
    leaders = dict(Supervision.objects.filter(organ=ctx.organ, end__isnull=True).values_list("unit_id", "leader_id"))
    heads = {unit: people[0] for unit, people in unit_heads(ctx.organ.pk).items()}
    accounts = {u.person_id: u for u in User.objects.filter(organ=ctx.organ, person__isnull=False)}
    rd = RectDemo(
        ctx=ctx,
        rng=rng,
        paper=app_rng(ctx.seed, "integrity.rectification.evidence"),
        office=_user(ctx, "dangwei"),
        secretary=_user(ctx, "shuji"),
        member=_user(ctx, "fuzhuren"),
        cadre=_user(ctx, "ganbu"),
        units=units,
        leaders=leaders,
        heads=heads,
        accounts=accounts,
    )
    today = ctx.today
    circuit = _batch(
        rd,
        RectificationSource.CIRCUIT,
        f"市委第二巡察组对机关党组巡察反馈问题整改（{today.year - 1}年）",
        "市委第二巡察组",
        _working(dt.date(today.year - 1, 4, 16)),
        CIRCUIT,
        report_after=48,
        led_by_secretary=(3, 4),  # 主体责任: the secretary leads them himself, so the other member closes them
    )
    democratic = _batch(
        rd,
        RectificationSource.DEMOCRATIC_LIFE,
        f"{today.year - 1}年度党组民主生活会检视问题整改",
        "",
        _working(dt.date(today.year, 1, 22)),
        DEMOCRATIC,
        report_after=40,
        late=True,
    )
    audit_day = _working(today - dt.timedelta(days=125))
    audit = _batch(
        rd,
        RectificationSource.AUDIT,
        f"市审计局{today.year}年预算执行审计反馈问题整改",
        "市审计局",
        audit_day,
        AUDIT,
        report_after=45,
        partly=True,
    )
    ctx.say(
        "问题整改："
        + "；".join(
            f"{b.title} {RectificationProblem.objects.filter(batch=b).count()} 个问题"
            for b in (circuit, democratic, audit)
        )
    )
    ctx.say("留给规则的缺口：整改措施逾期未完成 1 项（审计整改）、逾期完成 1 项（民主生活会整改）")


def _unit_for(rd: RectDemo, index: int) -> Unit:
    return rd.units[index % len(rd.units)]


def _batch(
    rd: RectDemo,
    source: str,
    title: str,
    issuer: str,
    feedback_on: dt.date,
    problems: list,
    *,
    report_after: int,
    late: bool = False,
    partly: bool = False,
    led_by_secretary: tuple[int, ...] = (),
) -> RectificationBatch:
    today = rd.ctx.today
    with clock.replaying(moment(feedback_on, 15)):
        batch = RectificationBatch(
            source=source, title=title, issuer=issuer, feedback_on=feedback_on, lead=rd.secretary.person
        )
        services.batch_save(batch=batch, by=rd.office)
    plan_day = _working(feedback_on + dt.timedelta(days=10))
    made: list[tuple[RectificationProblem, list[RectificationMeasure], str]] = []
    with clock.replaying(moment(plan_day, 10)):
        for number, (category, text, measures, mechanism) in enumerate(problems, start=1):
            unit = _unit_for(rd, number + len(title))
            head = rd.heads.get(unit.pk) or _staff_of(unit)
            leader = rd.secretary.person_id if number in led_by_secretary else rd.leaders.get(unit.pk)
            problem = RectificationProblem(
                batch=batch,
                number=number,
                category=category,
                description=text,
                unit=unit,
                leader_id=leader,
                owner_id=head,
            )
            services.problem_save(problem=problem, by=rd.office)
            rows = []
            for description, days in measures:
                owner = head
                measure = RectificationMeasure(
                    problem=problem,
                    description=description,
                    unit=unit,
                    owner_id=owner,
                    deadline=_working(feedback_on + dt.timedelta(days=days)),
                )
                services.measure_save(measure=measure, by=rd.office)
                rows.append(measure)
            made.append((problem, rows, mechanism))
    if partly:
        _plant_overdue(rd, made, feedback_on)
    report_day = _working(feedback_on + dt.timedelta(days=report_after))
    if report_day <= today:
        _report(rd, batch, report_day)
    first_late = late
    for problem, measures, mechanism in made:
        finished = True
        for measure in measures:
            if measure.pk == rd.planted_overdue:
                finished = False
                continue
            if partly and measure.deadline > today - dt.timedelta(days=20):
                finished = False  # still in hand: due well after today (see _plant_overdue)
                continue
            on = measure.deadline - dt.timedelta(days=rd.rng.randint(2, 25))
            if first_late:
                on, first_late = workdays.add_working_days(measure.deadline, 10), False
                rd.planted_late = measure.pk
            on = max(_working(on), plan_day)
            if on > today:
                finished = False
                continue
            _complete(rd, measure, on)
        if mechanism:
            issued = _working(max(m.completed_on or plan_day for m in measures))
            if issued <= today:
                with clock.replaying(moment(issued, 11)):
                    services.mechanism_save(
                        mechanism=LongTermMechanism(
                            problem=problem,
                            title=mechanism,
                            document_no=f"党组发〔{issued.year}〕{problem.number + 3}号",
                            issued_on=issued,
                        ),
                        by=rd.office,
                    )
        if finished and not (partly and problem.number == 2):
            _close(rd, problem, measures)
    attach(rd.files)
    rd.files.clear()
    return batch


def _staff_of(unit: Unit) -> int | None:
    return Person.objects.filter(unit=unit, is_active=True).order_by("id").values_list("pk", flat=True).first()


def _plant_overdue(rd: RectDemo, made: list, feedback_on: dt.date) -> None:
    """The audit batch: measures due in the coming weeks are moved well past today, except one measure, given
    to the demo cadre, which fell due three weeks ago and is still not done."""
    today = rd.ctx.today
    _, measures, _ = made[-1]
    target = measures[0]
    with clock.replaying(moment(_working(feedback_on + dt.timedelta(days=12)), 10)):
        for _, rows, _ in made:
            for measure in rows:
                if measure is target:
                    measure.deadline = _working(today - dt.timedelta(days=21))
                    measure.owner_id = rd.cadre.person_id
                    measure.unit_id = rd.cadre.person.unit_id
                elif today - dt.timedelta(days=20) < measure.deadline < today + dt.timedelta(days=40):
                    measure.deadline = _working(today + dt.timedelta(days=45))
                else:
                    continue
                services.measure_save(measure=measure, by=rd.office)
    rd.planted_overdue = target.pk


def _report(rd: RectDemo, batch: RectificationBatch, day: dt.date) -> None:
    number = f"党组〔{day.year}〕{rd.rng.randint(10, 40)}号"
    with clock.replaying(moment(day, 16)):
        services.batch_report_submit(batch=batch, submitted_on=day, report_no=number, by=rd.office)
    pdf = pdf_document(
        f"关于{batch.issuer or batch.title}反馈问题整改落实情况的报告",
        [
            f"{day.year}年，机关党组对照{batch.title}，逐项制定整改措施，明确责任领导、责任委室和完成时限。",
            "现将整改落实情况报告如下：一是提高政治站位，压实整改责任；二是逐项对账销号，确保整改到位；"
            "三是坚持举一反三，建立健全长效机制。",
        ],
        meta=[("文号", number), ("报送日期", f"{day.year}年{day.month}月{day.day}日")],
        signatures=[Signature("机关党组", "", day)],
        author=rd.office.person.name if rd.office.person_id else "",
        created=moment(day, 16),
        rng=rd.paper,
    )
    rd.files.append(DemoFile(batch, "整改情况报告.pdf", pdf, rd.office, moment(day, 16), note="整改情况报告"))


def _complete(rd: RectDemo, measure: RectificationMeasure, on: dt.date) -> None:
    by = rd.accounts.get(measure.owner_id) if measure.owner_id == rd.cadre.person_id else rd.office
    owner = _name(measure.owner_id)
    note = f"已按整改方案完成：{measure.description.rstrip('。')}，相关材料已归档。"
    pdf = pdf_document(
        f"关于“{measure.description[:20]}”整改完成情况的说明",
        [note, "特此说明。"],
        meta=[("整改问题", f"问题{measure.problem.number}"), ("责任人", owner or "—")],
        signatures=[Signature("责任人：", owner, on)] if owner else [],
        author=owner,
        created=moment(on, 10),
        rng=rd.paper,
    )
    attach([DemoFile(measure, "整改完成情况说明.pdf", pdf, rd.office, moment(on, 10), note="整改完成佐证")])
    with clock.replaying(moment(on, 14)):
        services.measure_report(measure=measure, completed_on=on, note=note, by=by or rd.office)
    measure.completed_on = on


def _close(rd: RectDemo, problem: RectificationProblem, measures: list[RectificationMeasure]) -> None:
    last = max(m.completed_on for m in measures)
    day = _working(last + dt.timedelta(days=rd.rng.randint(5, 15)))
    if day > rd.ctx.today:
        return
    stakes = services.stakes(problem)
    closer = rd.secretary if not own_stake(rd.secretary, **stakes) else rd.member
    if own_stake(closer, **stakes):
        return
    with clock.replaying(moment(day, 17)):
        services.problem_close(problem=problem, by=closer, note="整改到位，同意销号", closed_on=day)
