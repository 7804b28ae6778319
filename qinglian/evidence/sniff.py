"""What a file really is, read from its first bytes — never from the name the uploader gave it.

`sniff(head, name)` is pure (no Django, no disk): it recognises the content from magic numbers, refuses
executables, scripts, HTML/SVG (stored XSS) and anything unknown, and insists that the extension agrees with
the content, so an .exe renamed .pdf is refused. ZIP containers (docx/xlsx/pptx, OFD) are told apart by the
names in their central directory, which the caller reads with `zip_names(fileobj)` (the directory sits at
the end of the file, past any head we keep). Nothing is ever decompressed here; but whoever opens the stored
file later (a reviewer's Office, a preview) would, so a member that claims to expand more than
`MAX_ZIP_RATIO` times (above 1 MiB), or an archive that claims more than `MAX_ZIP_EXPANDED` bytes in all, is
refused as a zip bomb — the same test the proofreader applies to the .docx it reads.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from qinglian.core.errors import InvalidInput


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    mime: str
    exts: tuple[str, ...]  # the first is the canonical one


# The magic-number table below decides which of these a file is; the setting decides which are accepted.
KINDS: dict[str, Kind] = {
    k.code: k
    for k in (
        Kind("pdf", "PDF 文档", "application/pdf", ("pdf",)),
        Kind("png", "PNG 图片", "image/png", ("png",)),
        Kind("jpeg", "JPEG 图片", "image/jpeg", ("jpg", "jpeg")),
        Kind("gif", "GIF 图片", "image/gif", ("gif",)),
        Kind("webp", "WebP 图片", "image/webp", ("webp",)),
        Kind("docx", "Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)),
        Kind("xlsx", "Excel 表格", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
        Kind(
            "pptx",
            "PowerPoint 演示文稿",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ("pptx",),
        ),
        Kind("doc", "Word 97-2003 文档", "application/msword", ("doc",)),
        Kind("xls", "Excel 97-2003 表格", "application/vnd.ms-excel", ("xls",)),
        Kind("ofd", "OFD 版式文档", "application/ofd", ("ofd",)),
        Kind("text", "纯文本", "text/plain", ("txt", "csv")),
        Kind("zip", "ZIP 压缩包", "application/zip", ("zip",)),
    )
}

# ZIP is recognised but not accepted by default: an archive hides its content from whoever reviews the ledger.
DEFAULT_TYPES: frozenset[str] = frozenset(KINDS) - {"zip"}
PREVIEWABLE: frozenset[str] = frozenset({"pdf", "png", "jpeg", "gif", "webp"})

# Leading bytes → kind. Longer, more specific signatures first.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),  # doc/xls/ppt — and .msi, which the extension rule stops
)
_EXECUTABLE_MAGIC: tuple[bytes, ...] = (
    b"MZ",  # Windows PE (exe, dll, scr)
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",  # Mach-O
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary, also a Java class file
    b"#!",  # any script with an interpreter line
)
_ZIP_MAGIC: tuple[bytes, ...] = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_KINDS = ("doc", "xls")

# Refused whatever the content: these names run code or render as active pages when opened.
_EXECUTABLE_EXTS = frozenset(
    {
        "exe",
        "dll",
        "scr",
        "com",
        "pif",
        "cpl",
        "msi",
        "msp",
        "bat",
        "cmd",
        "ps1",
        "psm1",
        "vbs",
        "vbe",
        "js",
        "jse",
        "wsf",
        "wsh",
        "hta",
        "lnk",
        "reg",
        "sh",
        "bash",
        "py",
        "pl",
        "rb",
        "php",
        "jar",
        "apk",
        "app",
        "dmg",
        "elf",
        "bin",
        "run",
    }
)
_MARKUP_EXTS = frozenset({"html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt"})
# Tags that make a browser treat a text as a page or an SVG: such a file is refused even if named .txt.
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|script|svg|iframe|object|embed|\?xml-stylesheet)[\s>/]",
    re.IGNORECASE,
)
# Control bytes no text file contains (tab, newlines, form feed and DOS end-of-file are allowed).
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f]")

_EOCD = b"PK\x05\x06"
_EOCD_STRUCT = struct.Struct("<4s4H2LH")
_MAX_ZIP_ENTRIES = 20_000
_MAX_ZIP_DIRECTORY = 8 * 1024 * 1024
# An Office document's XML compresses ten to twenty times; a hundred is what a bomb does (proofread's limit).
MAX_ZIP_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # small members (styles, a blank sheet) may compress further without harm
MAX_ZIP_EXPANDED = 1024 * 1024 * 1024  # a 50 MB spreadsheet of plain cells stays well under 1 GiB


@dataclass(frozen=True)
class Sniffed:
    kind: str
    mime: str
    ext: str

    @property
    def label(self) -> str:
        return KINDS[self.kind].label


def extension(name: str) -> str:
    """The lower-case extension of `name` without the dot, or "" when it has none."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in base.strip("."):
        return ""
    return base.rsplit(".", 1)[-1].strip().lower()


