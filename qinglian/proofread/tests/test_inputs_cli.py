"""Bad input handling and the command line."""

import io
import json
import zipfile

import pytest

from qinglian.proofread import (
    CorruptDocumentError,
    EmptyInputError,
    EncryptedDocumentError,
    InputTooLargeError,
    Options,
    ProofreadError,
    UnsupportedFormatError,
    ZipBombError,
    check_docx,
    check_file,
)
from qinglian.proofread.cli import main
from qinglian.proofread.sample_docx import make_docx


def test_renamed_non_docx(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes("这不是 Word 文档".encode())
    with pytest.raises(UnsupportedFormatError):
        check_file(path)
    with pytest.raises(UnsupportedFormatError):
        check_docx(path)


def test_encrypted_ole_docx():
    with pytest.raises(EncryptedDocumentError):
        check_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


def test_corrupt_docx():
    data = make_docx()
    with pytest.raises(CorruptDocumentError):
        check_docx(data[: len(data) // 2])


def test_zip_without_document_xml():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedFormatError):
        check_docx(buf.getvalue())


def test_zip_bomb_rejected_before_parsing():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<x/>")
        zf.writestr("word/document.xml", b"\x00" * (50 * 1024 * 1024))
    assert len(buf.getvalue()) < 200_000
    with pytest.raises(ZipBombError):
        check_docx(buf.getvalue())


def test_too_large_input(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse 100 MB file: rejected from its size alone
    with pytest.raises(InputTooLargeError):
        check_file(path)
    with pytest.raises(InputTooLargeError):
        check_file("正文".encode() * 100, options=Options(max_file_bytes=100))


def test_gbk_and_bom_text(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("其它事项另行通知。".encode("gbk"))
    assert [i.rule for i in check_file(gbk).issues] == ["TYPO-002"]
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeff其它事项另行通知。".encode("utf-8"))
    report = check_file(bom)
    assert report.text.startswith("其它") and report.issues[0].start == 0


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyInputError):
        check_file(path)
    assert issubclass(EmptyInputError, ProofreadError)


def test_cli_exit_codes(tmp_path, capsys):
    ok = tmp_path / "ok.txt"
    ok.write_text("各单位要认真学习，抓好落实。", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("各单位要认真学习,抓好落实。其它事项另行通知。", encoding="utf-8")
    assert main([str(ok)]) == 0
    assert "未发现问题" in capsys.readouterr().out
    assert main([str(bad)]) == 1
    out = capsys.readouterr().out
    assert "PUNC-001" in out and "错误" in out
    assert main([str(bad), "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert {i["rule"] for i in payload["issues"]} == {"PUNC-001", "TYPO-002"}
    suggestion_only = tmp_path / "s.txt"
    suggestion_only.write_text("其它事项另行通知。", encoding="utf-8")
    assert main([str(suggestion_only)]) == 0
    assert main([str(suggestion_only), "--min-severity", "错误"]) == 0
    fake = tmp_path / "fake.docx"
    fake.write_text("not a docx", encoding="utf-8")
    assert main([str(fake)]) == 2
    assert "无法校对" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.txt")]) == 2


def test_cli_docx_with_comments_and_fixes(tmp_path):
    src = tmp_path / "a.docx"
    src.write_bytes(make_docx(extra_body=("其它事项,另行通知。",)))
    comments, fixed = tmp_path / "c.docx", tmp_path / "f.docx"
    assert main([str(src), "--comments", str(comments), "--fixed", str(fixed)]) == 1
    assert main([str(fixed)]) == 0
    assert zipfile.ZipFile(comments).read("word/comments.xml")


def test_cli_text_gets_a_commented_and_a_tracked_fixed_docx_of_errors_only(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("关于做好工作的通知\n各单位要认真学习,抓好落实。其它事项另行通知。\n", encoding="utf-8")
    comments, fixed = tmp_path / "c.docx", tmp_path / "f.docx"
    assert main([str(src), "--comments", str(comments), "--fixed", str(fixed), "--tracked"]) == 1
    xml = zipfile.ZipFile(fixed).read("word/document.xml").decode()
    assert "<w:del " in xml and "<w:ins " in xml  # the comma's fix, for the drafter to accept in Word
    assert "其它" in xml  # a suggestion (其它→其他) is never applied without someone accepting it
    assert zipfile.ZipFile(comments).read("word/comments.xml")


def test_cli_document_date(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("各单位要认真学习，抓好落实。", encoding="utf-8")
    assert main([str(src), "--date", "2025-03-05"]) == 0
    assert main([str(src), "--date", "2025-13-05"]) == 2
    assert "成文日期" in capsys.readouterr().err


def test_module_entry_point():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "qinglian.proofread", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "proofread" in proc.stdout


def test_no_django_import():
    import pathlib
    import re

    pkg = pathlib.Path(__file__).resolve().parents[1]
    pattern = re.compile(r"^\s*(?:from|import)\s+django\b", re.MULTILINE)
    for path in pkg.rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path
