"""党风廉政意见回复 services: the request's life (draft → sent → answered → issued), the reply number, and every
refusal — in Chinese, and with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.integrity.choices import OpinionConclusion, OpinionPurpose
from qinglian.integrity.models import OpinionItem, OpinionRequest
from qinglian.integrity.services import opinions as services
from qinglian.org.tests.factories import PersonFactory

P = services.PersonLine


def _chinese(exc: pytest.ExceptionInfo) -> str:
    message = exc.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    return message


@pytest.fixture
def people(org):
    return [PersonFactory(organ=org.organ, unit=org.unit_b, name=n, post="二级主任科员") for n in ("王明", "李华")]


@pytest.fixture
def draft(personnel_officer, people):
    return services.request_create(
        by=personnel_officer,
        purpose=OpinionPurpose.PROMOTION,
        title="关于征求拟提拔人选党风廉政意见的函",
        document_no="人事函〔2026〕3号",
        people=[P(people[0].pk, "拟任研究室副主任"), P(people[1].pk)],
    )


@pytest.fixture
def sent(draft, personnel_officer):
    return services.request_send(request=draft, by=personnel_officer)


def _snapshot(request: OpinionRequest):
    request.refresh_from_db()
    items = list(OpinionItem.objects.filter(request=request).order_by("pk").values())
    return (request.sent_on, request.reply_no, request.replied_on, items, request.history.count())


def test_create_drafts_each_summary(draft, people):
    items = list(draft.items.order_by("pk"))
    assert [i.person_id for i in items] == [p.pk for p in people]
    assert items[0].proposed_post == "拟任研究室副主任"
    assert items[0].summary.startswith("王明（研究室，二级主任科员）近三年")
    assert "八项规定执行情况：近三年无违反八项规定精神问题记录。" in items[0].summary
    assert items[0].summary_drafted_at is not None
    assert draft.sent_on is None and draft.requested_by is not None


def test_the_whole_way(sent, supervisor):
    a, b = sent.items.order_by("pk")
    services.item_answer(item=a, by=supervisor, conclusion=OpinionConclusion.CLEAR)
    services.item_answer(
        item=b, by=supervisor, conclusion=OpinionConclusion.ISSUE, answer="有问题线索正在核查，建议暂缓", summary="改写"
    )
    services.request_issue(request=sent, by=supervisor)
    sent.refresh_from_db()
    year = clock.today().year
    assert sent.reply_no == f"驻机关纪检组廉意〔{year}〕1号"
    assert sent.replied_on == clock.today() and sent.replied_by == supervisor
    b.refresh_from_db()
    assert b.summary == "改写" and b.answered_by == supervisor


def test_numbers_go_on_within_the_organ_and_year(org, personnel_officer, supervisor, people):
    numbers = []
    for person in people:
        row = services.request_create(
            by=personnel_officer, purpose="award", title="评优征求意见", people=[P(person.pk)]
        )
        services.request_send(request=row, by=personnel_officer)
        services.item_answer(item=row.items.get(), by=supervisor, conclusion="clear")
        services.request_issue(request=row, by=supervisor)
        numbers.append(row.reply_no)
    year = clock.today().year
    assert numbers == [f"驻机关纪检组廉意〔{year}〕1号", f"驻机关纪检组廉意〔{year}〕2号"]


def test_send_once_and_with_people(draft, personnel_officer, org):
    empty = services.request_create(by=personnel_officer, purpose="promotion", title="空函", people=[])
    with pytest.raises(InvalidInput) as exc:
        services.request_send(request=empty, by=personnel_officer)
    assert "至少" in _chinese(exc)
    assert OpinionRequest.objects.get(pk=empty.pk).sent_on is None
    services.request_send(request=draft, by=personnel_officer)
    before = _snapshot(draft)
    with pytest.raises(Conflict) as exc:
        services.request_send(request=draft, by=personnel_officer)
    assert "重复送达" in _chinese(exc)
    assert _snapshot(draft) == before


def test_send_in_the_future_refused(draft, personnel_officer):
    with pytest.raises(InvalidInput):
        services.request_send(request=draft, by=personnel_officer, on=clock.today() + dt.timedelta(days=3))
    draft.refresh_from_db()
    assert draft.sent_on is None


@pytest.mark.parametrize("name", ["party_officer", "cadre_same_unit", "unit_head", "leader", "supervisor", "sysadmin"])
def test_only_the_personnel_officer_asks(persona, name, people):
    before = OpinionRequest.all_objects.count()
    with pytest.raises(Forbidden) as exc:
        services.request_create(by=persona(name), purpose="promotion", title="x", people=[P(people[0].pk)])
    _chinese(exc)
    assert OpinionRequest.all_objects.count() == before


def test_bad_people_refused(personnel_officer, people, org):
    stationed = PersonFactory(organ=org.organ, unit=org.stationed)
    for lines in ([P(people[0].pk), P(people[0].pk)], [P(999999)], [P(stationed.pk)]):
        with pytest.raises(InvalidInput) as exc:
            services.request_create(by=personnel_officer, purpose="promotion", title="x", people=lines)
        _chinese(exc)
    assert not OpinionRequest.all_objects.exists()


def test_answer_before_sent_refused(draft, supervisor):
    before = _snapshot(draft)
    with pytest.raises(InvalidInput) as exc:
        services.item_answer(item=draft.items.first(), by=supervisor, conclusion="clear")
    assert "尚未送达" in _chinese(exc)
    assert _snapshot(draft) == before


@pytest.mark.parametrize("name", ["party_officer", "personnel_officer", "leader", "cadre_same_unit", "unit_head"])
def test_nobody_but_the_group_answers_or_issues(sent, persona, name):
    user = persona(name)
    item = sent.items.first()
    before = _snapshot(sent)
    with pytest.raises(Forbidden) as exc:
        services.item_answer(item=item, by=user, conclusion="clear")
    assert "派驻纪检监察组" in _chinese(exc)
    with pytest.raises(Forbidden):
        services.item_edit_summary(item=item, by=user, summary="改")
    with pytest.raises(Forbidden):
        services.request_issue(request=sent, by=user)
    assert _snapshot(sent) == before


def test_issue_needs_text_and_all_answers(sent, supervisor):
    a, _ = sent.items.order_by("pk")
    before = _snapshot(sent)
    with pytest.raises(InvalidInput) as exc:
        services.item_answer(item=a, by=supervisor, conclusion="issue", answer="  ")
    assert "意见说明" in _chinese(exc)
    with pytest.raises(InvalidInput):
        services.item_answer(item=a, by=supervisor, conclusion="maybe")
    assert _snapshot(sent) == before
    services.item_answer(item=a, by=supervisor, conclusion="clear")
    before = _snapshot(sent)
    with pytest.raises(InvalidInput) as exc:
        services.request_issue(request=sent, by=supervisor)
    assert "李华" in _chinese(exc)
    assert _snapshot(sent) == before


def test_nothing_changes_after_issue(sent, supervisor, personnel_officer):
    for item in sent.items.all():
        services.item_answer(item=item, by=supervisor, conclusion="clear")
    services.request_issue(request=sent, by=supervisor)
    before = _snapshot(sent)
    item = sent.items.first()
    for move in (
        lambda: services.item_answer(item=item, by=supervisor, conclusion="issue", answer="改"),
        lambda: services.item_edit_summary(item=item, by=supervisor, summary="改"),
        lambda: services.item_redraft(item=item, by=supervisor),
        lambda: services.request_issue(request=sent, by=supervisor),
        lambda: services.request_send(request=sent, by=personnel_officer),
    ):
        with pytest.raises(Conflict) as exc:
            move()
        assert "不能再修改" in _chinese(exc)
    assert _snapshot(sent) == before


def test_redraft_by_requester_or_group_before_answer(sent, supervisor, personnel_officer, leader):
    a = sent.items.order_by("pk").first()
    services.item_redraft(item=a, by=personnel_officer)
    services.item_redraft(item=a, by=supervisor)
    with pytest.raises(Forbidden):
        services.item_redraft(item=a, by=leader)
    services.item_answer(item=a, by=supervisor, conclusion="clear")
    with pytest.raises(Conflict):
        services.item_redraft(item=a, by=supervisor)


def test_the_prefix_is_the_parameter_in_force(sent, supervisor, org):
    from qinglian.compliance.models import RuleParameterSet

    shipped = RuleParameterSet.objects.filter(rule_code="INT-010").first()
    values = {**shipped.values, "reply_no_prefix": "测试纪检组意"}
    RuleParameterSet.objects.create(
        rule_code="INT-010",
        jurisdiction="organ",
        organ=org.organ,
        effective_from=dt.date(2025, 1, 1),
        values=values,
        source="本机关规定",
    )
    for item in sent.items.all():
        services.item_answer(item=item, by=supervisor, conclusion="clear")
    services.request_issue(request=sent, by=supervisor)
    assert sent.reply_no.startswith("测试纪检组意〔")


def test_the_issued_reply_is_audited(sent, supervisor):
    """Audited as `opinion_replied`, and the history row names the group's account and the number."""
    from qinglian.audit.models import AuditEvent

    for item in sent.items.all():
        services.item_answer(item=item, by=supervisor, conclusion="clear")
    services.request_issue(request=sent, by=supervisor)
    last = sent.history.order_by("-history_date", "-history_id").first()
    assert last.history_user == supervisor and last.reply_no == sent.reply_no
    event = AuditEvent.objects.get(action="opinion_replied")
    assert event.detail["reply_no"] == sent.reply_no
