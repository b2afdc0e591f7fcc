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
from typing import NamedTuple

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFStream
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen import canvas as pdfcanvas

from . import __version__
from .layout import QR, Box, Line, Page, Text

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "RunprintSans", "RunprintSans-Bold"
SHOWS_KEPT = 8192         # encoded strings kept per document: a template's text many times over


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
        self.spill = _Spill() if streaming else None
        self.canvas = pdfcanvas.Canvas(out, invariant=True, pageCompression=1, initialFontName=REGULAR,
                                       initialFontSize=8)
        self.canvas.setTitle(title)
        self.canvas.setSubject(subject)
        self.canvas.setCreator(f"runprint {__version__}")
        self.canvas.setAuthor("runprint")
        self.shows: dict[tuple, str] = {}

    def seed(self, text: str) -> None:
        """Give the characters of `text` their subset codes now, in a fixed order.

        Two documents seeded alike encode those characters alike, which lets a batch's
        workers finish their pages' content for a document they never see.
        """
        doc = self.canvas._doc
        for name in (REGULAR, BOLD):
            font = pdfmetrics.getFont(name)
            for subset, _ in font.splitString("".join(sorted(set(text))) or " ", doc):
                font.getSubsetInternalName(subset, doc)

    def add(self, pages: list[Page | Drawn | Finished]) -> None:
        canvas = self.canvas
        for page in pages:
            if isinstance(page, Page):
                page = drawn(page)
            if isinstance(page, Drawn):
                page = self.finish(page) or page
            canvas.setPageSize((page.width, page.height))
            if isinstance(page, Finished):
                canvas.showPage()
                _set_content(canvas, page.content, self.spill)
                continue
            for item in page.code:  # a page with a QR code: reportlab draws it
                if item.__class__ is str:
                    canvas._code.append(item)
                elif item.__class__ is QR:
                    _draw_qr(canvas, item)
                else:
                    canvas._code.append(self._show(*item))
            canvas.showPage()
            _set_content(canvas, zlib.compress(canvas._doc.Pages.pages[-1].stream.encode("utf-8")), self.spill)

    def finish(self, page: Drawn, seeded_only: bool = False) -> Finished | None:
        """The page's compressed content stream, byte for byte what reportlab would write.

        None when it has a QR code (reportlab draws those with a font of its own) or,
        with `seeded_only`, text with a character the seed did not cover.
        """
        parts = [self.canvas._preamble]
        for item in page.code:
            if item.__class__ is str:
                parts.append(item)
            elif item.__class__ is QR:
                return None
            else:
                show = self._show(*item, seeded_only=seeded_only)
                if show is None:
                    return None
                parts.append(show)
        parts.append(" \n")
        return Finished(page.width, page.height, zlib.compress("\n".join(parts).encode("utf-8")))

    def _show(self, prefix: str, bold: bool, size: float, text: str, seeded_only: bool = False) -> str | None:
        # Subset codes are numbered per document in order of first use, so each
        # distinct string is encoded once per document and kept.
        key = (bold, size, text)
        shows = self.shows.get(key)
        if shows is None:
            font = pdfmetrics.getFont(BOLD if bold else REGULAR)
            doc, escape = self.canvas._doc, self.canvas._escape
            if seeded_only and not set(map(ord, text)) <= font.state[doc].assignments.keys():
                return None
            if len(self.shows) >= SHOWS_KEPT:  # a roster's names would grow it without end
                self.shows.clear()
            size_ops = f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"
            shows = self.shows[key] = " ".join(
                f"{font.getSubsetInternalName(subset, doc)} {size_ops} ({escape(codes)}) Tj"
                for subset, codes in font.splitString(text, doc))
        return f"{prefix}{shows} ET"

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


def _set_content(canvas, content: bytes, spill: _Spill | None = None) -> None:
    # reportlab keeps every finished page's operators as text until save(). Giving each
    # page its deflated content as it closes (what save() would write anyway) keeps that
    # small, and a streaming document moves it out of memory altogether.
    page = canvas._doc.Pages.pages[-1]
    page.stream = None
    page.Contents = PDFStream(content=content, filters=[_AlreadyFlate])
    if spill is not None:
        _format_early(canvas._doc, spill)


