"""The sender: webhook and e-mail delivery, retries with backoff, leases, and the command."""

from __future__ import annotations

import datetime as dt
import json

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from qinglian.notify.choices import Channel, MessageKind, OutboxStatus
from qinglian.notify.models import OutboxItem
from qinglian.notify.sender import backoff, claim_batch, send_batch, send_due
from qinglian.notify.services import notify


def _notify(user, key="finding:7:remind:20261130"):
    return notify(
        recipients=[user],
        kind=MessageKind.REMINDER,
        subject="即将到期：谈心谈话",
        body="请于11月30日前完成。",
        key=key,
        link="/compliance/findings/7/",
    )


def _row(channel=Channel.WEBHOOK) -> OutboxItem:
    return OutboxItem.objects.get(channel=channel)


def test_backoff_doubles_from_one_minute_up_to_the_cap():
    waits = [backoff(n, cap_minutes=10).total_seconds() / 60 for n in range(1, 7)]
    assert waits == [1, 2, 4, 8, 10, 10]


def test_it_posts_the_json_body_and_the_idempotency_key_to_the_webhook(webhook, cadre_same_unit):
    _notify(cadre_same_unit)
    report = send_batch(worker="w1", batch=10)
    assert report.sent == 1
    [got] = webhook.received
    key = f"finding:7:remind:20261130:{cadre_same_unit.pk}:webhook"
    assert got["headers"]["Idempotency-Key"] == key
    assert got["headers"]["Content-Type"].startswith("application/json")
    body = got["json"]
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["title"] == "即将到期：谈心谈话"
    assert "请于11月30日前完成。" in body["markdown"]["text"]
    assert body["key"] == key
    assert body["link"] == "https://qinglian.example.gov.cn/compliance/findings/7/"
    assert body["recipient"]["username"] == "cadre_same_unit"
    row = _row()
    assert (row.status, row.attempts, row.claimed_until) == (OutboxStatus.SENT, 1, None)
    assert row.sent_at is not None


def test_a_failing_webhook_is_retried_with_growing_backoff_and_given_up_after_max_attempts(
    webhook, settings, cadre_same_unit
):
    settings.QINGLIAN_NOTIFY_MAX_ATTEMPTS = 3
    webhook.status = 500
    _notify(cadre_same_unit)
    waits = []
    for attempt in (1, 2):
        before = timezone.now()
        assert send_batch(worker="w1", batch=10).failed == 1
        row = _row()
        assert (row.status, row.attempts) == (OutboxStatus.FAILED, attempt)
        assert "HTTP 500" in row.last_error
        waits.append(row.next_attempt_at - before)
        assert send_batch(worker="w1", batch=10).handled == 0  # not due yet
        OutboxItem.objects.update(next_attempt_at=timezone.now())  # let the clock run
    assert dt.timedelta(minutes=1) <= waits[0] < dt.timedelta(minutes=1, seconds=5)
    assert dt.timedelta(minutes=2) <= waits[1] < dt.timedelta(minutes=2, seconds=5)
    assert send_batch(worker="w1", batch=10).dead == 1
    row = _row()
    assert (row.status, row.attempts) == (OutboxStatus.DEAD, 3)
    assert len(webhook.received) == 3
    assert send_batch(worker="w1", batch=10).handled == 0  # dead rows stay dead


def test_a_webhook_that_answers_200_with_a_dingtalk_error_code_counts_as_failed(webhook, cadre_same_unit):
    webhook.reply = json.dumps({"errcode": 310000, "errmsg": "sign not match"}).encode()
    _notify(cadre_same_unit)
    assert send_batch(worker="w1", batch=10).failed == 1
    assert "310000" in _row().last_error


def test_a_redirect_is_a_failure_and_is_not_followed(webhook, cadre_same_unit):
    webhook.status = 302
    _notify(cadre_same_unit)
    assert send_batch(worker="w1", batch=10).failed == 1
    assert "HTTP 302" in _row().last_error
    assert len(webhook.received) == 1


def test_an_unreachable_webhook_is_retried(settings, cadre_same_unit):
    settings.QINGLIAN_WEBHOOK_URL = "http://127.0.0.1:9/hook"  # the discard port: connection refused
    _notify(cadre_same_unit)
    assert send_batch(worker="w1", batch=10).failed == 1
    assert "无法连接" in _row().last_error


def test_a_webhook_address_that_is_not_http_is_given_up_at_once(settings, cadre_same_unit):
    settings.QINGLIAN_WEBHOOK_URL = "file:///etc/passwd"
    _notify(cadre_same_unit)
    assert send_batch(worker="w1", batch=10).dead == 1


