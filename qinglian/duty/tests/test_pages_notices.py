"""督办单 pages: visibility per persona, issue from a task or a finding, reply, close, escalate, the overdue
marker, the Excel export and the unit head's workbench card."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qinglian.compliance.choices import FindingStatus
from qinglian.compliance.tests.factories import FindingFactory
from qinglian.core import workdays
from qinglian.core.workdays import add_working_days
from qinglian.duty.choices import NoticeStatus
from qinglian.duty.models import AccountabilityTalk, OversightNotice
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory, NoticeFactory
from qinglian.org.models import LeadingGroupMember

TODAY = timezone.localdate()
D = dt.date


@pytest.fixture
def task(org):
    duty_list = DutyListFactory(organ=org.organ)
    item = DutyItemFactory(duty_list=duty_list, content="落实意识形态工作责任制")
    return AssignmentFactory(item=item, unit=org.unit_a)


@pytest.fixture
def issuer(party_officer):
    return party_officer


@pytest.fixture
def notice_a(org, task, unit_head, issuer):
    return NoticeFactory(
        organ=org.organ, assignment=task, unit=org.unit_a, responsible=unit_head.person, issued_by=issuer
    )


@pytest.fixture
def finding(org, cadre_other_unit):
    return FindingFactory(
        organ=org.organ,
        rule_code="DUTY-003",
        subject_type="duty.responsibilityletter",
        subject_repr="研究室责任书",
        reason="研究室1人未签订党风廉政建设责任书",
        responsible_unit=org.unit_b,
        responsible_person=cadre_other_unit.person,
    )


@pytest.fixture
def leader_member(org, leader):
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=dt.date(2020, 1, 1))
    return leader


# --- visibility ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("party_officer", 200),
        ("leader", 200),
        ("supervisor", 200),
        ("unit_head", 200),
        ("cadre_same_unit", 200),
        ("cadre_other_unit", 404),
        ("sysadmin", 404),
    ],
)
def test_who_sees_a_notice_to_unit_a(client, persona, notice_a, name, status):
    client.force_login(persona(name))
    assert client.get(reverse("duty_notice", args=[notice_a.pk])).status_code == status
    listed = client.get(reverse("duty_notices"))
    shown = listed.status_code == 200 and notice_a.number in listed.content.decode()
    assert shown == (status == 200)


def test_a_cadre_cannot_issue_a_notice(client, task, cadre_same_unit):
    client.force_login(cadre_same_unit)
    response = client.get(reverse("duty_notice_new"))
    assert response.status_code == 403
    assert "只有机关党委专责人员或党组成员可以下发督办单" in response.content.decode()
    data = {"assignment": task.pk, "unit": task.unit_id, "reason": "代发", "reply_due": TODAY.isoformat()}
    assert client.post(reverse("duty_notice_new"), data).status_code == 403
    assert not OversightNotice.objects.exists()


# --- issue -----------------------------------------------------------------------------------------------


def test_a_task_prefills_the_new_notice(client, task, party_officer, unit_head):
    client.force_login(party_officer)
    form = client.get(reverse("duty_notice_new"), {"assignment": task.pk}).context["form"]
    assert form.initial["unit"] == task.unit_id
    assert form.initial["responsible"] == unit_head.person_id
    assert "落实意识形态工作责任制" in form.initial["reason"]
    assert form.initial["reply_due"] == add_working_days(TODAY, 5)


@pytest.mark.parametrize(
    ("persona", "offered"),
    [("party_officer", True), ("leader", True), ("cadre_other_unit", False), ("supervisor", False)],
)
def test_the_finding_page_offers_a_notice_to_those_who_issue_them(client, request, finding, persona, offered):
    """#14 item 5: 发督办单 in one click from the finding's own page (duty brings the action to compliance)."""
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("finding_detail", args=[finding.pk]))
    link = f'href="{reverse("duty_notice_new")}?finding={finding.pk}"'
    assert response.status_code == 200
    assert (link in response.content.decode()) is offered


def test_a_closed_finding_offers_no_notice(client, finding, party_officer):
    finding.status = FindingStatus.CLOSED
    finding.save()
    client.force_login(party_officer)
    assert "发督办单" not in client.get(reverse("finding_detail", args=[finding.pk])).content.decode()


def test_a_finding_prefills_the_new_notice(client, org, finding, party_officer, cadre_other_unit):
    client.force_login(party_officer)
    form = client.get(reverse("duty_notice_new"), {"finding": finding.pk}).context["form"]
    assert form.initial["finding"] == finding.pk
    assert (form.initial["unit"], form.initial["responsible"]) == (org.unit_b.pk, cadre_other_unit.person_id)
    assert form.initial["reason"] == "DUTY-003：研究室1人未签订党风廉政建设责任书"


