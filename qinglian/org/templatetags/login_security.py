"""`{% idle_timer %}`: the idle-timeout warning script with its settings as data-* attributes (no inline
script, so a Content-Security-Policy without 'unsafe-inline' holds)."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from qinglian.org.auth import sessions

register = template.Library()


@register.simple_tag
def idle_timer() -> str:
    return format_html(
        '<script src="{}" data-idle-seconds="{}" data-warn-seconds="{}" data-status-url="{}" data-ping-url="{}">'
        "</script>",
        static("core/idle.js"),
        sessions.idle_seconds(),
        sessions.warning_seconds(),
        reverse("session_status"),
        reverse("session_ping"),
    )
