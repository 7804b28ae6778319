"""The party-life API at /api/partylife/: scoping per persona, talk confidentiality, writes through services."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import PERSONAS
from qinglian.audit.models import AuditEvent
from qinglian.org.choices import BranchPost
from qinglian.org.models import BranchCommitteeMember, Person
from qinglian.org.tests.factories import BranchFactory
from qinglian.partylife.choices import AttendanceStatus, Holder, MeetingKind, StudyKind, TalkRole
from qinglian.partylife.models import AgendaItem, Attendance, HeartTalk, Meeting, StudyRecord

BUSINESS = {"party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "supervisor"}
TALK_READERS = {"party_officer", "supervisor", "cadre_same_unit", "cadre_other_unit"}  # office, supervisor, the two


@pytest.fixture
def everyone(request, org) -> dict[str, Any]:
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def ledgers(org, everyone) -> dict[str, Any]:
    """Branch 1 covers unit A (secretary: cadre_same_unit), branch 2 unit B; meetings, a talk, study records."""
    first = BranchFactory(organ=org.organ, name="机关第一党支部")
    first.units.add(org.unit_a)
    second = BranchFactory(organ=org.organ, name="机关第二党支部")
    second.units.add(org.unit_b)
    Person.objects.filter(unit=org.unit_a).update(branch=first)
    Person.objects.filter(unit=org.unit_b).update(branch=second)
    person = {name: user.person for name, user in everyone.items() if user.person_id}
    BranchCommitteeMember.objects.create(
        organ=org.organ,
        branch=first,
        person=person["cadre_same_unit"],
        post=BranchPost.SECRETARY,
        start=dt.date(2024, 1, 1),
    )
    one = _meeting(
        org,
        branch=first,
        date=dt.date(2025, 3, 10),
        hours=Decimal("2"),
        present=[person["cadre_same_unit"], person["unit_head"]],
    )
    two = _meeting(
        org, branch=second, date=dt.date(2025, 4, 2), kind=MeetingKind.THEME_DAY, present=[person["cadre_other_unit"]]
    )
    three = _meeting(
        org,
        branch=None,
        holder=Holder.LEADING_GROUP,
        kind=MeetingKind.CENTRAL_GROUP_STUDY,
        date=dt.date(2024, 12, 5),
        present=[person["leader"]],
    )
    talk = HeartTalk.objects.create(
        organ=org.organ,
        initiator=person["cadre_same_unit"],
        initiator_role=TalkRole.SECRETARY,
        counterpart=person["cadre_other_unit"],
        counterpart_role=TalkRole.MEMBER,
        date=dt.date(2025, 5, 1),
        topic="思想工作",
        summary="谈话要点：工作压力较大",
    )
    StudyRecord.objects.create(
        organ=org.organ,
        person=person["cadre_same_unit"],
        kind=StudyKind.ONLINE,
        date=dt.date(2025, 6, 1),
        title="网络学院专题",
        hours=Decimal("3"),
    )
    StudyRecord.objects.create(
        organ=org.organ,
        person=person["cadre_other_unit"],
        kind=StudyKind.TRAINING,
        date=dt.date(2025, 6, 1),
        title="培训班",
        hours=Decimal("8"),
    )
    return {"first": first, "second": second, "meetings": [one, two, three], "talk": talk, "person": person}


def _meeting(
    org, *, branch, date, kind=MeetingKind.BRANCH_GENERAL_MEETING, holder=Holder.BRANCH, hours=Decimal("0"), present=()
) -> Meeting:
    meeting = Meeting.objects.create(
        organ=org.organ, branch=branch, holder=holder, kind=kind, date=date, topic=f"{date} 会议", hours=hours
    )
    AgendaItem.objects.create(meeting=meeting, order=1, title="第一议题：学习讲话精神", is_first_topic=True)
    for person in present:
        Attendance.objects.create(meeting=meeting, person=person)
    return meeting


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, data: Any):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def _assert_error(response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body["message"]
    return body


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


# --- meetings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PERSONAS)
def test_meeting_list_matches_visible_to_for_every_persona(everyone, ledgers, name):
    user = everyone[name]
    expected = set(Meeting.objects.visible_to(user).values_list("pk", flat=True))
    assert _ids(_as(user).get("/api/partylife/meetings")) == expected
    if name in BUSINESS:
        assert expected


def test_meeting_scope_per_persona(everyone, ledgers):
    one, two, three = (m.pk for m in ledgers["meetings"])
    assert _ids(_as(everyone["party_officer"]).get("/api/partylife/meetings")) == {one, two, three}
    assert _ids(_as(everyone["cadre_other_unit"]).get("/api/partylife/meetings")) == {two}
    assert _ids(_as(everyone["cadre_same_unit"]).get("/api/partylife/meetings")) == {one}
    _assert_error(_as(everyone["cadre_other_unit"]).get(f"/api/partylife/meetings/{one}"), 404, "not_found")
    assert _ids(_as(everyone["sysadmin"]).get("/api/partylife/meetings")) == set()


def test_meeting_filters_and_pagination(everyone, ledgers):
    one, two, three = (m.pk for m in ledgers["meetings"])
    client = _as(everyone["party_officer"])
    assert _ids(client.get("/api/partylife/meetings", {"branch_id": ledgers["second"].pk})) == {two}
    assert _ids(client.get("/api/partylife/meetings", {"kind": "central_group_study"})) == {three}
    assert _ids(client.get("/api/partylife/meetings", {"year": 2025})) == {one, two}
    _assert_error(client.get("/api/partylife/meetings", {"kind": "tea_party"}), 422, "invalid")
    body = client.get("/api/partylife/meetings", {"page_size": 2, "page": 2}).json()
    assert (body["count"], body["page"], body["page_size"], len(body["items"])) == (3, 2, 2, 1)
    assert body["items"][0]["id"] == three  # newest first


def test_meeting_detail_has_agenda_and_attendance(everyone, ledgers):
    one = ledgers["meetings"][0]
    body = _as(everyone["cadre_same_unit"]).get(f"/api/partylife/meetings/{one.pk}").json()
    assert (body["kind"], body["kind_label"], body["branch"]["name"]) == (
        "branch_general_meeting",
        "支部党员大会",
        "机关第一党支部",
    )
    assert body["agenda"] == [{"order": 1, "title": "第一议题：学习讲话精神", "is_first_topic": True}]
    assert {a["person"]["name"] for a in body["attendance"]} == {"cadre_same_unit", "unit_head"}
    assert body["hours"] == 2


def _new_meeting(ledgers, **over: Any) -> dict[str, Any]:
    person = ledgers["person"]
    data = {
        "kind": "branch_general_meeting",
        "branch_id": ledgers["first"].pk,
        "date": "2025-07-01",
        "topic": "七一主题党日",
        "hours": "1.5",
        "host_id": person["cadre_same_unit"].pk,
        "agenda": ["学习重要讲话", "讨论发展党员"],
        "first_topic_index": 0,
        "attendance": [
            {"person_id": person["cadre_same_unit"].pk},
            {"person_id": person["unit_head"].pk, "status": "leave", "reason": "出差"},
        ],
    }
    return data | over


def test_committee_member_records_a_meeting_of_their_branch(everyone, ledgers):
    response = _post(_as(everyone["cadre_same_unit"]), "/api/partylife/meetings", _new_meeting(ledgers))
    assert response.status_code == 201, response.content
    body = response.json()
    meeting = Meeting.objects.get(pk=body["id"])
    assert (meeting.branch, meeting.hours, meeting.history.first().history_user) == (
        ledgers["first"],
        Decimal("1.5"),
        everyone["cadre_same_unit"],
    )
    agenda = [(a["title"], a["is_first_topic"]) for a in body["agenda"]]
    assert agenda == [("学习重要讲话", True), ("讨论发展党员", False)]
    assert {(a["person"]["name"], a["status"], a["reason"]) for a in body["attendance"]} == {
        ("cadre_same_unit", AttendanceStatus.PRESENT, ""),
        ("unit_head", AttendanceStatus.LEAVE, "出差"),
    }


def test_no_first_topic_is_marked_unless_the_request_names_one(everyone, ledgers):
    """As on the form (issue #14): 第一议题 is what the branch says it was, never item 1 by default."""
    data = _new_meeting(ledgers)
    del data["first_topic_index"]
    response = _post(_as(everyone["cadre_same_unit"]), "/api/partylife/meetings", data)
    assert response.status_code == 201, response.content
    assert [a["is_first_topic"] for a in response.json()["agenda"]] == [False, False]


def test_meeting_of_another_branch_or_by_a_non_committee_cadre_is_403(everyone, ledgers):
    count = Meeting.objects.count()
    other = _new_meeting(ledgers, branch_id=ledgers["second"].pk)
    _assert_error(_post(_as(everyone["cadre_same_unit"]), "/api/partylife/meetings", other), 403, "forbidden")
    for name in ("cadre_other_unit", "leader", "unit_head", "sysadmin"):
        response = _post(_as(everyone[name]), "/api/partylife/meetings", _new_meeting(ledgers))
        _assert_error(response, 403, "forbidden")
    assert Meeting.objects.count() == count


@pytest.mark.parametrize(
    ("over", "needle"),
    [
        ({"kind": "party_lecture"}, "党课须填写授课人"),
        ({"attendance": [{"person_id": 0, "status": "absent", "reason": ""}]}, "人员不存在"),
        ({"date": "2099-01-01"}, "不能晚于今天"),
        ({"agenda": [" "]}, "请至少填写一个议题"),
        ({"branch_id": 999999}, "党支部不存在"),
        ({"branch_id": None}, "请填写党支部"),
        ({"kind": "party_group_meeting"}, "党小组会须指定党小组"),
        ({"kind": "democratic_life_meeting"}, "由党组召开"),
        ({"first_topic_index": 5}, "第一议题序号超出议题数"),
    ],
)
def test_meeting_validation_errors_are_400_in_chinese(everyone, ledgers, over, needle):
    count = Meeting.objects.count()
    response = _post(_as(everyone["party_officer"]), "/api/partylife/meetings", _new_meeting(ledgers, **over))
    body = _assert_error(response, 400, "invalid")
    assert needle in body["message"], body
    assert Meeting.objects.count() == count


def test_absence_without_reason_is_400(everyone, ledgers):
    person = ledgers["person"]["unit_head"]
    data = _new_meeting(ledgers, attendance=[{"person_id": person.pk, "status": "absent"}])
    body = _assert_error(_post(_as(everyone["party_officer"]), "/api/partylife/meetings", data), 400, "invalid")
    assert body["message"] == "请假或缺席须填写原因"


def test_malformed_meeting_body_is_422(everyone, ledgers):
    data = _new_meeting(ledgers, kind="tea_party")
    _assert_error(_post(_as(everyone["party_officer"]), "/api/partylife/meetings", data), 422, "invalid")


def test_party_officer_records_the_leading_groups_study(everyone, ledgers):
    data = _new_meeting(ledgers, kind="central_group_study", branch_id=None)
    response = _post(_as(everyone["party_officer"]), "/api/partylife/meetings", data)
    assert response.status_code == 201, response.content
    assert response.json()["holder"] == "leading_group"


# --- heart-to-heart talks ----------------------------------------------------------------------


@pytest.mark.parametrize("name", PERSONAS)
def test_talks_are_confidential(everyone, ledgers, name):
    talk = ledgers["talk"]
    client = _as(everyone[name])
    listed = _ids(client.get("/api/partylife/talks"))
    response = client.get(f"/api/partylife/talks/{talk.pk}")
    if name in TALK_READERS:
        assert listed == {talk.pk}
        assert response.status_code == 200
        assert response.json()["summary"] == "谈话要点：工作压力较大"
    else:  # leaders, unit heads and the administrators do not even learn that it exists
        assert listed == set()
        _assert_error(response, 404, "not_found")
        assert "工作压力" not in response.content.decode()


def test_talk_list_leaves_out_the_summary(everyone, ledgers):
    item = _as(everyone["party_officer"]).get("/api/partylife/talks").json()["items"][0]
    assert "summary" not in item and item["initiator_role_label"] == "党组织书记"


def test_reading_a_talk_is_audited(everyone, ledgers):
    talk = ledgers["talk"]
    before = AuditEvent.objects.filter(action="confidential_viewed").count()
    assert _as(everyone["supervisor"]).get(f"/api/partylife/talks/{talk.pk}").status_code == 200
    events = AuditEvent.objects.filter(action="confidential_viewed")
    assert events.count() == before + 1
    event = events.order_by("-seq").first()
    assert (event.actor, event.target_id, event.target_type) == (
        everyone["supervisor"],
        str(talk.pk),
        "partylife.hearttalk",
    )
    _as(everyone["leader"]).get(f"/api/partylife/talks/{talk.pk}")
    assert AuditEvent.objects.filter(action="confidential_viewed").count() == before + 1


def test_talk_create_by_the_initiator_and_refusals(everyone, ledgers):
    person = ledgers["person"]
    data = {
        "initiator_role": "secretary",
        "counterpart_id": person["unit_head"].pk,
        "counterpart_role": "member",
        "date": "2025-08-01",
        "topic": "谈心",
        "summary": "要点",
    }
    response = _post(_as(everyone["cadre_same_unit"]), "/api/partylife/talks", data)
    assert response.status_code == 201, response.content
    assert response.json()["initiator"]["id"] == person["cadre_same_unit"].pk
    someone_else = data | {"initiator_id": person["cadre_other_unit"].pk}
    _assert_error(_post(_as(everyone["cadre_same_unit"]), "/api/partylife/talks", someone_else), 403, "forbidden")
    itself = data | {"counterpart_id": person["cadre_same_unit"].pk}
    body = _assert_error(_post(_as(everyone["cadre_same_unit"]), "/api/partylife/talks", itself), 400, "invalid")
    assert body["message"] == "谈话人和谈话对象不能是同一人"
    future = data | {"date": (timezone.localdate() + dt.timedelta(days=2)).isoformat()}
    _assert_error(_post(_as(everyone["cadre_same_unit"]), "/api/partylife/talks", future), 400, "invalid")
    _assert_error(_post(_as(everyone["sysadmin"]), "/api/partylife/talks", data), 403, "forbidden")
    assert HeartTalk.objects.count() == 2


def test_a_talk_with_someone_outside_the_branch_is_refused_without_naming_them(everyone, ledgers):
    """A cadre's counterparts are the people of their branch, as on the page: any other id is "not found", so
    trying ids one after another never reads a name back."""
    stranger = ledgers["person"]["cadre_other_unit"]  # unit B, the second branch
    data = {"counterpart_id": stranger.pk, "counterpart_role": "member", "date": "2025-08-01", "topic": "谈心"}
    response = _post(_as(everyone["cadre_same_unit"]), "/api/partylife/talks", data | {"initiator_role": "member"})
    body = _assert_error(response, 400, "invalid")
    assert body["message"] == "谈话对象不存在或无权查看" and stranger.name not in response.content.decode()
    assert HeartTalk.objects.count() == 1


# --- study and training hours ------------------------------------------------------------------


def test_study_list_is_my_own_records(everyone, ledgers):
    body = _as(everyone["cadre_same_unit"]).get("/api/partylife/study").json()
    assert [(i["title"], i["hours"]) for i in body["items"]] == [("网络学院专题", 3)]
    other = ledgers["person"]["cadre_other_unit"].pk
    assert _ids(_as(everyone["cadre_same_unit"]).get("/api/partylife/study", {"person_id": other})) == set()
    assert len(_ids(_as(everyone["party_officer"]).get("/api/partylife/study", {"person_id": other}))) == 1


def test_study_create_for_myself_and_refusals(everyone, ledgers):
    data = {"kind": "training", "date": "2025-09-01", "title": "党性教育培训班", "hours": "16"}
    response = _post(_as(everyone["cadre_other_unit"]), "/api/partylife/study", data)
    assert response.status_code == 201, response.content
    assert response.json()["person"]["id"] == ledgers["person"]["cadre_other_unit"].pk
    for_other = data | {"person_id": ledgers["person"]["unit_head"].pk}
    _assert_error(_post(_as(everyone["cadre_other_unit"]), "/api/partylife/study", for_other), 403, "forbidden")
    future = data | {"date": "2099-01-01"}
    body = _assert_error(_post(_as(everyone["cadre_other_unit"]), "/api/partylife/study", future), 400, "invalid")
    assert body["message"] == "学习日期不能晚于今天"
    _assert_error(_post(_as(everyone["cadre_other_unit"]), "/api/partylife/study", data | {"hours": 0}), 422, "invalid")
    _assert_error(_post(_as(everyone["sysadmin"]), "/api/partylife/study", data), 403, "forbidden")
    assert StudyRecord.objects.count() == 3


def test_training_hours_per_person_in_scope(everyone, ledgers):
    body = _as(everyone["party_officer"]).get("/api/partylife/training-hours", {"year": 2025}).json()
    hours = {row["person"]["name"]: row["hours"] for row in body}
    assert hours["cadre_same_unit"] == 5  # 2 (attended meeting) + 3 (study record)
    assert hours["cadre_other_unit"] == 8 and hours["unit_head"] == 2 and hours["party_officer"] == 0
    mine = _as(everyone["cadre_other_unit"]).get("/api/partylife/training-hours", {"year": 2025}).json()
    assert {row["person"]["name"] for row in mine} == set(
        Person.objects.visible_to(everyone["cadre_other_unit"]).filter(is_active=True).values_list("name", flat=True)
    )
    assert "cadre_same_unit" not in {row["person"]["name"] for row in mine}
    assert _as(everyone["sysadmin"]).get("/api/partylife/training-hours").json() == []
    leader = _as(everyone["leader"]).get("/api/partylife/training-hours", {"year": 2024}).json()
    assert {row["person"]["name"]: row["hours"] for row in leader}["leader"] == 0  # the study had no credited hours


def test_openapi_schema_lists_the_party_life_endpoints(everyone):
    paths = _as(everyone["party_officer"]).get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/partylife/meetings",
        "/api/partylife/meetings/{meeting_id}",
        "/api/partylife/talks/{talk_id}",
        "/api/partylife/study",
        "/api/partylife/training-hours",
    ):
        assert path in paths


def test_anonymous_gets_401(org):
    _assert_error(Client().get("/api/partylife/meetings"), 401, "unauthenticated")
