"""The duty API's letters, 督办单 and 约谈 (/api/duty/): figures, scoping per persona (a notice to unit A is a
404 for a cadre of unit B), writes through the services, forbidden writes change nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from qinglian.compliance.models import Finding
from qinglian.core import workdays
from qinglian.duty.choices import LetterLevel, NoticeStatus, TaskStatus
from qinglian.duty.models import AccountabilityTalk, OversightNotice, ResponsibilityLetter
from qinglian.duty.tests.factories import (
    AssignmentFactory,
    DutyItemFactory,
    DutyListFactory,
    LetterFactory,
    NoticeFactory,
)
from qinglian.org.models import LeadingGroupMember

TODAY = timezone.localdate()
YEAR = TODAY.year


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, data: Any = None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


def _assert_error(response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body["message"]
    return body


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["items"]}


@pytest.fixture
def member(org, leader):
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=dt.date(2020, 1, 1))
    return leader


@pytest.fixture
def tasks(org) -> dict[str, Any]:
    """This year's published list: unit A's task in progress, unit B's task overdue."""
    duty_list = DutyListFactory(organ=org.organ, year=YEAR)
    item_a = DutyItemFactory(duty_list=duty_list, content="落实意识形态工作责任制")
    item_b = DutyItemFactory(duty_list=duty_list, content="开展警示教育", deadline=TODAY - dt.timedelta(days=5))
    return {
        "a": AssignmentFactory(item=item_a, unit=org.unit_a, status=TaskStatus.IN_PROGRESS),
        "b": AssignmentFactory(item=item_b, unit=org.unit_b),
    }


@pytest.fixture
def finding_b(org) -> Finding:
    return Finding.objects.create(
        organ=org.organ,
        rule_code="DUTY-003",
        subject_type="duty.responsibilityletter",
        subject_id="9",
        subject_repr="研究室责任书",
        severity="red",
        reason="研究室1人未签订党风廉政建设责任书",
        responsible_unit=org.unit_b,
    )


# --- letters -----------------------------------------------------------------------------------


@pytest.fixture
def letters(org, unit_head, cadre_same_unit, cadre_other_unit) -> dict[str, ResponsibilityLetter]:
    common = {"organ": org.organ, "year": YEAR, "level": LetterLevel.CADRE}
    return {
        "a": LetterFactory(**common, signer=cadre_same_unit.person, issuer=unit_head.person, unit=org.unit_a),
        "b": LetterFactory(**common, signer=cadre_other_unit.person, unit=org.unit_b, signed_on=TODAY),
    }


def test_letters_scope_and_filters(letters, party_officer, unit_head, cadre_other_unit, sysadmin):
    a, b = letters["a"].pk, letters["b"].pk
    client = _as(party_officer)
    assert _ids(client.get("/api/duty/letters", {"year": YEAR})) == {a, b}
    assert _ids(client.get("/api/duty/letters", {"signed": "false"})) == {a}
    assert _ids(client.get("/api/duty/letters", {"signed": "true", "level": "cadre"})) == {b}
    assert _ids(client.get("/api/duty/letters", {"year": YEAR - 1})) == set()
    _assert_error(client.get("/api/duty/letters", {"level": "mayor"}), 422, "invalid")
    assert _ids(_as(unit_head).get("/api/duty/letters")) == {a}  # the head's unit only
    assert _ids(_as(cadre_other_unit).get("/api/duty/letters")) == {b}  # their own letter
    assert _ids(_as(sysadmin).get("/api/duty/letters")) == set()
    row = client.get("/api/duty/letters", {"signed": "false"}).json()["items"][0]
    assert (row["level_label"], row["signer"]["name"], row["issuer"]["name"], row["signed"]) == (
        "委室负责人—干部",
        "cadre_same_unit",
        "unit_head",
        False,
    )


def test_the_unit_head_signs_the_units_cadre_letter(letters, unit_head, cadre_same_unit):
    url = f"/api/duty/letters/{letters['a'].pk}/sign"
    _assert_error(_post(_as(cadre_same_unit), url, {"signed_on": TODAY.isoformat()}), 403, "forbidden")
    letters["a"].refresh_from_db()
    assert letters["a"].signed_on is None
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    assert "晚于今天" in _assert_error(_post(_as(unit_head), url, {"signed_on": tomorrow}), 400, "invalid")["message"]
    signed = _post(_as(unit_head), url, {"signed_on": TODAY.isoformat()})
    assert signed.status_code == 200, signed.content
    assert (signed.json()["signed"], signed.json()["signed_on"]) == (True, TODAY.isoformat())
    _assert_error(_post(_as(unit_head), url, {"signed_on": "昨天"}), 422, "invalid")
    other = f"/api/duty/letters/{letters['b'].pk}/sign"
    _assert_error(_post(_as(unit_head), other, {"signed_on": TODAY.isoformat()}), 404, "not_found")


