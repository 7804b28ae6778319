"""Stations, activities, deputies and the desks themselves."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.npc.choices import DeskKind
from qinglian.npc.models import Deputy, DeputyActivity, LiaisonStation, ServiceDesk
from qinglian.npc.services import setup as services
from qinglian.npc.services import stations as st
from qinglian.npc.tests.factories import DeputyFactory


def test_a_station_and_an_activity_with_its_deputies(desks, cadre_same_unit):
    org = desks
    a, b = DeputyFactory(organ=org.organ), DeputyFactory(organ=org.organ)
    station = st.station_save(station=LiaisonStation(name="城东联络站"), deputy_ids=[a.pk, b.pk], by=cadre_same_unit)
    assert station.organ == org.organ and station.deputies.count() == 2
    activity = DeputyActivity(station=station, kind="reception", date=dt.date(2026, 5, 10), title="接待选民")
    st.activity_save(activity=activity, deputy_ids=[a.pk], by=cadre_same_unit)
    assert list(activity.deputies.all()) == [a]
    assert activity.history.first().history_user == cadre_same_unit


def test_an_activity_needs_a_deputy_and_the_stations_desk(desks, cadre_same_unit, cadre_other_unit):
    activity = DeputyActivity(kind="research", date=dt.date(2026, 5, 10), title="调研")
    with pytest.raises(InvalidInput, match="至少选择一名"):
        st.activity_save(activity=activity, deputy_ids=[], by=cadre_same_unit)
    with pytest.raises(Forbidden):
        st.activity_save(activity=activity, deputy_ids=[], by=cadre_other_unit)


def test_the_party_office_names_the_desk_unit(org, party_officer, cadre_same_unit):
    with pytest.raises(Forbidden):
        services.service_desk_set(organ=org.organ, kind=DeskKind.SUGGESTIONS, unit=org.unit_a, by=cadre_same_unit)
    services.service_desk_set(organ=org.organ, kind=DeskKind.SUGGESTIONS, unit=org.unit_a, by=party_officer)
    services.service_desk_set(organ=org.organ, kind=DeskKind.SUGGESTIONS, unit=org.unit_b, by=party_officer)
    assert ServiceDesk.objects.get(kind=DeskKind.SUGGESTIONS).unit == org.unit_b
    with pytest.raises(InvalidInput, match="内设机构"):
        services.service_desk_set(organ=org.organ, kind=DeskKind.MATERIALS, unit=org.stationed, by=party_officer)


def test_a_deputy_is_registered_in_the_writers_organ(desks, cadre_same_unit):
    deputy = services.deputy_save(deputy=Deputy(name=" 张代表 ", delegation="城西区代表团"), by=cadre_same_unit)
    assert deputy.name == "张代表" and deputy.organ == desks.organ
