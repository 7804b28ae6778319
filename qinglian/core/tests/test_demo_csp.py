"""Every page obeys the Content-Security-Policy it is sent with (issue #13 item 7): as the party-affairs
officer of the demo organ, every page whose URL needs no argument, then one page of every other kind linked
from them (details, forms, print views), carries the policy and has no inline script, no on*= handler and no
htmx hx-on (which would need eval). A template left with `onclick="window.print()"` fails here.

The module's name starts with test_demo so that it shares the demo organ's build with the other readers."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from qinglian.core.testing import DemoSpec
from qinglian.org.models import User

ORGAN = DemoSpec(seed=2026, today=dt.date(2026, 6, 30))  # the org demo tests' build (org/tests/test_demo.py)
# Not pages: the session's end, the API (JSON, its docs are Ninja's own) and Django's admin.
SKIP_PREFIXES = ("/logout", "/api/", "/admin/", "/static/")
HANDLER = re.compile(r"^on[a-z]+$")


class _Offences(HTMLParser):
    """Collects what the policy forbids: inline scripts (JSON data blocks excepted), on*= handlers, hx-on,
    javascript: links; and the page's same-site links for the next round."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.offences: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and not named.get("src") and named.get("type") != "application/json":
            self.offences.append("inline <script>")
        for name, value in attrs:
            if HANDLER.match(name) or name.startswith(("hx-on", "data-hx-on")):
                self.offences.append(f"{name}={value!r}")
            if name in ("href", "action", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.offences.append(f"{name}={value!r}")
        if tag == "a" and named.get("href", "").startswith("/"):
            self.links.append(named["href"])


def _no_argument_paths() -> list[str]:
    paths = set()
    for name in get_resolver().reverse_dict:
        if not isinstance(name, str):
            continue
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            continue  # needs an argument: reached through a link instead
    return sorted(p for p in paths if not p.startswith(SKIP_PREFIXES))


def _url_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def _check(client: Client, path: str, offences: dict[str, list[str]]) -> list[str] | None:
    """Checks one page and returns its links; None if it is not a page this persona may see."""
    response = client.get(path)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return None
    policy = response.get("Content-Security-Policy", "")
    parser = _Offences()
    parser.feed(response.content.decode())
    found = parser.offences + ([] if "script-src 'self';" in policy else [f"policy missing: {policy!r}"])
    if found:
        offences[path] = found
    return parser.links


@pytest.mark.demo_build(ORGAN)
@pytest.mark.parametrize(
    ("persona", "reach"),
    # The officer sees the most business pages; the administrators their own (accounts, locks, audit log).
    [("party_officer", 80), ("secadmin", 10), ("auditadmin", 5)],
)
def test_every_page_has_the_policy_and_no_inline_script_or_handler(shared_demo, persona, reach):
    user = User.objects.get(username=shared_demo.accounts[persona].username)
    TOTPDevice.objects.filter(user=user).delete()  # the sweep is about pages, not the second factor
    client = Client()
    client.force_login(user)
    offences: dict[str, list[str]] = {}
    seen_names: set[str] = set()
    checked = 0
    links: list[str] = []
    for path in _no_argument_paths():
        seen_names.add(_url_name(path) or path)
        found = _check(client, path, offences)
        checked += found is not None
        links += found or []
    for link in links:  # one page of each other kind, reached the way a person reaches it
        name = _url_name(link)
        if name is None or name in seen_names or link.startswith(SKIP_PREFIXES):
            continue
        seen_names.add(name)
        checked += _check(client, link, offences) is not None
    assert offences == {}
    assert checked >= reach, f"only {checked} pages checked: the sweep lost its reach"
