"""The workbench's org cards (issue #14 items 3 and 6): 本委室概况 shows the unit's own figures, not the organ's;
机关概况 is for those who read the organ; no political-status donut; each figure is the count of the roster it links
to."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

import qinglian.org.nav  # noqa: F401  (registers the cards until apps.ready does)
from qinglian.org.choices import PartyStatus
from qinglian.org.tests.factories import BranchFactory, PersonFactory, UnitFactory


@pytest.fixture
def organ(org, unit_head, cadre_same_unit, cadre_other_unit, party_officer):
    """Unit A: the head, a cadre, the officer and two more (one of them no Party member); unit B and a third unit
    have people of their own, so the organ's totals differ from unit A's."""
    PersonFactory(organ=org.organ, unit=org.unit_a, name="甲")
    PersonFactory(organ=org.organ, unit=org.unit_a, name="乙", party_status=PartyStatus.MASSES)
    third = UnitFactory(organ=org.organ, name="法制工作委员会", order=3)
    for n in range(4):
        PersonFactory(organ=org.organ, unit=third, name=f"丙{n}")
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    branch.units.add(org.unit_a)
    BranchFactory(organ=org.organ, name="机关第二党支部").units.add(org.unit_b)
    return org


def _card(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</div></div>", start)]


def _figures(card: str) -> dict[str, tuple[str, int]]:
    found = re.findall(r'href="([^"]+)" data-figure="([\w-]+)" data-count="(\d+)"', card)
    return {name: (href.replace("&amp;", "&"), int(count)) for href, name, count in found}


def test_a_unit_heads_unit_card_shows_the_units_own_figures_not_the_organs(client, organ, unit_head):
    """The bug: 本委室概况 counted the organ's units and branches (and read as the organ's figures)."""
    client.force_login(unit_head)
    html = client.get(reverse("workbench")).content.decode()
    card = _card(html, "widget-own-units")
    figures = _figures(card)
    assert (
        figures["people"][1] == 5 and figures["party-members"][1] == 4
    )  # unit A only: not the organ's 10 people, 3 units
    assert organ.unit_a.name in card and "机关第一党支部" in card and "机关第二党支部" not in card
    assert 'data-figure="units"' not in card and 'data-testid="widget-organ"' not in html


def test_a_cadre_sees_their_units_figures_as_background(client, organ, cadre_other_unit):
    client.force_login(cadre_other_unit)
    html = client.get(reverse("workbench")).content.decode()
    wrapper = html[: html.index('data-testid="widget-own-units"')].rsplit("<div", 2)[-2]
    assert 'data-tier="background"' in wrapper
    assert _figures(_card(html, "widget-own-units"))["people"][1] == 1


@pytest.mark.parametrize("persona", ["unit_head", "cadre_same_unit", "party_officer"])
def test_each_org_figure_is_the_count_of_the_roster_it_links_to(client, organ, persona, request):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    html = client.get(reverse("workbench")).content.decode()
    testid = "widget-organ" if persona == "party_officer" else "widget-own-units"
    figures = _figures(_card(html, testid))
    assert figures
    for name, (href, count) in figures.items():
        context = client.get(href).context
        rows = context["page_obj"].paginator.count if "page_obj" in context else None
        listed = rows if rows is not None else len(context["units"] if "units" in context else context["branches"])
        assert listed == count, name


def test_the_organ_card_has_the_organs_figures_and_no_donut(client, organ, party_officer):
    client.force_login(party_officer)
    card = _card(client.get(reverse("workbench")).content.decode(), "widget-organ")
    figures = {name: count for name, (_, count) in _figures(card).items()}
    assert figures == {"people": 10, "party-members": 9, "units": 3, "branches": 2}
    assert "data-chart" not in card and "政治面貌" not in card
