"""The outlet register's pages: the list (filters, responsible person, review levels, filing, last publication
and days since coloured past the IDEO-001 figures, print), one outlet (particulars, review chain, recent pieces
linking to their pages, its findings, evidence, history), the forms, the Excel export that re-imports unchanged and
the import that refuses a bad file in Chinese, writing nothing; the menu and the to-do."""

from __future__ import annotations

import datetime as dt
import io

from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.compliance.engine import run_checks
from qinglian.compliance.todos import todo_sections
from qinglian.core import clock
from qinglian.ideology.choices import OutletKind
from qinglian.ideology.importers.outlets import OutletImport
from qinglian.ideology.models import Outlet
from qinglian.ideology.tests.factories import OutletFactory, PieceFactory

D = dt.date


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _days_ago(n: int) -> dt.date:
    return clock.today() - dt.timedelta(days=n)


def test_the_list_shows_owner_levels_filing_and_coloured_silence(org, party_officer, cadre_same_unit):
    owner = cadre_same_unit.person
    busy = OutletFactory(unit=org.unit_a, owner=owner, name="工作动态", opened_on=D(2024, 1, 1))
    quiet = OutletFactory(unit=org.unit_a, owner=owner, name="通知公告", opened_on=D(2024, 1, 1))
    silent = OutletFactory(
        unit=org.unit_b, owner=None, name="临江视频", kind=OutletKind.VIDEO_ACCOUNT, platform="wechat_channels"
    )
    OutletFactory(unit=org.unit_b, name="一楼展板", kind=OutletKind.BULLETIN_BOARD, closed_on=D(2025, 1, 1))
    PieceFactory(outlet=busy, published_on=_days_ago(2), status="published")
    PieceFactory(outlet=quiet, published_on=_days_ago(11), status="published")
    PieceFactory(outlet=silent, published_on=_days_ago(40), status="published")
    PieceFactory(outlet=silent, published_on=_days_ago(1), status="published", deleted_at=clock.now())
    client = _as(cadre_same_unit)
    page = client.get(reverse("ideology_outlet_list")).content.decode()
    assert "合计 4 个" in page and "连续10天未更新标黄，14天未更新标红" in page
    assert page.count('data-level="danger"') == 1 and page.count('data-level="warning"') == 1
    assert f"{_days_ago(40):%Y-%m-%d}" in page and "40天" in page  # the deleted piece does not count
    assert "未明确" in page and "阵地责任人（责任编辑） / 撰稿委室负责人 / 分管领导" in page
    assert "outlet-create" not in page and 'data-testid="import"' not in page
    page = client.get(reverse("ideology_outlet_list") + f"?unit={org.unit_b.pk}&status=open").content.decode()
    assert "临江视频" in page and "一楼展板" not in page and "工作动态" not in page
    page = client.get(reverse("ideology_outlet_list") + "?kind=bulletin_board&print=1").content.decode()
    assert "一楼展板" in page and "2025-01-01关停" in page and "合计 1 个" in page
    assert "outlet-create" in _as(party_officer).get(reverse("ideology_outlet_list")).content.decode()


def test_the_detail_shows_chain_pieces_findings_and_history(org, party_officer, unit_head, cadre_same_unit):
    outlet = OutletFactory(unit=org.unit_a, owner=cadre_same_unit.person, name="工作动态", opened_on=D(2024, 1, 1))
    piece = PieceFactory(outlet=outlet, title="机关召开学习会", published_on=_days_ago(20), status="published")
    run_checks(organ_id=org.organ.pk, as_of=clock.today(), codes=["IDEO-001"])
    page = _as(party_officer).get(reverse("ideology_outlet_detail", args=[outlet.pk])).content.decode()
    assert "审核链（三审）" in page and "cadre_same_unit" in page and "unit_head" in page
    assert f'href="/ideology/pieces/{piece.pk}/"' in page and "机关召开学习会" in page
    assert "预警与违规记录" in page and "已连续20天未更新" in page
    assert "outlet-edit" in page and "outlet-close" in page and "outlet-file" not in page
    assert "佐证材料" in page and "已20天未更新" in page
    other = _as(unit_head).get(reverse("ideology_outlet_detail", args=[outlet.pk]))
    assert other.status_code == 200 and "outlet-edit" not in other.content.decode()
    assert _as(unit_head).get(reverse("ideology_outlet_edit", args=[outlet.pk])).status_code == 403


