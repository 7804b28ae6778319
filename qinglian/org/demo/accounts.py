"""One demo login per persona, and the Chinese line that says who it is and what it sees."""

from __future__ import annotations

from dataclasses import dataclass

from qinglian.core.demo import DemoAccount, DemoContext
from qinglian.org import services
from qinglian.org.choices import PartyStatus, Role
from qinglian.org.demo import data
from qinglian.org.demo.state import OrgDemo
from qinglian.org.models import LeadingGroupMember, Person, Supervision, User


@dataclass(frozen=True)
class Persona:
    key: str
    username: str  # easy to type at a login screen
    role: str  # granted explicitly, as the security administrator would: no login has a role by default
    title: str
    sees: str


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "party_officer",
        "dangwei",
        Role.PARTY_OFFICER,
        "机关党委专责人员",
        "全机关台账和人员信息（含身份证号）；维护委室、党支部、干部、人事变动等组织架构，日常运行检查、形成年度报告",
    ),
    Persona(
        "unit_head", "fuzeren", Role.UNIT_HEAD, "委室负责人", "本委室的人员、任务、廉政风险点和预警；填报本委室进度"
    ),
    Persona("leader", "shuji", Role.LEADER, "党组书记", "全机关台账、预警和考核结果；下发督办单、开展约谈、审批豁免"),
    Persona("leader_member", "fuzhuren", Role.LEADER, "党组成员", "全机关台账；重点关注分管委室的责任落实（一岗双责）"),
    Persona(
        "cadre", "ganbu", Role.CADRE, "党员干部", "本人的学习、谈心谈话、个人有关事项报告和待办事项；本委室人员名单"
    ),
    Persona(
        "personnel_officer",
        "renshi",
        Role.PERSONNEL_OFFICER,
        "组织人事专责人员",
        "受理个人有关事项报告、组织年度抽查核实，提拔前征求党风廉政意见；查阅廉政谈话",
    ),
    Persona(
        "finance_officer",
        "caiwu",
        Role.FINANCE_OFFICER,
        "财务专责人员",
        "公务接待、差旅、会议、培训、公务用车和因公出国台账，经费标准表；导入财务系统数据",
    ),
    Persona(
        "supervisor",
        "jijian",
        Role.SUPERVISOR,
        "派驻纪检监察组组长",
        "全机关记录（含保密事项），只读：不新增、修改任何记录（本人党组织生活在派驻机关记录）",
    ),
    Persona(
        "sysadmin", "xitong", Role.SYSADMIN, "系统管理员", "开设、停用账号（三员分立，不关联干部），看不到业务台账"
    ),
    Persona(
        "secadmin", "anquan", Role.SECADMIN, "安全管理员", "授予、撤销角色（三员分立，不关联干部），看不到业务台账"
    ),
    Persona(
        "auditadmin", "shenji", Role.AUDITADMIN, "审计管理员", "查阅审计日志（三员分立，不关联干部），看不到业务台账"
    ),
)


def choose_people(demo: OrgDemo, leaders: list[Person]) -> dict[str, Person]:
    """The people behind the business logins, chosen before the personnel events so none of them moves:
    the unit head and the cadre share 法工委, which the second leader supervises."""
    law = "法制工作委员会"
    clerks = [
        p
        for p in demo.people
        if p.unit.name == law
        and demo.posts[p.pk] in (data.KY1, data.KY2, data.KY3)
        and p.party_status == PartyStatus.MEMBER
        and demo.movable(p)
    ]
    officers = [p for p in demo.people if p.unit.name == data.PARTY_COMMITTEE and demo.posts[p.pk] == data.KY1]
    # 组织人事 sits in the office (人事科 work); chosen without the generator so the other choices stay as they were.
    personnel = [
        p for p in demo.people if p.unit.name == data.OFFICE and demo.posts[p.pk] == data.KY1 and demo.movable(p)
    ]
    chosen = {
        "party_officer": officers[0],
        "unit_head": demo.holders(law, data.DIRECTOR)[0],
        "leader": leaders[0],
        "leader_member": next(
            person for person, row in zip(leaders, data.LEADERS, strict=True) if row[0] == "member" and law in row[3]
        ),
        "cadre": demo.rng.choice(clerks),
        "supervisor": demo.holders(data.STATIONED, data.TEAM_LEADER)[0],
    }
    demo.fixed.update(person.pk for person in chosen.values())
    # 组织人事 came after the other logins: fixing their person too would change whom the personnel events draw,
    # and with it every app's demo (their planted gaps). The person may move like any cadre; the role stays.
    chosen["personnel_officer"] = personnel[0]
    # 财务 sits in the office too, chosen the same way (after the others, without the generator).
    clerks_of_office = [
        p
        for post in (data.KY2, data.KY3, data.KY4, data.KY1)
        for p in demo.people
        if p.unit.name == data.OFFICE and demo.posts[p.pk] == post and p.pk not in {personnel[0].pk, *demo.fixed}
    ]
    chosen["finance_officer"] = clerks_of_office[0]
    return chosen


# Printed for testers at the end of `make demo`: these logins are not made to change their password first.
NOT_FORCED = "（演示账号，无需首次改密）"


def create_accounts(demo: OrgDemo, people: dict[str, Person], password: str) -> None:
    """The personas' logins with their roles granted explicitly: staff of the organ are cadres as well as
    whatever else they are; the stationed group's and the administrators' logins hold their one role."""
    for persona in PERSONAS:
        person = people.get(persona.key)
        user = services.account_create(
            organ=demo.organ,
            username=persona.username,
            password=password,
            by=None,
            person=person,
            display_name="" if person else persona.title,
            must_change_password=False,
        )
        staff = person is not None and persona.role != Role.SUPERVISOR
        for role in dict.fromkeys([Role.CADRE, persona.role] if staff else [persona.role]):
            unit = person.unit if role == Role.UNIT_HEAD else None
            services.role_grant(user=user, role=role, by=None, unit=unit)


def describe_accounts(ctx: DemoContext) -> None:
    """Fill ctx.accounts from the logins as they are in the database (built now or on an earlier run)."""
    users = {
        u.username: u
        for u in User.objects.filter(organ=ctx.organ, username__in=[p.username for p in PERSONAS]).select_related(
            "person__unit"
        )
    }
    for persona in PERSONAS:
        user = users.get(persona.username)
        if user is not None:
            who = f"{persona.title} · {_who(user.person)}" if user.person_id else persona.title
            description = f"{who}：{persona.sees}{NOT_FORCED}"
            ctx.accounts[persona.key] = DemoAccount(persona.username, ctx.password, description)


def _who(person: Person) -> str:
    seat = LeadingGroupMember.objects.filter(person=person, end__isnull=True).first()
    if seat is None:
        unit = person.unit.short_name or person.unit.name
        return f"{person.name}（{unit}{person.post}）"
    units = Supervision.objects.filter(leader=person, end__isnull=True).select_related("unit")
    supervised = "、".join(s.unit.short_name or s.unit.name for s in units.order_by("unit__order"))
    return f"{person.name}（{seat.title}，分管{supervised}）" if supervised else f"{person.name}（{seat.title}）"
