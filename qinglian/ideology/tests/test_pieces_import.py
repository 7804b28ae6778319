"""发布登记台账 import (paper sign-off sheets copied in) and export: a good file becomes published paper pieces with
their sign-offs and proofreading rounds; each bad row is named in Chinese and nothing is written; the export has
the ledger's columns and re-imports as it is, changing nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.ideology.choices import OutletKind, PieceStatus, ReviewDecision, SignoffSource, Stage
from qinglian.ideology.importers.pieces import PieceImport, ledger_columns
from qinglian.ideology.models import Piece, ProofRound, ReviewSignoff
from qinglian.ideology.services.paper import PaperSignoff, piece_record_paper
from qinglian.ideology.tests.factories import OutletFactory, PieceFactory, SignoffFactory
from qinglian.org.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in ledger_columns([], [])]
EXPECTED = [
    "阵地", "稿件类型", "标题", "撰稿委室", "撰稿人", "重大敏感", "初审人", "初审日期", "复审人", "复审日期",
    "终审人", "终审日期", "一校日期", "二校日期", "三校日期", "校对人", "发布日期", "发布网址或刊期",
]  # fmt: skip


@pytest.fixture
def printed(chain):
    return OutletFactory(
        unit=chain.outlet.unit, owner=chain.editor.person, name="《人大工作通讯》", kind=OutletKind.PUBLICATION
    )


def _row(chain, **cells) -> list:
    values = {
        "阵地": chain.outlet.name,
        "稿件类型": "文章",
        "标题": "市人大常委会召开第三十次会议",
        "撰稿委室": chain.outlet.unit.name,
        "撰稿人": "drafter",
        "重大敏感": "否",
        "初审人": "editor",
        "初审日期": "2026-01-12",
        "复审人": "unit_head",
        "复审日期": "2026-01-13",
        "终审人": "fenguan",
        "终审日期": "2026-01-14",
        "发布日期": "2026-01-15",
        "发布网址或刊期": "https://rd.example.gov.cn/gzdt/0115.html",
    }
    values.update(cells)
    return [values.get(h, "") for h in HEADERS]


def _issue(chain, **cells) -> list:
    proof = {"一校日期": "2026-01-16", "二校日期": "2026-01-19", "三校日期": "2026-01-20", "校对人": "editor"}
    base = {"阵地": "《人大工作通讯》", "稿件类型": "刊物（期）", "标题": "《人大工作通讯》2026年第1期"}
    return _row(chain, **base, **proof, **{"发布日期": "2026-01-22", "发布网址或刊期": "2026年第1期"}, **cells)


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
    importer = PieceImport.for_user(user)
    plan = importer.parse(data)
    return importer, plan


def test_a_paper_ledger_becomes_published_pieces_with_their_signoffs_and_rounds(chain, printed):
    importer, plan = _import(chain.party_officer, _file([_row(chain), _issue(chain)]))
    assert not plan.has_errors, [r.errors for r in plan.rows]
    result = importer.apply(plan, mode="all", by=chain.party_officer)
    assert result.created == 2
    news = Piece.objects.get(outlet=chain.outlet)
    assert (news.status, news.entry_source, news.published_on) == (
        PieceStatus.PUBLISHED,
        SignoffSource.PAPER,
        dt.date(2026, 1, 15),
    )
    assert news.drafter == chain.drafter.person and not news.versions.exists()
    signoffs = list(news.signoffs.order_by("stage"))
    assert [(s.stage, s.reviewer_id, s.signed_on) for s in signoffs] == [
        (Stage.FIRST, chain.editor.person.pk, dt.date(2026, 1, 12)),
        (Stage.SECOND, chain.head.person.pk, dt.date(2026, 1, 13)),
        (Stage.FINAL, chain.fenguan.person.pk, dt.date(2026, 1, 14)),
    ]
    assert {(s.source, s.decision, s.user_id, s.version_id, s.level) for s in signoffs} == {
        (SignoffSource.PAPER, ReviewDecision.APPROVE, None, None, None)
    }
    issue = Piece.objects.get(outlet=printed)
    rounds = list(issue.proof_rounds.order_by("round"))
    assert [(r.round, r.proofreader_id, r.done_on) for r in rounds] == [
        (1, chain.editor.person.pk, dt.date(2026, 1, 16)),
        (2, chain.editor.person.pk, dt.date(2026, 1, 19)),
        (3, chain.editor.person.pk, dt.date(2026, 1, 20)),
    ]
    assert AuditEvent.objects.filter(action="import", target_repr="发布登记台账").count() == 1
    assert AuditEvent.objects.filter(action="review_signed", target_id=str(news.pk)).exists()


def test_paper_is_kept_as_it_happened_a_missing_stage_one_signer_twice_published_before_a_signature(chain):
    rows = [
        _row(chain, **{"复审人": "", "复审日期": "", "标题": "缺复审"}),
        _row(chain, **{"终审人": "unit_head", "标题": "同一人复审终审"}),
        _row(chain, **{"终审日期": "2026-01-20", "标题": "终审前发布"}),
        _row(
            chain,
            **{
                "校对人": "editor、drafter、editor",
                "一校日期": "2026-01-12",
                "二校日期": "2026-01-13",
                "三校日期": "2026-01-14",
                "标题": "三人三校",
            },
        ),
    ]
    importer, plan = _import(chain.party_officer, _file(rows))
    assert not plan.has_errors, [r.errors for r in plan.rows]
    importer.apply(plan, mode="all", by=chain.party_officer)
    assert Piece.objects.get(title="缺复审").signoffs.count() == 2
    assert set(Piece.objects.get(title="同一人复审终审").signoffs.values_list("reviewer_id", flat=True)) == {
        chain.editor.person.pk,
        chain.head.person.pk,
    }
    three = Piece.objects.get(title="三人三校").proof_rounds.order_by("round")
    assert [r.proofreader.name for r in three] == ["editor", "drafter", "editor"]


@pytest.mark.parametrize(
    ("cells", "column", "problem"),
    [
        ({"阵地": "抖音号"}, "阵地", "没有名为“抖音号”的阵地"),
        ({"稿件类型": "长文"}, "稿件类型", "不是有效的稿件类型"),
        ({"标题": ""}, "标题", "必填"),
        ({"撰稿委室": "不存在委"}, "撰稿委室", "不是有效的委室"),
        ({"撰稿人": "查无此人"}, "撰稿人", "没有名为“查无此人”的人员"),
        ({"复审人": "王某某"}, "复审人", "没有名为“王某某”的人员"),
        ({"初审日期": ""}, "初审日期", "填写了初审人"),
        ({"终审人": ""}, "终审人", "填写了终审日期"),
        ({"复审日期": "2099-01-05"}, "复审日期", "不能晚于今天"),
        ({"发布日期": ""}, "发布日期", "必填"),
        ({"发布日期": "2099-01-05"}, "发布日期", "不能晚于今天"),
        ({"发布日期": "去年"}, "发布日期", "无法识别"),
        ({"重大敏感": "可能"}, "重大敏感", "不是有效的重大敏感"),
        ({"二校日期": "2026-01-16", "校对人": "editor"}, "二校日期", "请填写一校日期"),
        (
            {"一校日期": "2026-01-16", "二校日期": "2026-01-17", "校对人": "editor、drafter、unit_head"},
            "校对人",
            "校对2次",
        ),
        ({"一校日期": "2026-01-16", "校对人": "editor、drafter、editor"}, "校对人", "一个姓名"),
        ({"校对人": "editor"}, "校对人", "请填写校对日期"),
        ({"一校日期": "2026-01-16"}, "校对人", "请填写校对人"),
    ],
)
def test_a_bad_row_is_named_in_chinese_and_nothing_is_written(chain, cells, column, problem):
    rows = [_row(chain, **{"标题": "好的一行"}), _row(chain, **cells)]
    importer, plan = _import(chain.party_officer, _file(rows))
    assert not plan.rows[0].errors
    assert any(c == column and problem in p for c, p in plan.rows[1].errors), plan.rows[1].errors
    with pytest.raises(InvalidInput, match="未写入任何数据"):
        importer.apply(plan, mode="all", by=chain.party_officer)
    assert not Piece.all_objects.exists() and not ReviewSignoff.objects.exists() and not ProofRound.objects.exists()


def test_namesakes_are_told_apart_by_the_drafting_unit_or_refused(chain, org):
    PersonFactory(organ=org.organ, unit=org.unit_b, name="drafter")  # a namesake in another unit
    PersonFactory(organ=org.organ, unit=org.unit_b, name="王芳")
    PersonFactory(organ=org.organ, unit=org.unit_b, name="王芳")
    _, plan = _import(chain.party_officer, _file([_row(chain), _row(chain, 标题="二", 初审人="王芳")]))
    assert not plan.rows[0].errors and plan.rows[0].values["drafter_id"] == chain.drafter.person.pk
    assert plan.rows[1].errors == [("初审人", "本机关有2位名为“王芳”的人员，无法确定是哪一位，请在人员信息中核对")]


def test_the_same_piece_twice_in_a_file_is_refused(chain):
    _, plan = _import(chain.party_officer, _file([_row(chain), _row(chain)]))
    assert not plan.rows[0].errors
    assert plan.rows[1].errors == [("标题", "与第2行是同一篇稿件（阵地、标题、发布日期相同）")]


def test_a_bad_file_is_refused_in_chinese(chain):
    importer = PieceImport.for_user(chain.party_officer)
    with pytest.raises(InvalidInput, match="不是有效的 Excel"):
        importer.parse(b"not a workbook")
    with pytest.raises(InvalidInput, match="缺少必填列：发布日期"):
        importer.parse(_file([_row(chain)[:-2]], HEADERS[:-2]))
    with pytest.raises(InvalidInput, match="没有数据"):
        importer.parse(_file([]))
    assert not Piece.all_objects.exists()


def test_only_the_party_office_imports(chain):
    for user in (chain.drafter, chain.head, chain.shuji):
        with pytest.raises(Forbidden):
            PieceImport.for_user(user)
    with pytest.raises(Forbidden):
        piece_record_paper(
            user=chain.drafter,
            outlet=chain.outlet,
            kind="article",
            title="越权补录",
            unit=chain.outlet.unit,
            drafter=chain.drafter.person,
            published_on=dt.date(2026, 1, 5),
        )


def test_the_service_refuses_a_row_already_recorded_and_a_missing_publication_date(chain):
    particulars = {
        "user": chain.party_officer,
        "outlet": chain.outlet,
        "kind": "article",
        "title": "机关召开党组会议",
        "unit": chain.outlet.unit,
        "drafter": chain.drafter.person,
        "signoffs": [PaperSignoff(Stage.FIRST, chain.editor.person, dt.date(2026, 1, 5))],
    }
    with pytest.raises(InvalidInput, match="请填写发布日期"):
        piece_record_paper(**particulars, published_on=None)
    piece_record_paper(**particulars, published_on=dt.date(2026, 1, 6))
    with pytest.raises(Conflict, match="已在发布登记台账中"):
        piece_record_paper(**particulars, published_on=dt.date(2026, 1, 6))
    assert Piece.objects.count() == 1 and ReviewSignoff.objects.count() == 1


def _export(client: Client) -> tuple[list[str], bytes]:
    response = client.get(reverse("ideology_piece_export"))
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "序号")
    return [h for h in header if h], data


def test_the_export_has_the_ledgers_columns_and_re_imports_changing_nothing(chain, printed):
    importer, plan = _import(chain.party_officer, _file([_row(chain), _issue(chain)]))
    importer.apply(plan, mode="all", by=chain.party_officer)
    in_review = PieceFactory(
        outlet=chain.outlet, unit=chain.outlet.unit, drafter=chain.drafter.person, status=PieceStatus.IN_REVIEW
    )
    SignoffFactory(piece=in_review, stage=Stage.FIRST, reviewer=chain.editor.person, source="system")
    client = Client()
    client.force_login(chain.party_officer)
    headers, data = _export(client)
    assert headers == ["序号", *EXPECTED, "状态"]
    assert AuditEvent.objects.filter(action="export", target_repr="发布登记台账").exists()
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = next(row for row in ws.iter_rows(values_only=True) if row and row[1] == "《人大工作通讯》")
    assert cells[16] == "editor" and cells[17].date() == dt.date(2026, 1, 22)
    before = (Piece.all_objects.count(), ReviewSignoff.objects.count(), ProofRound.objects.count())
    again = PieceImport.for_user(chain.party_officer)
    plan = again.parse(data)
    assert [r.action.value for r in plan.rows] == ["无变化"] * 3, [r.errors for r in plan.rows]
    result = again.apply(plan, mode="all", by=chain.party_officer)
    assert (result.created, result.unchanged) == (0, 3)
    assert (Piece.all_objects.count(), ReviewSignoff.objects.count(), ProofRound.objects.count()) == before


def test_a_cadre_exports_only_what_they_see(chain):
    PieceFactory(outlet=chain.outlet, unit=chain.outlet.unit, drafter=chain.drafter.person, title="本人稿件")
    PieceFactory(outlet=chain.outlet, unit=chain.outlet.unit, title="他人稿件")
    client = Client()
    client.force_login(chain.drafter)
    response = client.get(reverse("ideology_piece_export"))
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    titles = {row[3] for row in ws.iter_rows(values_only=True) if row and isinstance(row[0], int)}
    assert titles == {"本人稿件"}


def test_the_import_pages(chain):
    client = Client()
    client.force_login(chain.party_officer)
    page = client.get(reverse("ideology_piece_import"))
    assert page.status_code == 200 and "补录纸质发布登记台账" in page.content.decode()
    template = client.get(reverse("ideology_piece_import_template"))
    ws = load_workbook(io.BytesIO(template.content)).worksheets[0]
    assert [c.value.rstrip("*") for c in ws[1]] == EXPECTED
    upload = io.BytesIO(_file([_row(chain, 撰稿人="查无此人")]))
    upload.name = "台账.xlsx"
    answer = client.post(reverse("ideology_piece_import"), {"file": upload, "mode": "all"})
    assert "没有名为“查无此人”的人员" in answer.content.decode() and not Piece.all_objects.exists()
    client.force_login(chain.drafter)
    assert client.get(reverse("ideology_piece_import")).status_code == 403
