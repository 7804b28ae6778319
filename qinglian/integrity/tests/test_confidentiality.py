"""THE confidentiality matrix of issue #16: personal-matters reports, their scans, spot checks and draws are seen by
the person, the personnel officer and the stationed group — never by the party-affairs office, leaders, unit heads,
other cadres or the administrators, on any surface: the keeper's list and detail pages, the API's lists and details,
the Excel export, the file download, the workbench, 我的待办 and the findings page (404 or absent, never a 403 that
would say the row exists).

And the same for 廉政谈话 (querysets.TalkQuerySet): a talk's record never reaches a persona outside its circle on
the list page, the API list or the export.

Markers planted in the rows (a receipt number, a seed, the scan's bytes, the talk's points) must not appear in any
answer to someone outside; the personas' answers are asserted one by one (persona × surface).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qinglian.audit.models import AuditEvent
from qinglian.compliance.engine import run_checks
from qinglian.evidence.models import Evidence
from qinglian.integrity.choices import CheckReason, IntegrityTalkKind
from qinglian.integrity.models import IntegrityTalk, PersonalReport, SpotCheck, SpotCheckDraw
from qinglian.integrity.services.personal import report_file_attach
from qinglian.integrity.tests.factories import PersonalReportFactory, TalkFactory
from qinglian.org.choices import Rank
from qinglian.org.models import Person

pytestmark = pytest.mark.django_db

ALL = (
    "party_officer",
    "unit_head",
    "cadre_same_unit",
    "cadre_other_unit",
    "leader",
    "supervisor",
    "sysadmin",
    "secadmin",
    "auditadmin",
    "personnel_officer",
)
KEEPERS = {"personnel_officer", "supervisor"}  # the keeper's pages, lists and export
CIRCLE = KEEPERS | {"cadre_same_unit"}  # one report, its file, its check: the person too
RECEIPT = "HZ-SECRET-7781"
SEED = "SEED-SECRET-42"
SCAN = b"%PDF-1.4\nSCAN-SECRET-BYTES\n%%EOF\n"
TALK_POINTS = "TALK-SECRET-POINTS 严守廉洁纪律"


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in ALL}


@pytest.fixture
def ledger(org, everyone):
    """cadre_same_unit (副处级) filed the 2026 annual report late, with a scan; the draw picked them."""
    person = everyone["cadre_same_unit"].person
    Person.objects.filter(pk=person.pk).update(rank=Rank.BUREAU_DEPUTY)
    Person.history.filter(id=person.pk).update(rank=Rank.BUREAU_DEPUTY)
    report = PersonalReportFactory(
        person=person, year=2026, submitted_on=dt.date(2026, 2, 10), received_on=None, receipt_no=RECEIPT
    )
    evidence = report_file_attach(
        report=report, upload=SimpleUploadedFile("个人事项报告.pdf", SCAN), by=everyone["cadre_same_unit"]
    )
    draw = SpotCheckDraw.objects.create(
        organ=org.organ,
        year=2026,
        drawn_on=dt.date(2026, 3, 2),
        seed=SEED,
        ratio="0.100",
        population=[person.pk],
        drawn=[person.pk],
    )
    check = SpotCheck.objects.create(organ=org.organ, person=person, year=2026, reason=CheckReason.RANDOM, draw=draw)
    run_checks(organ_id=org.organ.pk, as_of=dt.date(2026, 3, 1), codes=["INT-020", "INT-021", "INT-022", "INT-023"])
    return {"report": report, "evidence": evidence, "draw": draw, "check": check}


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def _text(response) -> str:
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        return response.content.decode("latin-1")
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode("utf-8", errors="replace")


# --- the report, its file, the check and the draw: persona × surface ---------------------------------------------


def _surfaces(ledger) -> dict[str, tuple[str, set[str]]]:
    """surface → (url, who gets it)."""
    r, c, d, e = ledger["report"], ledger["check"], ledger["draw"], ledger["evidence"]
    return {
        "report list page": (reverse("integrity_personal_reports"), KEEPERS),
        "overview page": (f"{reverse('integrity_personal')}?year=2026", KEEPERS),
        "report detail page": (reverse("integrity_personal_report", args=[r.pk]), CIRCLE),
        "report file download": (reverse("evidence_download", args=[e.pk]), CIRCLE),
        "report file preview": (reverse("evidence_preview", args=[e.pk]), CIRCLE),
        "overview export": (f"{reverse('integrity_personal_export')}?year=2026", KEEPERS),
        "reports export": (reverse("integrity_personal_reports_export"), KEEPERS),
        "check list page": (reverse("integrity_personal_checks"), KEEPERS),
        "check detail page": (reverse("integrity_personal_check", args=[c.pk]), CIRCLE),
        "draw page": (f"{reverse('integrity_personal_draw')}?year=2026", KEEPERS),
        "extra reporters page": (reverse("integrity_personal_extras"), KEEPERS),
        "import page": (reverse("integrity_personal_import"), {"personnel_officer"}),
        "api report detail": (reverse("api:integrity_api_personal_report_detail", args=[r.pk]), CIRCLE),
        "api check detail": (reverse("api:integrity_api_personal_check_detail", args=[c.pk]), CIRCLE),
        "api draw detail": (reverse("api:integrity_api_personal_draw_detail", args=[d.pk]), KEEPERS),
        "api draw verify": (reverse("api:integrity_api_personal_draw_verify", args=[d.pk]), KEEPERS),
    }


SURFACES = (
    "report list page",
    "overview page",
    "report detail page",
    "report file download",
    "report file preview",
    "overview export",
    "reports export",
    "check list page",
    "check detail page",
    "draw page",
    "extra reporters page",
    "import page",
    "api report detail",
    "api check detail",
    "api draw detail",
    "api draw verify",
)


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("name", ALL)
def test_pages_files_exports_and_api_details(client, everyone, ledger, surface, name):
    url, circle = _surfaces(ledger)[surface]
    response = _get(client, everyone[name], url)
    if name in circle:
        assert response.status_code == 200, (surface, name, response.status_code)
    else:
        assert response.status_code == 404, (surface, name, response.status_code)
        text = _text(response)
        markers = (RECEIPT, SEED, "SCAN-SECRET-BYTES") + (() if name == "cadre_same_unit" else ("cadre_same_unit",))
        for marker in markers:  # (the person's own name is in their page header)
            assert marker not in text, (surface, name, marker)


API_LISTS = {
    "reports": ("api:integrity_api_personal_report_list", "report", CIRCLE),
    "checks": ("api:integrity_api_personal_check_list", "check", CIRCLE),
}


@pytest.mark.parametrize("which", sorted(API_LISTS))
@pytest.mark.parametrize("name", ALL)
def test_api_lists_are_empty_outside_the_circle(client, everyone, ledger, which, name):
    url_name, key, circle = API_LISTS[which]
    response = _get(client, everyone[name], reverse(url_name))
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["items"]]
    assert (ledger[key].pk in ids) == (name in circle), (which, name)


@pytest.mark.parametrize("name", ALL)
def test_api_draws_list_is_the_keepers(client, everyone, ledger, name):
    response = _get(client, everyone[name], reverse("api:integrity_api_personal_draw_list"))
    assert response.status_code == 200
    assert bool(response.json()) == (name in KEEPERS)
    assert (SEED in response.content.decode()) == (name in KEEPERS)


@pytest.mark.parametrize("name", ALL)
def test_workbench_todo_and_findings_never_show_a_report(client, everyone, ledger, name):
    report_url = reverse("integrity_personal_report", args=[ledger["report"].pk])
    for url in (reverse("workbench"), reverse("todo"), reverse("finding_list")):
        response = _get(client, everyone[name], url)
        assert response.status_code in (200, 302, 403, 404), (url, name)
        text = _text(response)
        # Findings and cards say a status at most; never a receipt, a seed or the scan — for anyone.
        for marker in (RECEIPT, SEED, "SCAN-SECRET-BYTES"):
            assert marker not in text, (url, name, marker)
        if name not in CIRCLE:
            assert report_url not in text, (url, name)
    workbench = _text(_get(client, everyone[name], reverse("workbench")))
    assert ('data-testid="widget-integrity-personal-desk"' in workbench) == (name == "personnel_officer")
    assert ('data-testid="widget-integrity-personal-mine"' in workbench) == (name == "cadre_same_unit")


@pytest.mark.parametrize("name", ALL)
def test_the_menu_entries_are_the_circles(client, everyone, ledger, name):
    text = _text(_get(client, everyone[name], reverse("workbench")))
    assert (f'href="{reverse("integrity_personal")}"' in text) == (name in KEEPERS), name
    assert (f'href="{reverse("integrity_personal_checks")}"' in text) == (name in KEEPERS), name
    # Everyone of the organ's staff has the entry (it asks no query; the page says whether one must report).
    staff = {"party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "personnel_officer"}
    assert (f'href="{reverse("integrity_personal_mine")}"' in text) == (name in staff), name


def test_every_opening_is_audited_and_a_refused_one_is_not(client, everyone, ledger):
    report = ledger["report"]
    _get(client, everyone["supervisor"], reverse("integrity_personal_report", args=[report.pk]))
    _get(client, everyone["cadre_same_unit"], reverse("api:integrity_api_personal_report_detail", args=[report.pk]))
    _get(client, everyone["leader"], reverse("integrity_personal_report", args=[report.pk]))
    rows = AuditEvent.objects.filter(action="confidential_viewed", target_id=str(report.pk))
    assert rows.count() == 2  # the leader was refused: no row
    _get(client, everyone["personnel_officer"], reverse("evidence_download", args=[ledger["evidence"].pk]))
    assert AuditEvent.objects.filter(action="evidence_downloaded").count() == 1


def test_the_generic_evidence_panel_is_as_closed_as_the_report(client, everyone, ledger):
    url = reverse("evidence_panel", args=["integrity.personalreport", ledger["report"].pk])
    for name in ALL:
        status = _get(client, everyone[name], url).status_code
        assert (status == 200) == (name in CIRCLE), (name, status)


def test_outsiders_cannot_write_and_get_404(client, everyone, ledger):
    report = ledger["report"]
    for name in ALL:
        if name in CIRCLE:
            continue
        client.force_login(everyone[name])
        assert client.post(reverse("integrity_personal_report_receive", args=[report.pk]), {}).status_code == 404
        assert client.post(reverse("integrity_personal_draw"), {"year": 2025}).status_code in (403, 404)
        response = client.post(
            reverse("api:integrity_api_personal_report_create"),
            {"person_id": report.person_id, "kind": "annual", "year": 2025, "submitted_on": "2025-01-10"},
            content_type="application/json",
        )
        assert response.status_code in (403, 404), name
    assert PersonalReport.objects.count() == 1 and not Evidence.objects.exclude(pk=ledger["evidence"].pk).exists()


# --- 廉政谈话 -------------------------------------------------------------------------------------------------------

TALK_CIRCLE = {"party_officer", "leader", "supervisor", "personnel_officer", "cadre_same_unit"}


@pytest.fixture
def talk(org, everyone):
    return TalkFactory(
        talker=everyone["leader"].person,
        subject=everyone["cadre_same_unit"].person,
        kind=IntegrityTalkKind.REMINDER,
        points=TALK_POINTS,
    )


@pytest.mark.parametrize("name", ALL)
def test_talks_visible_to_only_their_circle(everyone, talk, name):
    assert IntegrityTalk.objects.visible_to(everyone[name]).filter(pk=talk.pk).exists() == (name in TALK_CIRCLE)


def _talk_urls() -> dict[str, str]:
    found = {}
    for label, url_name in (
        ("list page", "integrity_talks"),
        ("export", "integrity_talks_export"),
        ("api list", "api:integrity_api_talks"),
    ):
        try:
            found[label] = reverse(url_name) + ("?year=2026" if "api" not in url_name else "")
        except Exception:  # the talks pages are another part's; test only those that exist
            continue
    return found


@pytest.mark.parametrize("name", ALL)
def test_talk_records_never_reach_outsiders(client, everyone, talk, name):
    for label, url in _talk_urls().items():
        response = _get(client, everyone[name], url)
        text = _text(response)
        if name in TALK_CIRCLE and response.status_code == 200 and label == "api list":
            assert str(talk.pk) in text
        if name not in TALK_CIRCLE:
            assert "TALK-SECRET-POINTS" not in text, (label, name)
            assert reverse("integrity_talk", args=[talk.pk]) not in text, (label, name)


@pytest.mark.parametrize("name", ALL)
def test_a_personal_matters_finding_is_read_by_the_reports_circle_only(everyone, org, name):
    """Findings name the person whose report is late: Rule.readers keeps them inside the circle (decision 0014),
    while a finding of an ordinary rule stays readable by the organ readers."""
    from qinglian.compliance.models import Finding
    from qinglian.compliance.tests.factories import FindingFactory

    officer = everyone["personnel_officer"].person
    late = FindingFactory(
        organ=org.organ,
        rule_code="INT-020",
        subject_repr="某某 2026年度个人有关事项集中报告",
        responsible_person=officer,
    )
    ordinary = FindingFactory(organ=org.organ, rule_code="ORG-002")
    visible = set(Finding.objects.visible_to(everyone[name]).values_list("pk", flat=True))
    assert (late.pk in visible) == (name in KEEPERS), name
    assert (ordinary.pk in visible) == (name in {"party_officer", "leader", "supervisor"}), name