def sniff(
    head: bytes,
    name: str,
    *,
    zip_names: Iterable[str] | None = None,
    allowed: Collection[str] | None = None,
) -> Sniffed:
    """The kind of a file from its first bytes, or InvalidInput (Chinese) saying why it is refused.

    `head`: the first bytes (64 KiB is plenty; the whole file for small ones). `zip_names`: the member names
    when the content is a ZIP (see `zip_names()`); if omitted, `head` is read as a complete ZIP.
    `allowed`: accepted kind codes, DEFAULT_TYPES when None.
    """
    ext = extension(name)
    if not head:
        raise InvalidInput("文件为空，请重新选择")
    if ext in _EXECUTABLE_EXTS:
        raise InvalidInput(f"不接收可执行程序或脚本文件（.{ext}）")
    if ext in _MARKUP_EXTS:
        raise InvalidInput(f"不接收网页、SVG 或 XML 文件（.{ext}）：这类文件可能含有脚本")
    code = _content_kind(head, zip_names)
    if code == "executable":
        raise InvalidInput(f"文件内容与扩展名不符：内容是可执行程序或脚本，扩展名却是 .{ext or '（无）'}，不予接收")
    if code == "markup":
        raise InvalidInput("不接收网页（HTML）或 SVG 内容：这类文件可能含有脚本")
    if code == "macro":
        raise InvalidInput("不接收含有宏代码的 Office 文档，请另存为不含宏的格式（.docx/.xlsx/.pptx）后上传")
    if code == "ole2":
        # Which OLE2 file it is lives deep in its own directory; the extension decides between doc and xls.
        if ext not in _OLE2_KINDS:
            raise InvalidInput(f"文件内容与扩展名不符：内容是 Office 97-2003 文件，扩展名却是 .{ext or '（无）'}")
        code = ext
    if code is None:
        raise InvalidInput(f"无法识别的文件类型，请上传{allowed_labels(allowed)}")
    kind = KINDS[code]
    if code not in _accepted(allowed):
        raise InvalidInput(f"不接收{kind.label}，允许上传{allowed_labels(allowed)}")
    if ext not in kind.exts:
        shown = f"扩展名却是 .{ext}" if ext else "文件名却没有扩展名"
        raise InvalidInput(f"文件内容与扩展名不符：内容是{kind.label}（.{kind.exts[0]}），{shown}。请核对后重新上传")
    return Sniffed(kind=code, mime=_mime(kind, head), ext=ext)


def _accepted(allowed: Collection[str] | None) -> Collection[str]:
    return DEFAULT_TYPES if allowed is None else allowed


def allowed_labels(allowed: Collection[str] | None = None) -> str:
    """The accepted kinds in words, e.g. "PDF 文档、PNG 图片…"."""
    codes = [c for c in KINDS if c in _accepted(allowed)]
    return "、".join(KINDS[c].label for c in codes) or "（未配置允许的类型）"


def accept_attribute(allowed: Collection[str] | None = None) -> str:
    """The `accept` attribute of a file input for the accepted kinds (a hint only; the server decides)."""
    return ",".join(f".{ext}" for code in KINDS if code in _accepted(allowed) for ext in KINDS[code].exts)


