"""The demo's PNG picture of a meeting (see the package's docstring): a palette image drawn row by row."""

from __future__ import annotations

import functools
import math
import random
import struct
import zlib
from collections.abc import Sequence


class Canvas:
    """A palette picture drawn row by row (slices of one bytearray), written as an 8-bit indexed PNG."""

    def __init__(self, width: int, height: int, palette: Sequence[tuple[int, int, int]]) -> None:
        if len(palette) > 256:
            raise ValueError("a PNG palette holds at most 256 colours")
        self.width, self.height, self.palette = width, height, list(palette)
        self.pixels = bytearray(width * height)

    def span(self, y: int, x0: float, x1: float, colour: int) -> None:
        if not 0 <= y < self.height:
            return
        a, b = max(0, int(x0)), min(self.width, int(x1))
        if b > a:
            start = y * self.width
            self.pixels[start + a : start + b] = bytes([colour]) * (b - a)

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: int) -> None:
        a, b = max(0, int(x0)), min(self.width, int(x1))
        if b <= a:
            return
        fill, w = bytes([colour]) * (b - a), self.width
        for y in range(max(0, int(y0)), min(self.height, int(y1))):
            self.pixels[y * w + a : y * w + b] = fill

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, colour: int, *, upper: bool = False) -> None:
        """A filled ellipse; `upper`: its top half only (hair on a head)."""
        last = cy if upper else cy + ry
        for y in range(max(0, int(cy - ry)), min(self.height, int(last) + 1)):
            t = (y - cy) / ry
            if abs(t) <= 1:
                half = rx * math.sqrt(1 - t * t)
                self.span(y, cx - half, cx + half + 1, colour)

    def trapezoid(self, y0: int, y1: int, top: tuple[float, float], bottom: tuple[float, float], colour: int) -> None:
        """Rows y0..y1 whose left and right edges run from `top` (x0, x1) to `bottom` (x0, x1)."""
        for y in range(max(0, y0), min(self.height, y1)):
            t = (y - y0) / max(1, y1 - y0)
            self.span(y, top[0] + (bottom[0] - top[0]) * t, top[1] + (bottom[1] - top[1]) * t, colour)

    def png(self) -> bytes:
        rows = b"".join(b"\x00" + bytes(self.pixels[y * self.width : (y + 1) * self.width]) for y in range(self.height))
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 3, 0, 0, 0)
        palette = b"".join(bytes(c) for c in self.palette)
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", header)
            + _chunk(b"PLTE", palette)
            + _chunk(b"IDAT", _deflate(rows))
            + _chunk(b"IEND", b"")
        )


