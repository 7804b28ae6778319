"""意识形态工作年度数据: each figure counts what it says (and a record of another organ or year does not), the
drill-down lists exactly the rows counted, who reads what, a bounded number of queries, the page, print, Excel,
API, the menu and the workbench card."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.compliance.choices import Jurisdiction
from qinglian.compliance.models import RuleParameterSet
from qinglian.core import clock
from qinglian.ideology.choices import (
    ForumStep,
    OpinionLevel,
    OpinionStatus,
    OutletKind,
    ReportKind,
    SignoffSource,
    Stage,
)
from qinglian.ideology.models import PoliticalOverride
from qinglian.ideology.selectors.figures import year_figures
from qinglian.ideology.selectors.figures_report import figure_rows, summary_text
from qinglian.ideology.tests.factories import (
    ForumApprovalFactory,
    ForumFactory,
    OpinionEventFactory,
    OutletFactory,
    PieceFactory,
    ReportItemFactory,
    SignoffFactory,
    VersionFactory,
)
from qinglian.org.tests.factories import OrganFactory, PersonFactory, UnitFactory

D = dt.date
YEAR = 2025
URL = "/ideology/figures/"


def issue(category: str, text: str, severity: str = "错误", start: int = 0) -> dict:
    return {
        "rule": f"rule-{text}",
        "category": category,
        "severity": severity,
        "text": text,
        "suggestion": f"{text}改",
        "message": f"{category}问题",
        "start": start,
        "end": start + len(text),
    }


POLITICAL = issue("政治", "台湾总统", start=5)
WORDING = issue("文字", "按装", start=12)
PUNCT = issue("标点", "，，", start=20)
KEPT = issue("事实", "2月30日", start=30)
HINT = issue("文字", "进行了", severity="建议", start=40)


def _published(chain, *, on, source=SignoffSource.SYSTEM, signers=None, outlet=None, signed_on=None, versions=()):
    piece = PieceFactory(
        outlet=outlet or chain.outlet,
        unit=(outlet or chain.outlet).unit,
        drafter=chain.drafter.person,
        status="published",
        published_on=on,
        entry_source=source,
    )
    signers = {1: chain.editor, 2: chain.head, 3: chain.fenguan} if signers is None else signers
    for stage, user in signers.items():
        SignoffFactory(piece=piece, stage=stage, reviewer=user.person, signed_on=signed_on or on)
    for number, issues in enumerate(versions, start=1):
        VersionFactory(piece=piece, number=number, issues=issues)
    return piece


@pytest.fixture
def other_organ():
    organ = OrganFactory(code="other-organ")
    return UnitFactory(organ=organ, name="外机关办公室")


@pytest.fixture
def year(chain, org, other_organ):
    """A year of the organ's ideology work (2025), beside the same kind of records of 2024, 2026 and another organ."""
    wechat = OutletFactory(unit=org.unit_a, wechat=True, name="机关微信公众号", owner=chain.editor.person)
    board = OutletFactory(unit=org.unit_a, kind=OutletKind.BULLETIN_BOARD, name="党建宣传栏")
    fresh = OutletFactory(unit=org.unit_b, name="新开栏目", opened_on=D(YEAR, 12, 28))
    OutletFactory(unit=org.unit_a, name="已关停栏目", closed_on=D(YEAR, 6, 30))
    OutletFactory(unit=org.unit_a, name="明年开设栏目", opened_on=D(YEAR + 1, 1, 2))
    p = {
        # Three reviewers; v1 had a political and a wording error and a hint, the published v2 only the hint.
        "fixed": _published(
            chain, on=D(YEAR, 12, 25), signed_on=D(YEAR, 12, 24), versions=[[POLITICAL, WORDING, HINT], [HINT]]
        ),
        # Copied from paper: two reviewers, no 终审; the only piece of the WeChat account, in March.
        "short": _published(
            chain,
            on=D(YEAR, 3, 12),
            source=SignoffSource.PAPER,
            outlet=wechat,
            signers={1: chain.editor, 2: chain.head},
        ),
        # The drafter signed 初审: two people besides the drafter. v1's punctuation fixed, a fact error kept.
        "drafter": _published(
            chain,
            on=D(YEAR, 6, 3),
            signers={1: chain.drafter, 2: chain.head, 3: chain.fenguan},
            versions=[[PUNCT, KEPT], [KEPT, PUNCT | {"severity": "建议"}], [KEPT]],
        ),
        "last_year": _published(chain, on=D(YEAR - 1, 12, 30), versions=[[POLITICAL], []]),
        "next_year": _published(chain, on=D(YEAR + 1, 1, 3), signed_on=D(YEAR, 12, 30), versions=[[WORDING], []]),
    }
    # 终审 approved in the year, not yet published.
    approved = PieceFactory(outlet=chain.outlet, drafter=chain.drafter.person, status="approved")
    SignoffFactory(piece=approved, stage=Stage.FINAL, reviewer=chain.fenguan.person, signed_on=D(YEAR, 11, 1))
    p["approved"] = approved
    # Another organ's piece, reviewed and published in the year with a fixed error.
    foreign_outlet = OutletFactory(unit=other_organ, name="外机关网站")
    outsider = PieceFactory(outlet=foreign_outlet, status="published", published_on=D(YEAR, 5, 5))
    for stage in Stage.values:
        SignoffFactory(piece=outsider, stage=stage, signed_on=D(YEAR, 5, 4))
    VersionFactory(piece=outsider, number=1, issues=[POLITICAL])
    VersionFactory(piece=outsider, number=2, issues=[])
    # Overrides: one in the year, one the year before.
    v1 = p["fixed"].versions.get(number=1)
    for at in (dt.datetime(YEAR, 12, 20, 10, tzinfo=dt.UTC), dt.datetime(YEAR - 1, 12, 20, 10, tzinfo=dt.UTC)):
        PoliticalOverride.objects.create(
            version=v1,
            issue_key=f"k{at.year}",
            issue=POLITICAL,
            reason="引用历史文献原文",
            by=chain.fenguan.person,
            user=chain.fenguan,
            at=at,
        )
    return {"wechat": wechat, "board": board, "fresh": fresh, "pieces": p}


