"""The demo organ's 个人有关事项报告: two years of annual reports received by renshi, change reports, the extra
list, last year's draw done (one 不一致 handled), this year's draw under way, promotion checks — and exactly the
planted gaps INT-020…023 are meant to find."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.evidence.models import Evidence
from qinglian.integrity.choices import CheckOutcome, CheckReason, ReportKind
from qinglian.integrity.models import ExtraReporter, PersonalReport, SpotCheck, SpotCheckDraw
from qinglian.integrity.services.personal import verify_draw
from qinglian.org.models import User

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
ORGAN = DemoSpec(seed=2026, today=TODAY)
CODES = ["INT-020", "INT-021", "INT-022", "INT-023"]


@pytest.mark.demo_build(ORGAN)
def test_the_demo_reports_and_exactly_the_planted_gaps(shared_demo):
    organ = shared_demo.organ
    reports = PersonalReport.objects.filter(organ=organ)
    annual = reports.filter(kind=ReportKind.ANNUAL)
    assert annual.filter(year=2025).count() >= 10 and annual.filter(year=2026).count() >= 10
    assert annual.filter(received_on__isnull=False, received_by__isnull=False).count() >= annual.count() * 0.8
    assert reports.filter(kind=ReportKind.CHANGE).count() == 4
    assert ExtraReporter.objects.filter(organ=organ).count() == 2
    scans = Evidence.objects.filter(content_type=ContentType.objects.get_for_model(PersonalReport), kind="pdf")
    assert scans.filter(object_id__in=reports.values("pk")).count() == reports.count()
    assert not reports.filter(submitted_on__gt=TODAY).exists()

    last, this = SpotCheckDraw.objects.get(organ=organ, year=2025), SpotCheckDraw.objects.get(organ=organ, year=2026)
    assert verify_draw(last).ok and verify_draw(this).ok
    last_checks = SpotCheck.objects.filter(draw=last)
    assert not last_checks.filter(outcome="").exists()
    inconsistent = last_checks.get(outcome=CheckOutcome.INCONSISTENT)
    assert "批评教育" in inconsistent.handling
    assert SpotCheck.objects.filter(draw=this, outcome="").exists()
    assert SpotCheck.objects.filter(organ=organ, reason=CheckReason.PROMOTION).exists()

    run_checks(organ_id=organ.pk, as_of=TODAY, codes=CODES)
    found = sorted(
        (f.rule_code, f.severity, f.status) for f in Finding.objects.filter(organ=organ, rule_code__in=CODES)
    )
    assert found == [
        ("INT-020", "red", "open"),
        ("INT-020", "red", "recorded"),
        ("INT-021", "red", "recorded"),
        ("INT-022", "red", "recorded"),
    ], [f.reason for f in Finding.objects.filter(organ=organ, rule_code__in=CODES)]
    renshi = User.objects.get(organ=organ, username="renshi")
    for finding in Finding.objects.filter(organ=organ, rule_code__in=CODES):
        assert (finding.responsible_unit_id, finding.responsible_person_id) == (
            renshi.person.unit_id,
            renshi.person_id,
        )


def _login(client, user) -> None:
    """Logged in, with the second factor passed for the demo logins that have a device (renshi, dangwei)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.mark.demo_build(ORGAN)
def test_the_keepers_and_the_cadres_pages_on_the_demo(shared_demo, client):
    from django.urls import reverse

    organ = shared_demo.organ
    _login(client, User.objects.get(organ=organ, username="renshi"))
    for name, query in (
        ("integrity_personal", "?year=2026"),
        ("integrity_personal", "?year=2025&print=1"),
        ("integrity_personal_reports", ""),
        ("integrity_personal_extras", ""),
        ("integrity_personal_draw", "?year=2025&verify=1"),
        ("integrity_personal_checks", ""),
        ("integrity_personal_export", "?year=2026"),
        ("workbench", ""),
    ):
        assert client.get(reverse(name) + query).status_code == 200, name
    draw_page = client.get(reverse("integrity_personal_draw") + "?year=2025&verify=1").content.decode()
    assert "复核一致" in draw_page
    report = PersonalReport.objects.filter(organ=organ).first()
    assert client.get(reverse("integrity_personal_report", args=[report.pk])).status_code == 200
    check = SpotCheck.objects.filter(organ=organ).first()
    assert client.get(reverse("integrity_personal_check", args=[check.pk])).status_code == 200
    for username in ("dangwei", "shuji", "fuzeren", "ganbu"):
        _login(client, User.objects.get(organ=organ, username=username))
        assert client.get(reverse("integrity_personal")).status_code == 404, username
        assert client.get(reverse("integrity_personal_report", args=[report.pk])).status_code in (200, 404)
    _login(client, User.objects.get(organ=organ, username="shuji"))  # a leader reports as a person
    assert client.get(reverse("integrity_personal_mine")).status_code == 200
