"""The page watermark: the viewer's name and the time, faint and diagonal, over pages that show personal or
confidential data (issue #13 item 7), as government systems in China commonly carry, so that a photograph or a
printout of a roster or a heart-to-heart talk says who looked at it and when.

Server-rendered inline SVG (a repeated <pattern> of text), not a script and not a CSS background: it needs no
exception in the Content-Security-Policy and it prints, because browsers drop background images when printing
but not content. A page opts in with `{% block watermark %}{% watermark %}{% endblock %}` (core/templatetags/
watermark.py); QINGLIAN_WATERMARK turns it off everywhere, QINGLIAN_WATERMARK_OPACITY sets how faint it is.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

DEFAULT_OPACITY = 0.08
# Faint enough to read the page through, visible enough to show on a photograph; outside this the setting is
# a mistake and the default applies.
OPACITY_RANGE = (0.01, 0.5)


def watermark_opacity() -> float:
    raw = getattr(settings, "QINGLIAN_WATERMARK_OPACITY", DEFAULT_OPACITY)
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return DEFAULT_OPACITY
    low, high = OPACITY_RANGE
    return value if low <= value <= high else DEFAULT_OPACITY


def watermark_text(*, viewer: str, username: str, at: dt.datetime) -> str:
    """`张三（zhangsan） 2026-12-07 14:05`: the name a colleague recognises, the login that is unique."""
    who = viewer if viewer == username else f"{viewer}（{username}）"
    return f"{who} {at:%Y-%m-%d %H:%M}"


def watermark_html(*, text: str, opacity: float) -> SafeString:
    """A fixed overlay that lets clicks through; two staggered rows of the text in each tile of the pattern."""
    return format_html(
        '<div class="qinglian-watermark" aria-hidden="true" data-testid="watermark" data-watermark-text="{text}">'
        '<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%">'
        '<defs><pattern id="qinglian-watermark-tile" width="420" height="240" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(-24)">'
        '<text x="0" y="60" font-size="16" fill="#000" fill-opacity="{opacity}">{text}</text>'
        '<text x="210" y="180" font-size="16" fill="#000" fill-opacity="{opacity}">{text}</text>'
        "</pattern></defs>"
        '<rect width="100%" height="100%" fill="url(#qinglian-watermark-tile)"/></svg></div>',
        text=text,
        opacity=f"{opacity:.3f}",
    )