@pytest.fixture
def forums(chain, org, other_organ):
    def approve(forum, steps, on):
        for step in steps:
            ForumApprovalFactory(forum=forum, step=step, decided_on=on)

    base = (ForumStep.UNIT, ForumStep.LEADER, ForumStep.PARTY_OFFICE)
    on_time = ForumFactory(unit=org.unit_a, held_on=D(YEAR, 5, 20), filed_on=D(YEAR, 5, 1))
    approve(on_time, base, D(YEAR, 5, 10))
    foreign = ForumFactory(unit=org.unit_a, held_on=D(YEAR, 6, 10), filed_on=D(YEAR, 5, 1), foreign_participants=True)
    approve(foreign, base, D(YEAR, 5, 10))  # no foreign-affairs approval
    late = ForumFactory(unit=org.unit_b, held_on=D(YEAR, 7, 1), filed_on=D(YEAR, 6, 20))
    approve(late, base[:2], D(YEAR, 6, 25))
    approve(late, base[2:], D(YEAR, 7, 5))  # 机关党委 after the event
    approve(ForumFactory(unit=org.unit_a, held_on=D(YEAR - 1, 10, 1), filed_on=D(YEAR - 1, 9, 1)), base, D(2024, 9, 5))
    approve(ForumFactory(unit=other_organ, held_on=D(YEAR, 5, 1), filed_on=D(YEAR, 4, 1)), base, D(YEAR, 4, 5))
    return {"on_time": on_time, "foreign": foreign, "late": late}


