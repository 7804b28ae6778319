"""sniff(): what a file is, from its bytes alone. Plain data, no database."""

from __future__ import annotations

import io
import zipfile

import pytest

from qinglian.core.errors import InvalidInput
from qinglian.evidence.sniff import accept_attribute, extension, sniff, zip_names
from qinglian.evidence.tests.files import docx_bytes, exe_bytes, pdf_bytes, png_bytes, xlsx_bytes


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "kind", "mime"),
    [
        (pdf_bytes(), "会议纪要.pdf", "pdf", "application/pdf"),
        (png_bytes(), "签到.PNG", "png", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "现场.jpg", "jpeg", "image/jpeg"),
        (b"\xff\xd8\xff\xe1\x00\x10Exif\x00", "现场.jpeg", "jpeg", "image/jpeg"),
        (b"GIF89a\x01\x00\x01\x00", "图.gif", "gif", "image/gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "图.webp", "webp", "image/webp"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56, "旧表.xls", "xls", "application/vnd.ms-excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56, "旧文.doc", "doc", "application/msword"),
    ],
)
def test_it_recognises_files_by_their_magic_numbers(content, name, kind, mime):
    result = sniff(content, name)
    assert (result.kind, result.mime) == (kind, mime)


def test_it_recognises_a_docx_built_in_memory():
    result = sniff(docx_bytes(), "谈话记录.docx")
    assert result.kind == "docx"
    assert result.mime.endswith("wordprocessingml.document")


def test_it_recognises_an_xlsx_built_in_memory():
    assert sniff(xlsx_bytes(), "签到表.xlsx").kind == "xlsx"


def test_it_recognises_a_pptx_from_its_parts():
    content = _zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})
    assert sniff(content, "汇报.pptx").kind == "pptx"


def test_it_recognises_an_ofd_package():
    content = _zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<d/>"})
    assert sniff(content, "电子公文.ofd").kind == "ofd"


def test_it_reads_zip_names_from_the_central_directory_of_a_file():
    names = zip_names(io.BytesIO(docx_bytes()))
    assert "[Content_Types].xml" in names
    assert any(n.startswith("word/") for n in names)


def test_it_uses_the_zip_names_given_when_the_head_is_only_the_start_of_the_file():
    head = docx_bytes()[:100]  # the directory is at the end of the file, not in the head
    names = ["[Content_Types].xml", "word/document.xml"]
    assert sniff(head, "记录.docx", zip_names=names).kind == "docx"


def test_it_refuses_a_damaged_zip():
    with pytest.raises(InvalidInput, match="无法识别"):
        sniff(b"PK\x03\x04" + b"\x00" * 40, "坏.docx")


def test_it_refuses_a_docx_with_macros():
    content = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>", "word/vbaProject.bin": b"x"})
    with pytest.raises(InvalidInput, match="宏"):
        sniff(content, "带宏.docx")


def test_it_refuses_a_plain_zip_by_default_and_accepts_it_when_configured():
    content = _zip({"a.txt": b"hello"})
    with pytest.raises(InvalidInput, match="不接收ZIP 压缩包"):
        sniff(content, "材料.zip")
    assert sniff(content, "材料.zip", allowed={"zip"}).kind == "zip"


def test_it_refuses_an_xlsx_named_docx():
    with pytest.raises(InvalidInput, match="文件内容与扩展名不符：内容是Excel 表格"):
        sniff(xlsx_bytes(), "报告.docx")


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        ("关于开展廉政谈话的通知\r\n第一条".encode(), "utf-8"),
        ("关于开展廉政谈话的通知\r\n".encode("gb18030"), "gb18030"),
    ],
)
def test_it_accepts_plain_text_in_utf8_and_gb18030(content, encoding):
    result = sniff(content, "通知.txt")
    assert result.kind == "text"
    assert result.mime == f"text/plain; charset={encoding}"


def test_it_does_not_mistake_a_cut_multibyte_character_for_binary():
    content = ("廉" * 100).encode()[:-1]  # the head ends in the middle of a character
    assert sniff(content, "a.txt").kind == "text"


@pytest.mark.parametrize("content", [b"abc\x00def", b"abc\x01\x02\x03def", b"\x80\x81\xff\xfe\xfd"])
def test_it_refuses_binary_that_is_not_text(content):
    with pytest.raises(InvalidInput, match="无法识别"):
        sniff(content, "a.txt")


