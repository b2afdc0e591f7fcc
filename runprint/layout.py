"""Page geometry shared by every sheet: paper, drawing operations and text wrapping.

Everything here is plain data in points, so "fits on one page" can be tested without a
PDF. Coordinates are PDF-style: x from the left edge, y up from the bottom edge.
Measuring text needs font metrics, which only the renderer owns; it is passed in as a
`Fonts` object so this module never imports reportlab.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple, Protocol

from .errors import Problem, RunprintError

PAPERS_PT = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898),
             "a5": (419.5276, 595.2756), "half-letter": (396.0, 612.0)}
# --2up: the card size each sheet holds two of, side by side on the sheet turned landscape.
TWO_UP = {"letter": ("half-letter", "letter"), "half-letter": ("half-letter", "letter"),
          "a4": ("a5", "a4"), "a5": ("a5", "a4")}
MARGIN_PT = 36.0          # 0.5 in: comfortably inside the 0.4 in every printer can reach
MIN_BODY_PT = 7.0
HAIRLINE_PT = 0.5
INK = 0.0                 # grey levels: 0 black .. 1 white
RULE = 0.45
FAINT = 0.6


class Fonts(Protocol):
    def width(self, text: str, bold: bool, size_pt: float) -> float: ...
    def missing(self, text: str) -> str: ...


class Text(NamedTuple):
    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    grey: float = INK
    align: str = "left"   # left | right | center (x is the anchor)


class Line(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = HAIRLINE_PT
    grey: float = RULE
    dash: tuple[float, ...] = ()   # on and off lengths in points; () draws a solid line


class Box(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    width: float = HAIRLINE_PT
    grey: float = RULE


class QR(NamedTuple):
    x: float
    y: float
    size: float
    data: str


class Page:
    """One sheet: its size and what to draw, in order."""

    def __init__(self, width: float, height: float, title: str = "", subject: str = "", ops: list | None = None):
        self.width, self.height, self.title, self.subject = width, height, title, subject
        self.ops = ops if ops is not None else []

    def add(self, op) -> None:
        self.ops.append(op)


def first_fit(styles, attempt) -> Page | None:
    """The page from the first style, most comfortable first, whose attempt fits."""
    for style in styles:
        page = attempt(style)
        if page is not None:
            return page
    return None


def paper_size(paper: str) -> tuple[float, float]:
    try:
        return PAPERS_PT[paper.lower()]
    except KeyError:
        raise RunprintError(Problem(None, None, "--paper", f"unknown paper '{paper}'",
                                    f"use one of {', '.join(PAPERS_PT)}")) from None


def two_up(cards: list[tuple[Page, ...]], paper: str) -> list[Page]:
    """Cards two to a landscape sheet of `paper`, with a dashed line to cut them apart.

    Cards pair up in order, and the k-th pages of a pair share a sheet. On the sheets of
    backs (odd k) the halves swap sides, so that printed double-sided, flipping on the
    short edge, each card's back lies behind its own front.
    """
    portrait_w, portrait_h = paper_size(TWO_UP[paper][1])
    width, height = portrait_h, portrait_w
    half = width / 2
    sheets = []
    for first in range(0, len(cards), 2):
        pair = cards[first:first + 2]
        for k in range(max(len(card) for card in pair)):
            halves = [card[k] if k < len(card) else None for card in pair] + [None]
            left, right = (halves[1], halves[0]) if k % 2 else (halves[0], halves[1])
            some = left or right
            sheet = Page(width, height, title=some.title, subject=some.subject)
            for dx, page in ((0.0, left), (half, right)):
                if page is not None:
                    sheet.ops.extend(_moved(op, dx, height - page.height) for op in page.ops)
            sheet.add(Line(half, MARGIN_PT * 0.85, half, height - MARGIN_PT * 0.85, grey=FAINT, dash=(4.0, 3.0)))
            sheets.append(sheet)
    return sheets


def _moved(op, dx: float, dy: float):
    if isinstance(op, Line):
        return op._replace(x1=op.x1 + dx, y1=op.y1 + dy, x2=op.x2 + dx, y2=op.y2 + dy)
    return op._replace(x=op.x + dx, y=op.y + dy)


RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic and their forms


@lru_cache(maxsize=8192)
def right_to_left(text: str) -> bool:
    """Whether a line reads right to left: its first letter (of a strong direction) is Hebrew or Arabic."""
    if not RIGHT_TO_LEFT.search(text):
        return False
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


@lru_cache(maxsize=8192)
def wrap(text: str, width: float, fonts: Fonts, size: float, bold: bool = False) -> tuple[str, ...]:
    """Greedy word wrap; a word wider than the line is broken between characters.

    Cached: the fitting step wraps the same text at the same width for several styles.
    """
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        current, first = "", len(lines)
        for word in paragraph.split():
            trial = f"{current} {word}" if current else word
            if fonts.width(trial, bold, size) <= width:
                current = trial
                continue
            if current:
                lines.append(current)
            current = ""
            while word and fonts.width(word, bold, size) > width:  # `word and`: a width <= 0 must still end
                cut = _longest_prefix(word, width, fonts, size, bold)
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        if current or len(lines) == first:  # an empty paragraph is an empty line; a word broken to its end is not
            lines.append(current)
    return tuple(lines)


def _longest_prefix(word: str, width: float, fonts: Fonts, size: float, bold: bool) -> int:
    cut = 1
    while cut < len(word) and fonts.width(word[: cut + 1], bold, size) <= width:
        cut += 1
    return cut


def check_glyphs(texts: dict[str, str], fonts: Fonts, origin: str) -> None:
    """Refuse characters the embedded fonts cannot draw, naming each and where it is."""
    problems = []
    for where, text in texts.items():
        missing = fonts.missing(text or "")
        if missing:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
            problems.append(Problem(origin, None, where, f"the font cannot print {shown}",
                                    "the card font covers Latin, Greek, Cyrillic, Hebrew and Arabic; "
                                    "write these characters another way"))
    if problems:
        raise RunprintError(problems)


def write_line(page: Page, x: float, y: float, w: float, label: str, value: str, size: float, fonts: Fonts) -> None:
    """'Label: value' or 'Label: ______' to fill in by hand."""
    page.add(Text(x, y, f"{label}:", size, bold=True))
    start = x + fonts.width(f"{label}: ", True, size)
    if value:
        page.add(Text(start, y, value, size))
    else:
        page.add(Line(start, y - 1.5, x + w, y - 1.5, grey=FAINT))


def name_fields(page: Page, x: float, y: float, w: float, used: float, athlete: str, date_label: str | None,
                fonts: Fonts) -> float:
    """'Athlete: ___  Date: ___' after `used` points of a heading line, or on a line of its own
    when a long name would not leave room; no date field without a `date_label`. Returns
    the baseline it used."""
    athlete_w = fonts.width(f"Athlete: {athlete}", True, 9) + 30 if athlete else 0
    if date_label is None:
        if used + max(athlete_w, 150.0) > w:
            y, used = y - 14, 0.0
        write_line(page, x + used, y, w - used, "Athlete", athlete, 9, fonts)
        return y
    date_w = 120.0
    if used + max(athlete_w, (w - used) * 0.62) + date_w > w:
        y -= 14
        used = 0.0
    rest = w - used
    slot = max(athlete_w, rest * 0.62) if rest - max(athlete_w, rest * 0.62) >= date_w else rest - date_w
    write_line(page, x + used, y, slot, "Athlete", athlete, 9, fonts)
    write_line(page, x + used + slot + 12, y, rest - slot - 12, date_label, "", 9, fonts)
    return y


def ruled_area(page: Page, x: float, top: float, w: float, bottom: float, label: str, size: float,
               spacing: float = 16.0) -> None:
    """A framed area with a label and writing lines, from `top` down to `bottom`."""
    page.add(Box(x, bottom, w, top - bottom))
    page.add(Text(x + 4, top - size - 2, label, size, bold=True))
    y = top - size - 2 - spacing
    while y > bottom + 6:
        page.add(Line(x + 4, y, x + w - 4, y, grey=FAINT))
        y -= spacing