@pytest.fixture
def reports(chain, org, other_organ):
    person = chain.party_officer.person
    k = ReportKind
    return {
        "q1": ReportItemFactory(
            responsible=person, period_start=D(YEAR, 1, 1), due_on=D(YEAR, 4, 15), done_on=D(YEAR, 4, 10)
        ),
        "q4_last": ReportItemFactory(
            responsible=person, period_start=D(YEAR - 1, 10, 1), due_on=D(YEAR, 1, 15), done_on=D(YEAR, 1, 10)
        ),
        "q4": ReportItemFactory(responsible=person, period_start=D(YEAR, 10, 1), due_on=D(YEAR + 1, 1, 15)),
        "annual": ReportItemFactory(
            responsible=person, kind=k.ANNUAL_REPORT, period_start=D(YEAR, 1, 1), due_on=D(YEAR, 12, 31)
        ),
        "briefing": ReportItemFactory(
            responsible=person,
            kind=k.BRIEFING,
            period_start=D(YEAR, 1, 1),
            due_on=D(YEAR, 7, 15),
            done_on=D(YEAR, 7, 20),
        ),
        "outsider": ReportItemFactory(
            responsible=PersonFactory(unit=other_organ),
            period_start=D(YEAR, 4, 1),
            due_on=D(YEAR, 7, 15),
            done_on=D(YEAR, 7, 1),
        ),
    }


def _at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=dt.UTC)


@pytest.fixture
def events(org, other_organ):
    return {
        "major": OpinionEventFactory(
            unit=org.unit_a,
            level=OpinionLevel.MAJOR,
            found_at=_at(YEAR, 3, 1),
            reported_upward=True,
            reported_at=_at(YEAR, 3, 1, 11),
            status=OpinionStatus.CLOSED,
            closed_on=D(YEAR, 3, 5),
        ),
        "general": OpinionEventFactory(unit=org.unit_b, found_at=_at(YEAR, 8, 1)),
        # Found in the year, reported and closed in the next: neither counts for the year.
        "serious": OpinionEventFactory(
            unit=org.unit_a,
            level=OpinionLevel.SERIOUS,
            found_at=_at(YEAR, 12, 30),
            reported_upward=True,
            reported_at=_at(YEAR + 1, 1, 2),
            status=OpinionStatus.CLOSED,
            closed_on=D(YEAR + 1, 1, 5),
        ),
        "last_year": OpinionEventFactory(unit=org.unit_a, found_at=_at(YEAR - 1, 6, 1)),
        "outsider": OpinionEventFactory(unit=other_organ, found_at=_at(YEAR, 6, 1)),
    }


def _counts(figures) -> dict[str, int]:
    return {f.key: f.count for g in figures.groups for f in g.figures}


def _ids(figures, key) -> set[int]:
    return set(figures.figure(key).ids)


# --- what each figure counts ----------------------------------------------------------------------------------


def test_pieces_reviewed_published_and_short_of_three_reviewers(year, party_officer):
    p = year["pieces"]
    f = year_figures(party_officer, YEAR)
    assert f.day == D(YEAR, 12, 31) and not f.current
    assert _ids(f, "pieces_reviewed") == {p["fixed"].pk, p["drafter"].pk, p["next_year"].pk, p["approved"].pk}
    assert _ids(f, "pieces_reviewed_paper") == set()
    assert _ids(f, "pieces_published") == {p["fixed"].pk, p["short"].pk, p["drafter"].pk}
    assert _ids(f, "pieces_published_paper") == {p["short"].pk}
    assert _ids(f, "pieces_published_system") == {p["fixed"].pk, p["drafter"].pk}
    assert _ids(f, "pieces_short_reviewed") == {p["short"].pk, p["drafter"].pk}


