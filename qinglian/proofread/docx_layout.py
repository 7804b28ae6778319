"""GB/T 9704-2012 layout checks on a .docx: paper, margins, grid, fonts, colour, page numbers.

Numbers and font aliases come from data/layout.json. Document-level findings are anchored at
offset 0 (paragraph None); paragraph-level ones at the offending run.
"""

from __future__ import annotations

import math
import re
from functools import cache

from docx.oxml.ns import qn

from .checks_number import DOCNUM_RE, date_line
from .checks_structure import LEVEL_RES
from .dataload import load_json, make_issue
from .docx_model import DocModel, ParaInfo, StyleResolver
from .model import Issue

MM_PER_TWIP = 25.4 / 1440
_RED = re.compile(r"^(FF0000|C00000|E60012|FF0000|ED1C24|E31E24|DC0000|CC0000)$", re.I)


@cache
def _aliases() -> dict[str, set[str]]:
    data = load_json("layout")["font_aliases"]
    return {k: {_norm(v) for v in vs} for k, vs in data.items()}


def _norm(font: str) -> str:
    return font.replace(" ", "").lower()


def font_family(font: str | None) -> str | None:
    """Map a font name to its family key (fangsong, heiti, …); None when unknown."""
    if not font:
        return None
    n = _norm(font)
    for family, names in _aliases().items():
        if n in names:
            return family
    return None


def _doc_issue(code: str, text: str, message: str) -> Issue:
    return make_issue(code, 0, 0, text, message=message)


def check_sections(model: DocModel, text: str) -> list[Issue]:
    cfg = load_json("layout")
    issues: list[Issue] = []
    seen: set[str] = set()

    def add(code: str, message: str) -> None:
        if message not in seen:
            seen.add(message)
            issues.append(_doc_issue(code, text, message))

    for n, section in enumerate(model.document.sections, start=1):
        where = f"第{n}节：" if len(model.document.sections) > 1 else ""
        w, h = section.page_width, section.page_height
        if w is None or h is None:
            continue
        w_tw, h_tw = w.twips, h.twips
        landscape = w_tw > h_tw  # 横排表格页 (GB/T 9704 8) is A4 turned: check size only
        pw, ph, tol = cfg["paper"]["width"], cfg["paper"]["height"], cfg["paper"]["tolerance"]
        short, long_ = sorted((w_tw, h_tw))
        if abs(short - pw) > tol or abs(long_ - ph) > tol:
            add(
                "LAY-001",
                f"{where}纸张为{w_tw * MM_PER_TWIP:.0f} mm×{h_tw * MM_PER_TWIP:.0f} mm，应为A4（210 mm×297 mm）",
            )
            continue
        if landscape:
            continue
        for side in ("top", "left", "right", "bottom"):
            spec = cfg["margins_mm"][side]
            value = getattr(section, f"{side}_margin")
            if value is None:
                continue
            mm = value.twips * MM_PER_TWIP
            if abs(mm - spec["value"]) > spec["tolerance"] + 0.05:
                label = {"top": "上（天头）", "left": "左（订口）", "right": "右", "bottom": "下"}[side]
                add(
                    "LAY-002",
                    f"{where}{label}边距为{mm:.1f} mm，应为{spec['value']}±{spec['tolerance']} mm"
                    f"（版心156 mm×225 mm，{spec['clause']}）",
                )
        issues += _grid(section, model, text, where, add)
    if not _has_page_number(model):
        add("LAY-008", "未找到页码域（PAGE）：公文页码用4号半角宋体阿拉伯数字，两侧各一条一字线")
    return issues


def _grid(section, model: DocModel, text: str, where: str, add) -> list[Issue]:
    cfg = load_json("layout")["grid"]
    width_pt = (section.page_width.twips - section.left_margin.twips - section.right_margin.twips) / 20
    height_pt = (section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips) / 20
    grid = section._sectPr.find(qn("w:docGrid"))
    gtype = grid.get(qn("w:type")) if grid is not None else None
    resolver = StyleResolver(model.document)
    base_pt = resolver.default_size_pt()
    lines = chars = None
    if gtype in ("lines", "linesAndChars", "snapToChars") and grid.get(qn("w:linePitch")):
        lines = math.floor(height_pt / (int(grid.get(qn("w:linePitch"))) / 20) + 0.01)
    if gtype in ("linesAndChars", "snapToChars") and grid.get(qn("w:charSpace")) is not None:
        pitch = base_pt + int(grid.get(qn("w:charSpace"))) / 4096
        chars = math.floor(width_pt / pitch + 0.01) if pitch > 0 else None
    elif base_pt >= 12:
        chars = math.floor(width_pt / base_pt + 0.01)
    if lines is not None and abs(lines - cfg["lines"]) > cfg["tolerance"]:
        add("LAY-003", f"{where}每面约{lines}行，一般每面排{cfg['lines']}行")
    if chars is not None and abs(chars - cfg["chars"]) > cfg["tolerance"]:
        add("LAY-004", f"{where}每行约{chars}字，一般每行排{cfg['chars']}字")
    return []


