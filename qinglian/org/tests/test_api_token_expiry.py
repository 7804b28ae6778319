"""API tokens expire after QINGLIAN_API_TOKEN_DAYS (default 90) and are then refused with the Chinese 401."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from qinglian.org.models import ApiToken
from qinglian.org.services import api_token_create


def _get(client, token: str):
    return client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_fresh_token_works(client, cadre_same_unit):
    _, token = api_token_create(user=cadre_same_unit, name="对接")
    assert _get(client, token).status_code == 200


def test_an_expired_token_is_refused_in_chinese(client, cadre_same_unit, settings):
    settings.QINGLIAN_API_TOKEN_DAYS = 90
    row, token = api_token_create(user=cadre_same_unit, name="对接")
    ApiToken.objects.filter(pk=row.pk).update(created_at=timezone.now() - dt.timedelta(days=90, seconds=1))
    response = _get(client, token)
    assert response.status_code == 401
    assert response.json()["message"] == "请先登录或提供有效的令牌"
    row.refresh_from_db()
    assert row.last_used_at is None  # refused before it counted as used


def test_a_token_one_day_short_of_the_limit_still_works(client, cadre_same_unit, settings):
    settings.QINGLIAN_API_TOKEN_DAYS = 90
    row, token = api_token_create(user=cadre_same_unit, name="对接")
    ApiToken.objects.filter(pk=row.pk).update(created_at=timezone.now() - dt.timedelta(days=89))
    assert _get(client, token).status_code == 200
