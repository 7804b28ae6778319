"""`next` after a form: only a path on this site (a bare word made `redirect()` look for a view and answer 500;
a scheme or another host would be an open redirect)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from qinglian.core.http import next_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/duty/tasks/3/", "/duty/tasks/3/"),
        ("/evidence/?a=1", "/evidence/?a=1"),
        ("99999999999999999999", "/back/"),
        ("workbench", "/back/"),
        ("", "/back/"),
        ("//evil.example/", "/back/"),
        ("https://evil.example/", "/back/"),
        ("javascript:alert(1)", "/back/"),
        ("/\\evil.example", "/back/"),
    ],
)
def test_next_is_a_path_on_this_site_or_the_default(given, expected):
    request = RequestFactory().post("/x/", {"next": given})
    assert next_url(request, "/back/") == expected


def test_the_query_string_is_read_when_the_body_has_none():
    request = RequestFactory().get("/x/", {"next": "/org/"})
    assert next_url(request, "/back/") == "/org/"
