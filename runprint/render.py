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

import hashlib
import io
import struct
import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from . import __version__
from .errors import Problem, RunprintError
from .fontfiles import FontFile, package_for, system_fonts
from .layout.geometry import QR, RIGHT_TO_LEFT, Box, Line, Page, Text

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "RunprintSans", "RunprintSans-Bold"

# reportlab's documented setting (rl_settings.py): streams are deflated only, not also
# ASCII85-encoded, which would make every page's content a quarter larger.
rl_config.useA85 = 0


class ReportlabFonts:
    """Metrics and glyph coverage of the embedded fonts, for the layout step and the drawing.

    DejaVu draws what it has. Any other character (Chinese, Japanese, Korean...) is drawn in
    the first font that has it: `font` (--font, RUNPRINT_FONT), then the system's fonts in
    fontfiles' fixed order. The choice is made per character, so a line is drawn in runs of
    one font each, and its width is the sum of its runs' widths: measuring and drawing agree.
    A fallback font without a bold cut draws bold text in its regular.
    """

    def __init__(self, font: str | None = None, system: bool = True):
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSansCondensed.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSansCondensed-Bold.ttf")))
        self.glyphs = set(pdfmetrics.getFont(REGULAR).face.charToGlyph)
        self.glyphs &= set(pdfmetrics.getFont(BOLD).face.charToGlyph)
        self.string_width = lru_cache(maxsize=65536)(pdfmetrics.stringWidth)
        # Pure caches of this object's answers: layout asks the same widths again and again,
        # and render asks for the runs of every line it draws.
        self.width = lru_cache(maxsize=65536)(self._width)
        self.runs = lru_cache(maxsize=65536)(self._runs)
        self.given = _given(font) if font else None
        self.system = system
        self.candidates: list[FontFile] | None = None  # the system's, listed on the first character DejaVu lacks
        self.opened: dict[tuple[str, int], str | None] = {}  # (path, index) -> registered name; None: cannot embed
        self.chosen: dict[str, tuple[str, str] | None] = {}  # character -> (regular, bold) names; None: no font has it

    def _width(self, text: str, bold: bool, size_pt: float) -> float:
        shown = visual(text)
        if self.glyphs.issuperset(map(ord, shown)):
            return self.string_width(shown, BOLD if bold else REGULAR, size_pt)
        return sum(self.string_width(run, name, size_pt) for name, run in self.runs(shown, bold))

    def missing(self, text: str) -> str:
        """The characters no font can draw, as written (a joined Arabic letter by its base letter)."""
        shown = visual(text)
        if self.glyphs.issuperset(map(ord, shown)):
            return ""
        seen = []
        for char in shown:
            if ord(char) not in self.glyphs and char not in "\n\t" and self.fallback(char) is None:
                char = unicodedata.normalize("NFKC", char)[:1] or char
                if char not in seen:
                    seen.append(char)
        return "".join(seen)

    def _runs(self, shown: str, bold: bool) -> tuple[tuple[str, str], ...]:
        """A visual line cut into (font name, text) runs, each drawn in one font."""
        dejavu = BOLD if bold else REGULAR
        if self.glyphs.issuperset(map(ord, shown)):
            return ((dejavu, shown),)
        out: list[tuple[str, str]] = []
        for char in shown:
            names = None if ord(char) in self.glyphs else self.fallback(char)
            name = dejavu if names is None else names[bold]  # what no font has is refused before drawing
            if out and out[-1][0] == name:
                out[-1] = (name, out[-1][1] + char)
            else:
                out.append((name, char))
        return tuple(out)

    def fallback(self, char: str) -> tuple[str, str] | None:
        if char not in self.chosen:
            self.chosen[char] = self._find(ord(char))
        return self.chosen[char]

    def _find(self, code: int) -> tuple[str, str] | None:
        if self.given is not None and code in pdfmetrics.getFont(self.given).face.charToGlyph:
            return self.given, self.given
        if not self.system:
            return None
        if self.candidates is None:
            self.candidates = system_fonts()
        for font in self.candidates:
            if not font.bold and font.may_have(code):
                name = self._open(font, code)
                if name is not None:
                    bold = next((self._open(b, code) for b in self.candidates
                                 if b.bold and b.family == font.family and b.may_have(code)), None)
                    return name, bold or name
        return None

    def _open(self, font: FontFile, code: int) -> str | None:
        """The registered name of `font` if it can be embedded and has `code`."""
        key = (font.path, font.index)
        if key not in self.opened:
            name = f"RunprintFallback-{hashlib.sha1(f'{font.path}:{font.index}'.encode()).hexdigest()[:12]}"
            try:
                pdfmetrics.registerFont(TTFont(name, font.path, subfontIndex=font.index))
            except UNREADABLE:  # PostScript outlines, a damaged file: try the next font
                name = None
            self.opened[key] = name
        name = self.opened[key]
        return name if name and code in pdfmetrics.getFont(name).face.charToGlyph else None


