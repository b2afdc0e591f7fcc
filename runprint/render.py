"""reportlab drawing only: laid-out pages -> PDF (the only reportlab import).

Everything goes through reportlab's public API: one `Canvas(invariant=True)` per PDF,
drawn page by page with setFont/drawString/line/rect, saved once. The Canvas embeds
each font once per document, numbers the objects and writes the file.

The fonts are DejaVu Sans Condensed, shipped inside the package: it covers Latin,
Greek, Cyrillic, Hebrew and Arabic (with the joined forms right-to-left text is drawn
in), its license allows redistribution, and the condensed cut fits more of a step on
one printed line.
"""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from . import __version__
from .layout.geometry import QR, RIGHT_TO_LEFT, Box, Line, Page, Text

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "RunprintSans", "RunprintSans-Bold"

# reportlab's documented setting (rl_settings.py): streams are deflated only, not also
# ASCII85-encoded, which would make every page's content a quarter larger.
rl_config.useA85 = 0


class ReportlabFonts:
    """Metrics and glyph coverage of the embedded fonts, for the layout step."""

    def __init__(self):
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSansCondensed.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSansCondensed-Bold.ttf")))
        self.glyphs = set(pdfmetrics.getFont(REGULAR).face.charToGlyph)
        self.glyphs &= set(pdfmetrics.getFont(BOLD).face.charToGlyph)
        self.string_width = lru_cache(maxsize=65536)(pdfmetrics.stringWidth)

    def width(self, text: str, bold: bool, size_pt: float) -> float:
        return self.string_width(visual(text), BOLD if bold else REGULAR, size_pt)

    def missing(self, text: str) -> str:
        """The characters the fonts cannot draw, as written (a joined Arabic letter by its base letter)."""
        shown = visual(text)
        if self.glyphs.issuperset(map(ord, shown)):
            return ""
        seen = []
        for char in shown:
            if ord(char) not in self.glyphs and char not in "\n\t":
                char = unicodedata.normalize("NFKC", char)[:1] or char
                if char not in seen:
                    seen.append(char)
        return "".join(seen)


@lru_cache(maxsize=65536)
def visual(text: str) -> str:
    """A line as it is drawn: right-to-left runs (Hebrew, Arabic) in visual order and Arabic
    letters in their joined forms, by python-bidi and arabic-reshaper. Measuring and drawing
    both go through here, so a width is always the width of what is drawn."""
    if not RIGHT_TO_LEFT.search(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


@lru_cache(maxsize=1)
def fonts() -> ReportlabFonts:
    return ReportlabFonts()


class Document:
    """One PDF, drawn page by page on one reportlab Canvas and written to `out` at close.

    `out` is a file name or a binary file object. Same pages added, same bytes.
    """

    def __init__(self, out, title: str = "", subject: str = ""):
        fonts()  # registers the fonts the pages are drawn with
        self.canvas = Canvas(out, invariant=True, initialFontName=REGULAR, initialFontSize=8)
        self.canvas.setTitle(title)
        self.canvas.setSubject(subject)
        self.canvas.setCreator(f"runprint {__version__}")
        self.canvas.setAuthor("runprint")
        self.pages = 0

    def add(self, pages: list[Page], bookmark: str | list[str] | None = None) -> None:
        """Draw `pages`; `bookmark` is an outline entry pointing at the first of them (a list:
        one entry each, e.g. two athletes sharing a --2up sheet)."""
        names = [bookmark] if isinstance(bookmark, str) else list(bookmark or ())
        for index, page in enumerate(pages):
            for number, name in enumerate(names if index == 0 else ()):
                key = f"page-{self.pages + 1}-{number}"  # one destination each: an entry is known by its key
                self.canvas.bookmarkPage(key)
                self.canvas.addOutlineEntry(name, key, level=0)
                self.canvas.showOutline()  # a viewer opens with the bookmarks showing
            draw_page(self.canvas, page)
            self.pages += 1

    def retitle(self, title: str) -> None:
        """Set the title before closing, when it is known only once every page is drawn."""
        self.canvas.setTitle(title)

    def close(self) -> None:
        self.canvas.save()


def render_pdf(pages: list[Page], title: str = "", subject: str = "") -> bytes:
    """Draw pages into one PDF. Same pages, same bytes."""
    buffer = io.BytesIO()
    document = Document(buffer, title or pages[0].title, subject or pages[0].subject)
    document.add(pages)
    document.close()
    return buffer.getvalue()


def draw_page(canvas: Canvas, page: Page) -> None:
    """Draw one laid-out page and end it.

    Each run of text between lines and boxes goes into one text object (reportlab's
    beginText/drawText): one BT..ET block instead of one per string, less work than
    drawString for each, with the paint order of the ops kept.
    """
    canvas.setPageSize((page.width, page.height))
    text = None
    for op in page.ops:
        kind = op.__class__
        if kind is Text:
            if text is None:
                text, grey, font = canvas.beginText(), None, None
            if op.grey != grey:
                text.setFillGray(op.grey)
                grey = op.grey
            if (op.bold, op.size) != font:
                text.setFont(BOLD if op.bold else REGULAR, op.size)
                font = (op.bold, op.size)
            x = op.x
            if op.align != "left":
                width = fonts().width(op.text, op.bold, op.size)  # of the visual line, as drawn
                x -= width if op.align == "right" else width / 2
            text.setTextOrigin(x, op.y)
            text.textOut(visual(op.text))
            continue
        if text is not None:
            canvas.drawText(text)
            text = None
        if kind is Line:
            canvas.setStrokeGray(op.grey)
            canvas.setLineWidth(op.width)
            if op.dash:
                canvas.setDash(list(op.dash))
            canvas.line(op.x1, op.y1, op.x2, op.y2)
            if op.dash:
                canvas.setDash()
        elif kind is Box:
            canvas.setStrokeGray(op.grey)
            canvas.setLineWidth(op.width)
            canvas.rect(op.x, op.y, op.w, op.h, stroke=1, fill=0)
        elif kind is QR:
            draw_qr(canvas, op)
    if text is not None:
        canvas.drawText(text)
    canvas.showPage()


def draw_qr(canvas: Canvas, op: QR) -> None:
    """Each dark module as a filled square on the canvas itself: drawn through reportlab.graphics'
    renderer, the page also took a Helvetica font it never uses, not embedded."""
    # Imported here: reportlab.graphics pulls in platypus and PIL, a third of a cold
    # start, and most cards have no QR code.
    from reportlab.graphics.barcode import qr

    widget = qr.QrCodeWidget(op.data, barBorder=op.border)  # the quiet zone, inside op.size
    shapes = widget.draw().getContents()  # encoded once: getBounds() would encode it again
    bounds = next(shape for shape in shapes if shape.fillColor is None)  # the code's bounds, unfilled
    x0, y0 = bounds.x, bounds.y
    scale = op.size / max(bounds.width, bounds.height)
    canvas.setFillGray(0.0)
    for shape in shapes:
        if shape.fillColor is not None:
            canvas.rect(op.x + (shape.x - x0) * scale, op.y + (shape.y - y0) * scale,
                        shape.width * scale, shape.height * scale, stroke=0, fill=1)
