"""约谈 pages: who sees a talk, who records and edits one, the link to a 督办单, history and the export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qinglian.duty.choices import TalkKind
from qinglian.duty.models import AccountabilityTalk
from qinglian.duty.tests.factories import NoticeFactory
from qinglian.org.models import LeadingGroupMember

TODAY = timezone.localdate()


@pytest.fixture
def leader_member(org, leader):
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=dt.date(2020, 1, 1))
    return leader


@pytest.fixture
def talk_b(org, leader_member, cadre_other_unit):
    """The leader (who supervises unit B) talked to a cadre of unit B."""
    return AccountabilityTalk.objects.create(
        organ=org.organ, kind=TalkKind.ADMONITION, date=TODAY, interviewer=leader_member.person,
        interviewee=cadre_other_unit.person, unit=org.unit_b, reason="季度任务滞后", outcome="限期整改",
    )  # fmt: skip


def _data(interviewer, interviewee, **extra) -> dict:
    return {
        "kind": TalkKind.REMINDER,
        "date": TODAY.isoformat(),
        "interviewer": interviewer.person_id,
        "interviewee": interviewee.person_id,
        "reason": "会议材料多次迟报",
        "outcome": "当面提醒，要求建立报送台账",
        **extra,
    }


# --- visibility ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("party_officer", 200),
        ("leader", 200),
        ("supervisor", 200),
        ("cadre_other_unit", 200),  # the interviewee
        ("unit_head", 404),  # heads unit A, not the interviewee's unit
        ("cadre_same_unit", 404),
        ("auditadmin", 404),
    ],
)
def test_who_sees_a_talk(client, persona, talk_b, name, status):
    client.force_login(persona(name))
    assert client.get(reverse("duty_talk", args=[talk_b.pk])).status_code == status
    listed = client.get(reverse("duty_talks"))
    shown = listed.status_code == 200 and reverse("duty_talk", args=[talk_b.pk]) in listed.content.decode()
    assert shown == (status == 200)


# --- record ----------------------------------------------------------------------------------------------


def test_a_leader_records_a_talk_they_held(client, org, leader_member, cadre_other_unit):
    client.force_login(leader_member)
    form = client.get(reverse("duty_talk_new")).context["form"]
    assert list(form.fields["interviewer"].queryset) == [leader_member.person]
    response = client.post(reverse("duty_talk_new"), _data(leader_member, cadre_other_unit))
    talk = AccountabilityTalk.objects.get()
    assert response.status_code == 302 and response.url == reverse("duty_talk", args=[talk.pk])
    assert (talk.interviewer, talk.unit, talk.kind) == (leader_member.person, org.unit_b, TalkKind.REMINDER)


def test_a_leader_cannot_record_a_talk_held_by_someone_else(client, leader_member, unit_head, cadre_other_unit):
    client.force_login(leader_member)
    response = client.post(reverse("duty_talk_new"), _data(unit_head, cadre_other_unit))
    assert response.status_code == 200 and response.context["form"].errors["interviewer"]
    assert not AccountabilityTalk.objects.exists()


def test_the_office_records_for_any_interviewer(client, party_officer, unit_head, cadre_same_unit):
    client.force_login(party_officer)
    response = client.post(reverse("duty_talk_new"), _data(unit_head, cadre_same_unit))
    assert response.status_code == 302
    assert AccountabilityTalk.objects.get().interviewer == unit_head.person


@pytest.mark.parametrize("name", ["cadre_same_unit", "unit_head"])
def test_cadres_and_unit_heads_cannot_record(client, persona, name, cadre_other_unit):
    user = persona(name)
    client.force_login(user)
    response = client.get(reverse("duty_talk_new"))
    assert response.status_code == 403
    assert "只有机关党委专责人员或党组成员可以登记约谈" in response.content.decode()
    assert client.post(reverse("duty_talk_new"), _data(user, cadre_other_unit)).status_code == 403
    assert not AccountabilityTalk.objects.exists()


def test_a_talk_with_oneself_is_refused(client, party_officer, cadre_same_unit):
    client.force_login(party_officer)
    response = client.post(reverse("duty_talk_new"), _data(cadre_same_unit, cadre_same_unit))
    assert "约谈人与被约谈人不能是同一人" in response.content.decode()
    assert not AccountabilityTalk.objects.exists()


def test_a_future_date_is_refused(client, party_officer, leader, cadre_same_unit):
    client.force_login(party_officer)
    later = (TODAY + dt.timedelta(days=2)).isoformat()
    response = client.post(reverse("duty_talk_new"), _data(leader, cadre_same_unit, date=later))
    assert "约谈日期不能晚于今天" in response.content.decode()
    assert not AccountabilityTalk.objects.exists()


def test_a_notice_prefills_the_talk_and_links_it(client, org, party_officer, leader_member, cadre_other_unit):
    notice = NoticeFactory(
        organ=org.organ,
        unit=org.unit_b,
        responsible=cadre_other_unit.person,
        reason="逾期未回复",
        issued_by=party_officer,
    )
    client.force_login(leader_member)
    form = client.get(reverse("duty_talk_new"), {"notice": notice.pk}).context["form"]
    assert (form.initial["notice"], form.initial["interviewee"]) == (notice.pk, cadre_other_unit.person_id)
    assert form.initial["reason"] == f"督办单{notice.number}：逾期未回复"
    data = _data(leader_member, cadre_other_unit, notice=notice.pk, kind=TalkKind.ADMONITION)
    talk_url = client.post(reverse("duty_talk_new"), data).url
    html = client.get(talk_url).content.decode()
    assert 'data-testid="talk-notice"' in html and notice.number in html


# --- edit, history, export --------------------------------------------------------------------------------


def test_the_interviewer_edits_the_outcome_and_the_history_shows_it(client, talk_b, leader_member, cadre_other_unit):
    client.force_login(leader_member)
    data = _data(leader_member, cadre_other_unit, kind=TalkKind.ADMONITION, outcome="已整改到位")
    assert client.post(reverse("duty_talk_edit", args=[talk_b.pk]), data).status_code == 302
    talk_b.refresh_from_db()
    assert talk_b.outcome == "已整改到位"
    html = client.get(reverse("duty_talk", args=[talk_b.pk])).content.decode()
    assert "修改记录" in html and "已整改到位" in html and "限期整改" in html


def test_the_interviewee_cannot_edit(client, talk_b, cadre_other_unit):
    client.force_login(cadre_other_unit)
    response = client.post(reverse("duty_talk_edit", args=[talk_b.pk]), {"outcome": "无"})
    assert response.status_code == 403
    assert "只有约谈人或机关党委专责人员可以修改约谈记录" in response.content.decode()
    talk_b.refresh_from_db()
    assert talk_b.outcome == "限期整改"


def test_the_export_lists_the_visible_talks(client, talk_b, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("duty_talks_export"), {"year": TODAY.year})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == f"{TODAY.year}年约谈记录"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [(r[2], r[3], r[4], r[5]) for r in rows] == [("约谈", "leader", "cadre_other_unit", "研究室")]


def test_the_list_filters_by_kind_and_prints_every_row(client, talk_b, party_officer):
    client.force_login(party_officer)
    assert list(client.get(reverse("duty_talks"), {"kind": TalkKind.REMINDER}).context["rows"]) == []
    printed = client.get(reverse("duty_talks"), {"print": "1"})
    assert printed.context["page_obj"] is None and [t.pk for t in printed.context["rows"]] == [talk_b.pk]
