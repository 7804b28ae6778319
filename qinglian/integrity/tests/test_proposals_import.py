"""纪检监察建议导入: the stationed group imports its proposals through the page (its registered write gets past the
read-only middleware); the export re-imports with every row 无变化, replied proposals included; a reply is never
imported (it is the organ's); one bad row writes nothing and says why in Chinese; nobody else imports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.registry import STATIONED_GROUP_WRITES
from qinglian.integrity.importers.proposals import ProposalImport
from qinglian.integrity.models import DisciplineProposal, InquiryLetter
from qinglian.integrity.services.inquiries import proposal_reply

D = dt.date
pytestmark = pytest.mark.django_db
HEADER = [
    "建议类型",
    "文号",
    "送达日期",
    "标题",
    "主送委室",
    "主要问题和建议",
    "书面回复日期",
    "回复文号",
    "整改落实情况",
]
GOOD = (
    (
        "纪律检查建议",
        "驻机关纪检组建〔2024〕2号",
        "2024-05-06",
        "关于规范公务用车管理的建议",
        "办公室",
        "公务用车登记不全",
        "",
        "",
        "",
    ),
    (
        "监察建议",
        "驻机关纪检组建〔2025〕1号",
        "2025-03-10",
        "关于加强财务报销审核的建议",
        "",
        "报销审核不严\n附件不全",
        "",
        "",
        "",
    ),
    (
        "纪律检查建议",
        "驻机关纪检组建〔2026〕5号",
        "2026-11-02",
        "关于规范会议费管理的建议",
        "机关党组",
        "会议费超标",
        "",
        "",
        "",
    ),
)


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


def _upload(content: bytes) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = "纪检监察建议.xlsx"
    return upload


def _post(user, content: bytes, url: str = "integrity_proposal_import"):
    return _as(user).post(reverse(url), {"file": _upload(content), "mode": "all"})


def test_the_group_imports_a_good_file_through_the_page(org, supervisor):
    assert "integrity_proposal_import" in STATIONED_GROUP_WRITES
    assert "integrity_proposal_import_template" not in STATIONED_GROUP_WRITES
    client = _as(supervisor)
    assert client.get(reverse("integrity_proposal_import")).status_code == 200
    template = client.get(reverse("integrity_proposal_import_template"))
    assert template.status_code == 200
    assert reverse("integrity_proposal_import") in client.get(reverse("integrity_proposals")).content.decode()
    response = _post(supervisor, _xlsx(*GOOD))
    assert response.status_code == 200
    assert "新增 3 件" in response.content.decode()
    assert DisciplineProposal.objects.count() == 3
    car = DisciplineProposal.objects.get(number="驻机关纪检组建〔2024〕2号")
    assert (car.kind, car.issued_on, car.target_unit, car.issued_by) == (
        "discipline",
        D(2024, 5, 6),
        org.unit_a,
        supervisor,
    )
    assert car.replied_on is None and car.reply_no == ""
    money = DisciplineProposal.objects.get(number="驻机关纪检组建〔2025〕1号")
    assert (money.kind, money.target_unit, money.summary) == ("supervision", None, "报销审核不严\n附件不全")
    assert DisciplineProposal.objects.get(number="驻机关纪检组建〔2026〕5号").target_unit is None
    assert car.history.earliest().history_change_reason == "纪检监察建议导入"
    assert AuditEvent.objects.filter(action="import", target_repr="纪检监察建议").count() == 1
    # the same file again writes nothing twice
    assert "无变化 3 件" in _post(supervisor, _xlsx(*GOOD)).content.decode()
    assert DisciplineProposal.objects.count() == 3


def test_the_export_re_imports_with_every_row_unchanged(org, supervisor, party_officer):
    importer = ProposalImport.for_user(supervisor)
    importer.apply(importer.parse(_xlsx(*GOOD)), mode="all", by=supervisor)
    replied = DisciplineProposal.objects.get(number="驻机关纪检组建〔2024〕2号")
    proposal_reply(
        proposal=replied,
        replied_on=D(2024, 6, 20),
        reply_no="机关党组〔2024〕8号",
        reply_summary="已整改\n建立台账",
        by=party_officer,
    )
    exported = _as(supervisor).get(reverse("integrity_proposals_export"))
    assert exported.status_code == 200
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert [r.action.value for r in plan.rows] == ["无变化"] * 3
    response = _post(supervisor, exported.content)
    assert "无变化 3 件" in response.content.decode()
    assert DisciplineProposal.objects.count() == 3
    # the party-affairs office's export is the same ledger: it re-imports as is too
    assert [
        r.action.value
        for r in importer.parse(_as(party_officer).get(reverse("integrity_proposals_export")).content).rows
    ] == ["无变化"] * 3
    # but into an empty ledger the replied row is refused: the group records no reply
    DisciplineProposal.all_objects.all().delete()
    plan = importer.parse(exported.content)
    errors = [e for r in plan.rows for e in r.errors]
    assert len(plan.error_rows) == 1 and "书面回复由机关党委或主送委室负责人在系统中登记" in errors[0][1]


def test_a_correction_updates_an_unreplied_proposal_and_not_a_replied_one(org, supervisor, party_officer):
    importer = ProposalImport.for_user(supervisor)
    importer.apply(importer.parse(_xlsx(*GOOD)), mode="all", by=supervisor)
    changed = [list(r) for r in GOOD]
    changed[1][3] = "关于加强财务报销审核的监察建议"
    plan = importer.parse(_xlsx(*changed))
    assert [r.action.value for r in plan.rows] == ["无变化", "更新", "无变化"]
    assert [(c.column, c.new) for c in plan.rows[1].changes] == [("标题", "关于加强财务报销审核的监察建议")]
    assert importer.apply(plan, mode="all", by=supervisor).updated == 1
    assert DisciplineProposal.objects.get(number="驻机关纪检组建〔2025〕1号").title == "关于加强财务报销审核的监察建议"
    replied = DisciplineProposal.objects.get(number="驻机关纪检组建〔2024〕2号")
    proposal_reply(
        proposal=replied, replied_on=D(2024, 6, 20), reply_no="回1", reply_summary="已整改", by=party_officer
    )
    changed[0][3] = "改过的标题"
    changed[0][6:9] = ["2024-06-20", "回1", "已整改"]
    plan = importer.parse(_xlsx(*changed))
    assert "已书面回复，不能再修改" in plan.rows[0].errors[0][1]
    changed[0][3] = GOOD[0][3]
    changed[0][8] = "另一种说法"
    assert "导入不能修改回复" in importer.parse(_xlsx(*changed)).rows[0].errors[0][1]
    changed[0][6:9] = ["", "", ""]
    assert "导入不能清除回复" in importer.parse(_xlsx(*changed)).rows[0].errors[0][1]


@pytest.mark.parametrize(
    ("bad", "column", "message"),
    [
        (("纪律检查建议", "建9", "2099-01-01", "标题", "", "问题", "", "", ""), "送达日期", "不能晚于今天"),
        (
            ("纪律检查建议", "建9", "2026-11-02", "标题", "无此委室", "问题", "", "", ""),
            "主送委室",
            "“无此委室”不是本机关的内设委室",
        ),
        (
            ("纪律检查建议", "建9", "2026-11-02", "标题", "派驻纪检监察组", "问题", "", "", ""),
            "主送委室",
            "不是本机关的内设委室",
        ),
        (("纪律检查建议", "", "2026-11-02", "标题", "", "问题", "", "", ""), "文号", "必填"),
        (("建议", "建9", "2026-11-02", "标题", "", "问题", "", "", ""), "建议类型", "不是有效的建议类型"),
        (("纪律检查建议", "建9", "2026-11-02", "", "", "问题", "", "", ""), "标题", "必填"),
        (("纪律检查建议", "建9", "2026-11-02", "标题", "", "", "", "", ""), "主要问题和建议", "必填"),
        (
            ("纪律检查建议", "建9", "2026-11-02", "标题", "", "问题", "2026-11-01", "回9", "已整改"),
            "书面回复日期",
            "不能早于建议送达日期",
        ),
        (("纪律检查建议", "建9", "2026-11-02", "标题", "", "问题", "2026-11-20", "回9", ""), "整改落实情况", "必填"),
        (
            ("纪律检查建议", "建9", "2026-11-02", "标题", "", "问题", "2026-11-20", "回9", "已整改"),
            "书面回复日期",
            "派驻纪检监察组导入时不能登记回复",
        ),
        (
            ("纪律检查建议", "驻机关纪检组建〔2024〕2号", "2026-11-02", "标题", "", "问题", "", "", ""),
            "文号",
            "与第2行文号相同",
        ),
    ],
)
def test_one_bad_row_writes_nothing(org, supervisor, bad, column, message):
    content = _xlsx(*GOOD, bad)
    importer = ProposalImport.for_user(supervisor)
    plan = importer.parse(content)
    assert [bool(r.errors) for r in plan.rows] == [False, False, False, True]
    errors = plan.rows[-1].errors
    assert any(col == column and message in text for col, text in errors), errors
    with pytest.raises(InvalidInput, match="未写入任何数据"):
        importer.apply(plan, mode="all", by=supervisor)
    assert not DisciplineProposal.all_objects.exists()
    response = _post(supervisor, content)
    assert response.status_code == 200
    text = response.content.decode()
    assert "未写入任何数据" in text and message in text
    assert not DisciplineProposal.all_objects.exists()
    assert not AuditEvent.objects.filter(action="import", target_repr="纪检监察建议").exists()


def test_only_the_group_imports(org, supervisor, party_officer, cadre_same_unit, leader, unit_head):
    for user in (party_officer, cadre_same_unit, leader, unit_head):
        client = _as(user)
        assert client.get(reverse("integrity_proposal_import")).status_code in (403, 404), user.username
        assert client.get(reverse("integrity_proposal_import_template")).status_code in (403, 404), user.username
        assert _post(user, _xlsx(*GOOD)).status_code in (403, 404), user.username
        with pytest.raises(Forbidden):
            ProposalImport.for_user(user)
    assert (
        reverse("integrity_proposal_import")
        not in _as(party_officer).get(reverse("integrity_proposals")).content.decode()
    )
    assert not DisciplineProposal.all_objects.exists()
    # the group's registered name is this import only: the inquiry-letter import stays closed to it
    letters = _xlsx()
    wb = load_workbook(io.BytesIO(letters))
    ws = wb.active
    ws.delete_rows(1)
    ws.append(["被函询人", "所在委室", "函询文号", "收到日期", "签署意见人", "签署意见日期", "回复日期"])
    ws.append([cadre_same_unit.person.name, "", "", "2026-11-02", "", "", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert _post(supervisor, buffer.getvalue(), "integrity_inquiry_import").status_code == 403
    assert not InquiryLetter.all_objects.exists()
