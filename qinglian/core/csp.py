"""Content-Security-Policy on every HTML answer (等保 2.0 8.1.4.4 入侵防范; issue #13 item 7).

Scripts run only from our own static files: no inline <script>, no on*= handlers, no eval (htmx's `hx-on` and
trigger filters need eval, so htmx is configured with allowEval false in base.html and nothing uses them).
Behaviour lives in core/static/core/*.js driven by data-* attributes; chart options travel as JSON in data
attributes. Styles allow 'unsafe-inline': Bootstrap's components, ECharts' SVG renderer and about 25 templates
set style attributes, and a style cannot run code. Images may be data: URIs (the watermark is an SVG one).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy_header() -> str:
    return "; ".join(f"{name} {value}" for name, value in POLICY.items())


class ContentSecurityPolicyMiddleware:
    """Adds the policy to HTML answers that do not carry one; JSON, files and static assets need none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(settings, "QINGLIAN_CSP", True):
            return response
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", self.header)
        return response
