"""责任清单 Word 导入: a 工作要点/责任清单 outline (一、 （一） 1.) read into headings and items (never writes).

    一、强化政治建设                      → level-1 heading
    （一）加强理论武装                    → level-2 heading
    1. 落实第一议题制度……（牵头领导：张三；牵头单位：办公室；配合单位：研究室；完成时限：6月底前）
       plain paragraphs that follow       → more text of item 1

The file is opened the way the proofreading engine opens untrusted documents (size, encryption and
zip-bomb checks before python-docx sees it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings

from qinglian.core.errors import InvalidInput
from qinglian.core.importing import Action
from qinglian.duty.choices import Recurrence, Theme
from qinglian.duty.importers.common import (
    CONTENT,
    THEMES,
    Lookups,
    judge_leader,
    judge_units,
    judge_year,
    settle,
)
from qinglian.duty.importers.deadline import deadline_parse
from qinglian.duty.importers.plan import DutyRow, Path
from qinglian.proofread import Options, ProofreadError
from qinglian.proofread.docx_model import open_document
from qinglian.proofread.inputs import load_docx_bytes

_CN = "一二三四五六七八九十"
# "一、二季度…" is a sentence, not a heading; "二、一体推进…" is a heading.
_H1 = re.compile(rf"^([{_CN}]{{1,3}})、(?![{_CN}]+(?:季度|个|月|年|、|批|期|是|类|级))\s*(.+)$")
_H2 = re.compile(rf"^[（(]([{_CN}]{{1,3}})[）)]\s*(.+)$")
_ITEM = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*(.+)$")
_KEYS = {
    "leader": ("牵头领导", "责任领导", "分管领导"),
    "lead": ("牵头单位", "牵头委室", "牵头部门", "责任单位", "责任委室"),
    "co": ("配合单位", "配合委室", "配合部门", "协办单位"),
    "deadline": ("完成时限", "完成时间", "时限"),
    "theme": ("类别",),
}
_ALL_KEYS = "|".join(k for keys in _KEYS.values() for k in keys)
# The trailing "（牵头领导：张三；牵头单位：办公室；…）" of an item, with an optional full stop after it.
_META = re.compile(rf"[（(]\s*((?:{_ALL_KEYS})\s*[:：][^（）()]*)[）)]\s*[。；;.]?\s*$")
_PAIR = re.compile(rf"({_ALL_KEYS})\s*[:：]\s*([^；;，,]*)")
_THEME_HINTS = (
    (("意识形态", "宣传", "舆论", "阵地"), Theme.IDEOLOGY),
    (("廉政", "廉洁", "作风", "八项规定"), Theme.INTEGRITY),
)
CO_HEADER, LEAD_HEADER, LEADER_HEADER, DEADLINE_HEADER = "配合单位", "牵头单位", "牵头领导", "完成时限"


@dataclass
class OutlineItem:
    paragraph: int
    section: Path
    lines: list[str] = field(default_factory=list)


@dataclass
class Outline:
    """What `read_outline` found: the headings (parents first), the items, and notes about the rest."""

    headings: list[Path] = field(default_factory=list)
    items: list[OutlineItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def heading(self, title: str, parent: Path) -> Path:
        path = (*parent, title)
        if path not in self.headings:
            self.headings.append(path)
        return path


def read_paragraphs(data: bytes) -> tuple[list[tuple[str, bool]], bool]:
    """(text, auto-numbered) of each body paragraph, and whether the document has tables.

    InvalidInput (Chinese) for anything that is not a readable .docx: empty, too large, encrypted or an
    old .doc, a renamed file, a zip bomb, a corrupt package.
    """
    options = Options(max_file_bytes=settings.QINGLIAN_IMPORT_MAX_BYTES, max_docx_uncompressed=50 * 1048576)
    try:
        document = open_document(load_docx_bytes(data, options))
    except ProofreadError as exc:
        raise InvalidInput(f"无法读取该文件：{exc}。请上传 Word（.docx）格式的清单文稿") from exc
    paragraphs = []
    for p in document.paragraphs:
        ppr = p._p.pPr
        numbered = ppr is not None and ppr.numPr is not None
        paragraphs.append((re.sub(r"^[\s\u3000]+|[\s\u3000]+$", "", p.text), numbered))
    return paragraphs, bool(document.tables)


def read_outline(data: bytes) -> Outline:
    """The outline of a .docx; InvalidInput when it is unreadable or names no item."""
    paragraphs, has_tables = read_paragraphs(data)
    outline = _outline(paragraphs)
    if has_tables:
        outline.notes.append("文档中的表格未导入：只识别正文中的“一、”“（一）”“1.”层次")
    if not outline.items:
        raise InvalidInput("文档中没有找到编号为“1.”的事项：请按 一、（一）1. 的层次书写清单后上传")
    return outline


def _outline(paragraphs: list[tuple[str, bool]]) -> Outline:
    """Headings and items with their continuation paragraphs (1-based paragraph numbers)."""
    outline = Outline()
    level1: Path = ()
    section: Path = ()
    current: OutlineItem | None = None
    ignored: list[int] = []
    auto_numbered = False
    for number, (text, numbered) in enumerate(paragraphs, start=1):
        if not text:
            continue
        if match := _H1.match(text):
            level1 = section = outline.heading(_heading(match.group(2), outline, number), ())
            current = None
        elif match := _H2.match(text):
            section = outline.heading(_heading(match.group(2), outline, number), level1)
            current = None
        elif match := _ITEM.match(text):
            current = OutlineItem(paragraph=number, section=section, lines=[match.group(2)])
            outline.items.append(current)
        elif current is not None:
            current.lines.append(text)
        else:
            ignored.append(number)
            auto_numbered = auto_numbered or numbered
    if ignored:
        outline.notes.append(f"第{_ranges(ignored)}段不属于任何事项（文稿标题、说明文字等），未导入")
    if auto_numbered:
        outline.notes.append("文档使用了Word自动编号，自动编号无法识别层次：请将编号转换为文字后重新上传")
    return outline


def _heading(text: str, outline: Outline, number: int) -> str:
    """A heading's title; a run-in heading ("（一）加强理论武装。认真落实……") keeps its first sentence."""
    title, _, rest = text.partition("。")
    if rest.strip():
        outline.notes.append(f"第{number}段标题“{title[:20]}”后的说明文字未导入")
    return title.strip()[:200]


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}—{prev}")
        if n is not None:
            start = prev = n
    return "、".join(parts)


