"""reportlab drawing only: laid-out pages -> PDF bytes (the only reportlab import).

The fonts are DejaVu Sans Condensed, shipped inside the package: it covers Latin,
Greek and Cyrillic, its license allows redistribution, and the condensed cut fits
more of a step on one printed line.
"""

from __future__ import annotations

import io
import zlib
from array import array
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen import canvas as pdfcanvas

from . import __version__
from .layout import QR, Box, Line, Page, Text
from .pdffile import PdfFile

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
    """A PDF written page by page straight to `out`; fonts are embedded once, at close.

    Each page goes to the file as it is added and leaves only its object numbers behind,
    so a roster of thousands of pages needs no more memory than a roster of a hundred.
    reportlab encodes the text and makes the font objects, catalog and info; the pages
    and the file's structure are written here.
    """

    def __init__(self, out, title: str = "", subject: str = "", seed: str | None = None):
        self.canvas = _new_canvas()
        self.canvas.setTitle(title)
        self.canvas.setSubject(subject)
        self.canvas.setCreator(f"runprint {__version__}")
        self.canvas.setAuthor("runprint")
        self.shows: dict[tuple, str] = {}
        self.file = PdfFile(out)
        self.pages_number, self.fonts_number = self.file.reserve(), self.file.reserve()
        self.kids = array("L")
        if seed is not None:
            self._seed(seed)

    def _seed(self, text: str) -> None:
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
        for page in pages:
            if isinstance(page, Page):
                page = drawn(page)
            if isinstance(page, Drawn):
                page = self.finish(page)
            content = self.file.reserve()
            self.file.add_stream(content, page.content)
            number = self.file.reserve()
            self.file.add(number, b"<< /Contents %d 0 R /MediaBox [ 0 0 %s %s ] /Parent %d 0 R /Resources << "
                                  b"/Font %d 0 R /ProcSet [ /PDF /Text ] >> /Type /Page >>" % (
                                      content, fp_str(page.width).encode(), fp_str(page.height).encode(),
                                      self.pages_number, self.fonts_number))
            self.kids.append(number)

    def finish(self, page: Drawn, seeded_only: bool = False) -> Finished | None:
        """The page's deflated content stream, operators exactly as reportlab's canvas writes them.

        With `seeded_only` (a worker finishing pages for another process's document),
        None when the page has a QR code (reportlab draws those with a font it adds to
        the document) or text with a character the seed did not cover.
        """
        parts = [self.canvas._preamble]
        for item in page.code:
            if item.__class__ is str:
                parts.append(item)
            elif item.__class__ is QR:
                if seeded_only:
                    return None
                parts.extend(self._qr(item))
            else:
                show = self._show(*item, seeded_only=seeded_only)
                if show is None:
                    return None
                parts.append(show)
        parts.append(" \n")
        return Finished(page.width, page.height, zlib.compress("\n".join(parts).encode("utf-8")))

    def _qr(self, op: QR) -> list[str]:
        canvas = self.canvas
        kept, canvas._code = canvas._code, []
        try:
            _draw_qr(canvas, op)
            return canvas._code
        finally:
            canvas._code = kept

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
        """Fonts, page tree, catalog, info, cross-reference table: the end of the file."""
        doc, file = self.canvas._doc, self.file
        doc.encrypt.prepare(doc)
        first = self._renumber_reportlab_objects()
        for font in doc.delayedFonts:
            font.addObjects(doc)
        doc.info.invariant = doc.invariant
        doc.info.digest(doc.signature)
        catalog, info = doc.Reference(doc.Catalog), doc.Reference(doc.info)
        doc.Outlines.prepare(doc, self.canvas)
        if doc.Outlines.ready < 0:
            doc.Catalog.Outlines = None
        kids = b" ".join(b"%d 0 R" % n for n in self.kids)
        file.add(self.pages_number, b"<< /Count %d /Kids [ %s ] /Type /Pages >>" % (len(self.kids), kids))
        self._write_reportlab_object(self.fonts_number)
        number = first
        while number in doc.numberToId:  # formatting an object may register more after it
            self._write_reportlab_object(number)
            number += 1
        file.close(lambda size, start: pdfdoc.PDFTrailer(startxref=start, Size=size, Root=catalog, Info=info,
                                                         ID=doc.ID()).format(doc))

    def _renumber_reportlab_objects(self) -> int:
        """Move reportlab's objects after the pages; returns the first number after them.

        reportlab numbered its own objects from 1 (the font dictionary, and a font a QR
        code brought in). The font dictionary takes the number every page names, the
        others follow the pages, and whatever reportlab adds from here on comes after.
        """
        doc, file = self.canvas._doc, self.file
        first = len(file.offsets)
        names = [doc.numberToId[n] for n in sorted(doc.numberToId)]
        doc.numberToId.clear()
        for name in names:
            number = self.fonts_number if name == pdfdoc.BasicFonts else file.reserve()
            doc.idToObjectNumberAndVersion[name] = (number, 0)
            doc.numberToId[number] = name
        doc.objectcounter = len(file.offsets) - 1
        doc.idToObjectNumberAndVersion[_PAGES] = (self.pages_number, 0)
        doc.Catalog.Pages = pdfdoc.PDFObjectReference(_PAGES)
        return first

    def _write_reportlab_object(self, number: int) -> None:
        doc = self.canvas._doc
        name = doc.numberToId[number]
        self.file.write_object(number, pdfdoc.PDFIndirectObject(name, doc.idToObject[name]).format(doc))


_PAGES = "RunprintPages"


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
    and QR ops. Nothing here depends on the document the page ends up in, so a batch's
    workers can draw pages for a combined PDF that another process writes.
    """

    width: float
    height: float
    code: list


def _new_canvas():
    # Never saved: a canvas here only turns drawing calls into operators and holds
    # reportlab's document state (font subsets, catalog, info).
    fonts()
    return pdfcanvas.Canvas(io.BytesIO(), invariant=True, initialFontName=REGULAR, initialFontSize=8)


_scratch = lru_cache(maxsize=1)(_new_canvas)


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
