"""Factories for the duty ledgers: a published list of the current year with one item led by unit A."""

from __future__ import annotations

import datetime as dt
import hashlib

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from qinglian.duty.choices import AssignmentRole, ListStatus, Recurrence
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, OversightNotice, ResponsibilityLetter
from qinglian.evidence.models import Evidence


def this_year() -> int:
    return timezone.localdate().year


class DutyListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyList

    year = factory.LazyFunction(this_year)
    title = factory.LazyAttribute(lambda o: f"{o.year}年全面从严治党主体责任清单")
    status = ListStatus.PUBLISHED
    published_on = factory.LazyAttribute(lambda o: dt.date(o.year, 1, 15))


class DutyItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyItem

    organ = factory.SelfAttribute("duty_list.organ")
    order = factory.Sequence(lambda n: n + 1)
    content = factory.Sequence(lambda n: f"落实第{n}项全面从严治党任务")
    deadline = factory.LazyAttribute(lambda o: dt.date(o.duty_list.year, 12, 31))
    recurrence = Recurrence.ONCE


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyAssignment

    organ = factory.SelfAttribute("item.organ")
    role = AssignmentRole.LEAD


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponsibilityLetter

    year = factory.LazyFunction(this_year)


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OversightNotice

    number = factory.Sequence(lambda n: f"督办〔2026〕{n + 1}号")
    issued_on = factory.LazyFunction(timezone.localdate)
    reason = "任务推进滞后"
    reply_due = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))


def evidence_on(target, by, name: str = "完成情况.pdf") -> Evidence:
    """An evidence row on `target` without a file on disk, enough for what counts files (申请销号 needs one);
    the same name twice is the same row."""
    digest = hashlib.sha256(f"{target._meta.label}#{target.pk}#{name}".encode()).hexdigest()
    evidence, _ = Evidence.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        sha256=digest,
        defaults={
            "organ_id": target.organ_id,
            "original_name": name,
            "stored_path": f"evidence/{target.organ_id}/test/{digest}.pdf",
            "size": 1024,
            "kind": "pdf",
            "mime": "application/pdf",
            "uploaded_by": by,
        },
    )
    return evidence
