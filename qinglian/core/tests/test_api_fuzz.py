"""Schemathesis against the whole API: requests generated from the OpenAPI document (valid and invalid bodies,
queries and paths) as the party-affairs officer, who may write nearly everything. Not one may answer 5xx.

Bounded so that it stays a unit test (under a minute on two idle cores, migrations included): a few examples per
operation, generated deterministically (`derandomize`), so a failure is the same on every run and in CI.
"""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings

from qinglian.core.api import api
from qinglian.org.services import api_token_create

EXAMPLES_PER_OPERATION = 5


@pytest.mark.django_db
def test_no_generated_request_gets_a_server_error(org, party_officer, cadre_same_unit, leader):
    _row, token = api_token_create(user=party_officer, name="schemathesis")
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = WSGIHandler()  # requests go through the middleware, as in production
    # As Django's test client does: a request's end must not close the test's database connection (on PostgreSQL
    # the test's transaction lives on it; SQLite's in-memory test database ignores the close).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        _probe_every_operation(schema, token)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _probe_every_operation(schema, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    server_errors: list[str] = []
    statuses: Counter[int] = Counter()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def probe(case) -> None:
            response = case.call(headers=headers)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                server_errors.append(f"{case.method} {case.formatted_path} → {response.status_code}: {case.body!r}")

        probe()
    assert operations >= 80  # every app's routers are in the document
    assert server_errors == []
    # The requests reached the endpoints as the officer: the token was taken everywhere, many were answered
    # and many refused (the generated bad input), so the run tested the endpoints, not the door.
    assert statuses[401] == 0, statuses
    answered = sum(n for code, n in statuses.items() if code < 300)
    refused = sum(n for code, n in statuses.items() if 400 <= code < 500)
    assert answered >= operations // 2 and refused >= operations // 2, statuses
