"""Browser tests (Playwright + Debian's chromium). The `browser` and `artifacts` fixtures are in the root
conftest.py so that every app's browser tests share one Playwright session."""

import pytest


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
