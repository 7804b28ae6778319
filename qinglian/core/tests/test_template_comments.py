"""Django's {# … #} comment ends at the line's end: one spread over lines is printed on the page as it stands
(issue #14: the import pages showed their own comment). A comment of several lines is {% comment %}."""

from __future__ import annotations

import re
from pathlib import Path

import qinglian

OPEN = re.compile(r"\{#(?![^\n]*#\})")  # a {# with no #} later on the same line


def _templates() -> list[Path]:
    return sorted(Path(qinglian.__file__).parent.rglob("templates/**/*.html"))


def test_no_template_spreads_a_short_comment_over_several_lines():
    found = [
        f"{path.relative_to(Path(qinglian.__file__).parent)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in _templates()
        for text in [path.read_text(encoding="utf-8")]
        for m in OPEN.finditer(text)
    ]
    assert found == []


def test_the_check_finds_a_comment_spread_over_lines():
    assert OPEN.search("{# one line #}") is None
    assert OPEN.search("{# first line\n   second line #}") is not None
