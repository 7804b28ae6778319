"""LibreOffice as the tests' second word processor: a .docx converted to PDF, then read back with poppler's
pdftotext, shows how a processor other than Word lays the document out (lines per page, characters per line,
repeated table headers). CI installs both (.ci/run) and fails without them; a machine without them skips.

The conversion uses its own profile (parallel workers would share one otherwise) and a fontconfig file that adds
core/word/fonts.conf, the substitution the docs tell a Linux desktop to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

FONTS_CONF = Path(__file__).resolve().parents[1] / "word" / "fonts.conf"
HAN = re.compile(r"[\u4e00-\u9fff]")
Convert = Callable[[Sequence[Path]], list[Path]]


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory) -> Convert:
    """convert([a.docx, b.docx]) → [a.pdf, b.pdf], in one LibreOffice start (it costs ~3 s)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext"):
        hint = "apt-get install -y libreoffice-writer-nogui poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(f"CI 需要 LibreOffice 和 pdftotext（{hint}），.ci/run 应已安装")
        pytest.skip(f"本机未安装 LibreOffice 或 pdftotext：{hint} 后可运行排版测试")
    home = tmp_path_factory.mktemp("libreoffice")
    fonts = home / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include><include>{FONTS_CONF}</include>'
        "</fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts), "HOME": str(home)}

    def convert(paths: Sequence[Path]) -> list[Path]:
        out = home / "pdf"
        command = [soffice, f"-env:UserInstallation={(home / 'profile').as_uri()}", "--headless", "--norestore"]
        command += ["--convert-to", "pdf", "--outdir", str(out), *map(str, paths)]
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
        return [out / (Path(p).stem + ".pdf") for p in paths]

    return convert


def pdf_pages(pdf: Path) -> list[list[str]]:
    """Each page's lines of text as laid out (pdftotext -layout), blank lines dropped."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a form feed
    return [[line for line in page.splitlines() if line.strip()] for page in pages]


def han_count(line: str) -> int:
    return len(HAN.findall(line))


def pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
