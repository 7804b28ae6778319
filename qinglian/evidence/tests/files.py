"""Files for the evidence tests, built in memory."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile


def stored_files(media: Path) -> list[Path]:
    """Every file in the evidence store (the staging directory must be empty after each upload)."""
    root = media / "evidence"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def pdf_bytes(text: str = "会议纪要") -> bytes:
    body = f"1 0 obj<</Type/Catalog>>endobj\n% {text}\n".encode()
    return b"%PDF-1.4\n" + body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("谈心谈话记录")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "签到表"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def exe_bytes() -> bytes:
    header = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48
    return header + b"This program cannot be run in DOS mode."


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
