"""reportlab drawing only: laid-out pages -> PDF bytes (the only reportlab import).

The fonts are DejaVu Sans Condensed, shipped inside the package: it covers Latin,
Greek and Cyrillic, its license allows redistribution, and the condensed cut fits
more of a step on one printed line.
"""

from __future__ import annotations

import functools
import io
import tempfile
import zlib
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFStream
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen import canvas as pdfcanvas

from . import __version__
from .layout import QR, Box, Line, Page, Text

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "RunprintSans", "RunprintSans-Bold"


class ReportlabFonts:
    """Metrics and glyph coverage of the embedded fonts, for the layout step."""

    def __init__(self):
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSansCondensed.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSansCondensed-Bold.ttf")))
        self._glyphs = set(pdfmetrics.getFont(REGULAR).face.charToGlyph)
        self._glyphs &= set(pdfmetrics.getFont(BOLD).face.charToGlyph)
        self._width = lru_cache(maxsize=65536)(pdfmetrics.stringWidth)

    def width(self, text: str, bold: bool, size_pt: float) -> float:
        return self._width(text, BOLD if bold else REGULAR, size_pt)

    def missing(self, text: str) -> str:
        seen = []
        for char in text:
            if ord(char) not in self._glyphs and char not in "\n\t" and char not in seen:
                seen.append(char)
        return "".join(seen)


@lru_cache(maxsize=1)
def fonts() -> ReportlabFonts:
    return ReportlabFonts()


class Document:
    """A PDF being written page by page; fonts are embedded once for the whole file.

    With `streaming`, each finished page's content goes to a scratch file and the PDF is
    written straight to `out` on close, so a roster of thousands of pages needs no more
    memory than a roster of a hundred.
    """

    def __init__(self, out, title: str = "", subject: str = "", streaming: bool = False):
        fonts()
        self.out = out
        self.spill = tempfile.TemporaryFile() if streaming else None
        self.canvas = pdfcanvas.Canvas(out, invariant=True, pageCompression=1, initialFontName=REGULAR,
                                       initialFontSize=8)
        self.canvas.setTitle(title)
        self.canvas.setSubject(subject)
        self.canvas.setCreator(f"runprint {__version__}")
        self.canvas.setAuthor("runprint")

    def add(self, pages: list[Page]) -> None:
        for page in pages:
            self.canvas.setPageSize((page.width, page.height))
            draw_page(self.canvas, page)
            self.canvas.showPage()
            _compress_last_page(self.canvas, self.spill)

    def close(self) -> None:
        if self.spill is None:
            self.canvas.save()
            return
        original = pdfdoc.PDFFile
        pdfdoc.PDFFile = functools.partial(_StreamingFile, self.out)
        try:
            self.canvas.save()
        finally:
            pdfdoc.PDFFile = original
            self.spill.close()


class _AlreadyFlate:
    """A stream filter for content compressed as soon as its page is done."""

    pdfname = "FlateDecode"

    @staticmethod
    def encode(data):
        return data


class _SpilledStream(PDFStream):
    """A page's compressed content, kept in the scratch file until the PDF is written."""

    def __init__(self, spill, offset: int, length: int):
        super().__init__(filters=[_AlreadyFlate])
        self.spill, self.offset, self.length = spill, offset, length

    @property
    def content(self):
        self.spill.seek(self.offset)
        return self.spill.read(self.length)

    @content.setter
    def content(self, value):
        pass


class _StreamingFile(pdfdoc.PDFFile):
    """reportlab's output collector, writing each object to the file as it is formatted."""

    def __init__(self, out, pdfVersion=pdfdoc.PDF_VERSION_DEFAULT):  # noqa: N803 - reportlab's name
        super().__init__(pdfVersion)  # collects the header in self.strings
        for chunk in self.strings:
            out.write(chunk)
        self.strings = []
        self.write = out.write

    def format(self, document):
        return b""


def _compress_last_page(canvas, spill=None) -> None:
    # reportlab keeps every finished page's operators as text until save(). Deflating
    # each page as it closes (what save() would write anyway) keeps that small, and a
    # streaming document moves it out of memory altogether.
    page = canvas._doc.Pages.pages[-1]
    if page.stream and not page.Contents:
        data = zlib.compress(page.stream.encode("utf-8"))
        if spill is None:
            page.Contents = PDFStream(content=data, filters=[_AlreadyFlate])
            page.stream = None
        else:
            page.Contents = _SpilledStream(spill, _spill(spill, data), len(data))
            page.stream = None
            _format_early(canvas._doc, spill)