def test_the_forms_register_file_and_close(org, party_officer, cadre_same_unit):
    client = _as(party_officer)
    form = {
        "name": "政务微博",
        "kind": "other_new_media",
        "platform": "weibo",
        "unit": org.unit_a.pk,
        "owner": cadre_same_unit.person_id,
        "first_level": 1,
        "second_level": 2,
        "final_level": 3,
        "opened_on": "2026-03-02",
    }
    bad = client.post(reverse("ideology_outlet_create"), form | {"second_level": 3, "final_level": 2})
    assert bad.status_code == 200 and "审核层级须逐级提高" in bad.content.decode()
    bad = client.post(reverse("ideology_outlet_create"), form | {"platform": ""})
    assert "须填写所在平台" in bad.content.decode()
    assert not Outlet.objects.exists()
    response = client.post(reverse("ideology_outlet_create"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    outlet = Outlet.objects.get()
    assert outlet.filing_status == "pending"
    response = client.post(
        reverse("ideology_outlet_file", args=[outlet.pk]), {"filed_on": "2026-03-20", "filing_no": "备1"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("ideology_outlet_close", args=[outlet.pk]), {"closed_on": "2026-03-01", "reason": "x"}
    )
    assert response.status_code == 200 and "关停日期不能早于开设日期" in response.content.decode()
    response = client.post(
        reverse("ideology_outlet_close", args=[outlet.pk]), {"closed_on": "2026-06-30", "reason": "注销"}
    )
    assert response.status_code == 302
    outlet.refresh_from_db()
    assert (outlet.filing_status, outlet.closed_on, outlet.note) == ("filed", D(2026, 6, 30), "2026-06-30关停：注销")
    page = client.get(reverse("ideology_outlet_detail", args=[outlet.pk])).content.decode()
    assert "关停：注销" in page and "outlet-close" not in page


# --- import and export --------------------------------------------------------------------------------------------


def _sheet(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["阵地名称", "类型", "平台", "主管委室", "责任人", "初审层级", "复审层级", "终审层级", "开设日期"])
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


LEVELS = ("阵地责任人（责任编辑）", "撰稿委室负责人", "分管领导")


def test_a_bad_file_is_refused_in_chinese_and_writes_nothing(org, party_officer, cadre_same_unit):
    client = _as(party_officer)
    rows = (
        ("工作动态", "门户网站栏目", "", "办公室", "cadre_same_unit", *LEVELS, "2024-01-01"),
        ("公众号", "微信公众号", "", "办公室", "", *LEVELS, "2024-01-01"),
        ("宣传栏", "宣传栏、党建专栏", "微信", "办公室", "", *LEVELS, "2024-01-01"),
        ("刊物", "内部刊物", "", "办公室", "无此人", LEVELS[1], LEVELS[0], LEVELS[2], "2024-13-01"),
    )
    upload = io.BytesIO(_sheet(*rows))
    upload.name = "阵地.xlsx"
    page = client.post(reverse("ideology_outlet_import"), {"file": upload, "mode": "all"}).content.decode()
    assert "未写入任何数据" in page and "须填写所在平台" in page and "不填写平台" in page
    assert "没有名为“无此人”的在职人员" in page
    assert not Outlet.all_objects.exists()
    junk = io.BytesIO(b"this is not a workbook")
    junk.name = "阵地.xlsx"
    page = client.post(reverse("ideology_outlet_import"), {"file": junk, "mode": "all"}).content.decode()
    assert "xlsx" in page.lower() and not Outlet.all_objects.exists()
    upload = io.BytesIO(_sheet(rows[0]))
    upload.name = "阵地.xlsx"
    response = client.post(reverse("ideology_outlet_import"), {"file": upload, "mode": "all"})
    assert "新增 1 个" in response.content.decode()
    assert Outlet.objects.get().owner_id == cadre_same_unit.person_id
    assert _as(cadre_same_unit).get(reverse("ideology_outlet_import")).status_code == 403
    assert client.get(reverse("ideology_outlet_import_template")).status_code == 200


def test_the_export_re_imports_unchanged_and_an_edit_is_an_update(org, party_officer, cadre_same_unit):
    OutletFactory(
        unit=org.unit_a, owner=cadre_same_unit.person, name="微信公众号", wechat=True, filing_no="备〔2024〕1号"
    )
    closed = OutletFactory(unit=org.unit_b, name="旧栏目", opened_on=D(2020, 1, 1), closed_on=D(2025, 6, 30))
    closed.note = "2025-06-30关停：栏目撤并"
    closed.save()
    exported = _as(party_officer).get(reverse("ideology_outlet_export"))
    assert exported.status_code == 200
    importer = OutletImport.for_user(party_officer)
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert [r.action.value for r in plan.rows] == ["无变化", "无变化"]
    wb = load_workbook(io.BytesIO(exported.content))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[2]]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=2).value == "微信公众号")
    ws.cell(row=row, column=headers.index("账号名称或网址") + 1, value="临江人大")
    buffer = io.BytesIO()
    wb.save(buffer)
    plan = importer.parse(buffer.getvalue())
    changed = [r for r in plan.rows if r.action.value == "更新"]
    assert [(c.column, c.old, c.new) for c in changed[0].changes] == [("账号名称或网址", "", "临江人大")]
    importer.apply(plan, mode="all", by=party_officer)
    assert Outlet.objects.get(name="微信公众号").account == "临江人大"
    Outlet.objects.all().delete()
    result = importer.apply(importer.parse(exported.content), mode="all", by=party_officer)
    assert result.created == 2
    again = Outlet.objects.get(name="旧栏目")
    assert again.closed_on == D(2025, 6, 30) and again.note == "2025-06-30关停：栏目撤并"


def test_the_menu_and_the_office_to_do(org, party_officer, cadre_same_unit, sysadmin):
    def menu(user) -> str:
        return _as(user).get(reverse("workbench")).content.decode()

    assert "意识形态阵地" in menu(party_officer) and "意识形态阵地" in menu(cadre_same_unit)
    assert "意识形态阵地" not in menu(sysadmin)
    pending = OutletFactory(
        unit=org.unit_a, name="政务抖音", kind="other_new_media", platform="douyin", filing_status="pending"
    )
    OutletFactory(unit=org.unit_a, wechat=True)
    sections = dict((s.key, items) for s, items in todo_sections(party_officer))
    assert [i.link for i in sections["ideology_outlets_filing"]] == [f"/ideology/outlets/{pending.pk}/"]
    assert "ideology_outlets_filing" not in {s.key for s, _ in todo_sections(cadre_same_unit)}
