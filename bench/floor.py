"""The floor: the same words and lines a card holds, drawn straight onto a reportlab canvas.

Same embedded font, same page, no files to read, no validation, no fitting: the least
work any tool could do to print this card. `run.py` compares runprint against it.

    python bench/floor.py PAGE.json OUT.pdf     # as a process, for the cold-start figure
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


def draw(page: dict, out) -> None:
    """page: {"width", "height", "texts": [[x, y, text, size, bold]], "lines": [[x1, y1, x2, y2]],
    "boxes": [[x, y, w, h]]}, as dumped by run.py from a laid-out card."""
    canvas = Canvas(out, pagesize=(page["width"], page["height"]), invariant=True, initialFontName="Floor")
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


def render(page: dict) -> bytes:
    buffer = io.BytesIO()
    draw(page, buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    register()
    with open(sys.argv[2], "wb") as handle:
        draw(json.loads(Path(sys.argv[1]).read_text()), handle)