def test_errors_caught_before_publication_by_category(year, party_officer):
    p = year["pieces"]
    f = year_figures(party_officer, YEAR)
    counts = _counts(f)
    # fixed: political + wording (the hint is not an error); drafter: the punctuation error (later a hint, then gone);
    # the fact error kept in the published version is not caught. Last year's, next year's, the other organ's: no.
    assert counts["caught_total"] == 3
    assert (counts["caught_political"], counts["caught_wording"], counts["caught_punctuation"]) == (1, 1, 1)
    assert counts["caught_fact"] == counts["caught_format"] == counts["caught_number"] == 0
    assert _ids(f, "caught_total") == {p["fixed"].pk, p["drafter"].pk}
    assert _ids(f, "caught_political") == {p["fixed"].pk}
    assert {i["text"] for i in f.caught[p["fixed"].pk]} == {"台湾总统", "按装"}
    assert counts["overridden"] == 1


def test_outlets_open_active_and_silent(year, party_officer, chain):
    f = year_figures(party_officer, YEAR)
    assert f.silent_days == 14  # IDEO-001 as shipped
    open_ids = {chain.outlet.pk, year["wechat"].pk, year["board"].pk, year["fresh"].pk}
    assert _ids(f, "outlets_open") == open_ids
    assert _ids(f, "outlets_online") == open_ids - {year["board"].pk}
    # The column published on 25 December; the new column opened three days ago: both active.
    assert _ids(f, "outlets_active") == {chain.outlet.pk, year["fresh"].pk}
    assert _ids(f, "outlets_silent") == {year["wechat"].pk}
    (silent,) = f.silent
    assert (silent.name, silent.last_published, silent.days) == ("机关微信公众号", D(YEAR, 3, 12), 294)


def test_the_organs_own_silence_figure_is_used(year, party_officer, org, chain):
    RuleParameterSet.objects.create(
        rule_code="IDEO-001",
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2020, 1, 1),
        values={"silent_days": 3, "warn_days": 2},
        source="本机关政务新媒体管理办法",
    )
    f = year_figures(party_officer, YEAR)
    assert f.silent_days == 3
    # The column published six days before the year's end, the new column opened three days before: silent too.
    assert _ids(f, "outlets_silent") == {chain.outlet.pk, year["wechat"].pk, year["fresh"].pk}
    assert f.figure("outlets_silent").label == "连续3天以上未更新的网络阵地"


def test_forums_filed_approved_before_the_event_and_foreign(forums, party_officer):
    f = year_figures(party_officer, YEAR)
    assert _ids(f, "forums_filed") == {forums["on_time"].pk, forums["foreign"].pk, forums["late"].pk}
    assert _ids(f, "forums_approved") == {forums["on_time"].pk}
    assert _ids(f, "forums_foreign") == {forums["foreign"].pk}


def test_analyses_reports_and_briefings_done_beside_planned(reports, party_officer):
    counts = _counts(year_figures(party_officer, YEAR))
    assert (counts["reports_analysis_done"], counts["reports_analysis_planned"]) == (2, 2)
    assert (counts["reports_annual_report_done"], counts["reports_annual_report_planned"]) == (0, 1)
    assert (counts["reports_briefing_done"], counts["reports_briefing_planned"]) == (1, 1)


def test_opinion_events_by_level_reported_and_closed(events, party_officer):
    f = year_figures(party_officer, YEAR)
    assert _ids(f, "opinion_total") == {events["major"].pk, events["general"].pk, events["serious"].pk}
    counts = _counts(f)
    assert (counts["opinion_major"], counts["opinion_serious"], counts["opinion_general"]) == (1, 1, 1)
    assert _ids(f, "opinion_reported") == {events["major"].pk}
    assert _ids(f, "opinion_closed") == {events["major"].pk}


def test_the_paragraph_for_the_annual_report(year, forums, reports, events, party_officer):
    text = summary_text(year_figures(party_officer, YEAR))
    assert text == (
        "2025年全年，审核稿件4篇，发布稿件3篇（其中2篇未经三个不同的人审核）；"
        "审校发现并在发布前纠正错误3处，其中政治性错误1处，终审人说明理由放行政治性问题1处；"
        "年末在用意识形态阵地4个，其中网络阵地3个，1个连续14天以上未更新；"
        "落实“一会一报”，报备论坛、讲座、报告会、研讨会3场，举办前完成审批1场，其中有境外人员参加的1场；"
        "开展意识形态形势分析研判2次（计划2次），向上级报告责任制落实情况0次（计划1次），"
        "党内通报意识形态领域情况1次（计划1次）；"
        "登记舆情事件3起（重大1起、较大1起、一般1起），向上级报告1起，已办结1起。"
    )


