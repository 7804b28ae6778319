"""The suggestions pages: who reads, who acts, each handling step (happy path and a refusal), the timeline,
the deadlines in working days, the per-unit summary, exports, the workbench card and the menu."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.core.registry import nav_for
from qinglian.npc.choices import HandlingRole, ReplyResult, Satisfaction, SuggestionStatus
from qinglian.npc.models import Assignment, Contact, Reply, SatisfactionRecord, Suggestion
from qinglian.npc.nav import SECTION, resolves, suggestions_widget
from qinglian.npc.selectors.suggestion_detail import deadline_rows, load_suggestion, suggestion_timeline
from qinglian.npc.tests.factories import AssignmentFactory, DeputyFactory, SessionFactory, SuggestionFactory

D = dt.date
READERS = ("party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "supervisor")


@pytest.fixture
def clerk(desks, cadre_same_unit):
    """A person of the suggestions desk (unit A)."""
    return cadre_same_unit


@pytest.fixture
def registered(org, desks):
    return SuggestionFactory(organ=org.organ, number="第0012号", title="关于加快老旧小区加装电梯的建议")


@pytest.fixture
def assigned(org, desks, bureau):
    s = SuggestionFactory(
        organ=org.organ, number="第0020号", status=SuggestionStatus.ASSIGNED, assigned_on=D(2026, 1, 20)
    )
    AssignmentFactory(suggestion=s, unit=bureau, assigned_on=D(2026, 1, 20))
    return s


def _lead(s: Suggestion) -> Assignment:
    return s.assignments.get(role=HandlingRole.LEAD, is_active=True)


def act(client, s, action, **fields):
    data = {f"{action}-{k}": v for k, v in fields.items()}
    return client.post(reverse("npc_suggestion_action", args=[s.pk, action]), data)


def _reply(s: Suggestion, day: dt.date, result=ReplyResult.SOLVED, **extra) -> Reply:
    return Reply.objects.create(organ=s.organ, suggestion=s, assignment=_lead(s), date=day, result=result, **extra)


# --- reading -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_every_business_role_reads_the_ledger_and_the_suggestion(client, persona, registered, name):
    client.force_login(persona(name))
    assert registered.title in client.get(reverse("npc_suggestions")).content.decode()
    response = client.get(reverse("npc_suggestion", args=[registered.pk]))
    assert response.status_code == 200 and "办理过程" in response.content.decode()


def test_an_administrator_sees_an_empty_ledger_and_no_suggestion(client, registered, sysadmin):
    client.force_login(sysadmin)
    assert "没有符合条件的代表建议" in client.get(reverse("npc_suggestions")).content.decode()
    assert client.get(reverse("npc_suggestion", args=[registered.pk])).status_code == 404


def test_only_the_desk_sees_the_action_forms(client, assigned, clerk, cadre_other_unit):
    client.force_login(cadre_other_unit)
    html = client.get(reverse("npc_suggestion", args=[assigned.pk])).content.decode()
    assert 'data-testid="actions"' not in html and "登记建议" not in html
    client.force_login(clerk)
    html = client.get(reverse("npc_suggestion", args=[assigned.pk])).content.decode()
    assert 'data-testid="action-reply"' in html and 'data-testid="action-receive"' in html
    assert 'data-testid="action-assign"' not in html  # already assigned


def test_the_ledger_filters_by_unit_status_key_and_overdue(client, org, clerk, assigned, registered, bureau2):
    Suggestion.objects.filter(pk=registered.pk).update(is_key=True)
    client.force_login(clerk)
    url = reverse("npc_suggestions")
    html = client.get(url, {"deadline": "overdue"}).content.decode()  # due 2026-04-20, never replied
    assert "第0020号" in html and "第0012号" not in html and 'data-testid="overdue"' in html
    assert "第0020号" not in client.get(url, {"key": "1"}).content.decode()
    assert "第0012号" in client.get(url, {"status": "registered"}).content.decode()
    assert "第0020号" not in client.get(url, {"unit": bureau2.pk}).content.decode()
    assert "第0012号" in client.get(url, {"q": "加装电梯"}).content.decode()


def test_the_ledger_shows_the_reply_deadline_result_and_satisfaction(client, clerk, assigned):
    reply = _reply(assigned, D(2026, 4, 10), ReplyResult.SOLVING)
    SatisfactionRecord.objects.create(organ=assigned.organ, reply=reply, recorded_on=D(2026, 4, 20), level="basically")
    client.force_login(clerk)
    html = client.get(reverse("npc_suggestions")).content.decode()
    assert "2026-04-20" in html and "正在解决" in html and "基本满意" in html


# --- acting: permissions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cadre_other_unit", "leader", "supervisor"])
def test_a_non_desk_post_is_refused_and_changes_nothing(client, persona, assigned, name):
    client.force_login(persona(name))
    response = act(client, assigned, "reply", date="2026-04-01", result=ReplyResult.SOLVED)
    assert response.status_code == 403
    assert not Reply.objects.exists()
    assert Suggestion.objects.get(pk=assigned.pk).status == SuggestionStatus.ASSIGNED


def test_a_non_desk_cannot_register_or_edit_a_suggestion(client, registered, cadre_other_unit):
    client.force_login(cadre_other_unit)
    assert client.get(reverse("npc_suggestion_create")).status_code == 403
    response = client.post(reverse("npc_suggestion_edit", args=[registered.pk]), {"title": "改了"})
    assert response.status_code == 403
    assert Suggestion.objects.get(pk=registered.pk).title == registered.title


def test_an_unknown_action_is_404(client, clerk, assigned):
    client.force_login(clerk)
    assert act(client, assigned, "explode").status_code == 404


# --- acting: each step ------------------------------------------------------------------------------------


def test_assign_gives_a_lead_and_co_units(client, clerk, registered, bureau, bureau2):
    client.force_login(clerk)
    response = act(client, registered, "assign", lead_unit=bureau.pk, co_units=[bureau2.pk], assigned_on="2026-01-20")
    assert response.status_code == 302
    s = Suggestion.objects.get(pk=registered.pk)
    assert s.status == SuggestionStatus.ASSIGNED and s.assigned_on == D(2026, 1, 20)
    assert {(a.unit_id, a.role) for a in s.assignments.all()} == {(bureau.pk, "lead"), (bureau2.pk, "co")}


def test_assign_before_the_suggestion_was_received_is_refused_inline(client, clerk, registered, bureau):
    client.force_login(clerk)
    response = act(client, registered, "assign", lead_unit=bureau.pk, assigned_on="2026-01-10")
    assert response.status_code == 400
    assert "交办日期不能早于收到日期" in response.content.decode()
    assert not Assignment.objects.exists()
    assert Suggestion.objects.get(pk=registered.pk).status == SuggestionStatus.REGISTERED


def test_add_co_units_and_refuse_a_future_date(client, clerk, assigned, bureau2):
    client.force_login(clerk)
    response = act(client, assigned, "add_co", units=[bureau2.pk], assigned_on="2099-01-01")
    assert response.status_code == 400 and "交办日期不能晚于今天" in response.content.decode()
    assert assigned.assignments.count() == 1
    assert act(client, assigned, "add_co", units=[bureau2.pk], assigned_on="2026-02-01").status_code == 302
    assert assigned.assignments.filter(unit=bureau2, role=HandlingRole.CO).exists()


def test_receive_moves_to_handling_and_refuses_a_receipt_before_the_assignment(client, clerk, assigned):
    client.force_login(clerk)
    lead = _lead(assigned)
    response = act(client, assigned, "receive", assignment=lead.pk, received_on="2026-01-19")
    assert response.status_code == 400 and "签收日期不能早于交办日期" in response.content.decode()
    assert Assignment.objects.get(pk=lead.pk).received_on is None
    assert act(client, assigned, "receive", assignment=lead.pk, received_on="2026-01-21").status_code == 302
    assert Suggestion.objects.get(pk=assigned.pk).status == SuggestionStatus.HANDLING


def test_an_accepted_return_sends_the_suggestion_back_for_reassignment(client, clerk, assigned):
    client.force_login(clerk)
    lead = _lead(assigned)
    response = act(
        client, assigned, "return", assignment=lead.pk, returned_on="2026-01-10", reason="非本单位职责", accepted="1"
    )
    assert response.status_code == 400 and "退回日期不能早于交办日期" in response.content.decode()
    assert Assignment.objects.get(pk=lead.pk).is_active
    response = act(
        client, assigned, "return", assignment=lead.pk, returned_on="2026-01-25", reason="非本单位职责", accepted="1"
    )
    assert response.status_code == 302
    assert not Assignment.objects.get(pk=lead.pk).is_active
    assert Suggestion.objects.get(pk=assigned.pk).status == SuggestionStatus.REGISTERED


def test_a_return_without_reason_is_refused(client, clerk, assigned):
    client.force_login(clerk)
    lead = _lead(assigned)
    response = act(client, assigned, "return", assignment=lead.pk, returned_on="2026-01-25", reason=" ", accepted="0")
    assert response.status_code == 400 and "退回理由" in response.content.decode()
    assert Assignment.objects.get(pk=lead.pk).returned_on is None


def test_notify_the_deputy_and_refuse_a_date_before_receipt(client, clerk, registered):
    client.force_login(clerk)
    response = act(client, registered, "notify", notified_on="2026-01-01")
    assert response.status_code == 400 and "通知日期不能早于收到日期" in response.content.decode()
    assert act(client, registered, "notify", notified_on="2026-01-18").status_code == 302
    assert Suggestion.objects.get(pk=registered.pk).deputy_notified_on == D(2026, 1, 18)


def test_a_contact_is_recorded_for_the_lead_and_a_future_one_refused(client, clerk, assigned):
    client.force_login(clerk)
    response = act(client, assigned, "contact", date="2099-02-01", way="phone")
    assert response.status_code == 400 and "联系日期不能晚于今天" in response.content.decode()
    assert not Contact.objects.exists()
    assert act(client, assigned, "contact", date="2026-02-01", way="face", note="上门面商").status_code == 302
    contact = Contact.objects.get()
    assert contact.assignment == _lead(assigned) and contact.with_whom == assigned.lead_deputy.name
    assert Suggestion.objects.get(pk=assigned.pk).status == SuggestionStatus.HANDLING


def test_a_co_opinion_is_recorded_and_one_before_the_assignment_refused(client, clerk, assigned, bureau2):
    co = AssignmentFactory(suggestion=assigned, unit=bureau2, role=HandlingRole.CO, assigned_on=D(2026, 1, 20))
    client.force_login(clerk)
    response = act(client, assigned, "co_opinion", assignment=co.pk, opinion_on="2026-01-02", opinion="同意主办意见")
    assert response.status_code == 400 and "协办意见日期不能早于交办日期" in response.content.decode()
    assert (
        act(client, assigned, "co_opinion", assignment=co.pk, opinion_on="2026-03-02", opinion="同意").status_code
        == 302
    )
    assert Assignment.objects.get(pk=co.pk).co_opinion_on == D(2026, 3, 2)


def test_a_reply_is_recorded_and_one_before_the_assignment_refused(client, clerk, assigned):
    client.force_login(clerk)
    response = act(client, assigned, "reply", date="2026-01-02", result=ReplyResult.SOLVED)
    assert response.status_code == 400 and "答复日期不能早于交办日期（2026-01-20）" in response.content.decode()
    assert not Reply.objects.exists()
    assert Suggestion.objects.get(pk=assigned.pk).status == SuggestionStatus.ASSIGNED
    response = act(
        client, assigned, "reply", date="2026-04-10", result=ReplyResult.SOLVED, document_no="市建函〔2026〕8号"
    )
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert (reply.document_no, reply.is_rereply) == ("市建函〔2026〕8号", False)
    assert Suggestion.objects.get(pk=assigned.pk).status == SuggestionStatus.REPLIED


def test_dissatisfaction_reopens_and_the_next_reply_is_a_rereply(client, clerk, assigned):
    Suggestion.objects.filter(pk=assigned.pk).update(status=SuggestionStatus.REPLIED)
    first = _reply(assigned, D(2026, 4, 10))
    client.force_login(clerk)
    response = act(client, assigned, "satisfaction", reply=first.pk, recorded_on="2026-04-01", level="dissatisfied")
    assert response.status_code == 400 and "反馈日期不能早于答复日期" in response.content.decode()
    assert not SatisfactionRecord.objects.exists()
    response = act(client, assigned, "satisfaction", reply=first.pk, recorded_on="2026-04-20", level="dissatisfied")
    assert response.status_code == 302
    assert Suggestion.objects.get(pk=assigned.pk).status == SuggestionStatus.RE_HANDLING
    html = client.get(reverse("npc_suggestion", args=[assigned.pk])).content.decode()
    assert "重新答复（代表不满意）" in html and "保存重新答复" in html
    assert act(client, assigned, "reply", date="2026-05-10", result=ReplyResult.SOLVING).status_code == 302
    rereply = Reply.objects.get(is_rereply=True)
    assert rereply.replaces == first


def test_an_extension_is_requested_by_the_desk_and_approved_by_a_leader(client, clerk, leader, assigned):
    client.force_login(clerk)
    response = act(client, assigned, "extension_request", requested_on="2026-03-01", reason="")
    assert response.status_code == 400
    assert act(client, assigned, "extension_request", requested_on="2026-03-01", reason="涉及面广").status_code == 302
    assert act(client, assigned, "extension_approve", approved_on="2026-03-05").status_code == 403  # desk, not head
    client.force_login(leader)  # read-only on the ledger, but approves extensions
    response = act(client, assigned, "extension_approve", approved_on="2026-02-01")
    assert response.status_code == 400 and "批准日期不能早于申请日期" in response.content.decode()
    assert act(client, assigned, "extension_approve", approved_on="2026-03-05").status_code == 302
    s = Suggestion.objects.get(pk=assigned.pk)
    assert s.is_extended and s.extension_approved_by == leader
    assert deadline_rows(load_suggestion(leader, s.pk), today=D(2026, 5, 1))[0].due == D(2026, 7, 20)


def test_an_extension_of_a_replied_suggestion_is_refused(client, clerk, assigned):
    Suggestion.objects.filter(pk=assigned.pk).update(status=SuggestionStatus.REPLIED)
    client.force_login(clerk)
    response = act(client, assigned, "extension_request", requested_on="2026-03-01", reason="涉及面广")
    assert response.status_code == 400 and "只有已交办、尚未答复的建议可以申请延期" in response.content.decode()
    assert Suggestion.objects.get(pk=assigned.pk).extension_requested_on is None


def test_mark_key_needs_a_committee_and_a_leader(client, org, clerk, leader, assigned):
    client.force_login(clerk)
    response = act(client, assigned, "mark_key", is_key="1")
    assert response.status_code == 400 and "重点督办建议须确定督办委室和督办领导" in response.content.decode()
    assert not Suggestion.objects.get(pk=assigned.pk).is_key
    response = act(client, assigned, "mark_key", is_key="1", committee=org.unit_b.pk, leader=leader.person_id)
    assert response.status_code == 302
    s = Suggestion.objects.get(pk=assigned.pk)
    assert (s.is_key, s.supervising_committee, s.supervising_leader_id) == (True, org.unit_b, leader.person_id)
    assert "研究室督办" in client.get(reverse("npc_suggestion", args=[s.pk])).content.decode()


# --- registering ------------------------------------------------------------------------------------------


def test_the_desk_registers_a_suggestion_with_co_signers(client, org, clerk):
    session = SessionFactory(organ=org.organ)
    lead, co = DeputyFactory(organ=org.organ, name="王代表"), DeputyFactory(organ=org.organ, name="李代表")
    client.force_login(clerk)
    data = {
        "number": "第0001号",
        "session": session.pk,
        "lead_deputy": lead.pk,
        "co_signers": [co.pk],
        "title": "关于完善社区养老服务的建议",
        "category": "livelihood",
        "received_on": "2026-01-14",
    }
    response = client.post(reverse("npc_suggestion_create"), data)
    s = Suggestion.objects.get(number="第0001号")
    assert response.status_code == 302 and response["Location"] == f"/npc/suggestions/{s.pk}/"
    assert s.year == 2026 and [d.name for d in s.co_signers.all()] == ["李代表"]
    response = client.post(reverse("npc_suggestion_create"), {**data, "title": "重号"})
    assert response.status_code == 400 and "2026年已有编号为“第0001号”的建议" in response.content.decode()
    assert Suggestion.objects.count() == 1


# --- timeline and deadlines -------------------------------------------------------------------------------


def test_the_timeline_follows_the_handling_order_also_on_one_day(org, clerk, assigned, bureau2):
    day = D(2026, 3, 2)
    lead = _lead(assigned)
    Assignment.objects.filter(pk=lead.pk).update(received_on=D(2026, 1, 21))
    co = AssignmentFactory(suggestion=assigned, unit=bureau2, role=HandlingRole.CO, assigned_on=D(2026, 1, 20))
    Assignment.objects.filter(pk=co.pk).update(co_opinion_on=day, co_opinion="同意")
    Suggestion.objects.filter(pk=assigned.pk).update(deputy_notified_on=D(2026, 1, 22))
    first = _reply(assigned, day)  # same day as the co opinion and the contact
    Contact.objects.create(organ=org.organ, suggestion=assigned, assignment=lead, date=day, way="face")
    SatisfactionRecord.objects.create(organ=org.organ, reply=first, recorded_on=D(2026, 3, 10), level="dissatisfied")
    again = _reply(assigned, D(2026, 3, 10), is_rereply=True, replaces=first)
    SatisfactionRecord.objects.create(organ=org.organ, reply=again, recorded_on=D(2026, 3, 10), level="satisfied")
    events = suggestion_timeline(load_suggestion(clerk, assigned.pk))
    assert [e.detail for e in events[1:3]] == ["市住房和城乡建设局（主办）", "市自然资源和规划局（协办）"]
    stages = [e.stage for e in events]
    assert stages == [
        "received",
        "assigned",
        "assigned",
        "signed",
        "notified",
        "contact",
        "co_opinion",
        "reply",
        "satisfaction",
        "rereply",
        "rereply_satisfaction",
    ]


def test_the_deadlines_count_working_days_left(clerk, assigned):
    s = load_suggestion(clerk, assigned.pk)
    (reply_row,) = deadline_rows(s, today=D(2026, 4, 13))  # a Monday; due Monday 2026-04-20
    assert (reply_row.due, reply_row.days_left, reply_row.state) == (D(2026, 4, 20), 5, "near")
    assert reply_row.text == "还剩5个工作日"
    (late,) = deadline_rows(s, today=D(2026, 4, 22))
    assert (late.state, late.text) == ("overdue", "已超期2个工作日")


def test_a_co_unit_and_an_unanswered_reply_add_their_deadlines(clerk, assigned, bureau2):
    AssignmentFactory(suggestion=assigned, unit=bureau2, role=HandlingRole.CO, assigned_on=D(2026, 1, 20))
    _reply(assigned, D(2026, 4, 10))
    rows = {r.label: r for r in deadline_rows(load_suggestion(clerk, assigned.pk), today=D(2026, 4, 13))}
    assert rows["答复（自交办之日起，市住房和城乡建设局）"].state == "done"
    assert rows["协办意见（市自然资源和规划局）"].due == D(2026, 3, 20)
    assert rows["协办意见（市自然资源和规划局）"].state == "overdue"
    assert rows["登记代表满意度"].due == D(2026, 5, 6)  # 15 working days, past the May Day holiday


# --- per-unit summary and exports ------------------------------------------------------------------------


@pytest.fixture
def handled(org, desks, bureau):
    """市住建局 leads 4 suggestions of 2026: 3 replied (2 solved), 3 evaluated (2 satisfied)."""
    plan = [
        ("第1号", ReplyResult.SOLVED, Satisfaction.SATISFIED),
        ("第2号", ReplyResult.SOLVING, Satisfaction.BASICALLY),
        ("第3号", ReplyResult.REFERENCE, Satisfaction.DISSATISFIED),
        ("第4号", None, None),
    ]
    for number, result, level in plan:
        status = SuggestionStatus.CLOSED if result else SuggestionStatus.HANDLING
        s = SuggestionFactory(organ=org.organ, number=number, status=status, assigned_on=D(2026, 1, 20))
        AssignmentFactory(suggestion=s, unit=bureau, assigned_on=D(2026, 1, 20))
        if result:
            reply = _reply(s, D(2026, 4, 1), result)
            SatisfactionRecord.objects.create(organ=org.organ, reply=reply, recorded_on=D(2026, 4, 5), level=level)
    return org


def test_the_unit_summary_counts_replies_solved_and_satisfied(client, handled, cadre_other_unit):
    client.force_login(cadre_other_unit)
    html = client.get(reverse("npc_suggestions"), {"tab": "units", "year": 2026}).content.decode()
    row = html.split('data-unit="市住房和城乡建设局"')[1].split("</tr>")[0]
    cells = [c.split(">", 1)[1].split("<")[0] for c in row.split("<td")[1:]]
    assert cells[1:4] == ["4", "3", "3"]  # 件数, 已答复, 按期答复
    assert "66.7%" in cells[5] and "66.7%" in cells[7]  # 解决率 2/3, 满意率 2/3


def test_the_ledger_export_opens_with_one_row_per_suggestion(client, handled, cadre_other_unit):
    client.force_login(cadre_other_unit)
    response = client.get(reverse("npc_suggestions_export"), {"year": 2026})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "代表建议办理台账"
    assert [c.value for c in sheet[2]][:3] == ["序号", "建议编号", "年度"]
    numbers = sorted(sheet.cell(row=r, column=2).value for r in range(3, sheet.max_row + 1))
    assert numbers == ["第1号", "第2号", "第3号", "第4号"]
    assert {sheet.cell(row=r, column=9).value for r in range(3, 7)} == {"市住房和城乡建设局"}


def test_the_summary_export_has_the_unit_and_the_total(client, handled, party_officer):
    client.force_login(party_officer)
    response = client.get(reverse("npc_suggestions_export"), {"tab": "units", "year": 2026})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "2026年代表建议办理情况汇总"
    assert [c.value for c in sheet[3]] == ["市住房和城乡建设局", 4, 3, 3, 1.0, 0.667, 3, 2, 0.667]  # rates as numbers
    assert sheet["E3"].number_format == "0.0%"
    assert sheet.cell(row=4, column=1).value == "合计"


def test_the_print_view_lists_the_whole_filtered_ledger(client, handled, leader):
    client.force_login(leader)
    html = client.get(reverse("npc_suggestions_print"), {"status": "handling"}).content.decode()
    assert "第4号" in html and "第1号" not in html and 'data-action="print"' in html


# --- workbench card and menu ------------------------------------------------------------------------------


def test_the_card_counts_overdue_and_soon_due_suggestions_for_the_desk(
    rf, org, clerk, assigned, bureau, cadre_other_unit
):
    from django.utils import timezone

    today = timezone.localdate()
    soon = SuggestionFactory(
        organ=org.organ, status=SuggestionStatus.HANDLING, assigned_on=today - dt.timedelta(days=85)
    )
    AssignmentFactory(suggestion=soon, unit=bureau, assigned_on=soon.assigned_on)
    request = rf.get("/")
    request.user = clerk
    data = suggestions_widget(request)
    assert (data["overdue"], data["due_soon"]) == (1, 1)
    request.user = cadre_other_unit
    assert suggestions_widget(request) is None


def test_the_menu_lists_the_suggestions_for_readers_and_hides_pages_not_built(clerk, sysadmin):
    items = {item.url_name for section, entries in nav_for(clerk) if section == SECTION for item in entries}
    assert {"npc_suggestions", "npc_deputies"} <= items
    for name in ("npc_meetings", "npc_stations", "npc_figures", "npc_import"):
        assert (name in items) is resolves(name)
    assert SECTION not in dict(nav_for(sysadmin))


def test_the_ledger_and_a_suggestion_need_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, handled, clerk, bureau
):
    for n in range(20):
        s = SuggestionFactory(organ=handled.organ, number=f"第{100 + n}号", status=SuggestionStatus.ASSIGNED)
        AssignmentFactory(suggestion=s, unit=bureau)
    client.force_login(clerk)
    # A session's first page pays once for its login-security state (second factor owed? activity stamp).
    assert client.get(reverse("workbench")).status_code == 200
    # Constant: prefetched, parameters resolved once; the to-do badge asks every app's sources (30: the five 意识形态
    # sources — pieces to review and returned, forums to mark held, reports due, open opinion events — one query each).
    with django_assert_max_num_queries(30):
        assert client.get(reverse("npc_suggestions")).status_code == 200
    # Constant too; each app's to-do source costs one query on every page (46: 八项规定 出访报告, the 意识形态 five).
    with django_assert_max_num_queries(46):
        assert client.get(reverse("npc_suggestion", args=[s.pk])).status_code == 200
