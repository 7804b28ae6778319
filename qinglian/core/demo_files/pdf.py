"""The demo's PDF documents (see the package's docstring): Chinese text in STSong-Light, laid out by its widths,
signatures and a red seal."""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

PAGE_W, PAGE_H = 595, 842  # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 72, 80, 72
BODY_SIZE, BODY_LEADING = 12, 21
TITLE_SIZE = 18
# STSong-Light's advance widths (thousandths of an em) of the printable ASCII characters, CIDs 1–95 of Adobe-GB1,
# as Adobe's font metrics give them; every other character is a full em wide.
ASCII_WIDTHS = (
    207, 270, 342, 467, 462, 797, 710, 239, 374, 374, 423, 605, 238, 375, 238, 334, 462, 462, 462, 462, 462, 462, 462,
    462, 462, 462, 238, 238, 605, 605, 605, 344, 748, 684, 560, 695, 739, 563, 511, 729, 793, 318, 312, 666, 526, 896,
    758, 772, 544, 772, 628, 465, 607, 753, 711, 972, 647, 620, 607, 374, 333, 374, 606, 500, 239, 417, 503, 427, 529,
    415, 264, 444, 518, 241, 230, 495, 228, 793, 527, 524, 524, 504, 338, 336, 277, 517, 450, 652, 466, 452, 407, 370,
    258, 370, 605,
)  # fmt: skip
_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)%")
INK = "0.10 0.16 0.42"  # the blue-black of a signing pen
SEAL_RED = "0.82 0.10 0.12"


@dataclass(frozen=True)
class Signature:
    """A signing line at the foot of a document: "签订人：" then the name as signed, and the day."""

    label: str
    name: str
    day: dt.date | None = None


def _em(ch: str) -> float:
    code = ord(ch)
    return ASCII_WIDTHS[code - 0x20] / 1000 if 0x20 <= code < 0x7F else 1.0


def _width(text: str, size: float) -> float:
    """Width in points as the reader lays the text out (the font's widths, as /W gives them)."""
    return sum(_em(ch) for ch in text) * size


def wrap(text: str, size: float, width: float, indent: int = 0) -> list[str]:
    """Lines of `text` no wider than `width`, the first indented by `indent` full-width spaces; punctuation
    never starts a line (it stays at the end of the one before, a little past the margin, as Word does)."""
    lines: list[str] = []
    current, used = "\u3000" * indent, float(indent * size)
    for ch in text:
        w = _em(ch) * size
        if used + w > width and current.strip() and ch not in _NO_LINE_START:
            lines.append(current)
            current, used = "", 0.0
        current += ch
        used += w
    if current.strip():
        lines.append(current)
    return lines or [""]


_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def _hex(text: str) -> str:
    """UCS-2 big-endian, as UniGB-UCS2-H reads it; a character outside the BMP becomes a white square."""
    return _BEYOND_BMP.sub("\u25a1", text).encode("utf-16-be").hex().upper()


def _pdf_string(text: str) -> str:
    """A text string for the document information: UTF-16BE with its byte-order mark, in hex."""
    return "<FEFF" + "".join(f"{b:02X}" for b in text.encode("utf-16-be")) + ">"


class _Page:
    def __init__(self) -> None:
        self.ops: list[str] = []

    def text(self, x: float, y: float, text: str, size: float, *, bold: bool = False, colour: str = "0 0 0") -> None:
        mode = "2 Tr 0.35 w" if bold else "0 Tr"  # fill and stroke: the bold of a font without a bold face
        self.ops.append(
            f"BT /F1 {size:g} Tf {mode} {colour} rg {colour} RG 1 0 0 1 {x:.2f} {y:.2f} Tm <{_hex(text)}> Tj ET"
        )

    def placed(self, matrix: tuple[float, ...], text: str, size: float, colour: str) -> None:
        """Text under a full text matrix (rotated for a seal, sheared for a signature)."""
        a, b, c, d, e, f = matrix
        self.ops.append(
            f"BT /F1 {size:g} Tf 0 Tr {colour} rg "
            f"{a:.4f} {b:.4f} {c:.4f} {d:.4f} {e:.2f} {f:.2f} Tm <{_hex(text)}> Tj ET"
        )

    def raw(self, op: str) -> None:
        self.ops.append(op)

    def stream(self) -> bytes:
        return "\n".join(self.ops).encode("ascii")


class _Layout:
    """Lines down the page, a new page when the current one is full."""

    def __init__(self) -> None:
        self.pages: list[_Page] = [_Page()]
        self.y = PAGE_H - MARGIN_TOP

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def need(self, height: float) -> None:
        if self.y - height < MARGIN_BOTTOM:
            self.pages.append(_Page())
            self.y = PAGE_H - MARGIN_TOP

    def line(self, text: str, size: float = BODY_SIZE, leading: float = BODY_LEADING, **kw) -> None:
        self.need(leading)
        self.y -= leading
        self.page.text(MARGIN_X, self.y, text, size, **kw)

    def centred(self, text: str, size: float, leading: float, **kw) -> None:
        self.need(leading)
        self.y -= leading
        self.page.text((PAGE_W - _width(text, size)) / 2, self.y, text, size, **kw)

    def gap(self, height: float) -> None:
        self.y -= height


