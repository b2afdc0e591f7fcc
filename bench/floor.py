"""The floor: the same words and lines a card holds, drawn straight onto a reportlab canvas.

Same embedded font (runprint/fonts/DejaVuSansCondensed*.ttf), same page size, invariant
output, no template, no YAML, no fitting, no validation: the least work any tool could do
to print this card. `run.py` extracts the words and lines from a laid-out card once,
outside every timed region, and compares runprint against drawing them here.

    python bench/floor.py PAGES.json OUT.pdf [COPIES]

PAGES.json is one page or a list of pages; COPIES (default 1) repeats the list into one
PDF, which is the floor of a combined batch. As a process it imports reportlab and the
standard library only.
"""

import io
import json
import sys
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONTS = Path(__file__).resolve().parent.parent / "runprint" / "fonts"


def register() -> None:
    pdfmetrics.registerFont(TTFont("Floor", str(FONTS / "DejaVuSansCondensed.ttf")))
    pdfmetrics.registerFont(TTFont("Floor-Bold", str(FONTS / "DejaVuSansCondensed-Bold.ttf")))


def draw(pages, out, copies: int = 1) -> None:
    """pages: one or a list of {"width", "height", "texts": [[x, y, text, size, bold]],
    "lines": [[x1, y1, x2, y2]], "boxes": [[x, y, w, h]]}, as dumped by run.py."""
    pages = [pages] if isinstance(pages, dict) else pages
    canvas = Canvas(out, pagesize=(pages[0]["width"], pages[0]["height"]), invariant=True,
                    initialFontName="Floor")
    for _ in range(copies):
        for page in pages:
            canvas.setPageSize((page["width"], page["height"]))
            for x, y, text, size, bold in page["texts"]:
                canvas.setFont("Floor-Bold" if bold else "Floor", size)
                canvas.drawString(x, y, text)
            canvas.setLineWidth(0.5)
            for x1, y1, x2, y2 in page["lines"]:
                canvas.line(x1, y1, x2, y2)
            for x, y, w, h in page["boxes"]:
                canvas.rect(x, y, w, h)
            canvas.showPage()
    canvas.save()


def render(pages, copies: int = 1) -> bytes:
    buffer = io.BytesIO()
    draw(pages, buffer, copies)
    return buffer.getvalue()


if __name__ == "__main__":
    register()
    with open(sys.argv[2], "wb") as handle:
        draw(json.loads(Path(sys.argv[1]).read_text()), handle, int(sys.argv[3]) if len(sys.argv) > 3 else 1)
