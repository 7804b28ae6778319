"""Factories for the npc ledgers. They write rows directly (no services, no computed deadlines): tests of
services go through the services; factories build the scene around them."""

from __future__ import annotations

import datetime as dt

import factory

from qinglian.npc.choices import (
    ActivityKind,
    AgendaKind,
    HandlingRole,
    NpcMeetingKind,
    SessionKind,
    SuggestionCategory,
)
from qinglian.npc.models import (
    Assignment,
    Deputy,
    DeputyActivity,
    LiaisonStation,
    MeetingAgendaItem,
    NpcMeeting,
    Session,
    Suggestion,
)
from qinglian.org.choices import UnitKind
from qinglian.org.tests.factories import OrganFactory, UnitFactory


class ExternalUnitFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"市测试局{n}")
    kind = UnitKind.EXTERNAL


class DeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deputy

    organ = factory.SubFactory(OrganFactory)
    name = factory.Sequence(lambda n: f"代表{n}")
    delegation = "城东区代表团"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    organ = factory.SubFactory(OrganFactory)
    term = "第十六届"
    number = "第五次会议"
    kind = SessionKind.PLENARY
    start = dt.date(2026, 1, 12)
    end = dt.date(2026, 1, 15)


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    organ = factory.SubFactory(OrganFactory)
    number = factory.Sequence(lambda n: f"第{n:04d}号")
    year = 2026
    session = factory.SubFactory(SessionFactory, organ=factory.SelfAttribute("..organ"))
    lead_deputy = factory.SubFactory(DeputyFactory, organ=factory.SelfAttribute("..organ"))
    title = factory.Sequence(lambda n: f"关于加强老旧小区改造的建议（{n}）")
    category = SuggestionCategory.URBAN_RURAL
    received_on = dt.date(2026, 1, 15)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    suggestion = factory.SubFactory(SuggestionFactory)
    organ = factory.SelfAttribute("suggestion.organ")
    unit = factory.SubFactory(ExternalUnitFactory, organ=factory.SelfAttribute("..suggestion.organ"))
    role = HandlingRole.LEAD
    assigned_on = dt.date(2026, 1, 20)


class NpcMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NpcMeeting

    organ = factory.SubFactory(OrganFactory)
    kind = NpcMeetingKind.STANDING
    number = factory.Sequence(lambda n: f"第{n}次")
    date = dt.date(2026, 6, 25)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAgendaItem

    meeting = factory.SubFactory(NpcMeetingFactory)
    organ = factory.SelfAttribute("meeting.organ")
    title = factory.Sequence(lambda n: f"关于本市某项工作情况的报告（{n}）")
    kind = AgendaKind.REPORT_REVIEW
    submitting_unit = factory.SubFactory(ExternalUnitFactory, organ=factory.SelfAttribute("..meeting.organ"))


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiaisonStation

    organ = factory.SubFactory(OrganFactory)
    name = factory.Sequence(lambda n: f"城东街道人大代表联络站{n}")
    area = "城东区"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeputyActivity

    organ = factory.SubFactory(OrganFactory)
    kind = ActivityKind.RECEPTION
    date = dt.date(2026, 5, 10)
    title = "代表接待选民日"
