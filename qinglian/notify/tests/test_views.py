"""我的消息 and 消息发送状态: who sees what, reading, and the shell's badge, menu and card."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from conftest import PERSONAS
from qinglian.core.registry import nav_for
from qinglian.notify.choices import MessageKind
from qinglian.notify.context_processors import notifications
from qinglian.notify.models import Message
from qinglian.notify.services import notify
from qinglian.notify.tests.factories import MessageFactory


def _notify(user, key, subject="即将到期：谈心谈话", link=""):
    [message] = notify(
        recipients=[user], kind=MessageKind.REMINDER, subject=subject, body="请按时完成。", key=key, link=link
    )
    return message


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(reverse("notify_inbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_inbox_shows_only_my_messages(client, cadre_same_unit, cadre_other_unit):
    _notify(cadre_same_unit, "a", subject="给本人的提醒")
    _notify(cadre_other_unit, "a", subject="给别人的提醒")
    client.force_login(cadre_same_unit)
    html = client.get(reverse("notify_inbox")).content.decode()
    assert "给本人的提醒" in html
    assert "给别人的提醒" not in html


@pytest.mark.parametrize("reader", ["sysadmin", "supervisor", "party_officer", "unit_head"])
def test_nobody_reads_or_marks_another_persons_message(client, persona, cadre_same_unit, reader):
    message = _notify(cadre_same_unit, "a", subject="个人消息")
    client.force_login(persona(reader))
    assert "个人消息" not in client.get(reverse("notify_inbox")).content.decode()
    response = client.post(reverse("notify_message_read", args=[message.pk]))
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.read_at is None


def test_marking_read_with_htmx_returns_the_row_and_the_new_count(client, cadre_same_unit):
    first = _notify(cadre_same_unit, "a")
    _notify(cadre_same_unit, "b")
    client.force_login(cadre_same_unit)
    response = client.post(reverse("notify_message_read", args=[first.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="message-{first.pk}"' in html
    assert "已读" in html
    assert 'id="notify-unread-count" hx-swap-oob="true">1<' in html
    assert response["HX-Trigger"] == '{"notifyUnread": {"count": 1}}'
    first.refresh_from_db()
    assert first.read_at is not None


def test_opening_a_message_marks_it_read_and_follows_its_link(client, cadre_same_unit):
    message = _notify(cadre_same_unit, "a", link="/org/people/")
    client.force_login(cadre_same_unit)
    response = client.post(reverse("notify_message_read", args=[message.pk]), {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/org/people/"
    message.refresh_from_db()
    assert message.is_read


def test_marking_read_needs_post(client, cadre_same_unit):
    message = _notify(cadre_same_unit, "a")
    client.force_login(cadre_same_unit)
    assert client.get(reverse("notify_message_read", args=[message.pk])).status_code == 405


def test_mark_all_read_touches_only_my_messages(client, cadre_same_unit, cadre_other_unit):
    _notify(cadre_same_unit, "a")
    _notify(cadre_same_unit, "b")
    _notify(cadre_other_unit, "a")
    client.force_login(cadre_same_unit)
    response = client.post(reverse("notify_mark_all_read"), follow=True)
    assert "已将 2 条消息标为已读" in response.content.decode()
    assert Message.objects.filter(read_at__isnull=True).count() == 1


def test_the_unread_filter_hides_read_messages_and_pages(client, settings, cadre_same_unit):
    settings.QINGLIAN_PAGE_SIZE = 2
    MessageFactory(recipient=cadre_same_unit, subject="已经读过", read_at="2026-11-01T08:00:00+08:00")
    for n in range(3):
        _notify(cadre_same_unit, f"k{n}", subject=f"未读{n}")
    client.force_login(cadre_same_unit)
    unread = client.get(reverse("notify_inbox"), {"show": "unread"})
    assert unread.context["page_obj"].paginator.count == 3
    assert "已经读过" not in unread.content.decode()
    assert client.get(reverse("notify_inbox")).context["page_obj"].paginator.count == 4


def test_the_context_processor_gives_the_unread_count(rf: RequestFactory, cadre_same_unit, cadre_other_unit):
    _notify(cadre_same_unit, "a")
    _notify(cadre_same_unit, "b")
    request = rf.get("/")
    request.user = cadre_same_unit
    assert notifications(request) == {"unread_count": 2}
    request.user = cadre_other_unit
    assert notifications(request) == {"unread_count": 0}


def test_the_context_processor_is_quiet_for_anonymous(rf: RequestFactory, db):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    assert notifications(request) == {"unread_count": 0}


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_every_account_has_my_messages_and_only_the_sysadmin_sees_the_outbox(org, persona, persona_name):
    # `org` up front: a database fixture first requested through getfixturevalue() leaves a PostgreSQL
    # connection open at teardown when a browser test ran before.
    labels = [item.label for _, items in nav_for(persona(persona_name)) for item in items]
    assert "我的消息" in labels
    assert ("消息发送状态" in labels) == (persona_name == "sysadmin")


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_the_outbox_page_opens_for_the_sysadmin_only(client, org, persona, persona_name):
    client.force_login(persona(persona_name))
    response = client.get(reverse("notify_outbox"))
    assert response.status_code == (200 if persona_name == "sysadmin" else 403)


def test_the_outbox_shows_delivery_state_but_not_content_or_secrets(client, settings, sysadmin, cadre_same_unit):
    settings.QINGLIAN_WEBHOOK_URL = "https://relay.example.gov.cn/hook?access_token=very-secret"
    settings.QINGLIAN_EMAIL_ENABLED = True
    cadre_same_unit.email = "zhangsan@example.cn"
    cadre_same_unit.save()
    _notify(cadre_same_unit, "a", subject="机密的标题")
    client.force_login(sysadmin)
    html = client.get(reverse("notify_outbox"), {"status": "pending"}).content.decode()
    assert "https://relay.example.gov.cn/hook?…" in html
    assert "z***@example.cn" in html
    assert "very-secret" not in html
    assert "zhangsan@" not in html
    assert "机密的标题" not in html
    assert "cadre_same_unit" in html


def test_the_workbench_card_lists_unread_messages(client, cadre_same_unit):
    _notify(cadre_same_unit, "a", subject="请完成谈心谈话")
    client.force_login(cadre_same_unit)
    html = client.get(reverse("workbench")).content.decode()
    assert 'data-testid="widget-unread"' in html
    assert "请完成谈心谈话" in html