def test_the_current_year_stands_on_today_and_a_future_year_is_refused(party_officer):
    today = clock.today()
    f = year_figures(party_officer, today.year)
    assert f.current == (today != D(today.year, 12, 31)) and f.day == today
    assert summary_text(f).startswith(f"{today.year}年")
    from qinglian.core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="年度应在"):
        year_figures(party_officer, today.year + 1)


def test_a_reader_outside_the_organ_readers_gets_what_visible_to_allows(year, forums, cadre_other_unit, unit_head):
    # A cadre of unit B: no piece of unit A, no forum of theirs; the outlets are every business account's.
    f = year_figures(cadre_other_unit, YEAR)
    assert f.count("pieces_published") == f.count("caught_total") == f.count("overridden") == 0
    assert f.count("forums_filed") == 0
    assert f.count("outlets_open") == 4 and f.count("outlets_silent") == 1  # the outlet's own last publication
    # The head of unit A: the unit's pieces and forums.
    f = year_figures(unit_head, YEAR)
    assert f.count("pieces_published") == 3 and f.count("caught_total") == 3
    assert _ids(f, "forums_filed") == {forums["on_time"].pk, forums["foreign"].pk}


def test_each_drill_down_lists_the_rows_counted(year, forums, reports, events, party_officer):
    f = year_figures(party_officer, YEAR)
    for group in f.groups:
        for figure in group.figures:
            rows = figure_rows(party_officer, f, figure.key)
            assert {r.pk for r in rows} == set(figure.ids), figure.key


@pytest.mark.parametrize("n", [1, 20])
def test_a_bounded_number_of_queries(chain, party_officer, django_assert_max_num_queries, n):
    for i in range(n):
        _published(chain, on=D(YEAR, 3, 1 + i), versions=[[POLITICAL, WORDING], [WORDING]])
        ForumApprovalFactory(
            forum=ForumFactory(unit=chain.outlet.unit, held_on=D(YEAR, 5, 1 + i), filed_on=D(YEAR, 4, 1))
        )
        OpinionEventFactory(unit=chain.outlet.unit, found_at=_at(YEAR, 4, 1 + i))
    year_figures(party_officer, YEAR)  # the scope cached: count the figures' own reads
    with django_assert_max_num_queries(14):
        f = year_figures(party_officer, YEAR)
    assert f.count("caught_political") == n and f.count("forums_filed") == n


# --- pages, print, export, API, menu, card --------------------------------------------------------------------


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_shows_each_figure_linked_to_its_rows(year, forums, party_officer):
    page = _as(party_officer).get(URL, {"year": YEAR})
    html = page.content.decode()
    assert page.status_code == 200 and "2025年意识形态工作年度数据" in html
    assert 'data-figure="caught_political" data-count="1"' in html
    assert 'data-figure="outlets_silent" data-count="1"' in html
    assert "审核稿件4篇" in html and 'data-action="print"' in html and 'class="print-title"' in html
    assert f'href="/ideology/figures/pieces_short_reviewed/?year={YEAR}"' in html
    assert "机关微信公众号" in html  # the silent outlets listed
    listing = _as(party_officer).get(f"{URL}pieces_short_reviewed/", {"year": YEAR}).content.decode()
    assert listing.count('data-row="') == 2 and str(year["pieces"]["short"]) in listing
    caught = _as(party_officer).get(f"{URL}caught_political/", {"year": YEAR}).content.decode()
    assert "台湾总统" in caught and "按装" not in caught


