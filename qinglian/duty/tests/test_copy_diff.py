"""Starting a year from last year's list, and the diff of two lists (added / removed / changed, with
character-level marks on changed text)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.urls import reverse

from qinglian.duty.choices import AssignmentRole, ListStatus, Recurrence
from qinglian.duty.models import DutyItem, DutyList, DutySection
from qinglian.duty.selectors.diff import ItemView, content_segments, item_views, list_diff, match_items
from qinglian.duty.services.lists import item_delete, item_save
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory
from qinglian.org.models import LeadingGroupMember

OLD_TEXT = "严格落实“第一议题”制度，及时传达学习党中央重大决策部署"
NEW_TEXT = "严格落实“第一议题”制度，第一时间传达学习党中央重大决策部署和省委工作要求"


@pytest.fixture
def last_year(org, leader):
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=dt.date(2020, 1, 1))
    duty_list = DutyListFactory(organ=org.organ, year=2025, title="2025年全面从严治党主体责任清单")
    politics = DutySection.objects.create(duty_list=duty_list, order=1, title="强化政治建设")
    integrity = DutySection.objects.create(duty_list=duty_list, order=2, title="加强党风廉政建设")
    specs = [
        (politics, OLD_TEXT, dict(lead_leader=leader.person, deadline=dt.date(2025, 6, 30))),
        (politics, "党组理论学习中心组每季度集中学习", dict(deadline=None, recurrence=Recurrence.QUARTERLY)),
        (politics, "开展主题教育专项整治", dict(deadline=dt.date(2025, 9, 30))),
        (integrity, "开展廉政风险点排查防控", dict(deadline=dt.date(2025, 6, 30))),
    ]
    for order, (section, content, extra) in enumerate(specs, start=1):
        item = DutyItemFactory(duty_list=duty_list, section=section, order=order, content=content, **extra)
        AssignmentFactory(item=item, unit=org.unit_a)
    return duty_list


def _copy(client, officer, source: DutyList, year: int):
    client.force_login(officer)
    return client.post(reverse("duty_copy"), {"source": source.pk, "year": year})


def test_copying_shows_an_empty_diff(client, party_officer, last_year):
    response = _copy(client, party_officer, last_year, 2026)
    new = DutyList.objects.get(year=2026)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('duty_diff')}?old={last_year.pk}&new={new.pk}"
    assert new.status == ListStatus.DRAFT and new.based_on == last_year
    diff = list_diff(last_year, new)
    # deadlines moved by a year are not a change
    assert (len(diff.added), len(diff.removed), len(diff.changed), diff.unchanged) == (0, 0, 0, 4)


def _edit(new: DutyList, org, officer) -> None:
    items = {i.content: i for i in DutyItem.objects.filter(duty_list=new)}
    first = items[OLD_TEXT]
    first.content, first.lead_leader = NEW_TEXT, None
    item_save(item=first, by=officer, lead_unit_id=org.unit_a.pk)
    study = items["党组理论学习中心组每季度集中学习"]
    item_save(item=study, by=officer, lead_unit_id=org.unit_a.pk, co_unit_ids=[org.unit_b.pk])
    risk = items["开展廉政风险点排查防控"]
    risk.deadline = dt.date(2026, 10, 31)
    item_save(item=risk, by=officer, lead_unit_id=org.unit_a.pk)
    item_delete(item=items["开展主题教育专项整治"], by=officer)
    added = DutyItem(duty_list=new, order=5, content="开展新提拔干部廉政谈话", deadline=dt.date(2026, 12, 31))
    item_save(item=added, by=officer, lead_unit_id=org.unit_b.pk)


def test_edits_after_copying_show_as_added_removed_and_changed(client, org, party_officer, last_year):
    _copy(client, party_officer, last_year, 2026)
    new = DutyList.objects.get(year=2026)
    _edit(new, org, party_officer)
    diff = list_diff(last_year, new)
    assert [v.content for v in diff.added] == ["开展新提拔干部廉政谈话"]
    assert [v.content for v in diff.removed] == ["开展主题教育专项整治"]
    assert diff.unchanged == 0
    changes = {c.old.content: c for c in diff.changed}
    assert len(changes) == 3
    first = changes[OLD_TEXT]
    assert [(f.label, f.old, f.new) for f in first.changes] == [
        ("任务内容", OLD_TEXT, NEW_TEXT),
        ("牵头领导", "leader", "—"),
    ]
    assert ("del", "及时") in first.old_segments
    assert ("ins", "第一时间") in first.new_segments and ("ins", "和省委工作要求") in first.new_segments
    assert "".join(t for _, t in first.old_segments) == OLD_TEXT
    assert "".join(t for _, t in first.new_segments) == NEW_TEXT
    study = changes["党组理论学习中心组每季度集中学习"]
    assert [(f.label, f.old, f.new) for f in study.changes] == [("配合委室", "—", "研究室")]
    risk = changes["开展廉政风险点排查防控"]
    assert [(f.label, f.old, f.new) for f in risk.changes] == [("完成时限/周期", "2025-06-30", "2026-10-31")]


def test_the_diff_page_shows_the_counts_side_by_side(client, org, party_officer, last_year):
    _copy(client, party_officer, last_year, 2026)
    new = DutyList.objects.get(year=2026)
    _edit(new, org, party_officer)
    response = client.get(reverse("duty_diff"), {"old": last_year.pk, "new": new.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="diff-added">1<' in body
    assert 'data-testid="diff-removed">1<' in body
    assert 'data-testid="diff-changed">3<' in body
    assert '<del class="diff-del">及时</del>' in body and '<ins class="diff-ins">第一时间</ins>' in body


def test_copying_into_a_year_that_has_a_list_is_refused(client, org, party_officer, last_year):
    DutyListFactory(organ=org.organ, year=2026, status=ListStatus.DRAFT)
    response = _copy(client, party_officer, last_year, 2026)
    assert response.status_code == 200
    assert "2026年的责任清单已存在" in response.content.decode()


def test_only_the_office_copies_and_a_draft_diff_is_hidden_from_cadres(
    client, party_officer, last_year, cadre_same_unit, leader
):
    client.force_login(cadre_same_unit)
    assert client.get(reverse("duty_copy")).status_code == 403
    assert client.post(reverse("duty_copy"), {"source": last_year.pk, "year": 2026}).status_code == 403
    _copy(client, party_officer, last_year, 2026)
    new = DutyList.objects.get(year=2026)
    params = {"old": last_year.pk, "new": new.pk}
    client.force_login(cadre_same_unit)
    assert client.get(reverse("duty_diff"), params).status_code == 404  # the 2026 list is still a draft
    client.force_login(leader)
    assert client.get(reverse("duty_diff"), params).status_code == 200


def _view(pk: int, section: str, content: str, **over) -> ItemView:
    base = ItemView(pk, pk, section, content, "strict_governance", "", "办公室", (), None, "once", "", "")
    return replace(base, **over)


def test_matching_prefers_the_same_text_then_similar_text_under_the_same_heading():
    old = [
        _view(1, "一", "落实第一议题制度"),
        _view(2, "一", "开展党组理论学习中心组集中学习"),
        _view(3, "二", "开展廉政风险排查"),
    ]
    new = [
        _view(11, "二", "落实第一议题制度"),  # moved heading, same text
        _view(12, "一", "开展党组理论学习中心组集中学习研讨"),  # similar text
        _view(13, "二", "召开警示教育大会"),  # new
    ]
    pairs = {(o.pk, n.pk) for o, n in match_items(old, new)}
    assert pairs == {(1, 11), (2, 12)}


def test_content_segments_mark_deleted_and_inserted_characters():
    old, new = content_segments("每季度学习一次", "每月学习一次")
    assert old == [("same", "每"), ("del", "季度"), ("same", "学习一次")]
    assert new == [("same", "每"), ("ins", "月"), ("same", "学习一次")]


def test_an_item_is_compared_by_its_heading_path_and_units(org, last_year):
    item = DutyItem.objects.get(duty_list=last_year, order=1)
    AssignmentFactory(item=item, unit=org.unit_b, role=AssignmentRole.CO)
    view = next(v for v in item_views(last_year) if v.pk == item.pk)
    assert (view.lead_unit, view.co_units, view.section) == ("办公室", ("研究室",), "强化政治建设")
