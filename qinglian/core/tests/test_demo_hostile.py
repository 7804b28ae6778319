"""No page answers 500 to hostile query strings (issue #13: "a hostile sweep finds no server error"): as the
persons who see the most, every page of the demo organ whose URL needs no argument, and one of every other kind
linked from them, is asked again with numbers no column holds, a NUL, negative and non-numeric ids and years, and an
unknown export format. Each answer is a page or a refusal (2xx–4xx), never a server error.

The module's name starts with test_demo so that it shares the demo organ's build with the other readers."""

from __future__ import annotations

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
