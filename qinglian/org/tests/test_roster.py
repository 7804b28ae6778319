"""花名册导入: the template, row-by-row judgement, the two modes and the pages."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.importing import Action
from qinglian.org.choices import Gender, PartyStatus, Rank
from qinglian.org.models import Person
from qinglian.org.roster import roster_apply, roster_parse, roster_template
from qinglian.org.tests.factories import BranchFactory, PersonFactory, UnitFactory
from qinglian.org.validators import with_check_digit

HEADERS = [
    "姓名*",
    "性别*",
    "身份证号*",
    "所在委室*",
    "职务",
    "职级",
    "政治面貌*",
    "入党时间",
    "所在党支部",
    "手机号码",
    "出生日期",
]


def ident(born: str = "19850312", seq: str = "001", area: str = "110101") -> str:
    """A valid 18-digit ID number; an odd 17th digit (seq[-1]) is a man, even a woman."""
    return with_check_digit(area + born + seq)


def xlsx(rows: list[list[Any]], headers: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers or HEADERS)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(name: str = "张三", **over: Any) -> list[Any]:
    values = {
        "gender": "男",
        "id": ident(),
        "unit": "办公室",
        "post": "副主任",
        "rank": "四级调研员",
        "status": "中共党员",
        "joined": "2010.07",
        "branch": "机关第一党支部",
        "phone": "13812345678",
        "birth": None,
    } | over
    return [name, *values.values()]


def without(column: str, rows: list[list[Any]]) -> bytes:
    """A file whose header leaves out one optional column."""
    keep = [i for i, h in enumerate(HEADERS) if h != column]
    return xlsx([[r[i] for i in keep] for r in rows], [HEADERS[i] for i in keep])


def snapshot() -> list[dict[str, Any]]:
    return list(Person.all_objects.order_by("pk").values())


@pytest.fixture
def branch(org):
    return BranchFactory(organ=org.organ, name="机关第一党支部")


def errors_of(plan, number: int) -> list[tuple[str, str]]:
    return next(r.errors for r in plan.rows if r.row == number)


# --- parse and apply ---------------------------------------------------------------------------


def test_clean_import_creates_people_with_their_unit_branch_rank_status_and_dates(org, branch, party_officer):
    data = xlsx(
        [
            row("张三"),
            row(
                "李  四",
                gender="女",
                id=ident("19900520", "022"),
                unit="研究室",
                post="",
                rank="二级主任科员",
                status="群众",
                joined=None,
                branch=None,
                phone=13900001111,
                birth="1990-05-20",
            ),
        ]
    )
    plan = roster_parse(organ=org.organ, data=data)
    assert [(r.row, r.action) for r in plan.rows] == [(2, Action.CREATE), (3, Action.CREATE)]
    result = roster_apply(plan=plan, mode="all", by=party_officer)
    assert (result.created, result.updated, result.unchanged, result.skipped) == (2, 0, 0, 0)

    zhang = Person.objects.with_id_number(ident()).get()
    assert (zhang.name, zhang.gender, zhang.unit, zhang.branch) == ("张三", Gender.MALE, org.unit_a, branch)
    assert (zhang.rank, zhang.party_status, zhang.post) == (Rank.INSPECTOR_4, PartyStatus.MEMBER, "副主任")
    assert zhang.party_joined_on == dt.date(2010, 7, 1)  # month form means the first of the month
    assert zhang.birth_date == dt.date(1985, 3, 12)  # derived from the ID number
    assert zhang.organ == org.organ
    assert zhang.history.first().history_user == party_officer
    assert zhang.history.first().history_change_reason == "花名册导入"

    li = Person.objects.with_id_number(ident("19900520", "022")).get()
    assert (li.name, li.gender, li.unit, li.branch) == ("李四", Gender.FEMALE, org.unit_b, None)
    assert (li.rank, li.party_status, li.party_joined_on) == (Rank.CLERK_2, PartyStatus.MASSES, None)
    assert (li.phone, li.birth_date) == ("13900001111", dt.date(1990, 5, 20))


def test_the_roster_export_imports_again_as_it_is(client, org, branch, party_officer):
    """An export of the ledger is a valid upload: every person comes back 无变化, nothing is written."""
    roster_apply(
        plan=roster_parse(organ=org.organ, data=xlsx([row("张三"), row("王五", id=ident(seq="013"))])),
        mode="all",
        by=party_officer,
    )
    client.force_login(party_officer)
    exported = client.get(reverse("person_list"), {"format": "xlsx"}).content
    plan = roster_parse(organ=org.organ, data=exported)
    # The party officer's own row comes from a factory whose made-up ID number may not match its gender.
    imported = {r.name: (r.action, r.errors) for r in plan.rows if r.name in ("张三", "王五")}
    assert imported == {"张三": (Action.UNCHANGED, []), "王五": (Action.UNCHANGED, [])}


def test_reimport_updates_shows_the_changes_and_history_records_them(org, branch, party_officer):
    roster_apply(
        plan=roster_parse(organ=org.organ, data=xlsx([row(), row("王五", id=ident(seq="013"))])),
        mode="all",
        by=party_officer,
    )
    person = Person.objects.with_id_number(ident()).get()
    versions = person.history.count()

    plan = roster_parse(organ=org.organ, data=xlsx([row(post="主任", unit="研究室"), row("王五", id=ident(seq="013"))]))
    first, second = plan.rows
    assert first.action == Action.UPDATE and first.person_id == person.pk
    changes = {(c.column, c.old, c.new) for c in first.changes}
    assert changes == {("职务", "副主任", "主任"), ("所在委室", "办公室", "研究室")}
    assert second.action == Action.UNCHANGED and second.changes == []

    result = roster_apply(plan=plan, mode="all", by=party_officer)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    person.refresh_from_db()
    assert (person.post, person.unit) == ("主任", org.unit_b)
    assert person.history.count() == versions + 1
    latest, before = person.history.all()[:2]
    assert (latest.post, before.post, latest.history_user) == ("主任", "副主任", party_officer)
    assert latest.history_type == "~"
    # An unchanged row is not saved again: no history entry for nothing.
    assert Person.objects.with_id_number(ident(seq="013")).get().history.count() == 1


def test_a_column_left_out_of_the_file_keeps_its_value(org, branch, party_officer):
    PersonFactory(
        organ=org.organ,
        unit=org.unit_a,
        name="张三",
        id_number=ident(),
        phone="13800000000",
        birth_date=dt.date(1985, 3, 12),
        post="副主任",
        rank=Rank.INSPECTOR_4,
        branch=branch,
    )
    plan = roster_parse(organ=org.organ, data=without("手机号码", [row(phone=None)]))
    assert plan.rows[0].action == Action.UNCHANGED
    assert Person.objects.with_id_number(ident()).get().phone == "13800000000"


def test_updating_someone_who_has_left_keeps_them_inactive_and_says_so(org, branch, party_officer):
    PersonFactory(organ=org.organ, unit=org.unit_a, name="张三", id_number=ident(), post="科员", is_active=False)
    plan = roster_parse(organ=org.organ, data=xlsx([row()]))
    assert plan.rows[0].action == Action.UPDATE
    assert plan.rows[0].notes == ["该人员已调出或退休，本次只更新信息，不改变在职状态"]
    roster_apply(plan=plan, mode="all", by=party_officer)
    person = Person.objects.with_id_number(ident()).get()
    assert (person.post, person.is_active) == ("副主任", False)


def test_changing_branch_leaves_the_old_party_group(org, branch, party_officer):
    from qinglian.org.models import PartyGroup

    other = BranchFactory(organ=org.organ, name="机关第二党支部")
    group = PartyGroup.objects.create(organ=org.organ, branch=branch, name="第一党小组")
    PersonFactory(organ=org.organ, unit=org.unit_a, name="张三", id_number=ident(), branch=branch, party_group=group)
    plan = roster_parse(organ=org.organ, data=xlsx([row(branch=other.name)]))
    assert ("党小组", "第一党小组", "（空）") in {(c.column, c.old, c.new) for c in plan.rows[0].changes}
    roster_apply(plan=plan, mode="all", by=party_officer)
    person = Person.objects.with_id_number(ident()).get()
    assert (person.branch, person.party_group) == (other, None)


def test_unit_may_be_given_by_its_short_name(org, branch):
    org.unit_b.short_name = "研究"
    org.unit_b.save()
    plan = roster_parse(organ=org.organ, data=xlsx([row(unit="研究")]))
    assert plan.rows[0].values["unit"] == org.unit_b


@pytest.mark.parametrize(
    ("headers", "needle"),
    [
        (["姓名", "性别", "所在委室", "政治面貌"], "缺少必填列：身份证号"),
        ([*HEADERS, "籍贯"], "无法识别的列：籍贯"),
        (["序号", "备注"], "未找到表头行"),
    ],
)
def test_wrong_columns_are_a_whole_file_error(org, headers, needle):
    with pytest.raises(InvalidInput) as exc:
        roster_parse(organ=org.organ, data=xlsx([["x"] * len(headers)], headers))
    assert needle in exc.value.message


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ("姓名,性别,身份证号\n张三,男,110101\n".encode(), "不是有效的 Excel"),
        (b"", "空的"),
        (b"PK\x03\x04 a zip, but not a workbook", "不是有效的 Excel"),
        (xlsx([]), "没有数据"),
    ],
)
def test_not_an_xlsx_empty_file_or_no_rows_is_a_whole_file_error(org, data, needle):
    with pytest.raises(InvalidInput) as exc:
        roster_parse(organ=org.organ, data=data)
    assert needle in exc.value.message


def test_limits_on_size_and_rows_come_from_settings(org, branch, settings):
    data = xlsx([row("甲", id=ident(seq="011")), row("乙", id=ident(seq="021"))])
    settings.QINGLIAN_IMPORT_MAX_ROWS = 1
    with pytest.raises(InvalidInput, match="超过上限 1 行"):
        roster_parse(organ=org.organ, data=data)
    settings.QINGLIAN_IMPORT_MAX_BYTES = len(data) - 1
    with pytest.raises(InvalidInput, match="MB 上限"):
        roster_parse(organ=org.organ, data=data)


def test_duplicate_id_numbers_in_the_file_name_both_rows(org, branch):
    plan = roster_parse(organ=org.organ, data=xlsx([row("张三"), row("王五", id=ident(seq="013")), row("张三丰")]))
    assert [r.action for r in plan.rows] == [Action.ERROR, Action.CREATE, Action.ERROR]
    for number in (2, 4):
        assert ("身份证号", "身份证号在表中重复出现（第2、4行），同一人只能填写一行") in errors_of(plan, number)


@pytest.mark.parametrize(
    ("over", "column", "needle"),
    [
        ({"unit": "财经委"}, "所在委室", "本机关没有名为“财经委”的委室"),
        ({"branch": "第九党支部"}, "所在党支部", "没有名为“第九党支部”的党支部"),
        ({"rank": "科长"}, "职级", "“科长”不是有效的职级"),
        ({"status": "团员"}, "政治面貌", "“团员”不是有效的政治面貌"),
        ({"gender": "未知"}, "性别", "不是有效的性别"),
        ({"id": ident()[:-1] + ("0" if ident()[-1] != "0" else "1")}, "身份证号", "校验码不正确"),
        ({"id": "11010119850312001"}, "身份证号", "应为18位"),
        ({"id": 1.10101198503e17}, "身份证号", "存成了数字"),
        ({"gender": "女"}, "性别", "与身份证号不符（身份证号显示为男）"),
        ({"birth": "1985-03-13"}, "出生日期", "与身份证号不符（身份证号显示为 1985-03-12）"),
        ({"joined": "2020-13-01"}, "入党时间", "日期“2020-13-01”无法识别"),
        ({"joined": "1999.07"}, "入党时间", "未满18周岁"),
        ({"joined": 2010.1}, "入党时间", "无法分辨月份"),
        ({"status": "群众", "branch": None}, "入党时间", "非中共党员不应填写入党时间"),
        ({"phone": "1381234"}, "手机号码", "手机号码应为11位"),
        ({"unit": None}, "所在委室", "必填"),
    ],
)
def test_row_problems_are_reported_in_chinese_by_column(org, branch, over, column, needle):
    plan = roster_parse(organ=org.organ, data=xlsx([row(**over)]))
    assert plan.rows[0].action == Action.ERROR
    assert any(col == column and needle in problem for col, problem in plan.rows[0].errors), plan.rows[0].errors


def test_future_dates_are_refused(org, branch):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    plan = roster_parse(
        organ=org.organ, data=xlsx([row(joined=tomorrow), row("王五", id=ident(seq="013"), birth=tomorrow.isoformat())])
    )
    assert ("入党时间", "不能晚于今天") in errors_of(plan, 2)
    assert ("出生日期", "不能晚于今天") in errors_of(plan, 3)


def test_excel_number_cells_for_month_and_phone_are_read_as_written(org, branch):
    plan = roster_parse(organ=org.organ, data=xlsx([row(joined=2010.07, phone=13812345678.0)]))
    assert plan.rows[0].values["party_joined_on"] == dt.date(2010, 7, 1)
    assert plan.rows[0].values["phone"] == "13812345678"


def test_a_non_member_update_clears_the_existing_joining_date_only_when_the_column_says_so(org, branch):
    PersonFactory(organ=org.organ, unit=org.unit_a, name="张三", id_number=ident(), party_joined_on=dt.date(2010, 7, 1))
    plan = roster_parse(organ=org.organ, data=without("入党时间", [row(status="群众", branch=None)]))
    # The kept 入党时间 contradicts the new status: the service's own check reports it on the row.
    assert ("入党时间", "非中共党员不应填写入党时间") in plan.rows[0].errors


def test_mode_all_with_one_bad_row_leaves_the_database_exactly_as_it_was(org, branch, party_officer):
    PersonFactory(organ=org.organ, unit=org.unit_a, name="张三", id_number=ident(), post="科员")
    before, count = snapshot(), Person.all_objects.count()
    history = Person.history.count()
    plan = roster_parse(
        organ=org.organ,
        data=xlsx(
            [
                row("张三", post="主任"),
                row("王五", id=ident(seq="013")),
                row("赵六", id=ident(seq="023"), unit="无此委室"),
            ]
        ),
    )
    assert [r.action for r in plan.rows] == [Action.UPDATE, Action.CREATE, Action.ERROR]
    with pytest.raises(InvalidInput) as exc:
        roster_apply(plan=plan, mode="all", by=party_officer)
    assert "未写入任何数据" in exc.value.message
    problem = ("所在委室", "本机关没有名为“无此委室”的委室，请从下拉列表中选择")
    assert exc.value.detail == [{"row": 4, "errors": [problem]}]
    assert Person.all_objects.count() == count
    assert snapshot() == before
    assert Person.history.count() == history


def test_mode_all_rolls_back_rows_already_written_when_a_later_row_fails_to_save(org, branch, party_officer):
    plan = roster_parse(organ=org.organ, data=xlsx([row("张三"), row("王五", id=ident(seq="013"))]))
    # Somebody else registers 王五 between the preview and the import: the unique ID number clashes.
    PersonFactory(organ=org.organ, unit=org.unit_a, name="王五", id_number=ident(seq="013"))
    before = snapshot()
    with pytest.raises(InvalidInput, match="第3行（王五）"):
        roster_apply(plan=plan, mode="all", by=party_officer)
    assert snapshot() == before


def test_mode_valid_only_imports_the_good_rows_and_reports_the_bad_ones(org, branch, party_officer):
    count = Person.objects.count()
    plan = roster_parse(
        organ=org.organ,
        data=xlsx(
            [
                row("张三"),
                row("王五", id=ident(seq="013"), joined="2020-13-01"),
                row("赵六", id=ident(seq="023")),
            ]
        ),
    )
    result = roster_apply(plan=plan, mode="valid_only", by=party_officer)
    assert (result.created, result.updated, result.unchanged, result.skipped) == (2, 0, 0, 1)
    assert [r.row for r in result.error_rows] == [3]
    assert result.error_rows[0].errors[0][0] == "入党时间"
    assert Person.objects.count() == count + 2
    assert not Person.objects.filter(name="王五").exists()


def test_apply_refuses_an_account_that_may_not_import(org, branch, cadre_same_unit):
    plan = roster_parse(organ=org.organ, data=xlsx([row()]))
    with pytest.raises(Forbidden):
        roster_apply(plan=plan, mode="valid_only", by=cadre_same_unit)
    assert not Person.objects.with_id_number(ident()).exists()


def test_template_has_dropdowns_for_coded_columns_and_instructions(org, branch):
    wb = roster_template(org.organ)
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == HEADERS
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any("办公室" in f and "研究室" in f and "派驻纪检监察组" in f for f in lists)
    assert any("四级调研员" in f for f in lists) and any("中共预备党员" in f for f in lists)
    assert any("机关第一党支部" in f for f in lists)
    assert "填表说明" in wb.sheetnames


def test_template_with_many_units_moves_the_list_to_a_hidden_sheet(org):
    for n in range(40):
        UnitFactory(organ=org.organ, name=f"第{n}专门工作委员会办公室")
    wb = roster_template(org.organ)
    assert wb["下拉选项"].sheet_state == "hidden"
    unit_list = next(dv for dv in wb.worksheets[0].data_validations.dataValidation if str(dv.sqref).startswith("D"))
    assert unit_list.formula1.startswith("'下拉选项'!$D$1:$D$")


# --- pages -------------------------------------------------------------------------------------


def _upload(client, data: bytes, mode: str = "all", preview: bool = False, name: str = "花名册.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    payload = {"file": SimpleUploadedFile(name, data), "mode": mode}
    if preview:
        payload["preview"] = "on"
    return client.post(reverse("roster_import"), payload)


def test_party_officer_downloads_the_template_and_fills_it_in(client, org, branch, party_officer):
    client.force_login(party_officer)
    response = client.get(reverse("roster_template"))
    assert response.status_code == 200
    assert "filename*=UTF-8''%E8%8A%B1%E5%90%8D%E5%86%8C" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    wb.worksheets[0].append(row())
    buffer = io.BytesIO()
    wb.save(buffer)
    response = _upload(client, buffer.getvalue())
    assert response.status_code == 200
    assert "新增 1 人" in response.content.decode()
    assert Person.objects.with_id_number(ident()).get().unit == org.unit_a


def test_page_shows_the_form(client, org, party_officer):
    client.force_login(party_officer)
    page = client.get(reverse("roster_import")).content.decode()
    assert "全部成功才导入" in page and "仅导入无误的行" in page and reverse("roster_template") in page


def test_page_mode_all_with_errors_shows_the_rows_and_writes_nothing(client, org, branch, party_officer):
    client.force_login(party_officer)
    before = snapshot()
    response = _upload(client, xlsx([row(), row("王五", id=ident(seq="013"), unit="财经委")]))
    page = response.content.decode()
    assert "未写入任何数据" in page and "table-danger" in page and "本机关没有名为“财经委”的委室" in page
    assert snapshot() == before


def test_page_valid_only_imports_and_lists_the_skipped_rows(client, org, branch, party_officer):
    client.force_login(party_officer)
    response = _upload(client, xlsx([row(), row("王五", id=ident(seq="013"), unit="财经委")]), mode="valid_only")
    page = response.content.decode()
    assert "新增 1 人" in page and "跳过 1 行" in page and "财经委" in page
    assert Person.objects.with_id_number(ident()).exists()


def test_preview_writes_nothing(client, org, branch, party_officer):
    client.force_login(party_officer)
    before = snapshot()
    response = _upload(client, xlsx([row(), row("王五", id=ident(seq="013"))]), mode="valid_only", preview=True)
    page = response.content.decode()
    assert "预览" in page and "新增 2 人" in page and "尚未写入任何数据" in page
    assert snapshot() == before


def test_page_reports_a_non_xlsx_upload(client, org, party_officer):
    client.force_login(party_officer)
    before = snapshot()
    response = _upload(client, b"%PDF-1.4 not a spreadsheet", name="花名册.pdf")
    assert response.status_code == 200
    assert "文件不是有效的 Excel" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("who", ["cadre_same_unit", "unit_head", "sysadmin"])
def test_other_accounts_get_403(client, org, persona, who):
    client.force_login(persona(who))
    assert client.get(reverse("roster_template")).status_code == 403
    assert client.get(reverse("roster_import")).status_code == 403
    assert _upload(client, xlsx([row()])).status_code == 403
    assert not Person.objects.with_id_number(ident()).exists()


def test_anonymous_is_sent_to_login(client, org):
    for name in ("roster_import", "roster_template"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
