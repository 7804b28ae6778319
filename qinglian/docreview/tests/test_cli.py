"""`qinglian proofread FILE` runs without Django and exits 1 when errors are found."""

from __future__ import annotations

from qinglian.cli import main
from qinglian.docreview.tests.conftest import CLEAN, WRONG


def test_it_returns_1_for_a_text_with_an_error(tmp_path, capsys):
    path = tmp_path / "通知.txt"
    path.write_text(WRONG, encoding="utf-8")
    assert main(["proofread", str(path)]) == 1
    assert "PUNC-001" in capsys.readouterr().out


def test_it_returns_0_for_a_clean_text(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text(CLEAN, encoding="gbk")
    assert main(["proofread", str(path)]) == 0
