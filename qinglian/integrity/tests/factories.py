"""Factories for the 廉政 ledgers. Each takes the organ from the person or unit it is about."""

from __future__ import annotations

import datetime as dt

import factory

from qinglian.integrity.choices import (
    CheckReason,
    GiftHandling,
    IntegrityTalkKind,
    OpinionPurpose,
    ProposalKind,
    RectificationSource,
    ReportKind,
    RiskLedger,
    RiskLevel,
)
from qinglian.integrity.models import (
    DisciplineProposal,
    Gift,
    InquiryLetter,
    IntegrityTalk,
    OpinionItem,
    OpinionRequest,
    PersonalReport,
    RectificationBatch,
    RectificationMeasure,
    RectificationProblem,
    RiskPoint,
    SpotCheck,
)

DAY = dt.date(2026, 3, 2)


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntegrityTalk

    organ = factory.SelfAttribute("talker.organ")
    kind = IntegrityTalkKind.PRE_APPOINTMENT
    date = DAY
    unit = factory.SelfAttribute("subject.unit")
    points = "严守政治纪律和廉洁纪律，正确行使权力"


class OpinionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpinionRequest

    purpose = OpinionPurpose.PROMOTION
    title = "关于征求拟提拔人选党风廉政意见的函"
    sent_on = DAY


class OpinionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpinionItem

    organ = factory.SelfAttribute("request.organ")
    proposed_post = "拟任副处长"


class PersonalReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalReport

    organ = factory.SelfAttribute("person.organ")
    kind = ReportKind.ANNUAL
    year = 2026
    submitted_on = dt.date(2026, 1, 20)
    received_on = dt.date(2026, 1, 21)


class SpotCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpotCheck

    organ = factory.SelfAttribute("person.organ")
    year = 2026
    reason = CheckReason.RANDOM


class RiskPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskPoint

    organ = factory.SelfAttribute("unit.organ")
    matter = "公务接待审批"
    description = "超标准、超范围接待"
    level = RiskLevel.MEDIUM
    controls = "严格执行公函制度和接待清单制度，接待费用由负责人审签"
    ledger = RiskLedger.RECEPTION
    identified_on = dt.date(2026, 1, 10)


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationBatch

    source = RectificationSource.CIRCUIT
    title = "市委第三巡察组巡察反馈问题整改"
    issuer = "市委第三巡察组"
    feedback_on = dt.date(2026, 3, 2)


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationProblem

    organ = factory.SelfAttribute("batch.organ")
    number = factory.Sequence(lambda n: n + 1)
    description = "党组履行主体责任不够有力，传导压力层层递减"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationMeasure

    organ = factory.SelfAttribute("problem.organ")
    unit = factory.SelfAttribute("problem.unit")
    description = "制定党组落实全面从严治党主体责任清单"
    deadline = dt.date(2026, 5, 29)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisciplineProposal

    kind = ProposalKind.DISCIPLINE
    number = factory.Sequence(lambda n: f"驻机关纪检组建〔2026〕{n + 1}号")
    issued_on = DAY
    title = "关于加强公务接待管理的纪律检查建议书"
    summary = "部分委室公务接待审批手续不全，建议完善接待清单制度"


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InquiryLetter

    organ = factory.SelfAttribute("subject.organ")
    number = factory.Sequence(lambda n: f"驻机关纪检组函〔2026〕{n + 1}号")
    received_on = DAY


class GiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gift

    organ = factory.SelfAttribute("person.organ")
    received_on = DAY
    giver = "某协会"
    description = "纪念品（茶叶两盒）"
    value = "300.00"
    registered_on = dt.date(2026, 3, 5)
    handed_in_on = dt.date(2026, 3, 5)
    handling = GiftHandling.HANDED_IN
