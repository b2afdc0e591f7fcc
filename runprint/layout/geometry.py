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

from ..errors import Problem, RunprintError

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
    border: int = 4   # the quiet zone, in modules, inside `size`


class Cell(NamedTuple):
    """Where a lifter writes one value: not drawn (the grid's lines draw it), kept so that a
    photo of the filled page can be read back cell by cell."""

    x: float
    y: float
    w: float
    h: float
    item: str        # the item's label on the card ('1', 'A2')
    exercise: str    # the exercise id
    set: int         # from 1
    week: int        # the week number the column is headed with
    kind: str        # the cell's head: kg, lb, reps, L, R, RIR, RPE, s, m


class Group(NamedTuple):
    """Ops drawn with their origin at (dx, dy): a laid block put inside another block without
    moving each of its marks (they are moved once, when the page is read)."""

    ops: tuple
    dx: float
    dy: float


def flat(ops, dx: float = 0.0, dy: float = 0.0):
    """The ops with every Group opened, each moved by (dx, dy) and its groups' offsets."""
    for op in ops:
        if op.__class__ is Group:
            yield from flat(op.ops, dx + op.dx, dy + op.dy)
        else:
            yield moved(op, dx, dy) if dx or dy else op


class Page:
    """One sheet: its size and what to draw, in order.

    A laid-out block is placed by reference and moved into place only when the ops are
    read: a fitting step that tries a style and gives up never pays for moving its marks."""

    def __init__(self, width: float, height: float, title: str = "", subject: str = "", ops: list | None = None):
        self.width, self.height, self.title, self.subject = width, height, title, subject
        self._ops = ops if ops is not None else []
        self._placed: list = []  # (ops drawn at (0, 0), dx, dy), in drawing order after _ops

    @property
    def ops(self) -> list:
        if self._placed:
            for ops, dx, dy in self._placed:
                self._ops.extend(flat(ops, dx, dy))
            self._placed.clear()
        return self._ops

    def add(self, op) -> None:
        self.ops.append(op)

    def place(self, ops, dx: float, dy: float) -> None:
        """Draw `ops` (drawn with their origin at (0, 0)) shifted by (dx, dy)."""
        self._placed.append((ops, dx, dy))


def paper_size(paper: str) -> tuple[float, float]:
    try:
        return PAPERS_PT[paper.lower()]
    except KeyError:
        raise RunprintError(Problem(None, None, "--paper", f"unknown paper '{paper}'",
                                    f"use one of {', '.join(PAPERS_PT)}")) from None


def moved(op, dx: float, dy: float):
    """The op shifted by (dx, dy): how a block drawn at (0, 0) is put in its place."""
    kind = op.__class__
    if kind is Group:
        return Group(op.ops, op.dx + dx, op.dy + dy)
    if kind is Line:
        return Line(op[0] + dx, op[1] + dy, op[2] + dx, op[3] + dy, *op[4:])
    return kind(op[0] + dx, op[1] + dy, *op[2:])  # Text, Box, QR, Cell: x and y come first


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
    """Refuse characters no font can draw, naming each, where it is, and a package with a font that has it."""
    problems = []
    for where, text in texts.items():
        missing = fonts.missing(text or "")
        if missing:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
            from ..fontfiles import package_for  # here: --help reads this module for the papers

            packages = " ".join(dict.fromkeys(map(package_for, missing)))
            problems.append(Problem(origin, None, where, f"the font cannot print {shown}",
                                    f"no font here has {'it' if len(missing) == 1 else 'them'}: install a TrueType "
                                    f"font that does (Debian, Ubuntu: apt install {packages}), or name one with "
                                    "--font FILE or RUNPRINT_FONT"))
    if problems:
        raise RunprintError(problems)