def test_the_office_generates_the_years_letters_from_the_roster(letters, member, party_officer, cadre_same_unit):
    # Internal active staff: party_officer, unit_head, cadre_same_unit, leader (unit A), cadre_other_unit (B).
    _assert_error(_post(_as(cadre_same_unit), "/api/duty/letters/generate", {"year": YEAR}), 403, "forbidden")
    assert ResponsibilityLetter.objects.count() == 2
    body = _post(_as(party_officer), "/api/duty/letters/generate", {"year": YEAR}).json()
    assert body == {"year": YEAR, "created": 3, "total": 5}
    levels = dict(ResponsibilityLetter.objects.values_list("signer__name", "level"))
    assert (levels["leader"], levels["unit_head"], levels["party_officer"]) == ("leader", "unit_head", "cadre")
    again = _post(_as(party_officer), "/api/duty/letters/generate", {"year": YEAR}).json()
    assert again == {"year": YEAR, "created": 0, "total": 5}


# --- 督办单 --------------------------------------------------------------------------------------


@pytest.fixture
def notice_a(org, tasks, party_officer, unit_head) -> OversightNotice:
    return NoticeFactory(
        organ=org.organ,
        number=f"督办〔{YEAR}〕1号",
        assignment=tasks["a"],
        unit=org.unit_a,
        responsible=unit_head.person,
        issued_by=party_officer,
    )


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("party_officer", True),
        ("leader", True),
        ("supervisor", True),
        ("unit_head", True),
        ("cadre_same_unit", True),
        ("cadre_other_unit", False),
        ("sysadmin", False),
    ],
)
def test_who_sees_a_notice_to_unit_a(notice_a, persona, name, sees):
    client = _as(persona(name))
    assert _ids(client.get("/api/duty/notices")) == ({notice_a.pk} if sees else set())
    detail = client.get(f"/api/duty/notices/{notice_a.pk}")
    if sees:
        assert (detail.status_code, detail.json()["number"], detail.json()["unit"]["name"]) == (
            200,
            f"督办〔{YEAR}〕1号",
            "办公室",
        )
    else:
        _assert_error(detail, 404, "not_found")


def test_a_cadre_of_another_unit_cannot_answer_a_notice_it_cannot_see(notice_a, cadre_other_unit):
    reply = _post(_as(cadre_other_unit), f"/api/duty/notices/{notice_a.pk}/reply", {"reply": "已整改"})
    _assert_error(reply, 404, "not_found")
    notice_a.refresh_from_db()
    assert (notice_a.status, notice_a.reply) == (NoticeStatus.ISSUED, "")


def test_issue_a_notice_for_an_overdue_task(org, tasks, party_officer, cadre_same_unit, unit_head):
    data = {
        "assignment_id": tasks["b"].pk,
        "reason": "警示教育逾期未开展",
        "reply_due": f"{TODAY + dt.timedelta(days=7)}",
    }
    _assert_error(_post(_as(cadre_same_unit), "/api/duty/notices", data), 403, "forbidden")
    assert OversightNotice.objects.count() == 0
    response = _post(_as(party_officer), "/api/duty/notices", data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["number"], body["unit"]["name"], body["status"], body["issued_by"]) == (
        f"督办〔{YEAR}〕1号",
        "研究室",  # the task's unit
        "issued",
        "party_officer",
    )
    assert (body["assignment_id"], body["responsible"], body["issued_on"]) == (tasks["b"].pk, None, TODAY.isoformat())
    # The notice shows on the task it is about, for whoever sees both.
    task = _as(party_officer).get(f"/api/duty/tasks/{tasks['b'].pk}").json()
    assert [n["number"] for n in task["notices"]] == [f"督办〔{YEAR}〕1号"]
    assert _as(unit_head).get(f"/api/duty/tasks/{tasks['b'].pk}").json()["notices"] == []

    wrong_unit = data | {"unit_id": org.unit_a.pk}
    assert (
        "责任委室"
        in _assert_error(_post(_as(party_officer), "/api/duty/notices", wrong_unit), 400, "invalid")["message"]
    )
    nothing = {"reason": "无来源", "reply_due": data["reply_due"], "unit_id": org.unit_a.pk}
    assert "关联" in _assert_error(_post(_as(party_officer), "/api/duty/notices", nothing), 400, "invalid")["message"]
    unknown = data | {"assignment_id": 999999}
    assert (
        "assignment_id"
        in _assert_error(_post(_as(party_officer), "/api/duty/notices", unknown), 400, "invalid")["detail"]
    )
    _assert_error(_post(_as(party_officer), "/api/duty/notices", {"reason": "缺期限"}), 422, "invalid")
    assert OversightNotice.objects.count() == 1


def test_a_leader_issues_a_notice_for_a_finding(org, finding_b, member):
    data = {"finding_id": finding_b.pk, "reason": "责任书未签订", "reply_due": f"{TODAY + dt.timedelta(days=5)}"}
    response = _post(_as(member), "/api/duty/notices", data)
    assert response.status_code == 201, response.content
    assert (response.json()["finding_id"], response.json()["unit"]["name"]) == (finding_b.pk, "研究室")


