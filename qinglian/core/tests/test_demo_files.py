"""The demo's generated evidence files (core/demo_files.py): well-formed PDFs and PNGs that the evidence app accepts
as what they say they are, the same bytes for the same generator, and — where poppler is installed — a PDF whose
Chinese text a reader extracts."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import struct
import subprocess
import zlib
from zoneinfo import ZoneInfo

import pytest

from qinglian.core.demo_files import Signature, pdf_document, png_meeting
from qinglian.evidence.sniff import DEFAULT_TYPES, sniff

WHEN = dt.datetime(2026, 3, 5, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def _pdf(seed: int = 1, paragraphs: int = 3, **kw) -> bytes:
    return pdf_document(
        "机关第一党支部支部委员会会议记录",
        ["会议由张明主持，李华记录。应到5人，实到5人。会议首先学习了第一议题，随后按议程进行。"] * paragraphs,
        meta=[("时间", "2026年3月5日 09:00—10:30"), ("地点", "机关三楼会议室")],
        signatures=[Signature("主持人：", "张明", WHEN.date()), Signature("记录人：", "李华", WHEN.date())],
        created=WHEN,
        rng=random.Random(seed),
        **kw,
    )


def _objects(pdf: bytes) -> dict[int, int]:
    """Object number → its offset, from the cross-reference table; checked against the file."""
    xref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", pdf).group(1))
    assert pdf[xref:].startswith(b"xref\n0 ")
    count = int(pdf[xref:].split(b"\n")[1].split()[1])
    entries = pdf[xref:].split(b"\n")[3 : 3 + count - 1]
    offsets = {n: int(line[:10]) for n, line in enumerate(entries, start=1)}
    for number, offset in offsets.items():
        assert pdf[offset:].startswith(f"{number} 0 obj\n".encode()), number
    return offsets


def test_a_pdf_is_well_formed_and_accepted_as_a_pdf():
    pdf = _pdf()
    assert pdf.startswith(b"%PDF-1.4\n") and len(pdf) < 8000
    offsets = _objects(pdf)
    assert len(offsets) == 8  # catalog, page tree, the font (three objects), one page and its content, the info
    assert sniff(pdf, "会议记录.pdf", allowed=DEFAULT_TYPES).kind == "pdf"
    streams = re.findall(rb"stream\n(.*?)\nendstream", pdf, re.S)
    text = zlib.decompress(streams[0])
    assert "张明".encode("utf-16-be").hex().upper().encode() in text  # UCS-2 for UniGB-UCS2-H
    assert b"/BaseFont /STSong-Light /Encoding /UniGB-UCS2-H" in pdf


def test_a_long_document_runs_onto_more_pages():
    pdf = _pdf(paragraphs=60)
    pages = int(re.search(rb"/Count (\d+)", pdf).group(1))
    assert pages >= 3 and len(_objects(pdf)) == 6 + 2 * pages


def test_the_same_generator_gives_the_same_bytes():
    assert _pdf(seed=5) == _pdf(seed=5) and _pdf(seed=5) != _pdf(seed=6)
    assert png_meeting(random.Random(3), people=9) == png_meeting(random.Random(3), people=9)


def test_a_seal_is_drawn_in_red_with_the_organs_name():
    pdf = _pdf(seal="中共临江市人大常委会党组")
    page = zlib.decompress(re.findall(rb"stream\n(.*?)\nendstream", pdf, re.S)[0]).decode("ascii")
    assert "0.82 0.10 0.12 RG" in page and page.count(" c ") >= 4  # the ring: four Bézier arcs
    assert "515A" in page  # 党, one character of the name on the arc


def test_a_meeting_photo_is_a_valid_png_accepted_as_one():
    png = png_meeting(random.Random(1), people=12)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    at, chunks = 8, {}
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF, kind
        chunks[kind] = data
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 3) and len(chunks[b"PLTE"]) % 3 == 0
    assert len(zlib.decompress(chunks[b"IDAT"])) == height * (width + 1)
    assert sniff(png, "现场照片.png", allowed=DEFAULT_TYPES).kind == "png" and len(png) < 20_000


def _without(what: str) -> None:
    """CI installs poppler (.ci/run) and fails without it; a developer's machine without it skips."""
    message = f"本机未安装 {what}：apt-get install -y poppler-utils poppler-data 后可运行"
    if os.environ.get("CI"):
        pytest.fail(f"CI 需要 {what}，.ci/run 应已安装")
    pytest.skip(message)


def test_a_reader_extracts_the_chinese_text(tmp_path):
    if shutil.which("pdftotext") is None:
        _without("poppler-utils")
    path = tmp_path / "minutes.pdf"
    path.write_bytes(_pdf())
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=30)
    if "Missing language pack" in done.stderr:
        _without("poppler-data（中文字体映射）")
    assert "机关第一党支部支部委员会会议记录" in done.stdout and "机关三楼会议室" in done.stdout