def test_it_refuses_an_executable_renamed_pdf():
    with pytest.raises(InvalidInput, match="文件内容与扩展名不符：内容是可执行程序"):
        sniff(exe_bytes(), "会议纪要.pdf")


@pytest.mark.parametrize(
    "content",
    [b"\x7fELF\x02\x01\x01", b"\xcf\xfa\xed\xfe\x07\x00", b"\xca\xfe\xba\xbe\x00", b"#!/bin/sh\nrm -rf /\n"],
)
def test_it_refuses_elf_macho_and_scripts_whatever_their_name(content):
    with pytest.raises(InvalidInput, match="可执行程序"):
        sniff(content, "说明.txt")


@pytest.mark.parametrize("name", ["setup.exe", "run.bat", "x.ps1", "a.js", "b.hta", "c.msi", "d.lnk"])
def test_it_refuses_executable_extensions_whatever_the_content(name):
    with pytest.raises(InvalidInput, match="不接收可执行程序或脚本文件"):
        sniff(b"hello", name)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<!DOCTYPE html><html><body>hi</body></html>", "page.html"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg"),
        (b"<html><script>alert(document.cookie)</script></html>", "readme.txt"),
        (b'<?xml version="1.0"?>\n<svg onload="alert(1)"/>', "pic.txt"),
        ("说明\n<SCRIPT>alert(1)</SCRIPT>".encode(), "说明.txt"),
    ],
)
def test_it_refuses_html_and_svg_by_name_or_by_content(content, name):
    with pytest.raises(InvalidInput, match=r"网页|SVG"):
        sniff(content, name)


def test_it_refuses_unknown_binary():
    with pytest.raises(InvalidInput, match="无法识别的文件类型"):
        sniff(b"\x00\x01\x02\x03" * 10, "data.bin.pdf")


def test_it_refuses_an_empty_file():
    with pytest.raises(InvalidInput, match="文件为空"):
        sniff(b"", "空.pdf")


def test_it_refuses_a_file_without_extension():
    with pytest.raises(InvalidInput, match="没有扩展名"):
        sniff(pdf_bytes(), "会议纪要")


def test_it_refuses_a_kind_left_out_of_the_setting():
    with pytest.raises(InvalidInput, match="不接收PNG 图片"):
        sniff(png_bytes(), "a.png", allowed={"pdf"})


def test_it_refuses_an_ole2_file_with_another_extension():
    with pytest.raises(InvalidInput, match="扩展名不符"):
        sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56, "x.ppt")


def test_extension_ignores_directories_and_case():
    assert extension("C:\\tmp\\报告.PDF") == "pdf"
    assert extension(".bashrc") == ""
    assert extension("无扩展名") == ""


def test_accept_attribute_lists_extensions_of_the_accepted_kinds():
    assert accept_attribute({"pdf", "jpeg"}) == ".pdf,.jpg,.jpeg"


def _bomb(first_part: str) -> bytes:
    """An Office-shaped archive whose main part is 20 MiB of zeros: about a thousand times its compressed size."""
    return _zip({"[Content_Types].xml": b"<Types/>", first_part: b"\0" * (20 * 1024 * 1024)})


@pytest.mark.parametrize(("part", "name"), [("word/document.xml", "记录.docx"), ("xl/workbook.xml", "台账.xlsx")])
def test_it_refuses_a_docx_or_xlsx_that_is_a_zip_bomb(part, name):
    bomb = _bomb(part)
    with pytest.raises(InvalidInput, match="压缩炸弹"):
        zip_names(io.BytesIO(bomb))
    with pytest.raises(InvalidInput, match="压缩炸弹"):
        sniff(bomb, name)


def test_it_refuses_an_archive_that_claims_to_expand_past_the_limit(monkeypatch):
    monkeypatch.setattr("qinglian.evidence.sniff.MAX_ZIP_EXPANDED", 1000)
    with pytest.raises(InvalidInput, match="解压后过大"):
        sniff(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"x" * 2000}), "记录.docx")


def test_it_accepts_an_honest_document_whose_small_parts_compress_well():
    # A megabyte of repeated text compresses far beyond a hundred times, but below the 1 MiB floor it is no bomb.
    honest = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:t>a</w:t>" * 80_000})
    assert sniff(honest, "记录.docx").kind == "docx"
    assert sniff(xlsx_bytes(), "台账.xlsx").kind == "xlsx"
