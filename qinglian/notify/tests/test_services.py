"""notify(): one message per (recipient, key), outbox rows per configured channel, and reading."""

from __future__ import annotations

import pytest
from django.db import transaction

from qinglian.core.errors import InvalidInput, NotFound
from qinglian.notify.choices import Channel, MessageKind, OutboxStatus
from qinglian.notify.models import Message, OutboxItem
from qinglian.notify.selectors import unread_count
from qinglian.notify.services import mark_all_read, message_mark_read, notify
from qinglian.org.tests.factories import OrganFactory


@pytest.fixture
def channels_on(settings):
    settings.QINGLIAN_EMAIL_ENABLED = True
    settings.QINGLIAN_WEBHOOK_URL = "http://127.0.0.1:9/hook"


def _notify(recipients, key="finding:1:remind:20261130", **extra):
    defaults = {"kind": MessageKind.REMINDER, "subject": "即将到期：谈心谈话", "body": "请于11月30日前完成。"}
    return notify(recipients=recipients, key=key, **{**defaults, **extra})


def test_it_notifies_twice_with_the_same_key_but_makes_one_message_and_one_row_per_channel(
    channels_on, cadre_same_unit
):
    cadre_same_unit.email = "cadre@example.cn"
    cadre_same_unit.save()
    first = _notify([cadre_same_unit])
    second = _notify([cadre_same_unit])
    assert [m.pk for m in first] == [m.pk for m in second]
    assert first[0].is_new and not second[0].is_new
    assert Message.objects.count() == 1
    rows = OutboxItem.objects.order_by("channel")
    assert [(r.channel, r.address) for r in rows] == [
        (Channel.EMAIL, "cadre@example.cn"),
        (Channel.WEBHOOK, "http://127.0.0.1:9/hook"),
    ]
    assert rows[0].idempotency_key == f"finding:1:remind:20261130:{cadre_same_unit.pk}:email"
    assert all(r.status == OutboxStatus.PENDING for r in rows)


def test_it_sends_nothing_outside_when_no_channel_is_configured(cadre_same_unit):
    _notify([cadre_same_unit])
    assert Message.objects.count() == 1
    assert OutboxItem.objects.count() == 0


def test_it_skips_email_for_a_recipient_without_an_address(channels_on, cadre_same_unit):
    _notify([cadre_same_unit])
    assert list(OutboxItem.objects.values_list("channel", flat=True)) == [Channel.WEBHOOK]


def test_it_makes_one_message_per_recipient_and_ignores_repeats_and_disabled_accounts(
    cadre_same_unit, cadre_other_unit, unit_head
):
    unit_head.is_active = False
    unit_head.save()
    messages = _notify([cadre_same_unit, cadre_other_unit, cadre_same_unit, unit_head])
    assert sorted(m.recipient_id for m in messages) == sorted([cadre_same_unit.pk, cadre_other_unit.pk])
    assert {m.organ_id for m in messages} == {cadre_same_unit.organ_id}


def test_a_message_made_in_a_rolled_back_transaction_leaves_nothing_to_send(channels_on, cadre_same_unit):
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify([cadre_same_unit])
        raise RuntimeError("the caller's work failed")
    assert Message.objects.count() == 0
    assert OutboxItem.objects.count() == 0


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "relative/path"])
def test_it_rejects_a_link_that_leaves_the_site(cadre_same_unit, link):
    with pytest.raises(InvalidInput):
        _notify([cadre_same_unit], link=link)


@pytest.mark.parametrize("key", ["", "带汉字的键", "has space"])
def test_it_rejects_a_key_that_cannot_travel_in_a_header(cadre_same_unit, key):
    with pytest.raises(InvalidInput):
        _notify([cadre_same_unit], key=key)


def test_it_rejects_an_unknown_kind(cadre_same_unit):
    with pytest.raises(InvalidInput):
        _notify([cadre_same_unit], kind="gossip")


def test_it_refuses_a_recipient_of_another_organ(cadre_same_unit):
    other = OrganFactory(code="other-organ")
    with pytest.raises(InvalidInput):
        _notify([cadre_same_unit], organ=other)


def test_it_marks_a_message_read_once(cadre_same_unit):
    [message] = _notify([cadre_same_unit])
    message_mark_read(message=message, user=cadre_same_unit)
    first = message.read_at
    assert first is not None
    message_mark_read(message=message, user=cadre_same_unit)
    assert message.read_at == first


def test_it_refuses_to_mark_another_persons_message(cadre_same_unit, sysadmin):
    [message] = _notify([cadre_same_unit])
    with pytest.raises(NotFound):
        message_mark_read(message=message, user=sysadmin)
    message.refresh_from_db()
    assert message.read_at is None


def test_it_counts_unread_messages_and_marks_all_read(cadre_same_unit, cadre_other_unit):
    _notify([cadre_same_unit], key="a")
    _notify([cadre_same_unit], key="b")
    _notify([cadre_other_unit], key="a")
    assert unread_count(cadre_same_unit) == 2
    assert mark_all_read(user=cadre_same_unit) == 2
    assert unread_count(cadre_same_unit) == 0
    assert unread_count(cadre_other_unit) == 1