def split_meta(text: str) -> tuple[str, dict[str, str]]:
    """("content", {"leader": "张三", "lead": "办公室", …}) from an item's text with trailing parentheses."""
    match = _META.search(text)
    if match is None:
        return text.strip(), {}
    meta: dict[str, str] = {}
    for key, value in _PAIR.findall(match.group(1)):
        name = next(k for k, keys in _KEYS.items() if key in keys)
        meta.setdefault(name, value.strip())
    return text[: match.start()].rstrip(), meta


def judge_outline(outline: Outline, year: int, ctx: Lookups, default_unit_id: int) -> list[DutyRow]:
    """Every item judged for the draft list of `year`; items naming no lead unit get `default_unit_id`."""
    if default_unit_id not in ctx.unit_names:
        raise InvalidInput("请选择默认牵头委室")
    seen: dict[str, str] = {}
    return [settle(_judge(entry, year, ctx, default_unit_id), ctx, seen) for entry in outline.items]


def _judge(entry: OutlineItem, year: int, ctx: Lookups, default_unit_id: int) -> DutyRow:
    content, meta = split_meta("\n".join(entry.lines))
    content = content.rstrip("；;，,")
    item = DutyRow(
        row=entry.paragraph,
        name=content[:20],
        source=f"第{entry.paragraph}段",
        content=content,
        section=entry.section,
        action=Action.CREATE,
    )
    if not content:
        item.errors.append((CONTENT, "事项编号后没有内容"))
    item.theme = _theme(meta.get("theme", ""), " / ".join(entry.section) + content)
    judge_leader(item, meta.get("leader", ""), ctx, header=LEADER_HEADER)
    leads = re.split(r"[、，,]", meta.get("lead", ""))
    lead, extra = leads[0].strip(), [u for u in leads[1:] if u.strip()]
    co = "、".join([*extra, meta.get("co", "")])
    judge_units(item, lead, co, ctx, lead_header=LEAD_HEADER, co_header=CO_HEADER)
    if extra:
        item.notes.append(f"牵头单位写了多个，第一个“{lead}”作为牵头委室，其余作为配合委室")
    if not lead:
        _default_unit(item, ctx, default_unit_id)
    _deadline(item, meta.get("deadline", ""), year)
    return item


def _theme(written: str, text: str) -> str:
    if written in THEMES:
        return THEMES[written]
    for words, theme in _THEME_HINTS:
        if any(w in text for w in words):
            return theme
    return Theme.STRICT_GOVERNANCE


def _default_unit(item: DutyRow, ctx: Lookups, unit_id: int) -> None:
    item.lead_unit_id, item.lead_unit_name = unit_id, ctx.unit_names[unit_id]
    if unit_id in item.co_unit_ids:
        index = item.co_unit_ids.index(unit_id)
        del item.co_unit_ids[index], item.co_unit_names[index]
    item.notes.append(f"须补充牵头委室：文稿未写明牵头单位，暂按默认牵头委室“{item.lead_unit_name}”导入")


def _deadline(item: DutyRow, text: str, year: int) -> None:
    if not text:
        item.deadline = deadline_parse("年底前", year).date
        item.notes.append("未写明完成时限，暂按年底前（12月31日）导入，请核实")
        return
    try:
        found = deadline_parse(text, year)
    except ValueError as exc:
        item.errors.append((DEADLINE_HEADER, str(exc)))
        return
    item.deadline, item.recurrence = found.date, found.recurrence
    if found.note:
        item.notes.append(found.note)
    if item.recurrence == Recurrence.ONCE:
        judge_year(item, year, header=DEADLINE_HEADER)
