"""Factories for the notify app."""

from __future__ import annotations

import factory

from qinglian.notify.choices import MessageKind
from qinglian.notify.models import Message
from qinglian.org.tests.factories import UserFactory


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    recipient = factory.SubFactory(UserFactory)
    organ = factory.SelfAttribute("recipient.organ")
    kind = MessageKind.REMINDER
    subject = factory.Sequence(lambda n: f"提醒事项{n}")
    body = "请按时完成。"
    key = factory.Sequence(lambda n: f"test:{n}")
