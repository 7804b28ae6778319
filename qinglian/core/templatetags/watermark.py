"""`{% watermark %}`: the viewer's name-and-time watermark (qinglian/core/watermark.py) for the page's
`{% block watermark %}`. Nothing for an anonymous visitor or when QINGLIAN_WATERMARK is off."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString

from qinglian.core.watermark import watermark_html, watermark_opacity, watermark_text

register = template.Library()


@register.simple_tag(takes_context=True)
def watermark(context: template.Context) -> SafeString | str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not getattr(settings, "QINGLIAN_WATERMARK", True) or user is None or not user.is_authenticated:
        return ""
    # The wall clock, not the demo clock: the mark says when the page was really seen.
    text = watermark_text(viewer=str(user), username=user.get_username(), at=timezone.localtime())
    return watermark_html(text=text, opacity=watermark_opacity())