def _has_page_number(model: DocModel) -> bool:
    for part in model.document.part.package.iter_parts():
        if str(part.partname).startswith("/word/footer"):
            blob = part.blob.decode("utf-8", "ignore")
            if re.search(r"instr(?:Text)?[^>]*>?[^<]*\bPAGE\b|w:instr=\"[^\"]*\bPAGE\b", blob):
                return True
    return False


def find_title(model: DocModel, resolver: StyleResolver) -> int | None:
    """The title: the first centred, non-empty paragraph that is not the 版头 or 发文字号."""
    seen = 0
    for i, p in enumerate(model.paras):
        s = p.text.strip()
        if not s or p.in_table:
            continue
        seen += 1
        if seen > 12:
            break
        if s.endswith("文件") or DOCNUM_RE.search(s) or date_line(s):
            continue
        if p.runs and _is_red(resolver.color(p.runs[0], p.paragraph)):
            continue  # red 发文机关标志
        if resolver.alignment(p.paragraph) == "center":
            return i
    return None


def _is_red(color: str | None) -> bool:
    return bool(color) and bool(_RED.match(color))


def _role(p: ParaInfo) -> str | None:
    s = p.text.lstrip(" \u3000\t")
    for level, pattern in enumerate(LEVEL_RES):
        if pattern.match(s):
            return f"h{level + 1}"
    if s.startswith(("抄送", "附件")) or s.rstrip().endswith("印发") or date_line(s):
        return None  # 版记 is 4号; the 附件 mark is 黑体; dates are checked elsewhere
    return "body"


def _check_run_font(
    code: str, role: str, p: ParaInfo, run_index: int, resolver: StyleResolver, text: str
) -> list[Issue]:
    cfg = load_json("layout")
    spec = cfg["roles"][role]
    run = p.runs[run_index]
    font = resolver.font_east_asia(run, p.paragraph)
    size = resolver.size_pt(run, p.paragraph)
    want_size = cfg["sizes_pt"][spec["size"]]
    problems = []
    if font_family(font) != spec["font"]:
        problems.append(f"字体为“{font or '未设置'}”")
    if size is not None and abs(size - want_size) > cfg["sizes_pt"]["tolerance"]:
        problems.append(f"字号为{size:g}磅")
    if not problems:
        return []
    start = p.start + p.run_starts[run_index]
    end = start + len(run.text)
    issue = make_issue(
        code,
        start,
        end,
        text,
        basis=spec["clause"],
        message=f"{spec['label']}{'、'.join(problems)}，应为{spec['expect']}（{want_size:g}磅）",
    )
    return [issue]


def check_paragraphs(model: DocModel, text: str, title: int | None) -> list[Issue]:
    resolver = StyleResolver(model.document)
    issues: list[Issue] = []
    if title is not None and model.paras[title].runs:
        p = model.paras[title]
        first = next((k for k, r in enumerate(p.runs) if r.text.strip()), None)
        if first is not None:
            issues += _check_run_font("LAY-005", "title", p, first, resolver, text)
    start_at = (title + 1) if title is not None else 0
    for p in model.paras[start_at:]:
        if p.in_table or not p.text.strip() or not p.runs:
            continue
        role = _role(p)
        if role is None:
            continue
        runs = [k for k, r in enumerate(p.runs) if r.text.strip()]
        if not runs:
            continue
        if role.startswith("h"):
            issues += _check_run_font("LAY-007", role, p, runs[0], resolver, text)
        else:
            for k in runs:
                found = _check_run_font("LAY-006", "body", p, k, resolver, text)
                if found:
                    issues += found
                    break
        for k in runs:
            color = resolver.color(p.runs[k], p.paragraph)
            if color and color.lower() not in ("auto", "000000"):
                start = p.start + p.run_starts[k]
                issues.append(
                    make_issue(
                        "LAY-009", start, start + len(p.runs[k].text), text, message=f"文字颜色为#{color}，正文应为黑色"
                    )
                )
                break
    return issues
