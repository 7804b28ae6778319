"""会议记录导入: the template, row-by-row judgement, the two modes, permissions and the page."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.importing import Action
from qinglian.org.choices import BranchPost
from qinglian.org.models import BranchCommitteeMember, PartyGroup, Person
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.choices import AttendanceStatus, Holder, MeetingKind
from qinglian.partylife.importers import meeting_apply, meeting_parse, meeting_template
from qinglian.partylife.models import AgendaItem, Attendance, Meeting

HEADERS = [
    "日期*",
    "会议类型*",
    "党支部*",
    "党小组",
    "主题*",
    "第一议题",
    "其他议题",
    "主持人",
    "记录人",
    "授课人",
    "地点",
    "学时",
    "出席人员",
    "请假人员",
    "缺席人员",
]
KEYS = [
    "date",
    "kind",
    "branch",
    "group",
    "topic",
    "first",
    "others",
    "host",
    "recorder",
    "lecturer",
    "place",
    "hours",
    "present",
    "leave",
    "absent",
]


def xlsx(rows: list[list[Any]], headers: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers or HEADERS)
    for values in rows:
        ws.append(values)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(**over: Any) -> list[Any]:
    values = {
        "date": "2024-03-15",
        "kind": "支部党员大会",
        "branch": "机关第一党支部",
        "group": None,
        "topic": "学习贯彻全国两会精神",
        "first": "学习习近平总书记重要讲话精神",
        "others": "讨论发展党员；通报党费收缴",
        "host": "cadre_same_unit",
        "recorder": "unit_head",
        "lecturer": None,
        "place": "机关三楼会议室",
        "hours": 2,
        "present": "cadre_same_unit、unit_head",
        "leave": "party_officer（出差）",
        "absent": None,
    } | over
    return [values[k] for k in KEYS]


@pytest.fixture
def branches(org, party_officer, unit_head, cadre_same_unit, cadre_other_unit):
    first = BranchFactory(organ=org.organ, name="机关第一党支部")
    first.units.add(org.unit_a)
    second = BranchFactory(organ=org.organ, name="机关第二党支部")
    second.units.add(org.unit_b)
    Person.objects.filter(unit=org.unit_a).update(branch=first)
    Person.objects.filter(unit=org.unit_b).update(branch=second)
    BranchCommitteeMember.objects.create(
        organ=org.organ,
        branch=first,
        person=cadre_same_unit.person,
        post=BranchPost.SECRETARY,
        start=dt.date(2024, 1, 1),
    )
    return first, second


def counts() -> tuple[int, int, int, int]:
    return (
        Meeting.all_objects.count(),
        AgendaItem.objects.count(),
        Attendance.objects.count(),
        Meeting.history.count(),
    )


def errors_of(plan, number: int = 2) -> list[tuple[str, str]]:
    return next(r.errors for r in plan.rows if r.row == number)


# --- parse and apply ---------------------------------------------------------------------------


def test_clean_import_creates_meetings_with_agenda_and_attendance(org, branches, party_officer):
    plan = meeting_parse(
        organ=org.organ,
        user=party_officer,
        data=xlsx(
            [
                row(),
                row(kind="党课", topic="党章学习", lecturer="party_officer", first=None, others=None, hours=1.5),
            ]
        ),
    )
    assert [(r.row, r.action) for r in plan.rows] == [(2, Action.CREATE), (3, Action.CREATE)]
    result = meeting_apply(plan=plan, mode="all", by=party_officer)
    assert (result.created, result.unchanged, result.skipped) == (2, 0, 0)

    meeting = Meeting.objects.get(kind=MeetingKind.BRANCH_GENERAL_MEETING)
    assert (meeting.branch, meeting.holder, meeting.date) == (branches[0], Holder.BRANCH, dt.date(2024, 3, 15))
    assert (meeting.place, meeting.hours, meeting.host.name) == ("机关三楼会议室", 2, "cadre_same_unit")
    agenda = [(a.order, a.title, a.is_first_topic) for a in meeting.agenda.all()]
    assert agenda == [(1, "学习习近平总书记重要讲话精神", True), (2, "讨论发展党员", False), (3, "通报党费收缴", False)]
    attendance = {(a.person.name, a.status, a.reason) for a in meeting.attendance.all()}
    assert attendance == {
        ("cadre_same_unit", AttendanceStatus.PRESENT, ""),
        ("unit_head", AttendanceStatus.PRESENT, ""),
        ("party_officer", AttendanceStatus.LEAVE, "出差"),
    }
    assert meeting.history.first().history_user == party_officer
    assert meeting.history.first().history_change_reason == "会议记录导入"

    lecture = Meeting.objects.get(kind=MeetingKind.PARTY_LECTURE)
    assert (lecture.lecturer.name, lecture.hours) == ("party_officer", Decimal("1.5"))
    assert [a.title for a in lecture.agenda.all()] == ["党章学习"]  # no agenda given: the topic stands for it
    assert AuditEvent.objects.filter(action="import", actor=party_officer).count() == 1


def test_party_group_meeting_and_leading_group_meeting(org, branches, party_officer):
    group = PartyGroup.objects.create(organ=org.organ, branch=branches[0], name="第一党小组")
    plan = meeting_parse(
        organ=org.organ,
        user=party_officer,
        data=xlsx(
            [
                row(kind="党小组会", group="第一党小组"),
                row(kind="理论学习中心组学习", branch="党组", topic="专题学习"),
            ]
        ),
    )
    assert not plan.has_errors, plan.error_rows and plan.error_rows[0].errors
    meeting_apply(plan=plan, mode="all", by=party_officer)
    assert Meeting.objects.get(kind=MeetingKind.PARTY_GROUP_MEETING).party_group == group
    assert Meeting.objects.get(kind=MeetingKind.CENTRAL_GROUP_STUDY).holder == Holder.LEADING_GROUP


def test_reimport_shows_existing_meetings_as_unchanged(org, branches, party_officer):
    meeting_apply(
        plan=meeting_parse(organ=org.organ, user=party_officer, data=xlsx([row()])), mode="all", by=party_officer
    )
    before = counts()
    plan = meeting_parse(organ=org.organ, user=party_officer, data=xlsx([row()]))
    assert plan.rows[0].action == Action.UNCHANGED
    result = meeting_apply(plan=plan, mode="all", by=party_officer)
    assert (result.created, result.unchanged) == (0, 1)
    assert counts() == before


@pytest.mark.parametrize(
    ("over", "column", "needle"),
    [
        ({"branch": "第九党支部"}, "党支部", "本机关没有名为“第九党支部”的党支部"),
        ({"kind": "党小组会", "group": "无此小组"}, "党小组", "没有名为“无此小组”的党小组"),
        ({"kind": "党小组会"}, "党小组", "党小组会须填写党小组"),
        ({"host": "无名氏"}, "主持人", "本机关没有名为“无名氏”的人员"),
        ({"present": "cadre_same_unit、路人甲"}, "出席人员", "没有名为“路人甲”的人员"),
        ({"kind": "茶话会"}, "会议类型", "“茶话会”不是有效的会议类型"),
        ({"date": "2024-13-40"}, "日期", "无法识别"),
        ({"date": None}, "日期", "必填"),
        ({"kind": "党课", "lecturer": None}, "授课人", "党课须填写授课人"),
        ({"leave": "party_officer"}, "请假人员", "“party_officer”未写明原因"),
        ({"absent": "party_officer（）"}, "缺席人员", "未写明原因"),
        ({"leave": "cadre_same_unit（病假）"}, "请假人员", "已出现"),
        ({"kind": "民主生活会"}, "党支部", "由党组召开"),
        ({"hours": "两小时"}, "学时", "不是有效的学时"),
        ({"hours": "NaN"}, "学时", "不是有效的学时"),
        ({"hours": 30}, "学时", "学时应在0至24之间"),
        ({"topic": None}, "主题", "必填"),
        ({"group": "第一党小组"}, "党小组", "只有党小组会填写党小组"),
    ],
)
def test_row_problems_are_reported_in_chinese_by_column(org, branches, party_officer, over, column, needle):
    plan = meeting_parse(organ=org.organ, user=party_officer, data=xlsx([row(**over)]))
    assert plan.rows[0].action == Action.ERROR
    assert any(col == column and needle in problem for col, problem in plan.rows[0].errors), plan.rows[0].errors


def test_future_date_is_refused(org, branches, party_officer):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    plan = meeting_parse(organ=org.organ, user=party_officer, data=xlsx([row(date=tomorrow)]))
    assert ("日期", "不能晚于今天（尚未召开的会议请列入年度计划）") in errors_of(plan)


def test_a_shared_name_asks_for_the_unit_and_the_unit_form_resolves_it(org, branches, party_officer):
    PersonFactory(organ=org.organ, unit=org.unit_a, name="张伟")
    other = PersonFactory(organ=org.organ, unit=org.unit_b, name="张伟")
    plan = meeting_parse(organ=org.organ, user=party_officer, data=xlsx([row(host="张伟"), row(host="张伟/研究室")]))
    assert any("本机关有2人名为“张伟”（办公室、研究室），请写作 张伟/所在委室" in p for _, p in errors_of(plan, 2))
    assert plan.rows[1].action == Action.CREATE and plan.rows[1].values["host"] == other


def test_a_reason_may_contain_separators(org, branches, party_officer):
    plan = meeting_parse(
        organ=org.organ,
        user=party_officer,
        data=xlsx([row(leave="party_officer（出差、培训）", absent="cadre_other_unit（未请假）")]),
    )
    assert not plan.has_errors, plan.rows[0].errors
    reasons = {line.reason for line in plan.rows[0].attendance if line.status != AttendanceStatus.PRESENT}
    assert reasons == {"出差、培训", "未请假"}


def test_duplicate_rows_in_the_file_are_errors(org, branches, party_officer):
    plan = meeting_parse(organ=org.organ, user=party_officer, data=xlsx([row(), row(topic="另一主题"), row()]))
    assert [r.action for r in plan.rows] == [Action.CREATE, Action.CREATE, Action.ERROR]
    assert any("与第2行是同一次会议" in p for _, p in errors_of(plan, 4))


def test_mode_all_with_one_bad_row_leaves_the_database_unchanged(org, branches, party_officer):
    before, audits = counts(), AuditEvent.objects.count()
    plan = meeting_parse(
        organ=org.organ, user=party_officer, data=xlsx([row(), row(topic="第二次", host="无名氏"), row(topic="第三次")])
    )
    with pytest.raises(InvalidInput) as exc:
        meeting_apply(plan=plan, mode="all", by=party_officer)
    assert "未写入任何数据" in exc.value.message
    assert exc.value.detail == [{"row": 3, "errors": [("主持人", "本机关没有名为“无名氏”的人员")]}]
    assert counts() == before
    assert AuditEvent.objects.count() == audits


def test_mode_valid_only_imports_the_good_rows(org, branches, party_officer):
    plan = meeting_parse(
        organ=org.organ, user=party_officer, data=xlsx([row(), row(topic="第二次", host="无名氏"), row(topic="第三次")])
    )
    result = meeting_apply(plan=plan, mode="valid_only", by=party_officer)
    assert (result.created, result.unchanged, result.skipped) == (2, 0, 1)
    assert [r.row for r in result.error_rows] == [3]
    assert set(Meeting.objects.values_list("topic", flat=True)) == {"学习贯彻全国两会精神", "第三次"}


def test_committee_member_imports_only_their_branch(org, branches, cadre_same_unit):
    plan = meeting_parse(
        organ=org.organ, user=cadre_same_unit, data=xlsx([row(), row(branch="机关第二党支部", topic="别的支部")])
    )
    assert plan.rows[0].action == Action.CREATE
    assert any("无权导入“机关第二党支部”的会议" in p for _, p in errors_of(plan, 3))
    result = meeting_apply(plan=plan, mode="valid_only", by=cadre_same_unit)
    assert result.created == 1 and not Meeting.objects.filter(branch=branches[1]).exists()


def test_committee_member_may_not_import_the_leading_groups_meetings(org, branches, cadre_same_unit):
    plan = meeting_parse(organ=org.organ, user=cadre_same_unit, data=xlsx([row(kind="民主生活会", branch="党组")]))
    assert ("党支部", "党组的会议由机关党委专责人员导入") in errors_of(plan)


def test_apply_refuses_a_cadre_outside_any_committee(org, branches, cadre_other_unit, party_officer):
    plan = meeting_parse(organ=org.organ, user=party_officer, data=xlsx([row()]))
    with pytest.raises(Forbidden):
        meeting_apply(plan=plan, mode="valid_only", by=cadre_other_unit)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "空的"),
        (b"not a workbook", "不是有效的 Excel"),
        (xlsx([]), "没有数据"),
        (xlsx([["x"]], ["日期", "备注"]), "缺少必填列"),
    ],
)
def test_whole_file_errors(org, party_officer, data, needle):
    with pytest.raises(InvalidInput) as exc:
        meeting_parse(organ=org.organ, user=party_officer, data=data)
    assert needle in exc.value.message


def test_template_has_dropdowns_and_instructions(org, branches):
    wb = meeting_template(org.organ)
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    lists = [dv.formula1 for dv in wb.worksheets[0].data_validations.dataValidation]
    assert any("支部党员大会" in f and "党课" in f for f in lists)
    assert any("机关第一党支部" in f and "党组" in f for f in lists)
    assert "填表说明" in wb.sheetnames


# --- pages -------------------------------------------------------------------------------------


def _upload(client, data: bytes, mode: str = "all", preview: bool = False):
    payload: dict[str, Any] = {"file": SimpleUploadedFile("会议.xlsx", data), "mode": mode}
    if preview:
        payload["preview"] = "on"
    return client.post(reverse("meeting_import"), payload)


def test_officer_downloads_the_template_fills_it_in_and_imports(client, org, branches, party_officer):
    client.force_login(party_officer)
    response = client.get(reverse("meeting_import_template"))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    wb.worksheets[0].append(row())
    buffer = io.BytesIO()
    wb.save(buffer)
    page = _upload(client, buffer.getvalue()).content.decode()
    assert "新增 1 次会议" in page
    assert Meeting.objects.count() == 1


def test_page_shows_the_form_to_a_committee_member(client, org, branches, cadre_same_unit):
    client.force_login(cadre_same_unit)
    page = client.get(reverse("meeting_import")).content.decode()
    assert "全部成功才导入" in page and reverse("meeting_import_template") in page


def test_page_preview_writes_nothing_and_rejected_lists_rows(client, org, branches, party_officer):
    client.force_login(party_officer)
    before = counts()
    page = _upload(client, xlsx([row()]), preview=True).content.decode()
    assert "预览" in page and "尚未写入任何数据" in page and "新增 1 次会议" in page
    page = _upload(client, xlsx([row(), row(topic="二", host="无名氏")])).content.decode()
    assert "未写入任何数据" in page and "table-danger" in page and "没有名为“无名氏”的人员" in page
    assert counts() == before


def test_page_valid_only(client, org, branches, party_officer):
    client.force_login(party_officer)
    page = _upload(client, xlsx([row(), row(topic="二", host="无名氏")]), mode="valid_only").content.decode()
    assert "新增 1 次会议" in page and "跳过 1 行" in page
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("who", ["cadre_other_unit", "unit_head", "leader", "sysadmin"])
def test_accounts_outside_the_committees_get_403(client, org, branches, persona, who):
    client.force_login(persona(who))
    assert client.get(reverse("meeting_import_template")).status_code == 403
    assert client.get(reverse("meeting_import")).status_code == 403
    assert _upload(client, xlsx([row()])).status_code == 403
    assert not Meeting.objects.exists()


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(reverse("meeting_import"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
