"""The 三会一课台账 pages: who sees which meetings, recording one, the export, print, widget and a phone."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

import qinglian.partylife.nav  # noqa: F401  (registers the menu entry and the widget until apps.ready does)
from qinglian.core.testing import phone_page
from qinglian.org.choices import BranchPost
from qinglian.org.models import BranchCommitteeMember, LeadingGroupMember, PartyGroup, Person
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.choices import AttendanceStatus, Holder, MeetingKind
from qinglian.partylife.models import AgendaItem, AnnualPlan, Attendance, Meeting, PlanItem
from qinglian.partylife.selectors.workbench import light
from qinglian.partylife.services.meetings import AttendanceLine, meeting_record
from qinglian.partylife.tests.factories import HeartTalkFactory, MeetingFactory, StudyRecordFactory


@dataclass
class Branches:
    a: object
    b: object


@pytest.fixture
def branches(org, party_officer, unit_head, cadre_same_unit, cadre_other_unit) -> Branches:
    """Branch A covers unit A (party_officer, unit_head, cadre_same_unit); branch B covers unit B."""
    a = BranchFactory(organ=org.organ, name="机关第一党支部")
    b = BranchFactory(organ=org.organ, name="机关第二党支部")
    a.units.add(org.unit_a)
    b.units.add(org.unit_b)
    for user in (party_officer, unit_head, cadre_same_unit):
        Person.objects.filter(pk=user.person_id).update(branch=a)
    Person.objects.filter(pk=cadre_other_unit.person_id).update(branch=b)
    return Branches(a, b)


@pytest.fixture
def secretary(branches, cadre_same_unit):
    """cadre_same_unit is the secretary of branch A."""
    BranchCommitteeMember.objects.create(
        organ=branches.a.organ,
        branch=branches.a,
        person=cadre_same_unit.person,
        post=BranchPost.SECRETARY,
        start=dt.date(2024, 3, 1),
    )
    return cadre_same_unit


def _form_data(branch, *, agenda: str, first: str = "1", **extra) -> dict:
    return {
        "kind": MeetingKind.BRANCH_COMMITTEE_MEETING,
        "holder": "branch",
        "branch": branch.pk,
        "date": timezone.localdate().isoformat(),
        "place": "机关三楼会议室",
        "topic": "研究第四季度支部工作",
        "hours": "1",
        "minutes": "会议由支部书记主持。",
        "agenda_text": agenda,
        "first_topic": first,
        **extra,
    }


def _members(branch) -> list[Person]:
    return list(Person.objects.filter(branch=branch).order_by("id"))


# --- who sees what -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona_name", "sees_a", "sees_b"),
    [
        ("party_officer", True, True),
        ("leader", True, True),
        ("supervisor", True, True),
        ("cadre_same_unit", True, False),
        ("cadre_other_unit", False, True),
        ("sysadmin", False, False),
    ],
)
def test_the_ledger_lists_only_the_meetings_a_persona_may_see(client, persona, branches, persona_name, sees_a, sees_b):
    MeetingFactory(branch=branches.a, topic="一支部的支委会")
    MeetingFactory(branch=branches.b, topic="二支部的支委会")
    client.force_login(persona(persona_name))
    response = client.get(reverse("meeting_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert ("一支部的支委会" in html) is sees_a
    assert ("二支部的支委会" in html) is sees_b


def test_the_administrator_gets_an_empty_ledger_not_an_error(client, branches, sysadmin):
    MeetingFactory(branch=branches.a)
    client.force_login(sysadmin)
    html = client.get(reverse("meeting_list")).content.decode()
    assert "没有符合条件的会议记录" in html
    assert "登记会议" not in html


def test_a_meeting_of_another_branch_is_404_for_a_cadre(client, branches, cadre_other_unit):
    meeting = MeetingFactory(branch=branches.a)
    client.force_login(cadre_other_unit)
    assert client.get(reverse("meeting_detail", args=[meeting.pk])).status_code == 404


def test_the_ledger_filters_by_kind_year_quarter_and_topic(client, branches, party_officer):
    MeetingFactory(branch=branches.a, kind=MeetingKind.THEME_DAY, topic="走进人大主题党日", date=dt.date(2025, 5, 8))
    MeetingFactory(branch=branches.a, topic="研究发展党员", date=dt.date(2025, 11, 3))
    client.force_login(party_officer)
    html = client.get(reverse("meeting_list"), {"kind": MeetingKind.THEME_DAY}).content.decode()
    assert "走进人大主题党日" in html and "研究发展党员" not in html
    html = client.get(reverse("meeting_list"), {"year": 2025, "quarter": 4}).content.decode()
    assert "研究发展党员" in html and "走进人大主题党日" not in html
    html = client.get(reverse("meeting_list"), {"q": "主题党日", "branch": branches.a.pk}).content.decode()
    assert "走进人大主题党日" in html and "研究发展党员" not in html


# --- recording a meeting --------------------------------------------------------------------------------


def test_a_committee_member_records_a_meeting_with_first_topic_and_reasons(client, secretary, branches):
    members = _members(branches.a)
    away = members[0]
    data = _form_data(
        branches.a,
        agenda="传达学习全国两会精神\n学习习近平总书记重要讲话精神\n研究发展党员",
        first="2",
        host=secretary.person_id,
        recorder=secretary.person_id,
        att_person=[m.pk for m in members],
        **{f"att_status_{away.pk}": "leave", f"att_reason_{away.pk}": "出差"},
    )
    client.force_login(secretary)
    response = client.post(reverse("meeting_create"), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("meeting_detail", args=[meeting.pk])
    first = AgendaItem.objects.get(meeting=meeting, is_first_topic=True)
    assert (first.order, first.title) == (2, "学习习近平总书记重要讲话精神")
    lines = {a.person_id: (a.status, a.reason) for a in Attendance.objects.filter(meeting=meeting)}
    assert lines[away.pk] == (AttendanceStatus.LEAVE, "出差")
    assert len(lines) == len(members)
    html = client.get(response["Location"]).content.decode()
    assert 'data-testid="first-topic"' in html and "出差" in html and 'data-testid="meeting-edit"' in html


def test_an_absence_without_a_reason_is_refused_in_chinese_and_nothing_is_written(client, secretary, branches):
    away = _members(branches.a)[0]
    data = _form_data(branches.a, agenda="学习党章", att_person=[away.pk], **{f"att_status_{away.pk}": "absent"})
    client.force_login(secretary)
    response = client.post(reverse("meeting_create"), data)
    assert response.status_code == 200
    assert "请假或缺席须填写原因" in response.content.decode()
    assert not Meeting.all_objects.exists() and not AgendaItem.objects.exists()


def test_unticked_members_and_members_of_other_branches_are_not_recorded(client, secretary, branches, cadre_other_unit):
    members = _members(branches.a)
    data = _form_data(branches.a, agenda="学习党章", att_person=[members[0].pk, cadre_other_unit.person_id])
    client.force_login(secretary)
    client.post(reverse("meeting_create"), data)
    assert list(Attendance.objects.values_list("person_id", flat=True)) == [members[0].pk]


def test_a_cadre_not_on_the_committee_gets_403_on_the_create_page(client, branches, cadre_other_unit):
    client.force_login(cadre_other_unit)
    assert client.get(reverse("meeting_create")).status_code == 403


def test_a_secretary_may_not_record_for_another_branch(client, secretary, branches):
    client.force_login(secretary)
    response = client.post(reverse("meeting_create"), _form_data(branches.b, agenda="学习党章"))
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_a_plain_member_sees_no_edit_button_and_gets_403_on_edit(client, branches, secretary, unit_head):
    meeting = meeting_record(
        meeting=MeetingFactory.build(branch=branches.a, organ=branches.a.organ), by=secretary, agenda=["学习党章"]
    )
    client.force_login(unit_head)
    assert 'data-testid="meeting-edit"' not in client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert client.get(reverse("meeting_edit", args=[meeting.pk])).status_code == 403


def test_editing_keeps_what_was_recorded_and_replaces_the_agenda(client, secretary, branches):
    away = _members(branches.a)[0]
    meeting = meeting_record(
        meeting=MeetingFactory.build(branch=branches.a, organ=branches.a.organ),
        by=secretary,
        agenda=["旧议题"],
        attendance=[AttendanceLine(person_id=away.pk, status=AttendanceStatus.LEAVE, reason="病假")],
    )
    client.force_login(secretary)
    page = client.get(reverse("meeting_edit", args=[meeting.pk])).content.decode()
    assert "旧议题" in page and 'value="病假"' in page
    data = _form_data(
        branches.a,
        agenda="新议题",
        att_person=[away.pk],
        **{f"att_status_{away.pk}": "leave", f"att_reason_{away.pk}": "病假"},
    )
    client.post(reverse("meeting_edit", args=[meeting.pk]), data)
    assert list(meeting.agenda.values_list("title", flat=True)) == ["新议题"]
    assert meeting.attendance.get().reason == "病假"


def test_a_party_group_meeting_counts_only_the_groups_members(client, secretary, branches, unit_head):
    group = PartyGroup.objects.create(organ=branches.a.organ, branch=branches.a, name="第一党小组")
    Person.objects.filter(pk=unit_head.person_id).update(party_group=group)
    everyone = [m.pk for m in _members(branches.a)]
    data = _form_data(
        branches.a,
        agenda="学习党章",
        kind=MeetingKind.PARTY_GROUP_MEETING,
        holder="branch",
        party_group=group.pk,
        att_person=everyone,
    )
    client.force_login(secretary)
    assert client.post(reverse("meeting_create"), data).status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.holder, meeting.party_group, meeting.branch) == ("party_group", group, branches.a)
    assert list(meeting.attendance.values_list("person_id", flat=True)) == [unit_head.person_id]


def test_editing_a_leading_group_meeting_keeps_its_attendance(client, branches, party_officer, leader):
    meeting = meeting_record(
        meeting=Meeting(
            organ=branches.a.organ,
            kind=MeetingKind.CENTRAL_GROUP_STUDY,
            holder=Holder.LEADING_GROUP,
            date=timezone.localdate(),
            topic="中心组专题学习",
            lecturer=leader.person,
        ),
        by=party_officer,
        agenda=["专题学习"],
        attendance=[AttendanceLine(person_id=leader.person_id)],
    )
    data = _form_data(
        branches.a,
        agenda="专题学习",
        kind=MeetingKind.CENTRAL_GROUP_STUDY,
        holder="leading_group",
        topic="中心组专题学习",
        lecturer=leader.person_id,
        att_person=[leader.person_id],
    )
    client.force_login(party_officer)
    response = client.post(reverse("meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.holder, meeting.branch_id) == (Holder.LEADING_GROUP, None)
    assert list(meeting.attendance.values_list("person_id", flat=True)) == [leader.person_id]


def test_a_planned_slot_prefills_the_form_and_is_linked(client, secretary, branches):
    plan = AnnualPlan.objects.create(organ=branches.a.organ, branch=branches.a, year=timezone.localdate().year)
    item = PlanItem.objects.create(
        plan=plan, month=timezone.localdate().month, kind=MeetingKind.THEME_DAY, topic="重温入党誓词"
    )
    client.force_login(secretary)
    url = reverse("meeting_create") + f"?plan_item={item.pk}"
    page = client.get(url).content.decode()
    assert 'value="重温入党誓词"' in page
    data = _form_data(branches.a, agenda="重温入党誓词", kind=MeetingKind.THEME_DAY, topic="重温入党誓词")
    client.post(url, data)
    assert Meeting.objects.get().plan_item == item


# --- export, print, widget ----------------------------------------------------------------------------


def test_the_export_has_the_branch_ledger_columns_and_one_row_per_meeting(client, secretary, branches):
    away = _members(branches.a)[0]
    meeting_record(
        meeting=MeetingFactory.build(
            branch=branches.a, organ=branches.a.organ, topic="研究发展党员", host=secretary.person
        ),
        by=secretary,
        agenda=["学习重要讲话", "研究发展党员"],
        first_topic_index=0,
        attendance=[
            AttendanceLine(person_id=secretary.person_id),
            AttendanceLine(person_id=away.pk, status=AttendanceStatus.ABSENT, reason="病假"),
        ],
    )
    client.force_login(secretary)
    response = client.get(reverse("meeting_list"), {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[2]] == [
        "序号",
        "时间",
        "会议类型",
        "支部/党小组",
        "主题",
        "第一议题",
        "主持人",
        "记录人",
        "应到人数",
        "实到人数",
        "缺席人员及原因",
        "授课人",
        "学时",
    ]
    row = [c.value for c in ws[3]]
    assert row[0] == 1 and row[2] == "支部委员会会议" and row[3] == "机关第一党支部"
    assert row[4:7] == ["研究发展党员", "学习重要讲话", secretary.person.name]
    assert row[8:11] == [2, 1, f"{away.name}（缺席：病假）"]
    assert ws.max_row == 3


def test_the_print_view_lists_every_row_with_a_print_title(client, branches, party_officer):
    for n in range(3):
        MeetingFactory(branch=branches.a, topic=f"第{n}次支委会")
    client.force_login(party_officer)
    html = client.get(reverse("meeting_print"), {"branch": branches.a.pk}).content.decode()
    assert 'class="print-title"' in html and "机关第一党支部" in html
    assert all(f"第{n}次支委会" in html for n in range(3))


@pytest.mark.parametrize(
    ("held", "due", "expected"), [(1, 1, "green"), (2, 1, "green"), (0, 1, "yellow"), (1, 3, "red"), (0, 2, "red")]
)
def test_a_light_is_green_on_track_yellow_one_behind_red_further_behind(held, due, expected):
    assert light(held, due) == expected


def test_the_workbench_shows_this_quarters_lights_per_branch(client, branches, party_officer):
    MeetingFactory(branch=branches.a, kind=MeetingKind.BRANCH_GENERAL_MEETING)
    client.force_login(party_officer)
    html = client.get(reverse("workbench")).content.decode()
    assert 'data-testid="widget-partylife-quarter"' in html
    assert "机关第一党支部" in html and "机关第二党支部" in html
    assert 'data-light="green"' in html and ('data-light="yellow"' in html or 'data-light="red"' in html)


def test_a_cadre_sees_only_their_own_branch_on_the_widget(client, branches, cadre_other_unit):
    client.force_login(cadre_other_unit)
    html = client.get(reverse("workbench")).content.decode()
    assert "机关第二党支部" in html and "机关第一党支部" not in html


def test_the_widget_stays_away_from_administrators(client, branches, sysadmin):
    client.force_login(sysadmin)
    assert 'data-testid="widget-partylife-quarter"' not in client.get(reverse("workbench")).content.decode()


# --- on a phone -----------------------------------------------------------------------------------------

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.browser
def test_a_secretary_records_a_meeting_on_a_375px_phone(
    transactional_db, live_server, browser, artifacts, org, cadre_same_unit, unit_head
):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    Person.objects.filter(pk__in=[cadre_same_unit.person_id, unit_head.person_id]).update(branch=branch)
    PersonFactory(organ=org.organ, unit=org.unit_a, name="王五", branch=branch)
    BranchCommitteeMember.objects.create(
        organ=org.organ,
        branch=branch,
        person=cadre_same_unit.person,
        post=BranchPost.SECRETARY,
        start=dt.date(2024, 3, 1),
    )
    context, page = phone_page(browser, live_server, "cadre_same_unit")
    page.goto(f"{live_server.url}{reverse('meeting_create')}")
    assert page.evaluate(OVERFLOW) <= 1
    page.fill("#id_topic", "学习贯彻党的二十届四中全会精神")
    page.fill("#id_agenda_text", "学习习近平总书记重要讲话精神\n研究发展党员工作")
    page.fill("#id_first_topic", "1")
    wang = Person.objects.get(name="王五")
    # A 支委会 (the default kind) ticks the committee only; marking 王五 on leave ticks him as due too.
    assert not page.is_checked(f"#att_{wang.pk}") and page.is_checked(f"#att_{cadre_same_unit.person_id}")
    page.select_option(f"select[name=att_status_{wang.pk}]", "leave")
    page.fill(f"input[name=att_reason_{wang.pk}]", "外出调研")
    page.screenshot(path=str(artifacts / "secretary-meeting-form-375px.png"), full_page=True)
    page.click("[data-testid=meeting-form] button[type=submit]")
    page.wait_for_selector("[data-testid=first-topic]")
    assert page.evaluate(OVERFLOW) <= 1
    meeting = Meeting.objects.get()
    assert meeting.attendance.get(person=wang).reason == "外出调研"
    assert set(meeting.attendance.values_list("person_id", flat=True)) == {cadre_same_unit.person_id, wang.pk}
    page.screenshot(path=str(artifacts / "secretary-meeting-detail-375px.png"), full_page=True)
    context.close()


def test_the_factories_build_valid_rows(db):
    for row in (MeetingFactory(), HeartTalkFactory(), StudyRecordFactory()):
        row.full_clean()
    talk = HeartTalkFactory()
    assert talk.initiator_id != talk.counterpart_id and talk.initiator.organ_id == talk.counterpart.organ_id


def test_the_office_records_a_central_group_study_with_the_leading_group_attending(client, org, party_officer, leader):
    """理论学习中心组学习: the checklist offers the Party group's members; their attendance is saved."""
    import datetime as dt

    LeadingGroupMember.objects.create(
        organ=org.organ, person=leader.person, post="secretary", start=dt.date(2024, 1, 1)
    )
    client.force_login(party_officer)
    page = client.get(reverse("meeting_create") + "?kind=central_group_study")
    assert leader.person.name in page.content.decode()
    pid = leader.person.pk
    data = {
        "kind": "central_group_study",
        "holder": "leading_group",
        "date": "2026-11-20",
        "topic": "专题学习",
        "hours": "3",
        "agenda_text": "学习习近平总书记最新重要讲话精神",
        "first_topic": "1",
        "lecturer": pid,
        "att_person": [str(pid)],
        f"att_status_{pid}": "present",
    }
    response = client.post(reverse("meeting_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(kind="central_group_study")
    assert list(meeting.attendance.values_list("person_id", "status")) == [(pid, "present")]
