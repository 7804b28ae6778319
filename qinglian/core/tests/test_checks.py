"""Production without collected static files, or without its keys, refuses to start with a Chinese reason instead
of answering every page 500 or running on stand-in keys (core/checks.py, config/wsgi.py)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from qinglian.core.checks import _shipped_files, refuse_to_serve_misconfigured, static_files_collected

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def production(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    return tmp_path


def _manifest(root, paths) -> None:
    (root / "staticfiles.json").write_text(json.dumps({"paths": {p: p for p in paths}, "version": "1.1"}))


def test_it_fails_with_a_chinese_message_when_nothing_was_collected(production):
    (error,) = static_files_collected()
    assert error.id == "qinglian.E001"
    assert "静态文件尚未收集" in error.msg and "collectstatic" in error.hint
    with pytest.raises(ImproperlyConfigured, match="静态文件尚未收集"):
        refuse_to_serve_misconfigured()


def test_it_fails_when_the_collected_files_are_from_an_older_version(production):
    shipped = sorted(_shipped_files())
    _manifest(production, shipped[1:])
    (error,) = static_files_collected()
    assert error.id == "qinglian.E002" and shipped[0] in error.msg


def test_it_passes_once_everything_is_collected(production):
    # The real command, not a manifest made from the check's own list: the check once forgot the "vendor/…"
    # prefixes of the npm directories and refused a production whose static files were all collected.
    call_command("collectstatic", "--noinput", verbosity=0)
    assert any(path.startswith("vendor/bootstrap/") for path in _shipped_files())
    assert static_files_collected() == []
    refuse_to_serve_misconfigured()


def test_it_says_nothing_in_debug(settings, production):
    settings.DEBUG = True
    assert static_files_collected() == []


def test_production_without_the_data_or_audit_key_refuses_to_start(production, settings, monkeypatch):
    """The WSGI start runs the deployment checks too: without the keys, production does not serve on stand-ins."""
    _manifest(production, _shipped_files())
    settings.QINGLIAN_DATA_KEY = settings.QINGLIAN_AUDIT_KEY = ""
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)  # what lets a test run on the development keys
    with pytest.raises(ImproperlyConfigured) as refused:
        refuse_to_serve_misconfigured()
    assert "QINGLIAN_DATA_KEY" in str(refused.value) and "QINGLIAN_AUDIT_KEY" in str(refused.value)
    settings.QINGLIAN_DATA_KEY = settings.QINGLIAN_AUDIT_KEY = "k" * 48
    refuse_to_serve_misconfigured()
