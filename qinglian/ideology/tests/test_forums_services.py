"""一会一报 through the services on the `chain` fixture (applicant: the drafter, a cadre of unit A; unit head; the
leader who supervises unit A; the secretary; the party-affairs officer): filing, the chain in order with and without
foreign participants, rejection and refiling, held and cancelled — and every refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.ideology.choices import ForumKind, ForumStatus, ForumStep, HostRole, ReviewDecision
from qinglian.ideology.models import Forum, ForumApproval
from qinglian.ideology.selectors import forums as selectors
from qinglian.ideology.services import forums as svc
from qinglian.notify.models import Message

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)  # a Monday
APPROVE, REJECT = ReviewDecision.APPROVE, ReviewDecision.RETURN


@pytest.fixture(autouse=True)
def _today():
    with clock.replaying(moment(TODAY, 10)):
        yield


def _writes() -> tuple[int, ...]:
    return (
        Forum.all_objects.count(),
        Forum.history.count(),
        ForumApproval.objects.count(),
        AuditEvent.objects.filter(action="forum_decided").count(),
    )


def _refused(exc_type, fn, message: str = "", **kwargs):
    before = _writes()
    with pytest.raises(exc_type) as caught:
        fn(**kwargs)
    assert _writes() == before, "a refusal wrote something"
    if message:
        assert message in str(caught.value), str(caught.value)
    return caught.value


def new_forum(unit, **fields) -> Forum:
    values = {
        "kind": ForumKind.LECTURE,
        "title": "学习贯彻全会精神专题讲座",
        "topic": "学习贯彻党的二十届四中全会精神",
        "speaker": "王教授",
        "audience": "机关全体党员干部",
        "held_on": TODAY + dt.timedelta(days=14),
    }
    return Forum(organ=unit.organ, unit=unit, **(values | fields))


def filed(chain, **fields) -> Forum:
    return svc.forum_file(forum=new_forum(chain.drafter.person.unit, **fields), by=chain.drafter)


def decide(forum: Forum, step: int, by, decision=APPROVE, **kwargs):
    return svc.forum_decide(forum=forum, step=step, decision=decision, by=by, **kwargs)


def through(chain, forum: Forum) -> Forum:
    decide(forum, ForumStep.UNIT, chain.head)
    decide(forum, ForumStep.LEADER, chain.fenguan)
    if forum.foreign_participants:
        decide(forum, ForumStep.FOREIGN_AFFAIRS, chain.party_officer, opinion="市外办批复〔2026〕3号")
    decide(forum, ForumStep.PARTY_OFFICE, chain.party_officer)
    forum.refresh_from_db()
    return forum


# --- filing ------------------------------------------------------------------------------------------------------


def test_a_cadre_files_for_their_unit_today_and_the_head_hears_of_it(chain, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        forum = filed(chain)
    assert (forum.status, forum.filed_on, forum.applicant_id) == (ForumStatus.FILED, TODAY, chain.drafter.person.pk)
    assert selectors.pending_step(forum) == ForumStep.UNIT
    assert Message.objects.filter(recipient=chain.head, link=f"/ideology/forums/{forum.pk}/").exists()
    assert not Message.objects.filter(recipient=chain.drafter).exists()


def test_an_event_dated_before_its_filing_is_refused_in_chinese(chain):
    forum = new_forum(chain.drafter.person.unit, held_on=TODAY - dt.timedelta(days=1))
    _refused(
        InvalidInput,
        svc.forum_file,
        "举办日期早于报备日期：一会一报须在举办前报备",
        forum=forum,
        by=chain.drafter,
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"foreign_participants": True}, "请填写境外人员情况"),
        ({"title": "  "}, "请填写名称"),
        ({"speaker": ""}, "请填写报告人"),
        ({"host_role": HostRole.CO_HOST}, "请填写合办单位"),
        ({"kind": "party"}, "请选择活动类型"),
    ],
)
def test_bad_particulars_are_refused(chain, fields, message):
    forum = new_forum(chain.drafter.person.unit, **fields)
    _refused(InvalidInput, svc.forum_file, message, forum=forum, by=chain.drafter)


def test_a_cadre_files_only_for_their_own_unit_the_stationed_group_not_at_all(chain, org, supervisor):
    _refused(Forbidden, svc.forum_file, "只能为本人所在委室", forum=new_forum(org.unit_b), by=chain.drafter)
    _refused(Forbidden, svc.forum_file, forum=new_forum(org.unit_a), by=supervisor)


def test_the_applicant_or_the_party_office_corrects_it_until_approved(chain, cadre_same_unit):
    forum = filed(chain)
    forum.speaker = "李教授"
    svc.forum_update(forum=forum, by=chain.drafter)
    assert Forum.objects.get(pk=forum.pk).speaker == "李教授"
    other = Forum.objects.get(pk=forum.pk)
    other.speaker = "某人"
    _refused(Forbidden, svc.forum_update, "只有经办人或机关党委", forum=other, by=cadre_same_unit)
    late = Forum.objects.get(pk=forum.pk)
    late.held_on = TODAY - dt.timedelta(days=3)
    _refused(InvalidInput, svc.forum_update, "举办日期早于报备日期", forum=late, by=chain.party_officer)
    through(chain, forum)
    approved = Forum.objects.get(pk=forum.pk)
    approved.speaker = "再改"
    _refused(Conflict, svc.forum_update, "不能修改报备", forum=approved, by=chain.drafter)


# --- the chain ---------------------------------------------------------------------------------------------------


def test_the_chain_in_order_approves_the_forum_and_audits_each_step(chain):
    forum = filed(chain)
    decide(forum, ForumStep.UNIT, chain.head, opinion="同意")
    assert Forum.objects.get(pk=forum.pk).status == ForumStatus.FILED
    decide(forum, ForumStep.LEADER, chain.fenguan)
    decide(forum, ForumStep.PARTY_OFFICE, chain.party_officer)
    forum.refresh_from_db()
    assert forum.status == ForumStatus.APPROVED and selectors.pending_step(forum) is None
    assert selectors.final_approval_on(forum) == TODAY
    assert AuditEvent.objects.filter(action="forum_decided", target_id=str(forum.pk)).count() == 3


def test_the_secretary_may_approve_the_leader_step(chain):
    forum = filed(chain)
    decide(forum, ForumStep.UNIT, chain.head)
    decide(forum, ForumStep.LEADER, chain.shuji)
    assert selectors.pending_step(forum) == ForumStep.PARTY_OFFICE


def test_foreign_participants_add_the_foreign_affairs_step_recorded_by_the_party_office(chain):
    forum = filed(chain, foreign_participants=True, foreign_detail="汉斯（德国籍，大学教授）")
    assert selectors.required_steps(forum) == [1, 2, 3, 4]
    decide(forum, ForumStep.UNIT, chain.head)
    decide(forum, ForumStep.LEADER, chain.fenguan)
    _refused(Conflict, decide, "请按顺序", forum=forum, step=ForumStep.PARTY_OFFICE, by=chain.party_officer)
    _refused(InvalidInput, decide, "外事部门批复文号", forum=forum, step=3, by=chain.party_officer)
    day = TODAY - dt.timedelta(days=10)  # the written approval may precede the filing
    decide(forum, ForumStep.FOREIGN_AFFAIRS, chain.party_officer, opinion="市外办批复", decided_on=day)
    decide(forum, ForumStep.PARTY_OFFICE, chain.party_officer)  # recording the office's approval is no decision
    forum.refresh_from_db()
    assert forum.status == ForumStatus.APPROVED


def test_steps_go_in_order(chain):
    forum = filed(chain)
    _refused(Conflict, decide, "请按顺序审批", forum=forum, step=ForumStep.LEADER, by=chain.fenguan)


def test_the_applicant_never_decides_a_step_of_their_own_filing(chain, org):
    forum = svc.forum_file(forum=new_forum(org.unit_a), by=chain.head)  # the head files for the unit they head
    _refused(Forbidden, decide, "不能审批本人报备的活动", forum=forum, step=ForumStep.UNIT, by=chain.head)


def test_only_the_holder_of_a_step_decides_it(chain, leader, cadre_same_unit):
    forum = filed(chain)
    _refused(Forbidden, decide, "无权办理", forum=forum, step=ForumStep.UNIT, by=cadre_same_unit)
    decide(forum, ForumStep.UNIT, chain.head)
    _refused(Forbidden, decide, "无权办理", forum=forum, step=ForumStep.LEADER, by=leader)  # supervises unit B
    _refused(Forbidden, decide, "无权办理", forum=forum, step=ForumStep.LEADER, by=chain.party_officer)


def test_a_person_decides_at_most_one_step(chain):
    from qinglian.org.choices import Role
    from qinglian.org.models import RoleGrant

    RoleGrant.objects.create(user=chain.head, organ=chain.head.organ, role=Role.PARTY_OFFICER)
    forum = filed(chain)
    decide(forum, ForumStep.UNIT, chain.head)
    decide(forum, ForumStep.LEADER, chain.fenguan)
    chain.head.__dict__.pop("_qinglian_scope", None)
    _refused(Forbidden, decide, "各环节须由不同的人审批", forum=forum, step=ForumStep.PARTY_OFFICE, by=chain.head)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"decided_on": TODAY + dt.timedelta(days=1)}, "审批日期不能晚于今天"),
        ({"decided_on": TODAY - dt.timedelta(days=1)}, "不能早于报备日期"),
        ({"decision": REJECT}, "不予批准的，请填写审批意见"),
        ({"decision": "maybe"}, "请选择审批意见"),
    ],
)
def test_bad_decisions_are_refused(chain, kwargs, message):
    forum = filed(chain)
    args = {"forum": forum, "step": ForumStep.UNIT, "by": chain.head, "decision": APPROVE} | kwargs
    _refused(InvalidInput, svc.forum_decide, message, **args)


def test_a_rejection_rejects_the_forum_and_a_correction_files_it_again(chain):
    forum = filed(chain)
    decide(forum, ForumStep.UNIT, chain.head)
    decide(forum, ForumStep.LEADER, chain.fenguan, decision=REJECT, opinion="报告人须更换")
    forum.refresh_from_db()
    assert forum.status == ForumStatus.REJECTED
    _refused(Conflict, decide, "不能审批", forum=forum, step=ForumStep.LEADER, by=chain.fenguan)
    forum.speaker = "另一位教授"
    svc.forum_update(forum=forum, by=chain.drafter)
    forum.refresh_from_db()
    assert forum.status == ForumStatus.FILED and selectors.pending_step(forum) == ForumStep.LEADER
    decide(forum, ForumStep.LEADER, chain.fenguan)
    decide(forum, ForumStep.PARTY_OFFICE, chain.party_officer)
    forum.refresh_from_db()
    assert forum.status == ForumStatus.APPROVED


# --- held and cancelled ------------------------------------------------------------------------------------------


def test_held_only_when_approved_and_on_or_after_its_day(chain):
    forum = filed(chain, held_on=TODAY + dt.timedelta(days=2))
    _refused(Conflict, svc.forum_mark_held, "不能登记已举办", forum=forum, by=chain.drafter)
    through(chain, forum)
    _refused(InvalidInput, svc.forum_mark_held, "举办日之后才能登记", forum=forum, by=chain.drafter)
    with clock.replaying(moment(TODAY + dt.timedelta(days=2), 18)):
        svc.forum_mark_held(forum=forum, by=chain.drafter)
    assert Forum.objects.get(pk=forum.pk).status == ForumStatus.HELD
    assert list(TRANSITIONS_FROM(ForumStatus.HELD)) == []


def TRANSITIONS_FROM(status: str):
    return [t.name for t in svc.TRANSITIONS.values() if status in t.sources]


def test_cancel_needs_a_reason_and_keeps_it(chain):
    forum = filed(chain)
    _refused(InvalidInput, svc.forum_cancel, "请填写取消原因", forum=forum, reason=" ", by=chain.drafter)
    svc.forum_cancel(forum=forum, reason="报告人行程变更", by=chain.drafter)
    forum.refresh_from_db()
    assert (forum.status, forum.cancelled_reason) == (ForumStatus.CANCELLED, "报告人行程变更")
    _refused(Conflict, svc.forum_cancel, "不能取消", forum=forum, reason="再取消", by=chain.drafter)
    _refused(Conflict, decide, "不能审批", forum=forum, step=ForumStep.UNIT, by=chain.head)


def test_waiting_for_lists_each_holders_step_in_few_queries(chain, django_assert_max_num_queries):
    first = filed(chain)
    second = filed(chain, title="第二场")
    decide(second, ForumStep.UNIT, chain.head)
    assert [(f.pk, s) for f, s in selectors.waiting_for(chain.head)] == [(first.pk, ForumStep.UNIT)]
    assert [(f.pk, s) for f, s in selectors.waiting_for(chain.fenguan)] == [(second.pk, ForumStep.LEADER)]
    assert [(f.pk, s) for f, s in selectors.waiting_for(chain.shuji)] == [(second.pk, ForumStep.LEADER)]
    assert selectors.waiting_for(chain.party_officer) == []
    assert selectors.waiting_for(chain.drafter) == []
    chain.fenguan.__dict__.pop("_qinglian_scope", None)
    with django_assert_max_num_queries(8):
        selectors.waiting_for(chain.fenguan)
