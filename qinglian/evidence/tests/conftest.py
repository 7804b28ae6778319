"""A private MEDIA_ROOT (and STATIC_ROOT) per evidence test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """Every test stores its files under its own tmp_path, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    return settings.MEDIA_ROOT
