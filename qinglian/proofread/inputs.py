"""Reading untrusted input safely: size limits, type sniffing, zip-bomb checks, text decoding.

Every failure raises a ProofreadError subclass with a Chinese message; nothing here parses
XML, so a hostile file is rejected before python-docx/lxml ever see it.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from .errors import (
    CorruptDocumentError,
    EmptyInputError,
    EncodingError,
    EncryptedDocumentError,
    InputTooLargeError,
    UnsupportedFormatError,
    ZipBombError,
)
from .model import Options

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx and legacy .doc are OLE files
ZIP_MAGIC = b"PK\x03\x04"


def read_bytes(data_or_path: bytes | bytearray | str | os.PathLike, options: Options) -> bytes:
    """Load the input, refusing empty and oversized files before reading them whole."""
    if isinstance(data_or_path, (bytes, bytearray, memoryview)):
        data = bytes(data_or_path)
    else:
        path = Path(data_or_path)
        if not path.is_file():
            raise UnsupportedFormatError(f"文件不存在或不是普通文件：{path}")
        size = path.stat().st_size
        if size > options.max_file_bytes:
            raise InputTooLargeError(
                f"文件过大（{size / 1048576:.1f} MB），超过上限 {options.max_file_bytes / 1048576:.0f} MB"
            )
        data = path.read_bytes()
    if not data.strip():
        raise EmptyInputError("文件为空，没有可校对的内容")
    if len(data) > options.max_file_bytes:
        raise InputTooLargeError(
            f"输入过大（{len(data) / 1048576:.1f} MB），超过上限 {options.max_file_bytes / 1048576:.0f} MB"
        )
    return data


def sniff(data: bytes) -> str:
    """'docx', 'ole' or 'text', judged by content rather than by the file name."""
    if data.startswith(ZIP_MAGIC):
        return "docx"
    if data.startswith(OLE_MAGIC):
        return "ole"
    return "text"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), then UTF-16 with BOM, then GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError("文本文件编码无法识别（UTF-16 解码失败）") from exc
    if b"\x00" in data[:4096]:
        raise UnsupportedFormatError("不是文本文件，也不是 .docx 文档（含二进制内容）")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise EncodingError("文本文件编码无法识别：请另存为 UTF-8 或 GBK 编码")


def check_zip(data: bytes, options: Options) -> None:
    """Reject corrupt archives and zip bombs using the central directory only."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise CorruptDocumentError("文档已损坏：不是有效的 .docx（zip 结构错误）") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > options.max_zip_entries:
            raise ZipBombError(f"文档内部文件过多（{len(infos)} 个），疑为恶意文件")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise EncryptedDocumentError("文档已加密，请先取消密码保护后再上传")
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1_048_576 and ratio > options.max_zip_ratio:
                raise ZipBombError(f"文档压缩比异常（{info.filename} 约 {ratio:.0f} 倍），疑为压缩炸弹，已拒绝")
        if total > options.max_docx_uncompressed:
            raise ZipBombError(
                f"文档解压后过大（{total / 1048576:.0f} MB），超过上限 {options.max_docx_uncompressed / 1048576:.0f} MB"
            )
        names = {i.filename for i in infos}
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise UnsupportedFormatError("不是 Word .docx 文档（缺少 word/document.xml）")
        try:
            bad = zf.testzip()
        except Exception as exc:  # zlib errors, truncated members …
            raise CorruptDocumentError("文档已损坏，无法解压") from exc
        if bad is not None:
            raise CorruptDocumentError(f"文档已损坏（{bad} 校验失败）")


def load_docx_bytes(data_or_path, options: Options) -> bytes:
    data = read_bytes(data_or_path, options)
    kind = sniff(data)
    if kind == "ole":
        raise EncryptedDocumentError("文档已加密或为旧版 .doc 格式：请取消密码保护或另存为 .docx 后再上传")
    if kind != "docx":
        raise UnsupportedFormatError("不是 .docx 文档（可能是改了扩展名的其他文件）")
    check_zip(data, options)
    return data