def _content_kind(head: bytes, zip_names: Iterable[str] | None) -> str | None:
    """A kind code, or one of "executable", "markup", "macro", "ole2"; None when unknown."""
    if head.startswith(_EXECUTABLE_MAGIC):
        return "executable"
    for magic, code in _MAGIC:
        if head.startswith(magic):
            return code
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(_ZIP_MAGIC):
        names = list(zip_names) if zip_names is not None else zip_names_of_bytes(head)
        return _zip_kind(names)
    return _text_kind(head)


def _zip_kind(names: list[str] | None) -> str | None:
    if names is None:  # damaged, or a directory too large to be an honest document
        return None
    members = set(names)
    if any(n.lower().endswith("vbaproject.bin") for n in members):
        return "macro"
    if "OFD.xml" in members:  # GB/T 33190: the entry file of an OFD package sits at its root
        return "ofd"
    if "[Content_Types].xml" in members:
        for prefix, code in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(n.startswith(prefix) for n in members):
                return code
    return "zip"


def _text_kind(head: bytes) -> str | None:
    if _decode(head) is None:
        return None
    if _MARKUP.search(head):
        return "markup"
    return "text"


def _decode(head: bytes) -> str | None:
    """UTF-8 (with or without BOM) or GB18030 text with no NULs or stray control bytes, else None."""
    if _BINARY.search(head):
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        decoded = _decode_prefix(head, encoding)
        if decoded is not None:
            return decoded
    return None


def _decode_prefix(head: bytes, encoding: str) -> str | None:
    # The head may end in the middle of a multi-byte character: a failure in the last 3 bytes is a cut, not junk.
    try:
        return head.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.start > 0:
            try:
                return head[: exc.start].decode(encoding)
            except UnicodeDecodeError:
                return None
        return None


def _mime(kind: Kind, head: bytes) -> str:
    if kind.code != "text":
        return kind.mime
    charset = "utf-8" if _decode_prefix(head, "utf-8-sig") is not None else "gb18030"
    return f"text/plain; charset={charset}"


# --- reading a ZIP directory safely ------------------------------------------------------------------------


def zip_names(fileobj: BinaryIO) -> list[str] | None:
    """Member names from a ZIP's central directory, or None when it is damaged or unreasonably large;
    InvalidInput (Chinese) when it is a zip bomb.

    Reads the end-of-directory record first so that a forged directory of millions of entries is refused
    before zipfile builds an object for each; nothing is decompressed.
    """
    try:
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
        tail_len = min(size, _EOCD_STRUCT.size + 0xFFFF)  # the record plus the longest possible comment
        fileobj.seek(size - tail_len)
        tail = fileobj.read(tail_len)
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < _EOCD_STRUCT.size:
            return None
        fields = _EOCD_STRUCT.unpack(tail[at : at + _EOCD_STRUCT.size])
        entries, directory_size = fields[5], fields[6]
        if entries > _MAX_ZIP_ENTRIES or directory_size > _MAX_ZIP_DIRECTORY:  # also catches ZIP64 markers
            return None
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error, NotImplementedError):
        return None
    _refuse_bomb(members)
    return [m.filename for m in members]


def _refuse_bomb(members: list[zipfile.ZipInfo]) -> None:
    """InvalidInput when the directory promises more than an honest document expands to (sizes as declared:
    nothing is inflated to check them)."""
    expanded = 0
    for member in members:
        expanded += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and ratio > MAX_ZIP_RATIO:
            raise InvalidInput(f"文件压缩比异常（其中 {member.filename} 约 {ratio:.0f} 倍），疑为压缩炸弹，不予接收")
    if expanded > MAX_ZIP_EXPANDED:
        raise InvalidInput(
            f"文件解压后过大（约 {expanded // (1024 * 1024)} MB，上限 {MAX_ZIP_EXPANDED // (1024 * 1024)} MB），"
            "疑为压缩炸弹，不予接收"
        )


def zip_names_of_bytes(data: bytes) -> list[str] | None:
    return zip_names(io.BytesIO(data))
