"""Plain-text view of a .docx with offset ↔ (paragraph, run) mapping, and style resolution.

Style inheritance follows Word: direct run properties → character style (and its basedOn
chain) → paragraph style (basedOn chain, or the default paragraph style) → docDefaults.
Theme fonts (eastAsiaTheme="minorEastAsia") resolve through word/theme/theme1.xml.
"""

from __future__ import annotations

import bisect
import io
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from .errors import CorruptDocumentError

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@dataclass
class ParaInfo:
    paragraph: Paragraph
    runs: list[Run]
    run_starts: list[int]  # offset of each run inside the paragraph text
    text: str
    start: int  # offset of the paragraph in the document text
    in_table: bool = False


@dataclass
class DocModel:
    document: object
    paras: list[ParaInfo] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)

    def locate(self, offset: int) -> tuple[int, int]:
        """(paragraph index, run index) of a text offset; run -1 when the paragraph has none."""
        starts = [p.start for p in self.paras]
        pi = max(0, bisect.bisect_right(starts, offset) - 1)
        para = self.paras[pi]
        if not para.runs:
            return pi, -1
        ri = max(0, bisect.bisect_right(para.run_starts, offset - para.start) - 1)
        return pi, ri


def _para_runs(paragraph: Paragraph) -> list[Run]:
    runs: list[Run] = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Run):
            runs.append(item)
        else:  # Hyperlink
            runs.extend(item.runs)
    return runs


def open_document(data: bytes):
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise CorruptDocumentError(f"文档已损坏或不是有效的 Word 文档（{type(exc).__name__}）") from exc


def build_model(document) -> DocModel:
    model = DocModel(document)
    body = document.element.body
    offset = 0
    for p_el in body.iter(qn("w:p")):
        in_table = any(a.tag == qn("w:tbl") for a in p_el.iterancestors())
        paragraph = Paragraph(p_el, document._body)
        runs = _para_runs(paragraph)
        starts, texts, pos = [], [], 0
        for run in runs:
            # Line breaks inside a paragraph become spaces so that '\n' only separates paragraphs.
            t = run.text.replace("\n", " ").replace("\r", " ")
            starts.append(pos)
            texts.append(t)
            pos += len(t)
        text = "".join(texts)
        model.paras.append(ParaInfo(paragraph, runs, starts, text, offset, in_table))
        offset += len(text) + 1
    return model


class StyleResolver:
    """Resolves effective run and paragraph properties through the style hierarchy."""

    def __init__(self, document) -> None:
        styles_el = document.styles.element
        self.styles = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
        self.default_para = next(
            (
                sid
                for sid, s in self.styles.items()
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true", "on")
            ),
            None,
        )
        defaults = styles_el.find(qn("w:docDefaults"))
        self.default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        self.default_ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None else None
        self.theme = self._theme_fonts(document)

    @staticmethod
    def _theme_fonts(document) -> dict[str, str]:
        fonts: dict[str, str] = {}
        for part in document.part.package.iter_parts():
            if str(part.partname).startswith("/word/theme/"):
                try:
                    root = etree.fromstring(part.blob)
                except etree.XMLSyntaxError:
                    return fonts
                for kind in ("major", "minor"):
                    node = root.find(f".//{{{_A}}}{kind}Font")
                    if node is None:
                        continue
                    ea = node.find(f"{{{_A}}}ea")
                    hans = node.find(f"{{{_A}}}font[@script='Hans']")
                    face = (ea.get("typeface") if ea is not None else "") or (
                        hans.get("typeface") if hans is not None else ""
                    )
                    fonts[f"{kind}EastAsia"] = face
                break
        return fonts

    def _style_chain(self, style_id: str | None) -> list:
        chain, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain

    def _rpr_chain(self, run: Run | None, paragraph: Paragraph) -> list:
        chain = []
        if run is not None:
            rpr = run._r.rPr
            if rpr is not None:
                chain.append(rpr)
                rstyle = rpr.find(qn("w:rStyle"))
                if rstyle is not None:
                    chain += [s.find(qn("w:rPr")) for s in self._style_chain(rstyle.get(qn("w:val")))]
        ppr = paragraph._p.pPr
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        sid = pstyle.get(qn("w:val")) if pstyle is not None else self.default_para
        chain += [s.find(qn("w:rPr")) for s in self._style_chain(sid)]
        chain.append(self.default_rpr)
        return [c for c in chain if c is not None]

    def font_east_asia(self, run: Run | None, paragraph: Paragraph) -> str | None:
        for rpr in self._rpr_chain(run, paragraph):
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                continue
            if fonts.get(qn("w:eastAsia")):
                return fonts.get(qn("w:eastAsia"))
            theme = fonts.get(qn("w:eastAsiaTheme"))
            if theme:
                return self.theme.get(theme.replace("Bidi", "").replace("HAnsi", "")) or None
        return None

    def size_pt(self, run: Run | None, paragraph: Paragraph) -> float | None:
        for rpr in self._rpr_chain(run, paragraph):
            sz = rpr.find(qn("w:sz"))
            if sz is not None and sz.get(qn("w:val")):
                return int(sz.get(qn("w:val"))) / 2
        return 10.0  # Word's built-in default when nothing sets a size

    def color(self, run: Run | None, paragraph: Paragraph) -> str | None:
        for rpr in self._rpr_chain(run, paragraph):
            c = rpr.find(qn("w:color"))
            if c is not None and c.get(qn("w:val")):
                return c.get(qn("w:val"))
        return None

    def alignment(self, paragraph: Paragraph) -> str | None:
        ppr = paragraph._p.pPr
        chain = [ppr] if ppr is not None else []
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        sid = pstyle.get(qn("w:val")) if pstyle is not None else self.default_para
        chain += [s.find(qn("w:pPr")) for s in self._style_chain(sid)]
        chain.append(self.default_ppr)
        for p in chain:
            if p is None:
                continue
            jc = p.find(qn("w:jc"))
            if jc is not None:
                return jc.get(qn("w:val"))
        return None

    def default_size_pt(self) -> float:
        if self.default_para:
            for s in self._style_chain(self.default_para):
                rpr = s.find(qn("w:rPr"))
                sz = rpr.find(qn("w:sz")) if rpr is not None else None
                if sz is not None:
                    return int(sz.get(qn("w:val"))) / 2
        if self.default_rpr is not None and self.default_rpr.find(qn("w:sz")) is not None:
            return int(self.default_rpr.find(qn("w:sz")).get(qn("w:val"))) / 2
        return 10.0
