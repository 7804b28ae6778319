"""The year's figures page: exact figures for a small ledger (worked out by hand below), each drill-down listing
exactly the records counted, the comparison with the previous year, the exports, and who may read."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.npc.choices import NpcMeetingKind, SuggestionStatus
from qinglian.npc.models import MaterialSubmission, Reply, SatisfactionRecord
from qinglian.npc.selectors.summary import ORDER
from qinglian.npc.tests.factories import (
    ActivityFactory,
    AgendaItemFactory,
    AssignmentFactory,
    NpcMeetingFactory,
    SuggestionFactory,
)

D = dt.date
READERS = ("party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "supervisor")


def _suggestion(organ, number, *, year=2026, status=SuggestionStatus.REGISTERED, **extra):
    return SuggestionFactory(organ=organ, number=number, year=year, status=status, **extra)


def _handled(organ, unit, number, reply_on=None, result="solved", level=None, *, year=2026, **extra):
    """A suggestion assigned on 20 January (reply due 20 April, 代表法 three months) and maybe replied."""
    s = _suggestion(organ, number, year=year, status=SuggestionStatus.REPLIED, assigned_on=D(year, 1, 20), **extra)
    lead = AssignmentFactory(suggestion=s, unit=unit, assigned_on=D(year, 1, 20))
    reply = None
    if reply_on:
        reply = Reply.objects.create(organ=organ, suggestion=s, assignment=lead, date=reply_on, result=result)
        if level:
            SatisfactionRecord.objects.create(organ=organ, reply=reply, recorded_on=reply_on, level=level)
    return s, lead, reply


def _submit(item, day, final=False):
    at = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 16))
    version = item.submissions.count() + 1
    MaterialSubmission.objects.create(
        organ=item.organ, agenda_item=item, version=version, submitted_at=at, is_final=final
    )


@pytest.fixture
def ledgers(org, desks, bureau, bureau2):
    """2026 (bureau = 市住房和城乡建设局, bureau2 = 市自然资源和规划局):

    s1 bureau, replied 04-10 (on time) 已解决, 满意
    s2 bureau, replied 04-21 (one day late) 正在解决, 不满意 (no re-reply yet)
    s3 bureau2 (bureau co-unit), replied 03-01 列入计划, 不满意; re-reply 03-20 已解决, 基本满意
    s4 bureau2, assigned, not replied, 重点督办
    s5 registered, not assigned
    s6 bureau, replied 05-01 (late) 留作参考, no evaluation
    → 6 suggestions, 4 replied, on time 2/4, solved (latest result) 3/4, satisfied (latest level) 2/3.
    2025: s7 bureau replied 已解决, s8 registered → 2 suggestions, solved 1/1.
    """
    organ = org.organ
    s1, _, _ = _handled(organ, bureau, "第001号", D(2026, 4, 10), "solved", "satisfied")
    s2, _, _ = _handled(organ, bureau, "第002号", D(2026, 4, 21), "solving", "dissatisfied")
    s3, lead3, first = _handled(organ, bureau2, "第003号", D(2026, 3, 1), "planned", "dissatisfied")
    AssignmentFactory(suggestion=s3, unit=bureau, role="co", assigned_on=D(2026, 1, 20))
    rereply = Reply.objects.create(
        organ=organ, suggestion=s3, assignment=lead3, date=D(2026, 3, 20), result="solved", is_rereply=True,
        replaces=first,
    )  # fmt: skip
    SatisfactionRecord.objects.create(organ=organ, reply=rereply, recorded_on=D(2026, 3, 25), level="basically")
    s4, _, _ = _handled(organ, bureau2, "第004号", is_key=True)
    s5 = _suggestion(organ, "第005号")
    s6, _, _ = _handled(organ, bureau, "第006号", D(2026, 5, 1), "reference")
    s7, _, _ = _handled(organ, bureau, "第001号", D(2025, 3, 1), "solved", year=2025)
    _suggestion(organ, "第002号", year=2025)
    return {"s1": s1, "s2": s2, "s3": s3, "s4": s4, "s5": s5, "s6": s6, "s7": s7}


@pytest.fixture
def meetings(org, bureau):
    """Standing meeting 06-25: two 一府两院 reports (on time, late), a regulation (nothing sent), a resolution and
    an inspection opinion (no deadline); chairpersons' meeting 06-20: two items on time, one a regulation.
    → reports 2, regulations 1 (the chairpersons' item is not counted), resolutions 1, opinions 1;
    materials on time 3 of the 5 items with a deadline."""
    standing = NpcMeetingFactory(organ=org.organ, date=D(2026, 6, 25))
    chair = NpcMeetingFactory(organ=org.organ, date=D(2026, 6, 20), kind=NpcMeetingKind.CHAIRPERSONS)
    NpcMeetingFactory(organ=org.organ, date=D(2025, 6, 25)).items.create(
        organ=org.organ, title="上年的报告", kind="report_review", submitting_unit=bureau
    )

    def item(meeting, title, kind, deadline=None):
        return AgendaItemFactory(meeting=meeting, title=title, kind=kind, submitting_unit=bureau, deadline=deadline)

    made = {
        "r1": item(standing, "关于全市就业工作情况的报告", "report_review", D(2026, 6, 10)),
        "r2": item(standing, "关于城市管理工作情况的报告", "report_review", D(2026, 6, 10)),
        "g1": item(standing, "某某条例（草案）", "regulation", D(2026, 6, 10)),
        "d1": item(standing, "关于批准决算的决议", "resolution"),
        "i1": item(standing, "执法检查报告", "inspection"),
        "c1": item(chair, "主任会议：某条例修改稿", "regulation", D(2026, 6, 13)),
        "c2": item(chair, "主任会议：工作安排", "other", D(2026, 6, 13)),
    }
    _submit(made["r1"], D(2026, 6, 9))
    _submit(made["r2"], D(2026, 6, 12))
    _submit(made["c1"], D(2026, 6, 13))
    _submit(made["c2"], D(2026, 6, 1))
    return made


@pytest.fixture
def activities(org):
    made = [ActivityFactory(organ=org.organ, date=D(2026, m, 10), title=f"活动{m}") for m in (3, 5, 9)]
    ActivityFactory(organ=org.organ, date=D(2025, 5, 10), title="上年活动")
    return made


@pytest.fixture
def scene(ledgers, meetings, activities):
    return {**ledgers, **meetings, "activities": activities}


EXPECTED = {
    "reports_reviewed": 2,
    "regulations": 1,
    "resolutions": 1,
    "inspection_opinions": 1,
    "suggestions": 6,
    "key_suggestions": 1,
    "suggestions_replied": 4,
    "on_time_rate": Decimal("50.0"),
    "solved_rate": Decimal("75.0"),
    "satisfaction_rate": Decimal("66.7"),
    "materials_on_time_rate": Decimal("60.0"),
    "activities": 3,
}


def _figures(response) -> dict:
    return {c.figure.key: c for _, items in response.context["groups"] for c in items}


def test_the_page_shows_the_exact_figures_of_the_year(client, scene, cadre_other_unit):
    client.force_login(cadre_other_unit)
    response = client.get(reverse("npc_figures"), {"year": 2026})
    assert response.status_code == 200
    shown = _figures(response)
    assert list(shown) == ORDER
    assert {key: c.figure.value for key, c in shown.items()} == EXPECTED
    assert (shown["on_time_rate"].figure.ratio.numerator, shown["on_time_rate"].figure.ratio.denominator) == (2, 4)
    assert shown["materials_on_time_rate"].figure.ratio.denominator == 5
    html = response.content.decode()
    assert 'data-key="solved_rate"' in html and "75.0" in html and "3 / 4" in html
    assert "最近一次答复为“已解决”“正在解决”的件数 ÷ 已答复件数" in html  # the definition in small print


def test_the_page_compares_with_the_previous_year(client, scene, leader):
    client.force_login(leader)
    shown = _figures(client.get(reverse("npc_figures"), {"year": 2026}))
    assert shown["suggestions"].previous.value == 2 and shown["suggestions"].delta_text == "+4 件"
    assert shown["solved_rate"].delta_text == "−25.0 个百分点"  # 75.0 against 2025's 100.0
    assert shown["reports_reviewed"].delta_text == "+1 项"
    assert shown["activities"].delta_text == "+2 次"
    assert shown["satisfaction_rate"].delta_text == ""  # nothing evaluated in 2025: not comparable
    # no key suggestion in 2025: "上年无可比数据" rather than a rise from nothing
    assert shown["key_suggestions"].previous_value is None and shown["key_suggestions"].delta_text == ""


DRILLS = {
    "suggestions": ["第001号", "第002号", "第003号", "第004号", "第005号", "第006号"],
    "key_suggestions": ["第004号"],
    "suggestions_replied": ["第001号", "第002号", "第003号", "第006号"],
    "on_time_rate": ["第001号", "第003号"],
    "solved_rate": ["第001号", "第002号", "第003号"],
    "satisfaction_rate": ["第001号", "第003号"],
}
ITEM_DRILLS = {
    "reports_reviewed": ["r1", "r2"],
    "regulations": ["g1"],
    "resolutions": ["d1"],
    "inspection_opinions": ["i1"],
    "materials_on_time_rate": ["r1", "c1", "c2"],
}


@pytest.mark.parametrize("key", list(DRILLS))
def test_each_suggestion_figure_lists_exactly_what_it_counts(client, scene, party_officer, key):
    client.force_login(party_officer)
    response = client.get(reverse("npc_figure", args=[key]), {"year": 2026})
    assert response.status_code == 200
    assert sorted(cells[0] for cells, _ in response.context["lines"]) == DRILLS[key]
    assert all(link.startswith("/npc/suggestions/") for _, link in response.context["lines"])


@pytest.mark.parametrize("key", list(ITEM_DRILLS))
def test_each_meeting_figure_lists_exactly_the_agenda_items_counted(client, scene, party_officer, key):
    client.force_login(party_officer)
    response = client.get(reverse("npc_figure", args=[key]), {"year": 2026})
    titles = sorted(cells[2] for cells, _ in response.context["lines"])
    assert titles == sorted(scene[k].title for k in ITEM_DRILLS[key])


def test_the_materials_drill_down_says_how_each_item_was_sent(client, scene, party_officer):
    client.force_login(party_officer)
    response = client.get(reverse("npc_figure", args=["reports_reviewed"]), {"year": 2026})
    states = {cells[2]: cells[8] for cells, _ in response.context["lines"]}
    assert states == {scene["r1"].title: "按期", scene["r2"].title: "逾期"}


def test_the_activities_figure_lists_the_years_activities(client, scene, party_officer):
    client.force_login(party_officer)
    response = client.get(reverse("npc_figure", args=["activities"]), {"year": 2026})
    assert [cells[2] for cells, _ in response.context["lines"]] == ["活动3", "活动5", "活动9"]


def test_an_unknown_figure_is_not_found(client, scene, party_officer):
    client.force_login(party_officer)
    assert client.get(reverse("npc_figure", args=["nonsense"])).status_code == 404


def test_a_bad_year_falls_back_to_the_current_year(client, scene, party_officer):
    client.force_login(party_officer)
    response = client.get(reverse("npc_figures"), {"year": "abc"})
    assert response.context["year"] == timezone.localdate().year
    assert 2025 in response.context["years"] and 2026 in response.context["years"]


# --- exports ---------------------------------------------------------------------------------------------


def test_the_page_exports_the_figures_and_one_sheet_per_drill_down(client, scene, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("npc_figures_export"), {"year": 2026})
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert len(wb.sheetnames) == 1 + len(ORDER)
    figures = list(wb.worksheets[0].iter_rows(min_row=3, values_only=True))
    by_label = {row[1]: row for row in figures}
    assert by_label["办理代表建议"][2:4] == (6, "件")
    assert by_label["办理落实率（已解决和正在解决）"][2:6] == (75, "%", 3, 4)
    assert "已答复件数" in by_label["按期答复率"][8]  # the definition travels with the figure
    drill = wb["按期答复率"]
    assert [row[0] for row in drill.iter_rows(min_row=3, values_only=True)] == ["第001号", "第003号"]
    assert wb["执法检查报告、审议意见"].max_row == 3  # "/" is not allowed in a sheet name
    assert AuditEvent.objects.filter(action="export", target_repr="2026年度履职数据").exists()


def test_one_drill_down_exports_its_rows(client, scene, party_officer):
    client.force_login(party_officer)
    response = client.get(reverse("npc_figure_export", args=["solved_rate"]), {"year": 2026})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert sorted(r[0] for r in rows) == ["第001号", "第002号", "第003号"]
    assert ws.cell(row=2, column=1).value == "建议编号"


# --- who may read ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_every_business_role_reads_the_figures(client, persona, scene, name):
    client.force_login(persona(name))
    assert client.get(reverse("npc_figures"), {"year": 2026}).status_code == 200
    assert client.get(reverse("npc_figure", args=["solved_rate"]), {"year": 2026}).status_code == 200


@pytest.mark.parametrize("name", ("sysadmin", "secadmin", "auditadmin"))
def test_administrators_see_no_figures(client, persona, scene, name):
    client.force_login(persona(name))
    for url in (reverse("npc_figures"), reverse("npc_figure", args=["suggestions"]), reverse("npc_figures_export")):
        assert client.get(url, {"year": 2026}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, scene):
    response = client.get(reverse("npc_figures"))
    assert response.status_code == 302 and "login" in response["Location"]
