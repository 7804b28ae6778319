"""Shared helpers for the 公文审校 tests: files kept in a temporary MEDIA_ROOT, documents built in memory."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

WRONG = "各单位要认真学习,抓好落实。"  # a half-width comma in Chinese text: PUNC-001
CLEAN = "各单位要认真学习，抓好落实。"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def docx_bytes(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A .docx-shaped zip whose document.xml inflates 1000-fold: refused from the central directory alone."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    return out.getvalue()


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
