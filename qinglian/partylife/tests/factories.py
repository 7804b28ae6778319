"""Factories for the party-life ledgers. Dates default to today, so a row lands in the current period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.choices import DuesCategory, Holder, MeetingKind, StudyKind, TalkRole
from qinglian.partylife.models import DuesRecord, HeartTalk, LostContact, Meeting, StudyRecord
from qinglian.partylife.selectors.dues import Pricer


class MeetingFactory(factory.django.DjangoModelFactory):
    """A branch meeting without agenda or attendance; use services.meeting_record for a complete one."""

    class Meta:
        model = Meeting

    organ = factory.SelfAttribute("branch.organ")
    branch = factory.SubFactory(BranchFactory)
    holder = Holder.BRANCH
    kind = MeetingKind.BRANCH_COMMITTEE_MEETING
    date = factory.LazyFunction(timezone.localdate)
    topic = factory.Sequence(lambda n: f"学习贯彻重要讲话精神（第{n}次）")


class HeartTalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HeartTalk

    organ = factory.SelfAttribute("initiator.organ")
    initiator = factory.SubFactory(PersonFactory)
    initiator_role = TalkRole.COMMITTEE
    counterpart = factory.SubFactory(PersonFactory, unit=factory.SelfAttribute("..initiator.unit"))
    counterpart_role = TalkRole.MEMBER
    date = factory.LazyFunction(timezone.localdate)
    topic = "谈思想、谈工作、谈作风"


class StudyRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyRecord

    organ = factory.SelfAttribute("person.organ")
    person = factory.SubFactory(PersonFactory)
    kind = StudyKind.ONLINE
    date = factory.LazyFunction(timezone.localdate)
    title = factory.Sequence(lambda n: f"网络学院专题课程{n}")
    hours = Decimal("2.0")


class DuesRecordFactory(factory.django.DjangoModelFactory):
    """A month of dues priced by the standard in force (the shipped 2008 brackets), paid in full on the 10th (or
    today, in the current month). `DuesRecordFactory(paid=0)` is a month 欠缴. No service checks:
    use services.dues for those."""

    class Meta:
        model = DuesRecord

    class Params:
        price = factory.LazyAttribute(
            lambda o: Pricer(o.organ.pk).price(month=o.month, category=o.category, income=o.base_income)
        )

    organ = factory.SelfAttribute("person.organ")
    person = factory.SubFactory(PersonFactory)
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    category = DuesCategory.SERVING
    base_income = Decimal("6000.00")
    standard = factory.SelfAttribute("price.standard")
    rate = factory.SelfAttribute("price.rate")
    dues = factory.SelfAttribute("price.dues")
    paid = factory.SelfAttribute("dues")
    paid_on = factory.LazyAttribute(
        lambda o: min(o.month + dt.timedelta(days=9), timezone.localdate()) if o.paid else None
    )


class LostContactFactory(factory.django.DjangoModelFactory):
    """A member out of touch since 1 March 2026, still searched for. No service checks: use services.contact."""

    class Meta:
        model = LostContact

    organ = factory.SelfAttribute("person.organ")
    person = factory.SubFactory(PersonFactory)
    lost_since = dt.date(2026, 3, 1)
    searches = "电话、微信多次联系未果；已走访家属"
