"""The client address, read exactly as the audit log reads it (audit.services.client_ip: REMOTE_ADDR, or behind
our own proxy when QINGLIAN_TRUST_PROXY is on, the last X-Forwarded-For entry). org sits below audit and may not
import it; a test holds the two readings equal. (One copy in core would be better; the audit app owns its own.)"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    raw = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "QINGLIAN_TRUST_PROXY", False):
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if forwarded:
            raw = forwarded[-1]
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return ""
