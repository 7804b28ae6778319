"""纪检监察建议: the stationed group records its proposals through its registered writes (and nothing else), the
organ replies; pages, API, export; the permission matrix; rule INT-050 on any date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PERSONAS
from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.registry import STATIONED_GROUP_WRITES
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.integrity import permissions
from qinglian.integrity.choices import ProposalKind
from qinglian.integrity.models import DisciplineProposal
from qinglian.integrity.selectors.inquiries import rule_values
from qinglian.integrity.services.inquiries import proposal_reply, proposal_save
from qinglian.integrity.tests.factories import ProposalFactory
from qinglian.org.choices import UnitKind

D = dt.date
READ_ONLY = "派驻纪检监察组账号只能查阅，不能新增、修改或删除任何记录"
pytestmark = pytest.mark.django_db

FORM = {
    "kind": ProposalKind.DISCIPLINE,
    "number": "驻机关纪检组建〔2026〕5号",
    "issued_on": "2026-11-02",
    "title": "关于规范公务用车管理的纪律检查建议书",
    "summary": "部分委室公务用车登记不全",
}


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _new(org, **kw) -> DisciplineProposal:
    return DisciplineProposal(organ=org.organ, **{**{k: v for k, v in FORM.items()}, "issued_on": D(2026, 11, 2), **kw})


# --- services -------------------------------------------------------------------------------------------------


def test_the_group_records_and_corrects_until_the_organ_replies(org, supervisor, unit_head):
    p = proposal_save(proposal=_new(org, target_unit=org.unit_a), by=supervisor)
    assert p.issued_by == supervisor and p.replied_on is None
    p.title = "关于规范公务用车管理的建议"
    proposal_save(proposal=p, by=supervisor)
    proposal_reply(
        proposal=p, replied_on=D(2026, 11, 20), reply_no="常办〔2026〕9号", reply_summary="已整改", by=unit_head
    )
    p.refresh_from_db()
    assert (p.replied_on, p.replied_by) == (D(2026, 11, 20), unit_head)
    p.title = "再改"
    with pytest.raises(Conflict, match="已书面回复"):
        proposal_save(proposal=p, by=supervisor)
    assert DisciplineProposal.objects.get(pk=p.pk).title == "关于规范公务用车管理的建议"


@pytest.mark.parametrize("name", ["party_officer", "unit_head", "leader", "cadre_same_unit", "personnel_officer"])
def test_nobody_but_the_group_records_a_proposal(org, persona, name):
    with pytest.raises(Forbidden, match="只有派驻纪检监察组可以登记纪检监察建议"):
        proposal_save(proposal=_new(org), by=persona(name))
    assert not DisciplineProposal.all_objects.exists()


def test_the_group_cannot_reply_and_an_edit_keeps_the_reply_fields(org, supervisor, party_officer):
    p = proposal_save(proposal=_new(org), by=supervisor)
    with pytest.raises(Forbidden, match="机关党委或主送委室负责人"):
        proposal_reply(proposal=p, replied_on=D(2026, 11, 5), reply_no="x", reply_summary="y", by=supervisor)
    p.replied_on, p.reply_no = D(2026, 11, 5), "伪造"
    proposal_save(proposal=p, by=supervisor)
    p.refresh_from_db()
    assert p.replied_on is None and p.reply_no == ""


def test_reply_dates_and_fields_are_checked(org, supervisor, party_officer, cadre_same_unit):
    p = proposal_save(proposal=_new(org, target_unit=org.unit_b), by=supervisor)
    reply = {"reply_no": "常办〔2026〕9号", "reply_summary": "已整改"}
    with pytest.raises(InvalidInput, match="不能早于建议送达日期"):
        proposal_reply(proposal=p, replied_on=D(2026, 11, 1), by=party_officer, **reply)
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        proposal_reply(proposal=p, replied_on=clock.today() + dt.timedelta(days=1), by=party_officer, **reply)
    with pytest.raises(InvalidInput, match="回复文号"):
        proposal_reply(proposal=p, replied_on=D(2026, 11, 5), reply_no=" ", reply_summary="x", by=party_officer)
    with pytest.raises(Forbidden):  # a cadre of another unit; the head of unit A for a proposal to B
        proposal_reply(proposal=p, replied_on=D(2026, 11, 5), by=cadre_same_unit, **reply)
    p.refresh_from_db()
    assert p.replied_on is None


def test_issued_on_not_in_the_future_and_unit_of_the_organ(org, supervisor):
    with pytest.raises(InvalidInput, match="送达日期不能晚于今天"):
        proposal_save(proposal=_new(org, issued_on=clock.today() + dt.timedelta(days=1)), by=supervisor)
    from qinglian.org.tests.factories import OrganFactory, UnitFactory

    other = UnitFactory(organ=OrganFactory(code="other"), name="别处")
    with pytest.raises(InvalidInput, match="不属于本机关"):
        proposal_save(proposal=_new(org, target_unit=other), by=supervisor)
    # The organ's outside bodies and the group itself are units of the organ too, but not addressees of a proposal.
    outside = UnitFactory(organ=org.organ, name="市发改委", kind=UnitKind.EXTERNAL)
    for unit in (outside, org.stationed):
        with pytest.raises(InvalidInput, match="内设委室"):
            proposal_save(proposal=_new(org, target_unit=unit), by=supervisor)
    assert not DisciplineProposal.all_objects.exists()


# --- the middleware's exception: the group's registered writes, and only those ---------------------------


def test_only_the_recording_names_are_registered():
    assert {
        "integrity_proposal_create",
        "integrity_proposal_edit",
        "integrity_api_proposal_create",
        "integrity_api_proposal_update",
    } <= STATIONED_GROUP_WRITES
    assert not {"integrity_proposal_reply", "integrity_api_proposal_reply"} & STATIONED_GROUP_WRITES


def test_the_group_records_on_the_page_and_is_refused_the_reply(org, supervisor):
    client = _as(supervisor)
    response = client.post(reverse("integrity_proposal_create"), {**FORM, "target_unit": org.unit_a.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    p = DisciplineProposal.objects.get()
    response = client.post(reverse("integrity_proposal_edit", args=[p.pk]), {**FORM, "title": "改过的标题"})
    assert response.status_code == 302
    assert DisciplineProposal.objects.get().title == "改过的标题"
    data = {"replied_on": "2026-11-10", "reply_no": "x", "reply_summary": "y"}
    response = client.post(reverse("integrity_proposal_reply", args=[p.pk]), data)
    assert response.status_code == 403 and READ_ONLY in response.content.decode()
    assert DisciplineProposal.objects.get().replied_on is None


def test_the_group_records_through_the_api_and_is_refused_the_rest(org, supervisor):
    client = _as(supervisor)
    body = {**FORM, "target_unit_id": org.unit_a.pk}
    response = client.post("/api/integrity/proposals", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["due_on"] == "2026-12-02"
    response = client.put(
        f"/api/integrity/proposals/{pk}", json.dumps({**body, "title": "新标题"}), content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["title"] == "新标题"
    reply = {"replied_on": "2026-11-10", "reply_no": "x", "reply_summary": "y"}
    response = client.post(f"/api/integrity/proposals/{pk}/reply", json.dumps(reply), content_type="application/json")
    assert response.status_code == 403 and response.json()["message"] == READ_ONLY
    # still refused everywhere else: a gift of its own, a letter of inquiry
    response = client.post(
        "/api/integrity/gifts",
        json.dumps({"received_on": "2026-11-02", "giver": "某单位", "description": "茶叶"}),
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["message"] == READ_ONLY
    response = client.post(reverse("integrity_gift_create"), {})
    assert response.status_code == 403


def test_a_cadre_recording_a_proposal_is_refused_in_chinese(org, cadre_same_unit, party_officer):
    response = _as(cadre_same_unit).post(reverse("integrity_proposal_create"), FORM)
    assert response.status_code == 403 and "只有派驻纪检监察组可以登记纪检监察建议" in response.content.decode()
    response = _as(party_officer).post("/api/integrity/proposals", json.dumps(FORM), content_type="application/json")
    assert response.status_code == 403 and response.json()["message"] == "只有派驻纪检监察组可以登记纪检监察建议"
    assert not DisciplineProposal.all_objects.exists()


def test_the_api_answers_bad_input_with_400_or_422_never_500(org, supervisor, party_officer):
    client = _as(supervisor)
    future = {**FORM, "issued_on": (clock.today() + dt.timedelta(days=3)).isoformat()}
    response = client.post("/api/integrity/proposals", json.dumps(future), content_type="application/json")
    assert response.status_code == 400 and "不能晚于今天" in response.json()["message"]
    response = client.post("/api/integrity/proposals", json.dumps({"kind": "x"}), content_type="application/json")
    assert response.status_code == 422
    response = client.post(
        "/api/integrity/proposals", json.dumps({**FORM, "target_unit_id": 999999}), content_type="application/json"
    )
    assert response.status_code == 400
    p = ProposalFactory(organ=org.organ, issued_on=D(2026, 11, 2))
    reply = {"replied_on": "2026-11-01", "reply_no": "x", "reply_summary": "y"}
    response = _as(party_officer).post(
        f"/api/integrity/proposals/{p.pk}/reply", json.dumps(reply), content_type="application/json"
    )
    assert response.status_code == 400 and "不能早于建议送达日期" in response.json()["message"]


# --- pages and export -----------------------------------------------------------------------------------------


def test_the_list_shows_status_due_and_overdue_and_prints(org, party_officer, unit_head):
    late = ProposalFactory(organ=org.organ, issued_on=D(2026, 3, 2), target_unit=org.unit_a)
    ProposalFactory(
        organ=org.organ, issued_on=D(2026, 3, 2), replied_on=D(2026, 3, 20), reply_no="a", reply_summary="b"
    )
    client = _as(unit_head)
    page = client.get(reverse("integrity_proposals")).content.decode()
    assert "逾期未回复" in page and "2026-04-01" in page and "已按期回复" not in page  # heads see their units' only
    page = _as(party_officer).get(reverse("integrity_proposals") + "?status=overdue").content.decode()
    assert f'data-proposal="{late.pk}"' in page and page.count('data-testid="proposal-row"') == 1
    assert _as(party_officer).get(reverse("integrity_proposals") + "?print=1").status_code == 200
    detail = client.get(reverse("integrity_proposal", args=[late.pk])).content.decode()
    assert "登记书面回复" in detail and "尚未书面回复" in detail


def test_the_reply_page_records_the_reply(org, unit_head):
    p = ProposalFactory(organ=org.organ, issued_on=D(2026, 11, 2), target_unit=org.unit_a)
    data = {"replied_on": "2026-11-20", "reply_no": "常办〔2026〕9号", "reply_summary": "已整改"}
    response = _as(unit_head).post(reverse("integrity_proposal_reply", args=[p.pk]), data)
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.replied_on == D(2026, 11, 20) and p.reply_no == "常办〔2026〕9号"


def test_the_export_is_the_visible_rows_and_audited(org, party_officer, unit_head):
    from openpyxl import load_workbook

    from qinglian.audit.models import AuditEvent

    ProposalFactory(organ=org.organ, target_unit=org.unit_a, title="甲")
    ProposalFactory(organ=org.organ, target_unit=org.unit_b, title="乙")
    response = _as(unit_head).get(reverse("integrity_proposals_export"))
    assert response.status_code == 200
    import io

    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "甲" in text and "乙" not in text
    assert AuditEvent.objects.filter(action="export", actor_id=unit_head.pk).exists()


def test_the_workbench_cards(org, party_officer, unit_head, supervisor, cadre_same_unit):
    ProposalFactory(organ=org.organ, issued_on=D(2026, 3, 2), target_unit=org.unit_a)
    assert "待回复的纪检监察建议" in _as(party_officer).get(reverse("workbench")).content.decode()
    assert "待回复的纪检监察建议" in _as(unit_head).get(reverse("workbench")).content.decode()
    assert "建议回复情况" in _as(supervisor).get(reverse("workbench")).content.decode()
    assert "纪检监察建议" not in _as(cadre_same_unit).get(reverse("workbench")).content.decode()


def test_the_to_do_lists_the_proposal_for_the_repliers(org, party_officer, unit_head, cadre_other_unit):
    from qinglian.integrity.todos.inquiries import proposals_to_reply

    p = ProposalFactory(organ=org.organ, issued_on=D(2026, 3, 2), target_unit=org.unit_a)
    assert [i.link for i in proposals_to_reply(unit_head)] == [f"/integrity/proposals/{p.pk}/"]
    assert proposals_to_reply(unit_head)[0].overdue
    assert len(proposals_to_reply(party_officer)) == 1 and proposals_to_reply(cadre_other_unit) == []


# --- permission matrix ------------------------------------------------------------------------------------------

PERSONAS_ALL = (*PERSONAS, "personnel_officer")
# fmt: off
#               party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin personnel
MATRIX = {
    "proposal_a": "w             w         -          -           r      w          -        -        -          -",
    "proposal_organ": "w         -         -          -           r      w          -        -        -          -",
}
# fmt: on
# supervisor: "w" is access_proposal's — the group may correct its own record; the middleware lets it through only on
# the recording names, and replying stays the organ's (can_reply_proposal).


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in PERSONAS_ALL}


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, PERSONAS_ALL))
def test_matrix(org, everyone, target, persona_name, expected):
    obj = ProposalFactory(organ=org.organ, target_unit=org.unit_a if target == "proposal_a" else None)
    check_cell(
        model=DisciplineProposal,
        access=permissions.access_proposal,
        user=everyone[persona_name],
        obj=obj,
        expected=expected,
        label=f"{persona_name} / {target}",
    )
    status = 200 if expected in "rw" else 404
    client = _as(everyone[persona_name])
    assert client.get(reverse("integrity_proposal", args=[obj.pk])).status_code == status
    assert client.get(f"/api/integrity/proposals/{obj.pk}").status_code == status
    listed = client.get("/api/integrity/proposals")
    ids = [row["id"] for row in listed.json()["items"]] if listed.status_code == 200 else []
    assert (obj.pk in ids) == (expected in "rw")


# --- INT-050 -------------------------------------------------------------------------------------------------------


def _run(organ_id: int, as_of: dt.date):
    rule = RULES["INT-050"]
    params = Params(rule_values("INT-050", organ_id, as_of))
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {s.id: rule.check(s, params, ctx) for s in rule.collect(ctx)}


def test_int050_late_reply_is_red_recorded_and_a_past_date_sees_it_open(org, unit_head):
    p = ProposalFactory(organ=org.organ, issued_on=D(2026, 3, 2), target_unit=org.unit_a)
    with clock.replaying(moment(D(2026, 4, 10))):
        proposal_reply(proposal=p, replied_on=D(2026, 4, 10), reply_no="x", reply_summary="y", by=unit_head)
    now = _run(org.organ.pk, D(2026, 12, 7))[str(p.pk)]
    assert now.severity == Severity.RED and now.recorded and now.due == D(2026, 4, 1)
    assert "2026-04-10才书面回复" in now.reason
    # On 3-25 the reply was not yet made: within 5 working days of 4-1 → yellow; on 4-2 open red; before 3-2 unseen.
    assert _run(org.organ.pk, D(2026, 3, 25))[str(p.pk)].severity == Severity.YELLOW
    opened = _run(org.organ.pk, D(2026, 4, 2))[str(p.pk)]
    assert opened.severity == Severity.RED and not opened.recorded
    assert str(p.pk) not in _run(org.organ.pk, D(2026, 3, 1))
    assert _run(org.organ.pk, D(2026, 3, 10))[str(p.pk)] is None


def test_int050_on_time_passes_and_names_who_answers(org, unit_head, party_officer):
    p = ProposalFactory(organ=org.organ, issued_on=D(2026, 3, 2), target_unit=org.unit_a)
    ProposalFactory(organ=org.organ, issued_on=D(2026, 11, 30))  # to the Party group: the office answers
    with clock.replaying(moment(D(2026, 3, 20))):
        proposal_reply(proposal=p, replied_on=D(2026, 3, 20), reply_no="x", reply_summary="y", by=unit_head)
    assert _run(org.organ.pk, D(2026, 12, 7))[str(p.pk)] is None
    rule = RULES["INT-050"]
    ctx = Context(organ_id=org.organ.pk, as_of=D(2026, 12, 7), params=Params(rule_values("INT-050", org.organ.pk)))
    owners = {s.id: (s.unit_id, s.person_id) for s in rule.collect(ctx)}
    assert owners[str(p.pk)] == (org.unit_a.pk, unit_head.person_id)
    assert set(owners.values()) - {owners[str(p.pk)]} == {(org.unit_a.pk, party_officer.person_id)}


def test_int050_parameters_match_the_shipped_set():
    assert {p.name for p in RULES["INT-050"].params} == {"reply_days", "warn_working_days", "look_back_years"}


def test_the_menu_entries(
    org, party_officer, unit_head, supervisor, leader, cadre_same_unit, personnel_officer, sysadmin
):
    from qinglian.core.registry import nav_for

    def entries(user) -> set[str]:
        return {i.url_name for _, items in nav_for(user) for i in items} & {"integrity_proposals", "integrity_gifts"}

    for user in (party_officer, unit_head, supervisor, leader):
        assert entries(user) == {"integrity_proposals", "integrity_gifts"}
    for user in (cadre_same_unit, personnel_officer):
        assert entries(user) == {"integrity_gifts"}
    assert entries(sysadmin) == set()