class _Spill:
    """The scratch file of a streaming document: appended to page by page, read at save."""

    def __init__(self):
        self.file = tempfile.TemporaryFile()
        self.end = 0
        self.reading = False

    def append(self, data: bytes) -> tuple[int, int]:
        # Appends track the end themselves: a seek would flush the buffer every time.
        if self.reading:
            self.file.seek(0, 2)
            self.reading = False
        self.file.write(data)
        self.end += len(data)
        return self.end - len(data), len(data)

    def read(self, offset: int, length: int) -> bytes:
        self.reading = True
        self.file.seek(offset)
        return self.file.read(length)

    def close(self) -> None:
        self.file.close()


class _Formatted(pdfdoc.PDFObject):
    """An object already formatted into the scratch file; reportlab keeps only this stub."""

    def __init__(self, spill: _Spill, data: bytes):
        self.spill = spill
        self.offset, self.length = spill.append(data)

    def format(self, document):
        return self.spill.read(self.offset, self.length)


def _format_early(doc, spill: _Spill) -> None:
    # A finished page's dictionary and content never change, so format both now and
    # let reportlab keep stubs: its page objects were most of what grew with a roster.
    pages = doc.Pages.pages
    page = pages[-1]
    page.check_format(doc)
    pages[-1] = _stub(doc, spill, page.__InternalName__, page.format(doc))
    content = page.Contents
    _stub(doc, spill, doc.Reference(content).name, content.format(doc))


def _stub(doc, spill: _Spill, name: str, data: bytes) -> _Formatted:
    stub = _Formatted(spill, data)
    stub.__InternalName__ = name
    doc.idToObject[name] = stub
    return stub


def open_document(out, title: str = "", subject: str = "", streaming: bool = True) -> Document:
    return Document(out, title, subject, streaming)


def render_pdf(pages: list[Page], title: str = "", subject: str = "") -> bytes:
    """Draw pages into one PDF. Same pages, same bytes."""
    buffer = io.BytesIO()
    document = Document(buffer, title or pages[0].title, subject or pages[0].subject)
    document.add(pages)
    document.close()
    return buffer.getvalue()


class Finished(NamedTuple):
    """A page's deflated content stream, ready for the document it was finished for."""

    width: float
    height: float
    content: bytes


class Drawn(NamedTuple):
    """A page's content stream, finished except for its text's font encoding.

    `code` holds operator strings, (prefix, bold, size, text) for each piece of text,
    and QR ops. Everything here is the same for any document, so a batch's workers
    draw their pages and the one process writing the combined PDF only joins them.
    """

    width: float
    height: float
    code: list


@lru_cache(maxsize=1)
def _scratch():
    fonts()
    return pdfcanvas.Canvas(io.BytesIO(), invariant=True, initialFontName=REGULAR, initialFontSize=8)


def drawn(page: Page) -> Drawn:
    """The operators reportlab's canvas would write for the page, text left unencoded."""
    canvas = _scratch()
    canvas._code = code = []
    grey = None
    for op in page.ops:
        if op.__class__ is Text:
            if op.grey != grey:
                canvas.setFillGray(op.grey)
                grey = op.grey
            x = op.x
            if op.align != "left":
                width = fonts().width(op.text, op.bold, op.size)
                x -= width if op.align == "right" else width / 2
            code.append((f"BT 1 0 0 1 {fp_str(x)} {fp_str(op.y)} Tm ", op.bold, op.size, op.text))
        elif op.__class__ is Line:
            canvas.setStrokeGray(op.grey)
            canvas.setLineWidth(op.width)
            canvas.line(op.x1, op.y1, op.x2, op.y2)
        elif op.__class__ is Box:
            canvas.setStrokeGray(op.grey)
            canvas.setLineWidth(op.width)
            canvas.rect(op.x, op.y, op.w, op.h, stroke=1, fill=0)
        elif op.__class__ is QR:
            code.append(op)
    return Drawn(page.width, page.height, _joined(code))


def _joined(code: list) -> list:
    # The page stream is its operators joined by newlines; joining each run of plain
    # operators here gives the same bytes and far fewer pieces to send between processes.
    out, run = [], []
    for item in code:
        if item.__class__ is str:
            run.append(item)
            continue
        if run:
            out.append("\n".join(run))
            run = []
        out.append(item)
    if run:
        out.append("\n".join(run))
    return out


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
