"""Factories for the 意识形态 ledgers. Each row takes its organ from its unit (or its piece's/forum's)."""

from __future__ import annotations

import datetime as dt

import factory

from qinglian.ideology.choices import (
    ForumKind,
    ForumStep,
    OpinionLevel,
    OpinionSource,
    OutletKind,
    PieceKind,
    Platform,
    ReportKind,
    ReviewDecision,
    Stage,
)
from qinglian.ideology.models import (
    Forum,
    ForumApproval,
    OpinionEvent,
    Outlet,
    Piece,
    PieceVersion,
    ReportItem,
    ReviewSignoff,
)
from qinglian.org.tests.factories import PersonFactory, UnitFactory

DAY = dt.date(2026, 3, 10)  # a Tuesday


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    organ = factory.SelfAttribute("unit.organ")
    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"测试阵地{n}")
    kind = OutletKind.WEBSITE_COLUMN
    platform = ""
    opened_on = dt.date(2024, 1, 1)

    class Params:
        wechat = factory.Trait(
            kind=OutletKind.WECHAT_ACCOUNT,
            platform=Platform.WECHAT,
            filing_status="filed",
            filed_on=dt.date(2024, 1, 5),
        )


class PieceFactory(factory.django.DjangoModelFactory):
    """A piece row only (no version): tests of the review flow use services.pieces.piece_create instead."""

    class Meta:
        model = Piece

    organ = factory.SelfAttribute("outlet.organ")
    outlet = factory.SubFactory(OutletFactory)
    unit = factory.SelfAttribute("outlet.unit")
    drafter = factory.SubFactory(PersonFactory, unit=factory.SelfAttribute("..unit"))
    kind = PieceKind.ARTICLE
    title = factory.Sequence(lambda n: f"测试稿件{n}")


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PieceVersion

    piece = factory.SubFactory(PieceFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "市人大常委会机关召开会议，传达学习全会精神。"
    sha256 = factory.Sequence(lambda n: f"{n:064d}")
    chars = factory.LazyAttribute(lambda o: len(o.text))


class SignoffFactory(factory.django.DjangoModelFactory):
    """A sign-off as a paper sheet records it (no account, no version): what the rules read."""

    class Meta:
        model = ReviewSignoff

    piece = factory.SubFactory(PieceFactory)
    stage = Stage.FIRST
    decision = ReviewDecision.APPROVE
    reviewer = factory.SubFactory(PersonFactory, unit=factory.SelfAttribute("..piece.unit"))
    signed_on = DAY
    source = "paper"


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    organ = factory.SelfAttribute("unit.organ")
    unit = factory.SubFactory(UnitFactory)
    applicant = factory.SubFactory(PersonFactory, unit=factory.SelfAttribute("..unit"))
    kind = ForumKind.LECTURE
    title = factory.Sequence(lambda n: f"测试讲座{n}")
    topic = "学习贯彻党的二十届四中全会精神"
    speaker = "张教授"
    audience = "机关全体党员干部"
    held_on = DAY + dt.timedelta(days=14)
    filed_on = DAY


class ForumApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumApproval

    forum = factory.SubFactory(ForumFactory)
    step = ForumStep.UNIT
    decision = ReviewDecision.APPROVE
    approver = factory.SubFactory(PersonFactory, unit=factory.SelfAttribute("..forum.unit"))
    decided_on = DAY


class ReportItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportItem

    organ = factory.SelfAttribute("responsible.organ")
    responsible = factory.SubFactory(PersonFactory)
    kind = ReportKind.ANALYSIS
    period_start = dt.date(2026, 1, 1)
    period_end = dt.date(2026, 3, 31)
    title = "2026年第一季度意识形态形势分析研判"
    due_on = dt.date(2026, 4, 15)


class OpinionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpinionEvent

    organ = factory.SelfAttribute("unit.organ")
    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"测试舆情{n}")
    source = OpinionSource.MONITORING
    level = OpinionLevel.GENERAL
    found_at = factory.LazyFunction(lambda: dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC))
    summary = "网民反映某事项"