def test_reply_close_and_the_overdue_filter(notice_a, unit_head, cadre_same_unit, party_officer):
    url = f"/api/duty/notices/{notice_a.pk}"
    _assert_error(_post(_as(cadre_same_unit), f"{url}/reply", {"reply": "已整改"}), 403, "forbidden")
    _assert_error(_post(_as(party_officer), f"{url}/close"), 400, "invalid")  # not answered yet
    replied = _post(_as(unit_head), f"{url}/reply", {"reply": "已制定整改方案"})
    assert replied.status_code == 200, replied.content
    assert (replied.json()["status"], replied.json()["replied_on"]) == ("replied", TODAY.isoformat())
    _assert_error(_post(_as(unit_head), f"{url}/close"), 403, "forbidden")
    closed = _post(_as(party_officer), f"{url}/close")
    assert (closed.status_code, closed.json()["status_label"]) == (200, "已办结")

    OversightNotice.objects.filter(pk=notice_a.pk).update(
        status=NoticeStatus.ISSUED, reply_due=workdays.previous_working_day(TODAY)
    )
    assert _ids(_as(party_officer).get("/api/duty/notices", {"status": "overdue"})) == {notice_a.pk}
    assert _as(party_officer).get(url).json()["is_overdue"] is True
    assert _ids(_as(party_officer).get("/api/duty/notices", {"status": "replied"})) == set()


def test_escalate_to_the_supervising_leader(org, tasks, member, party_officer, unit_head, cadre_same_unit):
    notice = NoticeFactory(organ=org.organ, assignment=tasks["b"], unit=org.unit_b, issued_by=party_officer)
    url = f"/api/duty/notices/{notice.pk}/escalate"
    _assert_error(_post(_as(unit_head), url), 404, "not_found")  # unit A's head does not see unit B's notice
    bad = _post(_as(party_officer), url, {"to_person_id": cadre_same_unit.person.pk})
    assert "to_person_id" in _assert_error(bad, 400, "invalid")["detail"]
    response = _as(party_officer).post(url, content_type="application/json")  # no body at all: unit B's 分管领导
    assert response.status_code == 200, response.content
    assert (response.json()["escalated_to"]["name"], response.json()["escalated_on"]) == ("leader", TODAY.isoformat())


# --- 约谈 ----------------------------------------------------------------------------------------


def test_a_leader_records_a_talk_linked_to_a_notice(org, tasks, finding_b, member, party_officer, cadre_other_unit):
    notice = NoticeFactory(organ=org.organ, assignment=tasks["b"], finding=finding_b, unit=org.unit_b)
    data = {
        "date": TODAY.isoformat(),
        "interviewee_id": cadre_other_unit.person.pk,
        "reason": "督办单逾期未回复",
        "outcome": "限期一周内整改",
        "notice_id": notice.pk,
    }
    response = _post(_as(member), "/api/duty/talks", data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind_label"], body["interviewer"]["name"], body["unit"]["name"]) == ("约谈", "leader", "研究室")
    assert (body["notice_id"], body["assignment_id"], body["finding_id"]) == (notice.pk, tasks["b"].pk, finding_b.pk)
    # The interviewee reads the talk, but not the finding behind it (as on the page).
    mine = _as(cadre_other_unit).get(f"/api/duty/talks/{body['id']}").json()
    assert (mine["reason"], mine["assignment_id"], mine["finding_id"]) == ("督办单逾期未回复", tasks["b"].pk, None)
    assert _ids(_as(party_officer).get("/api/duty/talks", {"year": YEAR, "kind": "admonition"})) == {body["id"]}


def test_talk_writes_and_reads_are_scoped(org, member, party_officer, cadre_same_unit, cadre_other_unit, unit_head):
    data = {"date": TODAY.isoformat(), "interviewee_id": cadre_other_unit.person.pk, "reason": "提醒"}
    _assert_error(_post(_as(cadre_same_unit), "/api/duty/talks", data), 403, "forbidden")
    for_someone_else = data | {"interviewer_id": party_officer.person.pk}
    _assert_error(_post(_as(member), "/api/duty/talks", for_someone_else), 403, "forbidden")
    assert AccountabilityTalk.objects.count() == 0
    self_talk = data | {"interviewee_id": member.person.pk}
    assert "同一人" in _assert_error(_post(_as(member), "/api/duty/talks", self_talk), 400, "invalid")["message"]
    made = _post(_as(party_officer), "/api/duty/talks", for_someone_else | {"kind": "reminder"})
    assert made.status_code == 201, made.content
    talk_id = made.json()["id"]
    assert _ids(_as(cadre_same_unit).get("/api/duty/talks")) == set()
    assert _ids(_as(unit_head).get("/api/duty/talks")) == set()  # unit A's head; the talk is in unit B
    assert _ids(_as(cadre_other_unit).get("/api/duty/talks")) == {talk_id}
    _assert_error(_as(cadre_same_unit).get(f"/api/duty/talks/{talk_id}"), 404, "not_found")