def test_it_sends_email_with_the_key_in_the_headers(settings, cadre_same_unit):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.QINGLIAN_EMAIL_ENABLED = True
    settings.QINGLIAN_BASE_URL = "https://qinglian.example.gov.cn"
    cadre_same_unit.email = "cadre@example.cn"
    cadre_same_unit.save()
    _notify(cadre_same_unit)
    assert send_batch(worker="w1", batch=10).sent == 1
    [sent] = mail.outbox
    key = f"finding:7:remind:20261130:{cadre_same_unit.pk}:email"
    assert sent.to == ["cadre@example.cn"]
    assert sent.subject == "即将到期：谈心谈话"
    assert sent.extra_headers["X-Qinglian-Key"] == key
    assert sent.extra_headers["Message-ID"].endswith("@qinglian.example.gov.cn>")
    assert "https://qinglian.example.gov.cn/compliance/findings/7/" in sent.body
    assert sent.message()["X-Qinglian-Key"] == key


def test_a_claim_leaves_alone_rows_another_sender_claimed_after_its_select(webhook, cadre_same_unit):
    from qinglian.notify.sender import _candidates, _claim

    _notify(cadre_same_unit)
    now = timezone.now()
    seen_by_both = _candidates(now, 10)  # both senders ran their SELECT before either UPDATE
    assert len(_claim(seen_by_both, worker="first", now=now)) == 1
    assert _claim(seen_by_both, worker="second", now=now) == []
    assert _row().claimed_by == "first"


def test_a_row_whose_lease_expired_is_reclaimed_by_another_sender(webhook, cadre_same_unit):
    _notify(cadre_same_unit)
    [held] = claim_batch(worker="crashed", batch=10)
    assert claim_batch(worker="w2", batch=10) == []  # the lease protects it
    OutboxItem.objects.filter(pk=held.pk).update(claimed_until=timezone.now() - dt.timedelta(seconds=1))
    assert send_batch(worker="w2", batch=10).sent == 1
    row = _row()
    assert (row.status, row.claimed_by, row.attempts) == (OutboxStatus.SENT, "w2", 2)
    assert len(webhook.received) == 1


def test_a_sender_that_lost_its_row_does_not_send_it(webhook, cadre_same_unit):
    _notify(cadre_same_unit)
    [held] = claim_batch(worker="slow", batch=10)
    OutboxItem.objects.filter(pk=held.pk).update(claimed_until=timezone.now() - dt.timedelta(seconds=1))
    assert send_batch(worker="fast", batch=10).sent == 1
    from qinglian.notify.sender import _process

    assert _process(held, "slow") == "lost"
    assert len(webhook.received) == 1
    assert _row().claimed_by == "fast"


def test_a_row_whose_last_attempt_never_reported_back_is_given_up(webhook, settings, cadre_same_unit):
    settings.QINGLIAN_NOTIFY_MAX_ATTEMPTS = 1
    _notify(cadre_same_unit)
    claim_batch(worker="crashed", batch=10)
    OutboxItem.objects.update(claimed_until=timezone.now() - dt.timedelta(seconds=1))
    assert send_batch(worker="w2", batch=10).dead == 1
    assert webhook.received == []


def test_send_due_drains_every_due_row_in_batches(webhook, cadre_same_unit):
    for n in range(7):
        _notify(cadre_same_unit, key=f"k{n}")
    report = send_due(worker="w1", batch=3)
    assert report.sent == 7
    assert len(set(webhook.keys)) == 7


def test_the_command_sends_once_and_prints_what_it_did(webhook, cadre_same_unit, capsys):
    _notify(cadre_same_unit, key="a")
    _notify(cadre_same_unit, key="b")
    call_command("sendnotifications", "--once", "--batch", "1")
    assert "已发送 2 条，失败待重试 0 条，放弃 0 条" in capsys.readouterr().out
    assert OutboxItem.objects.filter(status=OutboxStatus.SENT).count() == 2


def test_a_stopping_sender_gives_back_the_rows_it_has_not_tried(webhook, cadre_same_unit):
    for n in range(3):
        _notify(cadre_same_unit, key=f"k{n}")
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 1  # SIGTERM arrives while the first row is being sent

    report = send_batch(worker="w1", batch=10, stop=stop)
    assert report.sent == 1
    rows = OutboxItem.objects.exclude(status=OutboxStatus.SENT)
    assert [(r.status, r.attempts, r.claimed_until) for r in rows] == [(OutboxStatus.PENDING, 0, None)] * 2
    assert send_batch(worker="w2", batch=10).sent == 2  # at once, not after the lease
