"""党风廉政意见回复导入: the stationed group imports its past replies through the page (its read-only accounts pass
the middleware by the registered name); INT-011 then sees the promotion they preceded; the per-person export
re-imports with every row 无变化; any bad row writes nothing and says why in Chinese; nobody else imports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.registry import Context, get_rule
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.integrity.choices import OpinionConclusion, OpinionPurpose
from qinglian.integrity.importers.opinions import OpinionReplyImport
from qinglian.integrity.models import OpinionItem, OpinionRequest
from qinglian.integrity.services.opinions import IMPORTED_SUMMARY, ReplyLine, reply_import
from qinglian.org.choices import PersonnelEventKind
from qinglian.org.models import PersonnelEvent
from qinglian.org.tests.factories import PersonFactory

D = dt.date
pytestmark = pytest.mark.django_db
HEADER = [
    "回复文号",
    "回复日期",
    "送达日期",
    "征求意见事由",
    "标题",
    "姓名",
    "委室",
    "拟任职务/事项",
    "回复意见",
    "意见说明",
]
NO1, NO2 = "驻机关纪检组廉意〔2026〕3号", "驻机关纪检组廉意〔2026〕7号"
TITLE1, TITLE2 = "关于征求拟提拔人选党风廉政意见的函", "关于征求评先评优人选党风廉政意见的函"


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _xlsx(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _upload(data: bytes) -> io.BytesIO:
    upload = io.BytesIO(data)
    upload.name = "意见回复.xlsx"
    return upload


def _rows(a, b) -> list[tuple]:
    return [
        (NO1, "2026-06-01", "2026-05-20", "提拔任用", TITLE1, a.name, a.unit.name, "副主任", "无反映问题", ""),
        (NO1, "2026-06-01", "2026-05-20", "提拔任用", TITLE1, b.name, "", "副处长", "有问题", "有反映问题线索正在核查"),
        (NO2, "2026-09-10", "2026-09-01", "评先评优", TITLE2, a.name, "", "", "无反映问题", ""),
    ]


@pytest.fixture
def people(org, cadre_same_unit, cadre_other_unit):
    return cadre_same_unit.person, cadre_other_unit.person


@pytest.fixture
def good(people):
    return _xlsx(*_rows(*people))


def _promotion(org, person, day) -> PersonnelEvent:
    return PersonnelEvent.objects.create(
        organ=org.organ, person=person, kind=PersonnelEventKind.PROMOTION, date=day, to_post="副主任"
    )


def _int011(organ, as_of: dt.date) -> dict[str, object]:
    rule = get_rule("INT-011")
    params = resolve(rule, sets_in_force(organ_id=organ.pk, on=as_of, codes=["INT-011"]).get("INT-011"))
    ctx = Context(organ_id=organ.pk, as_of=as_of, params=params)
    return {s.id: rule.check(s, params, ctx) for s in rule.collect(ctx)}


def test_the_group_imports_through_the_page_and_int011_sees_the_reply(org, supervisor, people, good):
    a, b = people
    event = _promotion(org, a, D(2026, 6, 15))
    assert _int011(org.organ, D(2026, 11, 30))[str(event.pk)].recorded  # no opinion yet: red
    client = _as(supervisor)
    page = client.get(reverse("integrity_opinion_import"))
    assert page.status_code == 200 and "导入党风廉政意见回复" in page.content.decode()
    response = client.post(reverse("integrity_opinion_import"), {"file": _upload(good), "mode": "all"})
    assert response.status_code == 200, response.status_code  # the middleware let the group's write through
    assert "导入完成" in response.content.decode()
    first = OpinionRequest.objects.get(reply_no=NO1)
    assert (first.purpose, first.title, first.sent_on, first.replied_on, first.replied_by) == (
        OpinionPurpose.PROMOTION,
        TITLE1,
        D(2026, 5, 20),
        D(2026, 6, 1),
        supervisor,
    )
    items = {i.person: i for i in OpinionItem.objects.filter(request=first)}
    assert (items[a].conclusion, items[a].proposed_post, items[a].summary) == (
        OpinionConclusion.CLEAR,
        "副主任",
        IMPORTED_SUMMARY,
    )
    assert (items[b].conclusion, items[b].answer) == (OpinionConclusion.ISSUE, "有反映问题线索正在核查")
    assert OpinionRequest.objects.get(reply_no=NO2).items.count() == 1
    assert first.history.earliest().history_change_reason == "党风廉政意见回复导入"
    imports = AuditEvent.objects.filter(action="import", target_repr="党风廉政意见回复")
    assert imports.count() == 1 and imports.get().detail["created"] == 3 and imports.get().detail["replies"] == 2
    replied = AuditEvent.objects.filter(action="opinion_replied").order_by("seq")
    assert [e.detail["people"] for e in replied] == [2, 1]
    assert "有反映问题" not in str(replied[0].detail)  # counts only
    # INT-011: the promotion on 2026-06-15 was preceded by a valid imported opinion — no gap, today and back then
    assert _int011(org.organ, D(2026, 11, 30))[str(event.pk)] is None
    assert _int011(org.organ, D(2026, 6, 15))[str(event.pk)] is None


def test_the_per_person_export_re_imports_with_every_row_unchanged(org, supervisor, good):
    importer = OpinionReplyImport.for_user(supervisor)
    importer.apply(importer.parse(good), mode="all", by=supervisor)
    exported = _as(supervisor).get(reverse("integrity_opinion_people_export"))
    assert exported.status_code == 200
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert [r.action.value for r in plan.rows] == ["无变化"] * 3
    result = importer.apply(plan, mode="all", by=supervisor)
    assert (result.created, result.unchanged) == (0, 3)
    assert (OpinionRequest.objects.count(), OpinionItem.objects.count()) == (2, 3)
    # and into an empty ledger it writes the same replies again
    before = set(
        OpinionItem.objects.values_list(
            "request__reply_no",
            "request__replied_on",
            "request__sent_on",
            "request__purpose",
            "request__title",
            "person_id",
            "proposed_post",
            "conclusion",
            "answer",
        )
    )
    OpinionItem.all_objects.all().delete()
    OpinionRequest.all_objects.all().delete()
    assert importer.apply(importer.parse(exported.content), mode="all", by=supervisor).created == 3
    after = set(
        OpinionItem.objects.values_list(
            "request__reply_no",
            "request__replied_on",
            "request__sent_on",
            "request__purpose",
            "request__title",
            "person_id",
            "proposed_post",
            "conclusion",
            "answer",
        )
    )
    assert after == before


def _with(people, supervisor, extra: tuple) -> bytes:
    names = {"a": people[0].name, "b": people[1].name, "supervisor": supervisor.person.name}
    rows = [*_rows(*people), tuple(str(cell).format(**names) for cell in extra)]
    return _xlsx(*rows)


@pytest.mark.parametrize(
    ("bad", "column", "message"),
    [
        (
            ("文号9", "2026-10-01", "2026-09-20", "转任", "函", "无此人", "", "", "无反映问题", ""),
            "姓名",
            "本机关花名册中没有“无此人”",
        ),
        (
            ("文号9", "2026-10-01", "2026-09-20", "转任", "函", "{supervisor}", "", "", "无反映问题", ""),
            "姓名",
            "本机关花名册中没有",
        ),
        (
            ("文号9", "2026-10-01", "2026-09-20", "转任", "函", "{a}", "", "", "有问题", ""),
            "意见说明",
            "请填写意见说明",
        ),
        (
            ("文号9", "2099-01-01", "2026-09-20", "转任", "函", "{a}", "", "", "无反映问题", ""),
            "回复日期",
            "不能晚于今天",
        ),
        (
            ("文号9", "2026-10-01", "2026-10-05", "转任", "函", "{a}", "", "", "无反映问题", ""),
            "送达日期",
            "送达日期不能晚于回复日期",
        ),
        (
            ("文号9", "2026-10-01", "2026-09-20", "调任", "函", "{a}", "", "", "无反映问题", ""),
            "征求意见事由",
            "不是有效的",
        ),
        (
            (NO1, "2026-06-02", "2026-05-20", "提拔任用", TITLE1, "新人", "", "", "无反映问题", ""),
            "回复日期",
            "同一回复文号，回复日期应一致",
        ),
        (
            (NO1, "2026-06-01", "2026-05-20", "提拔任用", "另一标题", "新人", "", "", "无反映问题", ""),
            "标题",
            "同一回复文号，标题应一致",
        ),
        (
            (NO2, "2026-09-10", "2026-09-01", "评先评优", TITLE2, "{a}", "", "", "无反映问题", ""),
            "姓名",
            "同一回复中的同一人员",
        ),
    ],
)
def test_one_bad_row_writes_nothing(org, supervisor, people, bad, column, message):
    PersonFactory(organ=org.organ, unit=org.unit_a, name="新人")
    data = _with(people, supervisor, bad)
    importer = OpinionReplyImport.for_user(supervisor)
    plan = importer.parse(data)
    assert [bool(r.errors) for r in plan.rows] == [False, False, False, True], [r.errors for r in plan.rows]
    errors = plan.rows[-1].errors
    assert any(col == column and message in text for col, text in errors), errors
    with pytest.raises(InvalidInput, match="未写入任何数据"):
        importer.apply(plan, mode="all", by=supervisor)
    assert not OpinionRequest.all_objects.exists() and not OpinionItem.all_objects.exists()
    # the page says the same, in Chinese, and writes nothing
    response = _as(supervisor).post(reverse("integrity_opinion_import"), {"file": _upload(data), "mode": "all"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "未写入任何数据" in text and message in text
    assert not OpinionRequest.all_objects.exists()
    assert not AuditEvent.objects.filter(action__in=["import", "opinion_replied"]).exists()


def test_an_issued_reply_is_never_changed(org, supervisor, people, good):
    a, b = people
    importer = OpinionReplyImport.for_user(supervisor)
    importer.apply(importer.parse(good), mode="all", by=supervisor)
    changed = [list(r) for r in _rows(a, b)]
    changed[1][8], changed[1][9] = "无反映问题", ""  # the 有问题 answer turned into 无反映问题
    changed.append(("文号新", "2026-10-01", "2026-09-20", "转任", "函", a.name, "", "", "无反映问题", ""))
    plan = importer.parse(_xlsx(*changed))
    messages = [text for r in plan.rows[:2] for _, text in r.errors]
    assert all("已有该回复文号，内容不同，不能覆盖" in m for m in messages) and len(messages) == 2, messages
    assert [r.action.value for r in plan.rows[2:]] == ["无变化", "新增"]
    with pytest.raises(InvalidInput, match="未写入任何数据"):
        importer.apply(plan, mode="all", by=supervisor)
    assert OpinionItem.objects.get(request__reply_no=NO1, person=b).conclusion == OpinionConclusion.ISSUE
    assert not OpinionRequest.objects.filter(reply_no="文号新").exists()
    # a person more under an existing number is a difference too
    more = [*_rows(a, b)[:1], (NO2, "2026-09-10", "2026-09-01", "评先评优", TITLE2, b.name, "", "", "无反映问题", "")]
    plan = importer.parse(_xlsx(*_rows(a, b), more[1]))
    assert any("内容不同" in text for r in plan.rows for _, text in r.errors)


def test_the_service_checks_again(org, supervisor, personnel_officer, people):
    a, _ = people
    line = ReplyLine(a.pk, "副主任", conclusion=OpinionConclusion.CLEAR)
    kwargs = {"reply_no": "号1", "purpose": OpinionPurpose.PROMOTION, "title": "函", "lines": [line]}
    with pytest.raises(Forbidden):
        reply_import(by=personnel_officer, replied_on=D(2026, 6, 1), sent_on=D(2026, 5, 1), **kwargs)
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        reply_import(by=supervisor, replied_on=D(2099, 6, 1), sent_on=D(2026, 5, 1), **kwargs)
    with pytest.raises(InvalidInput, match="送达日期不能晚于回复日期"):
        reply_import(by=supervisor, replied_on=D(2026, 6, 1), sent_on=D(2026, 6, 2), **kwargs)
    issue = {**kwargs, "lines": [ReplyLine(a.pk, conclusion=OpinionConclusion.ISSUE)]}
    with pytest.raises(InvalidInput, match="请填写意见说明"):
        reply_import(by=supervisor, replied_on=D(2026, 6, 1), sent_on=D(2026, 5, 1), **issue)
    reply_import(by=supervisor, replied_on=D(2026, 6, 1), sent_on=D(2026, 5, 1), **kwargs)
    with pytest.raises(Conflict, match="不能覆盖"):
        reply_import(by=supervisor, replied_on=D(2026, 6, 1), sent_on=D(2026, 5, 1), **kwargs)
    assert OpinionRequest.objects.count() == 1


def test_only_the_stationed_group_imports(org, supervisor, personnel_officer, party_officer, cadre_same_unit, good):
    assert _as(supervisor).get(reverse("integrity_opinion_import_template")).status_code == 200
    wb = load_workbook(io.BytesIO(_as(supervisor).get(reverse("integrity_opinion_import_template")).content))
    headers = " ".join(str(c.value) for c in wb.worksheets[0][1])
    assert all(h in headers for h in HEADER), headers
    list_page = _as(supervisor).get(reverse("integrity_opinions")).content.decode()
    assert reverse("integrity_opinion_import") in list_page
    assert "导入党风廉政意见回复" in list_page  # the menu entry, the group's only
    officer_page = _as(personnel_officer).get(reverse("integrity_opinions")).content.decode()
    assert reverse("integrity_opinion_import") not in officer_page and "导入党风廉政意见回复" not in officer_page
    for user in (personnel_officer, party_officer, cadre_same_unit):
        client = _as(user)
        assert client.get(reverse("integrity_opinion_import")).status_code == 403, user.username
        assert client.get(reverse("integrity_opinion_import_template")).status_code == 403, user.username
        response = client.post(reverse("integrity_opinion_import"), {"file": _upload(good), "mode": "all"})
        assert response.status_code == 403, user.username
        with pytest.raises(Forbidden):
            OpinionReplyImport.for_user(user)
        with pytest.raises(Forbidden):
            OpinionReplyImport(org.organ, user).apply(
                OpinionReplyImport.for_user(supervisor).parse(good), mode="all", by=user
            )
    assert not OpinionRequest.all_objects.exists()
