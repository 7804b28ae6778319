"""API tokens expire (等保 8.1.4.1: 鉴别信息定期更换): a token older than QINGLIAN_API_TOKEN_DAYS is refused with
the API's Chinese 401 body. The age counts from the token's creation, so shortening the parameter retires old
tokens at once; a new token is made with `qinglian apitoken`."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from qinglian.org.models import ApiToken
from qinglian.org.services import token_digest


def token_lifetime() -> dt.timedelta:
    return dt.timedelta(days=max(int(settings.QINGLIAN_API_TOKEN_DAYS), 1))


def token_expires_at(token: ApiToken) -> dt.datetime:
    return token.created_at + token_lifetime()


def api_token_expired(token: str) -> bool:
    """True for a known token past its lifetime (an unknown one is the ordinary 401 of api_token_user)."""
    created = ApiToken.objects.filter(digest=token_digest(token)).values_list("created_at", flat=True).first()
    return created is not None and created + token_lifetime() <= timezone.now()