# What reportlab raises for a file it cannot embed: its TTFError (PostScript outlines, not a
# font at all), or a parsing error from a damaged table.
UNREADABLE = (TTFError, OSError, struct.error, ValueError, KeyError, IndexError)


def _given(path: str) -> str:
    """Register the font the user gave (--font, RUNPRINT_FONT); its name, or a problem to fix."""
    name = f"RunprintGiven-{hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:12]}"
    if not Path(path).is_file():
        raise RunprintError(Problem(path, None, "--font", "no such font file",
                                    "give the path of a .ttf or .ttc file"))
    try:
        pdfmetrics.registerFont(TTFont(name, path))
    except UNREADABLE:
        hint = ("give a .ttf or .ttc font with TrueType outlines (an .otf with PostScript outlines cannot be "
                f"embedded), e.g. from the package {package_for('中')}")
        raise RunprintError(Problem(path, None, "--font", "not a TrueType font runprint can embed", hint)) from None
    return name


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


@lru_cache(maxsize=4)
def fonts(font: str | None = None) -> ReportlabFonts:
    """The fonts of a run with `font` (--font) as the first fallback: one object per font, so a
    page is drawn with the very fonts it was measured with."""
    return ReportlabFonts(font)


class Document:
    """One PDF, drawn page by page on one reportlab Canvas and written to `out` at close.

    `out` is a file name or a binary file object. Same pages added, same bytes.
    """

    def __init__(self, out, title: str = "", subject: str = "", font: str | None = None):
        self.fonts = fonts(font)  # the fonts the pages were measured with, registered
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
            draw_page(self.canvas, page, self.fonts)
            self.pages += 1

    def retitle(self, title: str) -> None:
        """Set the title before closing, when it is known only once every page is drawn."""
        self.canvas.setTitle(title)

    def close(self) -> None:
        self.canvas.save()


def render_pdf(pages: list[Page], title: str = "", subject: str = "", font: str | None = None) -> bytes:
    """Draw pages into one PDF, with `font` as the first fallback (as they were laid out). Same pages, same bytes."""
    buffer = io.BytesIO()
    document = Document(buffer, title or pages[0].title, subject or pages[0].subject, font)
    document.add(pages)
    document.close()
    return buffer.getvalue()


def draw_page(canvas: Canvas, page: Page, fonts: ReportlabFonts) -> None:
    """Draw one laid-out page and end it.

    Each run of text between lines and boxes goes into one text object (reportlab's
    beginText/drawText): one BT..ET block instead of one per string, less work than
    drawString for each, with the paint order of the ops kept. A line with characters
    DejaVu lacks is drawn in runs, a font each, one after the other.
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
            x = op.x
            if op.align != "left":
                width = fonts.width(op.text, op.bold, op.size)  # of the visual line, as drawn
                x -= width if op.align == "right" else width / 2
            text.setTextOrigin(x, op.y)
            for name, run in fonts.runs(visual(op.text), op.bold):
                if (name, op.size) != font:
                    text.setFont(name, op.size)
                    font = (name, op.size)
                text.textOut(run)
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
