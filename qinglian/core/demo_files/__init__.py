"""Plausible files for the demo's evidence (佐证材料), made in memory from the record they prove: a PDF document
in Chinese (会议记录, 完成情况报告, a signed 责任书 with its red seal) and a PNG picture of a meeting in a meeting
room. Standard library only, small (a few KB each) and quick (about a millisecond each), so that a demo build can
give a thousand records their files.

The PDF names the Adobe CJK font STSong-Light with the UniGB-UCS2-H encoding instead of embedding one: every PDF
reader has it or a substitute (PDFium in Chromium and Edge, pdf.js in Firefox, Acrobat, poppler, WPS), the way
ReportLab's `UnicodeCIDFont` writes Chinese. The text is laid out here by the font's widths (CJK a full em, ASCII
its proportional widths, given to the reader in /W), one page or more. The picture is a palette PNG drawn row by
row: wall, banner, screen, table and the people present.

Nothing here draws a random number of its own: every choice comes from the `random.Random` the caller passes, so
the same record and generator give the same bytes.
"""

from qinglian.core.demo_files.pdf import Signature, pdf_document
from qinglian.core.demo_files.png import png_meeting

__all__ = ["Signature", "pdf_document", "png_meeting"]