def test_every_figures_list_opens(year, forums, reports, events, party_officer):
    client = _as(party_officer)
    f = year_figures(party_officer, YEAR)
    for group in f.groups:
        for figure in group.figures:
            page = client.get(figure.link)
            assert page.status_code == 200, figure.key
            # Each list has a line per record — per error for "errors caught" — so it counts what the figure counts.
            assert page.content.decode().count('data-row="') == figure.count, figure.key
            assert len(figure_rows(party_officer, f, figure.key)) == len(figure.ids), figure.key


def test_bad_input_is_a_clear_refusal(party_officer, sysadmin):
    client = _as(party_officer)
    assert client.get(URL, {"year": "二〇二五"}).status_code == 400
    assert client.get(URL, {"year": clock.today().year + 1}).status_code == 400
    assert client.get(f"{URL}no_such_figure/", {"year": YEAR}).status_code == 404
    assert _as(sysadmin).get(URL).status_code == 403
    assert _as(sysadmin).get(f"{URL}export/").status_code == 403


def test_the_excel_export_is_the_page_and_is_audited(year, party_officer):
    response = _as(party_officer).get(f"{URL}export/", {"year": YEAR})
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["年度数据", "综述", "未更新网络阵地"]
    rows = {r[1]: r[2] for r in wb["年度数据"].iter_rows(min_row=3, values_only=True)}
    assert rows["发布稿件"] == 3 and rows["其中未经三个不同的人审核"] == 2 and rows["其中政治类"] == 1
    assert wb["综述"]["A3"].value.startswith("2025年全年，审核稿件4篇")
    assert wb["未更新网络阵地"]["A3"].value == "机关微信公众号"
    assert AuditEvent.objects.filter(action="export", target_repr="2025年意识形态工作年度数据").exists()


def test_the_api(year, party_officer, sysadmin):
    body = _as(party_officer).get("/api/ideology/figures/", {"year": YEAR}).json()
    assert body["year"] == YEAR and body["as_of"] == "2025-12-31" and body["silent_days"] == 14
    figures = {f["key"]: f for g in body["groups"] for f in g["figures"]}
    assert figures["pieces_published"]["count"] == 3
    assert figures["caught_total"]["link"] == f"/ideology/figures/caught_total/?year={YEAR}"
    assert body["summary"].startswith("2025年全年，审核稿件4篇")
    assert [s["name"] for s in body["silent_outlets"]] == ["机关微信公众号"]
    assert _as(sysadmin).get("/api/ideology/figures/").status_code == 403
    response = _as(party_officer).get("/api/ideology/figures/", {"year": clock.today().year + 1})
    assert response.status_code == 400 and "年度应在" in response.json()["message"]


def test_the_menu_is_the_organ_readers_and_the_card_the_office_and_leaders(
    year, party_officer, leader, supervisor, unit_head, cadre_same_unit
):
    def workbench(user) -> str:
        return _as(user).get(reverse("workbench")).content.decode()

    for user in (party_officer, leader):
        html = workbench(user)
        assert "意识形态概况" in html and 'data-testid="widget-ideology-figures"' in html
        assert 'data-figure="pieces_reviewed"' in html and 'data-figure="outlets_silent"' in html
    html = workbench(supervisor)
    assert "意识形态概况" in html and "widget-ideology-figures" not in html
    for user in (unit_head, cadre_same_unit):
        html = workbench(user)
        assert "意识形态概况" not in html and "widget-ideology-figures" not in html


def test_the_card_renders_in_few_queries(chain, party_officer, django_assert_max_num_queries):
    from django.test import RequestFactory

    from qinglian.ideology.nav.figures import figures_widget

    for i in range(5):
        _published(chain, on=clock.today() - dt.timedelta(days=i), versions=[[POLITICAL], []])
    request = RequestFactory().get("/")
    request.user = party_officer
    figures_widget(request)  # the scope cached
    with django_assert_max_num_queries(9):
        data = figures_widget(request)
    assert [f.key for f in data["shown"]][:2] == ["pieces_reviewed", "pieces_published"]
