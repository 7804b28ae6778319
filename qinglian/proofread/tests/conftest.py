"""The proofreading engine is a plain library: its tests need no Django and no database.

The project's root conftest.py has an autouse fixture that needs pytest-django's `settings`;
overriding it by name here keeps `pytest qinglian/proofread -p no:django` independent.
"""

import pytest


@pytest.fixture(autouse=True)
def _test_settings():
    yield