def test_the_party_secretary_issues_a_notice_from_a_finding_in_one_step(client, org, finding, leader, unit_head):
    """#14 item 5: unit, person, reply date and the finding come from the finding; 下发 is the only step left."""
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="secretary", start=D(2020, 1, 1))
    finding.due_date = add_working_days(TODAY, 12)
    finding.save()
    client.force_login(leader)
    response = client.get(reverse("duty_notice_new"), {"finding": finding.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["reply_due"] == finding.due_date  # the finding's own date, still ahead
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data["reply_due"] = data["reply_due"].isoformat()
    response = client.post(reverse("duty_notice_new"), data)
    notice = OversightNotice.objects.get()
    assert response.status_code == 302 and notice.issued_by == leader
    assert (notice.finding, notice.unit, notice.responsible) == (finding, org.unit_b, finding.responsible_person)
    assert notice.reply_due == finding.due_date and notice.assignment is None


def test_a_finding_past_its_date_offers_five_working_days(client, finding, party_officer):
    finding.due_date = TODAY - dt.timedelta(days=3)
    finding.save()
    client.force_login(party_officer)
    form = client.get(reverse("duty_notice_new"), {"finding": finding.pk}).context["form"]
    assert form.initial["reply_due"] == add_working_days(TODAY, 5)


def test_a_finding_without_a_unit_goes_to_its_persons_unit_and_one_without_a_person_to_the_unit_head(
    client, org, finding, party_officer, cadre_other_unit, unit_head
):
    client.force_login(party_officer)
    finding.responsible_unit = None
    finding.save()
    form = client.get(reverse("duty_notice_new"), {"finding": finding.pk}).context["form"]
    assert (form.initial["unit"], form.initial["responsible"]) == (org.unit_b.pk, cadre_other_unit.person_id)
    finding.responsible_unit, finding.responsible_person = org.unit_a, None
    finding.save()
    form = client.get(reverse("duty_notice_new"), {"finding": finding.pk}).context["form"]
    assert (form.initial["unit"], form.initial["responsible"]) == (org.unit_a.pk, unit_head.person_id)


def test_a_second_notice_on_the_same_finding_is_pointed_out(client, org, finding, party_officer):
    first = NoticeFactory(organ=org.organ, finding=finding, unit=org.unit_b, issued_by=party_officer)
    client.force_login(party_officer)
    html = client.get(reverse("duty_notice_new"), {"finding": finding.pk}).content.decode()
    assert 'data-testid="open-notices"' in html and first.number in html


def test_the_blank_form_asks_for_the_chosen_tasks_prefill(client, task, party_officer, unit_head):
    """The form's script (duty/notice-form.js) asks the page for `?assignment=<id>`: the answer carries the unit
    and the responsible person selected; without JavaScript the form is the plain one."""
    client.force_login(party_officer)
    html = client.get(reverse("duty_notice_new")).content.decode()
    assert 'data-prefill="assignment"' in html and 'data-prefill="finding"' in html
    assert "duty/notice-form.js" in html and "<script>" not in html
    answer = client.get(reverse("duty_notice_new"), {"assignment": task.pk}).content.decode()
    assert f'<option value="{task.unit_id}" selected>' in answer
    assert f'<option value="{unit_head.person_id}" selected>' in answer


def test_an_unknown_source_is_not_found(client, party_officer):
    client.force_login(party_officer)
    assert client.get(reverse("duty_notice_new"), {"finding": 999999}).status_code == 404


def test_the_party_officer_issues_a_notice_for_a_task(client, task, party_officer, unit_head):
    client.force_login(party_officer)
    due = add_working_days(TODAY, 5)
    data = {
        "assignment": task.pk,
        "unit": task.unit_id,
        "responsible": unit_head.person_id,
        "reason": "任务推进滞后，请说明原因",
        "reply_due": due.isoformat(),
    }
    response = client.post(reverse("duty_notice_new"), data)
    notice = OversightNotice.objects.get()
    assert response.status_code == 302 and response.url == reverse("duty_notice", args=[notice.pk])
    assert notice.number == f"督办〔{TODAY.year}〕1号"
    assert (notice.status, notice.issued_by, notice.reply_due) == (NoticeStatus.ISSUED, party_officer, due)


def test_a_notice_to_another_unit_than_the_tasks_is_refused(client, org, task, party_officer):
    client.force_login(party_officer)
    data = {"assignment": task.pk, "unit": org.unit_b.pk, "reason": "督办", "reply_due": TODAY.isoformat()}
    response = client.post(reverse("duty_notice_new"), data)
    assert response.status_code == 200
    assert "被督办委室应为该任务的责任委室" in response.content.decode()
    assert not OversightNotice.objects.exists()


def test_a_notice_without_a_source_is_refused(client, org, party_officer):
    client.force_login(party_officer)
    data = {"unit": org.unit_a.pk, "reason": "督办", "reply_due": TODAY.isoformat()}
    response = client.post(reverse("duty_notice_new"), data)
    assert "督办单须关联一项责任任务或一条预警" in response.content.decode()
    assert not OversightNotice.objects.exists()


# --- list ------------------------------------------------------------------------------------------------


def test_the_list_marks_an_overdue_notice_and_filters_it(client, org, task, notice_a, party_officer):
    late = NoticeFactory(
        organ=org.organ, assignment=task, unit=org.unit_a, issued_on=TODAY - dt.timedelta(days=20),
        reply_due=workdays.previous_working_day(TODAY),
    )  # fmt: skip
    NoticeFactory(
        organ=org.organ, assignment=task, unit=org.unit_a, status=NoticeStatus.REPLIED,
        issued_on=TODAY - dt.timedelta(days=20), reply_due=workdays.previous_working_day(TODAY),
    )  # fmt: skip
    # the second one was answered late, but answered: not overdue
    client.force_login(party_officer)
    response = client.get(reverse("duty_notices"))
    assert response.content.decode().count('data-testid="overdue"') == 1
    overdue = client.get(reverse("duty_notices"), {"status": "overdue"})
    assert [n.pk for n in overdue.context["rows"]] == [late.pk]
    printed = client.get(reverse("duty_notices"), {"print": "1"})
    assert printed.context["page_obj"] is None and len(printed.context["rows"]) == 3


# --- reply, close, escalate -----------------------------------------------------------------------------


def test_the_unit_head_replies(client, notice_a, unit_head):
    client.force_login(unit_head)
    assert "回复督办单" in client.get(reverse("duty_notice", args=[notice_a.pk])).content.decode()
    data = {"reply": "已召开专题会议部署，本月底前完成", "replied_on": TODAY.isoformat()}
    response = client.post(reverse("duty_notice_reply", args=[notice_a.pk]), data, follow=True)
    assert "已回复督办单" in response.content.decode()
    notice_a.refresh_from_db()
    assert (notice_a.status, notice_a.reply, notice_a.replied_by) == (NoticeStatus.REPLIED, data["reply"], unit_head)


def test_a_cadre_of_the_unit_cannot_reply(client, notice_a, cadre_same_unit):
    client.force_login(cadre_same_unit)
    assert "回复督办单" not in client.get(reverse("duty_notice", args=[notice_a.pk])).content.decode()
    response = client.post(reverse("duty_notice_reply", args=[notice_a.pk]), {"reply": "x", "replied_on": TODAY})
    assert response.status_code == 403
    assert "只有被督办委室负责人可以回复督办单" in response.content.decode()
    notice_a.refresh_from_db()
    assert notice_a.status == NoticeStatus.ISSUED and notice_a.reply == ""


def test_a_closed_notice_takes_no_reply(client, notice_a, unit_head):
    OversightNotice.objects.filter(pk=notice_a.pk).update(status=NoticeStatus.CLOSED)
    client.force_login(unit_head)
    data = {"reply": "补充回复", "replied_on": TODAY.isoformat()}
    response = client.post(reverse("duty_notice_reply", args=[notice_a.pk]), data, follow=True)
    assert "督办单已办结" in response.content.decode()
    notice_a.refresh_from_db()
    assert notice_a.reply == ""


def test_the_party_officer_closes_a_replied_notice(client, notice_a, party_officer):
    OversightNotice.objects.filter(pk=notice_a.pk).update(status=NoticeStatus.REPLIED, reply="已完成")
    client.force_login(party_officer)
    response = client.post(reverse("duty_notice_close", args=[notice_a.pk]), follow=True)
    assert "督办单已办结" in response.content.decode()
    notice_a.refresh_from_db()
    assert notice_a.status == NoticeStatus.CLOSED


def test_an_unanswered_notice_cannot_be_closed(client, notice_a, party_officer):
    client.force_login(party_officer)
    response = client.post(reverse("duty_notice_close", args=[notice_a.pk]), follow=True)
    assert "督办单回复后方可办结" in response.content.decode()
    notice_a.refresh_from_db()
    assert notice_a.status == NoticeStatus.ISSUED


def test_a_unit_head_cannot_close(client, notice_a, unit_head):
    OversightNotice.objects.filter(pk=notice_a.pk).update(status=NoticeStatus.REPLIED)
    client.force_login(unit_head)
    response = client.post(reverse("duty_notice_close", args=[notice_a.pk]))
    assert response.status_code == 403
    # The head of the unit under oversight has a stake before anything else (two people for every decision).
    assert "您是该事项责任委室的负责人，不能办结该督办单" in response.content.decode()
    notice_a.refresh_from_db()
    assert notice_a.status == NoticeStatus.REPLIED


@pytest.fixture
def notice_b(org, leader_member, cadre_other_unit, issuer):
    return NoticeFactory(
        organ=org.organ, unit=org.unit_b, responsible=cadre_other_unit.person, reason="预警未整改", issued_by=issuer
    )


def test_escalation_defaults_to_the_supervising_leader(client, notice_b, party_officer, leader_member):
    client.force_login(party_officer)
    form = client.get(reverse("duty_notice", args=[notice_b.pk])).context["escalate_form"]
    assert form.initial["to_person"] == leader_member.person_id
    data = {"to_person": leader_member.person_id}
    response = client.post(reverse("duty_notice_escalate", args=[notice_b.pk]), data, follow=True)
    assert "已升级至leader" in response.content.decode()
    notice_b.refresh_from_db()
    assert (notice_b.escalated_to_id, notice_b.escalated_on) == (leader_member.person_id, TODAY)


def test_a_replied_notice_cannot_be_escalated(client, notice_b, party_officer, leader_member):
    OversightNotice.objects.filter(pk=notice_b.pk).update(status=NoticeStatus.REPLIED)
    client.force_login(party_officer)
    data = {"to_person": leader_member.person_id}
    response = client.post(reverse("duty_notice_escalate", args=[notice_b.pk]), data, follow=True)
    assert "只有待回复的督办单可以升级" in response.content.decode()
    notice_b.refresh_from_db()
    assert notice_b.escalated_to_id is None


def test_a_unit_head_cannot_escalate(client, notice_a, unit_head, leader_member):
    client.force_login(unit_head)
    response = client.post(reverse("duty_notice_escalate", args=[notice_a.pk]), {"to_person": leader_member.person_id})
    assert response.status_code == 403
    assert "只有机关党委专责人员或党组成员可以升级督办" in response.content.decode()
    notice_a.refresh_from_db()
    assert notice_a.escalated_to_id is None


# --- detail extras, export, workbench -------------------------------------------------------------------


def test_the_detail_lists_linked_talks_evidence_and_history(client, org, notice_a, party_officer, unit_head):
    talk = AccountabilityTalk.objects.create(
        organ=org.organ, date=TODAY, interviewer=party_officer.person, interviewee=unit_head.person,
        unit=org.unit_a, reason="督办未回复", notice=notice_a,
    )  # fmt: skip
    client.force_login(party_officer)
    html = client.get(reverse("duty_notice", args=[notice_a.pk])).content.decode()
    assert reverse("duty_talk", args=[talk.pk]) in html
    assert "佐证材料" in html and "修改记录" in html
    assert reverse("duty_task", args=[notice_a.assignment_id]) in html


def test_the_export_lists_the_visible_notices(client, org, notice_a, notice_b, unit_head):
    client.force_login(unit_head)
    response = client.get(reverse("duty_notices_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "督办单台账"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [(r[1], r[2], r[7]) for r in rows] == [(notice_a.number, "办公室", "待回复")]


def test_the_workbench_shows_the_unit_heads_unanswered_notices(client, notice_a, unit_head, cadre_same_unit):
    client.force_login(unit_head)
    html = client.get(reverse("workbench")).content.decode()
    assert 'data-testid="widget-duty-notices"' in html and notice_a.number in html
    client.force_login(cadre_same_unit)
    assert 'data-testid="widget-duty-notices"' not in client.get(reverse("workbench")).content.decode()


def test_the_menu_offers_the_oversight_pages_by_role(client, unit_head, cadre_same_unit, sysadmin):
    from qinglian.core.registry import nav_for

    def labels(user) -> set[str]:
        return {item.label for _, items in nav_for(user) for item in items}

    oversight = {"责任书", "督办单", "约谈记录"}
    assert labels(unit_head) >= oversight
    assert labels(cadre_same_unit) & oversight == {"责任书"}
    assert labels(sysadmin) & oversight == set()
