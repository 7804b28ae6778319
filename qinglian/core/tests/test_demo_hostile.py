"""No page answers 500 to hostile query strings (issue #13: "a hostile sweep finds no server error"): as the
persons who see the most, every page of the demo organ whose URL needs no argument, and one of every other kind
linked from them, is asked again with numbers no column holds, a NUL, negative and non-numeric ids and years, and an
unknown export format. Each answer is a page or a refusal (2xx–4xx), never a server error.

The module's name starts with test_demo so that it shares the demo organ's build with the other readers."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from qinglian.core.tests.test_demo_csp import ORGAN, SKIP_PREFIXES, _no_argument_paths, _Offences, _url_name
from qinglian.org.models import User

HOSTILE = (
    "page=99999999999999999999&year=99999999999&unit=99999999999999999999",
    "page=-1&year=-5&unit=-1&person=abc&branch=%00",
    "q=%00%01%1b&search=%27%22%3Cscript%3E&status=%00",
    "format=xlsx&year=abc&month=13&quarter=9&as_of=9999-99-99",
    "format=docx&date=0000-00-00&start=2026-13-40&end=x",
)


def _pages(client: Client) -> list[str]:
    """The no-argument pages this persona may open, then one page of every other kind they link to."""
    pages, links, names = [], [], set()
    for path in _no_argument_paths():
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(path)
            names.add(_url_name(path))
            parser = _Offences()
            parser.feed(response.content.decode())
            links += parser.links
    for link in links:
        name = _url_name(link)
        if name is not None and name not in names and not link.startswith(SKIP_PREFIXES):
            names.add(name)
            pages.append(link.split("?")[0])
    return pages


@pytest.mark.demo_build(ORGAN)
@pytest.mark.parametrize("persona", ["party_officer", "cadre", "supervisor"])
def test_no_page_answers_a_hostile_query_with_a_server_error(shared_demo, persona):
    user = User.objects.get(username=shared_demo.accounts[persona].username)
    TOTPDevice.objects.filter(user=user).delete()  # the sweep is about pages, not the second factor
    client = Client(raise_request_exception=False)
    client.force_login(user)
    pages = _pages(client)
    errors = []
    for path in pages:
        for query in HOSTILE:
            response = client.get(f"{path}?{query}")
            if response.status_code >= 500:
                errors.append(f"{path}?{query} → {response.status_code}")
    assert errors == []
    assert len(pages) >= 20, f"only {len(pages)} pages: the sweep lost its reach"


# --- hostile form bodies --------------------------------------------------------------------------------------------

HOSTILE_VALUES = (
    "99999999999999999999",
    "-1",
    "\x00abc\x1b",
    "<script>alert(1)</script>'\"",
    "9999-99-99",
    "长" * 20000,
)


class _Forms(HTMLParser):
    """The POST forms of a page: their action and the names of their fields (the CSRF token aside)."""

    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.forms: list[tuple[str, set[str]]] = []
        self._open: tuple[str, set[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "form":
            method = (named.get("method") or "get").lower()
            self._open = (named.get("action") or self.path, set()) if method == "post" else None
        elif tag in {"input", "select", "textarea", "button"} and self._open is not None:
            name = named.get("name")
            if name and name != "csrfmiddlewaretoken" and named.get("type") != "file":
                self._open[1].add(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._open is not None:
            self.forms.append(self._open)
            self._open = None


def _post_forms(client: Client, pages: list[str]) -> dict[str, set[str]]:
    """One form per kind of action (by URL name), with the union of the fields seen for it."""
    forms: dict[str, tuple[str, set[str]]] = {}
    for path in pages:
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        parser = _Forms(path)
        parser.feed(response.content.decode())
        for action, fields in parser.forms:
            action = urljoin(path, action)
            name = _url_name(action)
            if name is None or action.startswith(SKIP_PREFIXES):
                continue
            forms.setdefault(name, (action, set()))[1].update(fields)
    return dict(forms.values())


@pytest.mark.demo_build(ORGAN)
@pytest.mark.parametrize("persona", ["party_officer", "cadre", "supervisor"])
def test_no_form_answers_a_hostile_body_with_a_server_error(shared_demo, persona):
    """Every POST form a persona meets, sent with every field set to a value no column holds, a NUL and controls,
    script text, an impossible date and an oversized text: a page or a refusal, never a server error."""
    user = User.objects.get(username=shared_demo.accounts[persona].username)
    TOTPDevice.objects.filter(user=user).delete()
    client = Client(raise_request_exception=False)
    client.force_login(user)
    forms = _post_forms(client, _pages(client))
    errors = []
    for action, fields in sorted(forms.items()):
        for value in HOSTILE_VALUES:
            response = client.post(action, {name: value for name in fields})
            if response.status_code >= 500:
                errors.append(f"POST {action} {sorted(fields)} ← {value[:20]!r} → {response.status_code}")
            if "_auth_user_id" not in client.session:  # a form that ends the session: carry on logged in
                client.force_login(user)
    assert errors == []
    assert len(forms) >= 5, f"only {len(forms)} forms: the sweep lost its reach"
