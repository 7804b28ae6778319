"""一会一报登记台账 import (the paper register copied in) and export: a good file becomes forums with their approvals
and dates as they happened; a bad row is named in Chinese and nothing is written; the export re-imports as it is."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.ideology.choices import ForumStatus, ForumStep
from qinglian.ideology.importers.forums import ForumImport, register_columns
from qinglian.ideology.models import Forum, ForumApproval

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in register_columns([])]


def _row(chain, **cells) -> list:
    values = {
        "类型": "讲座",
        "活动名称": "学习贯彻全会精神专题讲座",
        "主题": "学习贯彻党的二十届四中全会精神",
        "主办委室": chain.outlet.unit.name,
        "经办人": "drafter",
        "报告人": "王教授",
        "参加对象": "机关全体党员干部",
        "报备日期": "2026-01-05",
        "举办日期": "2026-01-20",
        "委室负责人审核人": "unit_head",
        "委室负责人审核日期": "2026-01-06",
        "分管领导审批人": "fenguan",
        "分管领导审批日期": "2026-01-07",
        "机关党委备案人": "party_officer",
        "机关党委备案日期": "2026-01-08",
    }
    values.update(cells)
    return [values.get(h, "") for h in HEADERS]


def _file(rows: list[list], headers: list[str] = HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _import(user, data: bytes):
    importer = ForumImport.for_user(user)
    return importer, importer.parse(data)


def test_a_paper_register_becomes_forums_with_their_approvals_kept_as_they_happened(chain):
    rows = [
        _row(chain),
        _row(chain, 活动名称="先办后批的讲座", 机关党委备案日期="2026-01-25"),
        _row(
            chain,
            活动名称="涉外研讨会",
            类型="研讨会",
            有境外人员参加="是",
            境外人员情况="某外籍学者",
            外事部门批复日期="2026-01-02",
            外事部门批复文号="市外办〔2026〕1号",
        ),
        _row(chain, 活动名称="取消的讲座", 已取消="是", 取消原因="报告人行程变更"),
    ]
    importer, plan = _import(chain.party_officer, _file(rows))
    assert not plan.has_errors, [r.errors for r in plan.rows]
    result = importer.apply(plan, mode="all", by=chain.party_officer)
    assert result.created == 4
    forum = Forum.objects.get(title="学习贯彻全会精神专题讲座")
    assert (forum.status, forum.filed_on, forum.applicant_id) == (
        ForumStatus.HELD,
        dt.date(2026, 1, 5),
        chain.drafter.person.pk,
    )
    assert [(a.step, a.approver_id, a.decided_on) for a in forum.approvals.order_by("step")] == [
        (ForumStep.UNIT, chain.head.person.pk, dt.date(2026, 1, 6)),
        (ForumStep.LEADER, chain.fenguan.person.pk, dt.date(2026, 1, 7)),
        (ForumStep.PARTY_OFFICE, chain.party_officer.person.pk, dt.date(2026, 1, 8)),
    ]
    late = Forum.objects.get(title="先办后批的讲座")
    assert late.approvals.get(step=ForumStep.PARTY_OFFICE).decided_on == dt.date(2026, 1, 25)
    foreign = Forum.objects.get(title="涉外研讨会").approvals.get(step=ForumStep.FOREIGN_AFFAIRS)
    assert (foreign.decided_on, foreign.opinion) == (dt.date(2026, 1, 2), "市外办〔2026〕1号")
    assert Forum.objects.get(title="取消的讲座").status == ForumStatus.CANCELLED


@pytest.mark.parametrize(
    ("cells", "column", "problem"),
    [
        ({"举办日期": "2026-01-02"}, "举办日期", "举办日期早于报备日期"),
        ({"举办日期": "2099-01-02"}, "举办日期", "不能晚于今天"),
        ({"经办人": "查无此人"}, "经办人", "没有名为“查无此人”的人员"),
        ({"主办委室": "不存在委"}, "主办委室", "不是有效的委室"),
        ({"类型": "茶话会"}, "类型", "不是有效的类型"),
        ({"分管领导审批日期": ""}, "分管领导审批日期", "填写了分管领导审批人"),
        ({"有境外人员参加": "是"}, "境外人员情况", "请填写境外人员情况"),
        ({"外事部门批复文号": "市外办1号"}, "外事部门批复日期", "请填写外事部门批复日期"),
        ({"已取消": "是"}, "取消原因", "请填写取消原因"),
    ],
)
def test_a_bad_row_is_named_in_chinese_and_nothing_is_written(chain, cells, column, problem):
    importer, plan = _import(chain.party_officer, _file([_row(chain, 活动名称="好的一行"), _row(chain, **cells)]))
    assert not plan.rows[0].errors
    assert any(c == column and problem in p for c, p in plan.rows[1].errors), plan.rows[1].errors
    with pytest.raises(InvalidInput, match="未写入任何数据"):
        importer.apply(plan, mode="all", by=chain.party_officer)
    assert not Forum.all_objects.exists() and not ForumApproval.objects.exists()


def test_only_the_party_office_imports(chain):
    with pytest.raises(Forbidden):
        ForumImport.for_user(chain.drafter)


def test_the_export_has_the_register_columns_and_reimports_changing_nothing(chain):
    importer, plan = _import(chain.party_officer, _file([_row(chain), _row(chain, 活动名称="第二场")]))
    importer.apply(plan, mode="all", by=chain.party_officer)
    client = Client()
    client.force_login(chain.party_officer)
    data = client.get(reverse("ideology_forum_export")).content
    sheet = load_workbook(io.BytesIO(data)).active
    headers = next(list(r) for r in sheet.iter_rows(values_only=True) if r and r[0] == "序号")
    assert headers[0] == "序号" and headers[-1] == "状态" and len(headers) == len(HEADERS) + 2
    importer, plan = _import(chain.party_officer, data)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert {r.action.value for r in plan.rows} == {"无变化"}
    before = (Forum.objects.count(), ForumApproval.objects.count())
    importer.apply(plan, mode="all", by=chain.party_officer)
    assert (Forum.objects.count(), ForumApproval.objects.count()) == before