def _circle(cx: float, cy: float, r: float) -> str:
    """A circle as four Bézier quarter arcs."""
    k = 0.5523 * r
    return (
        f"{cx + r:.2f} {cy:.2f} m "
        f"{cx + r:.2f} {cy + k:.2f} {cx + k:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
        f"{cx - k:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k:.2f} {cx - r:.2f} {cy:.2f} c "
        f"{cx - r:.2f} {cy - k:.2f} {cx - k:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
        f"{cx + k:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k:.2f} {cx + r:.2f} {cy:.2f} c"
    )


def _seal(page: _Page, cx: float, cy: float, name: str, rng: random.Random) -> None:
    """A round official seal: a red ring, a five-pointed star, the organ's name along the upper arc — pressed a
    little askew, as a hand presses it."""
    r = 44.0
    tilt = math.radians(rng.uniform(-8, 8))
    page.raw(f"q {SEAL_RED} RG {SEAL_RED} rg 2.6 w {_circle(cx, cy, r)} S")
    star = []
    for i in range(10):
        radius = 13.0 if i % 2 == 0 else 5.2
        angle = math.pi / 2 + tilt + i * math.pi / 5
        star.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    path = " ".join(f"{x:.2f} {y:.2f} {'m' if i == 0 else 'l'}" for i, (x, y) in enumerate(star))
    page.raw(f"{path} h f Q")
    size = 9.5 if len(name) <= 12 else 8.0
    span = math.radians(min(230, 19 * len(name)))
    for i, ch in enumerate(name):
        share = 0.5 if len(name) == 1 else i / (len(name) - 1)
        angle = math.pi / 2 + tilt + span / 2 - share * span
        # The character stands on the arc, its foot toward the centre.
        x, y = cx + (r - 14) * math.cos(angle), cy + (r - 14) * math.sin(angle)
        rot = angle - math.pi / 2
        cos, sin = math.cos(rot), math.sin(rot)
        ox, oy = -size / 2 * cos, -size / 2 * sin  # centre the glyph on its point of the arc
        page.placed((cos, sin, -sin, cos, x + ox, y + oy), ch, size, SEAL_RED)


def _signatures(layout: _Layout, signatures: Sequence[Signature], seal: str, rng: random.Random) -> None:
    layout.need(60 + 46 * len(signatures) + (40 if seal else 0))
    layout.gap(28)
    x = PAGE_W - MARGIN_X - 220
    for sig in signatures:
        layout.y -= 40
        page = layout.page
        page.text(x, layout.y, sig.label, BODY_SIZE)
        # The name as signed: pen ink, larger, leaning and a little off the line.
        lean, size = rng.uniform(0.18, 0.32), rng.uniform(17, 20)
        start = x + _width(sig.label, BODY_SIZE) + rng.uniform(2, 10)
        page.placed((1, rng.uniform(-0.04, 0.06), lean, 1, start, layout.y + rng.uniform(-2, 3)), sig.name, size, INK)
        if sig.day is not None:
            layout.y -= 20
            page.text(x, layout.y, f"{sig.day.year}年{sig.day.month}月{sig.day.day}日", BODY_SIZE)
    if seal:
        # Over the end of the date, as a seal is pressed (骑年盖月), clear of the signature.
        _seal(layout.page, x + 128 + rng.uniform(-6, 6), layout.y + 6 + rng.uniform(-4, 4), seal, rng)


def pdf_document(
    title: str,
    paragraphs: Sequence[str],
    *,
    meta: Sequence[tuple[str, str]] = (),
    signatures: Sequence[Signature] = (),
    seal: str = "",
    author: str = "",
    created: dt.datetime,
    rng: random.Random,
) -> bytes:
    """A PDF (1.4) with a centred title, "label：value" lines, indented paragraphs and, at the foot, the signing
    lines and a seal naming `seal` (none when empty). `created` is the document's date in its information."""
    layout = _Layout()
    for i, line in enumerate(wrap(title, TITLE_SIZE, PAGE_W - 2 * MARGIN_X)):
        layout.centred(line, TITLE_SIZE, TITLE_SIZE * 1.6 if i == 0 else TITLE_SIZE * 1.3, bold=True)
    layout.gap(12)
    width = PAGE_W - 2 * MARGIN_X
    for label, value in meta:
        for line in wrap(f"{label}：{value}", BODY_SIZE, width):
            layout.line(line)
    if meta:
        layout.gap(8)
    for paragraph in paragraphs:
        for line in wrap(paragraph, BODY_SIZE, width, indent=2):
            layout.line(line)
    if signatures or seal:
        _signatures(layout, signatures, seal, rng)
    return _pdf_bytes(layout.pages, title=title, author=author, created=created)


_ASCII_W = " ".join(map(str, ASCII_WIDTHS)).encode()


def _pdf_bytes(pages: list[_Page], *, title: str, author: str, created: dt.datetime) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled once the pages are numbered
    tree = add(b"")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
    )
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        b"/FontDescriptor " + f"{descriptor} 0 R".encode() + b" /DW 1000 /W [1 [" + _ASCII_W + b"]] >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [" + f"{cid_font} 0 R".encode() + b"] >>"
    )
    kids = []
    for page in pages:
        data = zlib.compress(page.stream(), 6)
        content = add(f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    objects[tree - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    stamp = created.strftime("D:%Y%m%d%H%M%S") + _offset(created)
    info = add(
        f"<< /Title {_pdf_string(title)} /Author {_pdf_string(author)} /Producer (Qinglian demo) "
        f"/CreationDate ({stamp}) >>".encode()
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _offset(moment: dt.datetime) -> str:
    delta = moment.utcoffset()
    if delta is None:
        return ""
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