class _Formatted(pdfdoc.PDFObject):
    """An object already formatted into the scratch file; reportlab keeps only this stub."""

    def __init__(self, spill, offset: int, length: int):
        self.spill, self.offset, self.length = spill, offset, length

    def format(self, document):
        self.spill.seek(self.offset)
        return self.spill.read(self.length)


def _spill(spill, data: bytes) -> int:
    spill.seek(0, 2)
    offset = spill.tell()
    spill.write(data)
    return offset


def _format_early(doc, spill) -> None:
    # A finished page's dictionary and content never change, so format both now and
    # let reportlab keep a stub: its page objects were most of what grew with a roster.
    pages = doc.Pages.pages
    page = pages[-1]
    page.check_format(doc)
    name = page.__InternalName__
    data = page.format(doc)
    stub = _Formatted(spill, _spill(spill, data), len(data))
    stub.__InternalName__ = name
    doc.idToObject[name] = pages[-1] = stub
    ref = doc.Reference(page.Contents).name
    content = doc.idToObject[ref].format(doc)
    content_stub = _Formatted(spill, _spill(spill, content), len(content))
    content_stub.__InternalName__ = ref
    doc.idToObject[ref] = content_stub


def open_document(out, title: str = "", subject: str = "", streaming: bool = True) -> Document:
    return Document(out, title, subject, streaming)


def render_pdf(pages: list[Page], title: str = "", subject: str = "") -> bytes:
    """Draw pages into one PDF. Same pages, same bytes."""
    buffer = io.BytesIO()
    document = Document(buffer, title or pages[0].title, subject or pages[0].subject)
    document.add(pages)
    document.close()
    return buffer.getvalue()


def draw_page(canvas, page: Page) -> None:
    text = _TextWriter(canvas)
    for op in page.ops:
        if isinstance(op, Text):
            text.write(op)
        elif isinstance(op, Line):
            canvas.setStrokeGray(op.grey)
            canvas.setLineWidth(op.width)
            canvas.line(op.x1, op.y1, op.x2, op.y2)
        elif isinstance(op, Box):
            canvas.setStrokeGray(op.grey)
            canvas.setLineWidth(op.width)
            canvas.rect(op.x, op.y, op.w, op.h, stroke=1, fill=0)
        elif isinstance(op, QR):
            _draw_qr(canvas, op)


class _TextWriter:
    """Text operators written straight into the page, each distinct string encoded once.

    reportlab's drawString builds a text object and re-encodes the string into the font
    subset for every call; a roster prints the same steps on every athlete's page, so
    the encoded operators are cached per document (subset codes are per document).
    Same operators, same bytes as drawString produces for plain left-to-right text.
    """

    def __init__(self, canvas):
        self.canvas = canvas
        doc = canvas._doc
        self.cache = doc.__dict__.setdefault("_runprint_text", {})
        self.grey = None

    def write(self, op: Text) -> None:
        canvas = self.canvas
        if op.grey != self.grey:
            canvas.setFillGray(op.grey)
            self.grey = op.grey
        name = BOLD if op.bold else REGULAR
        key = (name, op.size, op.text)
        shows = self.cache.get(key)
        if shows is None:
            shows = self.cache[key] = self._encode(name, op.size, op.text)
        x = op.x
        if op.align != "left":
            width = fonts().width(op.text, op.bold, op.size)
            x -= width if op.align == "right" else width / 2
        canvas._code.append(f"BT 1 0 0 1 {fp_str(x)} {fp_str(op.y)} Tm {shows} ET")

    def _encode(self, name: str, size: float, text: str) -> str:
        font = pdfmetrics.getFont(name)
        doc = self.canvas._doc
        size_ops = f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"
        return " ".join(f"{font.getSubsetInternalName(subset, doc)} {size_ops} ({self.canvas._escape(codes)}) Tj"
                        for subset, codes in font.splitString(text, doc))


def _draw_qr(canvas, op: QR) -> None:
    # Imported here: reportlab.graphics pulls in platypus and PIL, a third of a cold
    # start, and most cards have no video.
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode import qr
    from reportlab.graphics.shapes import Drawing

    widget = qr.QrCodeWidget(op.data, barBorder=0)
    x0, y0, x1, y1 = widget.getBounds()
    scale = op.size / max(x1 - x0, y1 - y0)
    drawing = Drawing(op.size, op.size, transform=[scale, 0, 0, scale, 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, op.x, op.y)