def _deflate(data: bytes) -> bytes:
    # Run-length matching only: a drawing of flat colours packs as well as with the full search, four times faster.
    packer = zlib.compressobj(6, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    return packer.compress(data) + packer.flush()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


# Palette of the meeting picture: wall shades first, then the things in the room.
_WALL = [(236 - 3 * i, 228 - 3 * i, 212 - 4 * i) for i in range(8)]
_FLOOR, _BANNER, _LETTER, _SCREEN, _SLIDE, _TABLE, _TABLE_EDGE = range(8, 15)
_SKIN, _HAIR, _GREY_HAIR = 15, 16, 17
_SUITS = (18, 19, 20, 21, 22)
_PALETTE = [
    *_WALL,
    (150, 132, 112),  # floor
    (196, 30, 36),  # banner
    (250, 222, 120),  # its lettering
    (244, 246, 248),  # screen
    (120, 150, 196),  # the slide's lines
    (128, 78, 44),  # table top
    (92, 54, 30),  # its edge
    (232, 196, 168),  # skin
    (34, 30, 28),  # hair
    (128, 124, 120),  # grey hair
    (36, 44, 70),  # navy jacket
    (40, 40, 44),  # black jacket
    (238, 238, 236),  # white shirt
    (96, 100, 108),  # grey jacket
    (150, 40, 50),  # a red jumper
]


PHOTO_SIZE = (560, 350)
ROOMS = 4  # banner lettering variants: a few rooms, drawn once each


@functools.lru_cache(maxsize=ROOMS)
def _room(variant: int) -> bytes:
    """The empty room of a variant: wall, floor, the banner with its lettering, the screen's frame."""
    width, height = PHOTO_SIZE
    c = Canvas(width, height, _PALETTE)
    rng = random.Random(f"room:{variant}")
    horizon = int(height * 0.62)
    for y in range(horizon):  # the wall, lit from above
        c.span(y, 0, width, y * len(_WALL) // horizon)
    c.rect(0, horizon, width, height, _FLOOR)
    bx0, bx1, by0, by1 = width * 0.12, width * 0.88, height * 0.06, height * 0.15
    c.rect(bx0, by0, bx1, by1, _BANNER)
    chars = rng.randint(12, 18)
    pitch = (bx1 - bx0) * 0.9 / chars
    glyph_h, top = (by1 - by0) * 0.6, by0 + (by1 - by0) * 0.2
    for i in range(chars):
        x = bx0 + (bx1 - bx0) * 0.05 + i * pitch
        for _ in range(rng.randint(2, 4)):  # a few strokes make a character at this distance
            if rng.random() < 0.5:
                sy = top + rng.uniform(0, glyph_h)
                c.rect(x + pitch * 0.1, sy, x + pitch * 0.8, sy + 2, _LETTER)
            else:
                sx = x + rng.uniform(pitch * 0.1, pitch * 0.7)
                c.rect(sx, top, sx + 2, top + glyph_h, _LETTER)
    c.rect(*_screen_box(width, height), _SCREEN)
    return bytes(c.pixels)


def _screen_box(width: int, height: int) -> tuple[float, float, float, float]:
    return width * 0.34, height * 0.2, width * 0.66, height * 0.44


def png_meeting(rng: random.Random, *, people: int) -> bytes:
    """A meeting room seen from its end: the red banner (its lettering as a photo of it reads at this size), the
    slide on the screen, the long table and `people` seated around it (at most 20 drawn)."""
    width, height = PHOTO_SIZE
    c = Canvas(width, height, _PALETTE)
    c.pixels[:] = _room(rng.randrange(ROOMS))
    sx0, sy0, sx1, sy1 = _screen_box(width, height)
    for i in range(5):
        ly = sy0 + (sy1 - sy0) * (0.18 + 0.14 * i)
        c.rect(sx0 + (sx1 - sx0) * 0.1, ly, sx0 + (sx1 - sx0) * rng.uniform(0.5, 0.9), ly + 3, _SLIDE)
    top_y, bottom_y = int(height * 0.55), int(height * 0.96)
    top, bottom = (width * 0.42, width * 0.58), (width * 0.2, width * 0.8)
    seated = min(max(people, 2), 20)
    per_side = (seated + 1) // 2
    # The far seats first, so that the nearer people overlap them.
    for row in range(per_side):
        t = (row + 0.5) / per_side
        y = top_y + (bottom_y - top_y) * t
        scale = 0.45 + 0.75 * t
        for side in (0, 1):
            if row * 2 + side >= seated:
                continue
            edge = top[side] + (bottom[side] - top[side]) * t
            _person(c, rng, edge + (16 if side else -16) * scale, y, scale)
    c.trapezoid(top_y, bottom_y, top, bottom, _TABLE)
    c.trapezoid(bottom_y, bottom_y + 8, bottom, (bottom[0] + 4, bottom[1] - 4), _TABLE_EDGE)
    return c.png()


def _person(c: Canvas, rng: random.Random, x: float, y: float, scale: float) -> None:
    """Shoulders and a head, seen from the end of the table."""
    suit = rng.choice(_SUITS)
    w, h = 30 * scale, 34 * scale
    c.rect(x - w / 2, y - h * 0.55, x + w / 2, y + h * 0.45, suit)
    c.ellipse(x, y - h * 0.55, w / 2, h * 0.18, suit)
    head_r = 9 * scale
    hy = y - h * 0.55 - head_r * 1.2
    c.ellipse(x, hy, head_r * 0.85, head_r, _SKIN)
    c.ellipse(
        x, hy - head_r * 0.15, head_r * 0.9, head_r * 0.9, _GREY_HAIR if rng.random() < 0.15 else _HAIR, upper=True
    )
