"""Blocks, the one flow and the one fitting step every sheet is made with.

A block is laid out for a width and answers with a `Laid`: its height and its ops,
drawn with the block's top-left corner at (0, 0) and y running down into negative
numbers. Measuring a block is laying it out and reading the height, so what is
measured and what is drawn can never disagree (platypus's wrap/draw, fpdf2's dry run).
A page is a list of laid blocks moved into place.

`flow` puts blocks down a page's frames (columns), page after page; `fit` tries styles
from the most comfortable and stops at the first that takes the fewest pages any style
can; `even_breaks` shares blocks evenly among a number of pages. The card, its log and
steps pages and the week sheet are all made this way. `Kept` holds laid blocks to reuse,
for as long as its owner (a Run) lives.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import NamedTuple

from .geometry import FAINT, HAIRLINE_PT, RULE, Box, Fonts, Line, Page, Text, moved, right_to_left, wrap

LEAD = 1.22  # a line of text is its size times this


class Laid(NamedTuple):
    """A block laid out: how tall it is, and what it draws relative to its top-left corner."""

    height: float
    ops: tuple = ()


class Frame(NamedTuple):
    """A column of a page that blocks flow down: from `top` to `bottom`, `width` wide at `x`."""

    x: float
    top: float
    width: float
    bottom: float


def put(page: Page, laid: Laid, x: float, top: float) -> None:
    """Draw a laid block on the page with its top-left corner at (x, top)."""
    page.place(laid.ops, x, top)


class Run(NamedTuple):
    """A piece of a text line: `dx` from the line's start, bold or not, its own size or the line's."""

    dx: float
    text: str
    bold: bool = False
    size: float | None = None


class TextLine(NamedTuple):
    runs: list
    size: float

    @property
    def height(self) -> float:
        return self.size * LEAD


def text_lines(lines: Sequence[TextLine], width: float, fonts: Fonts, grey: float = 0.0) -> Laid:
    """Lines of runs down a column `width` wide. A Hebrew or Arabic line is mirrored: its
    number or label on the right, its text ending at the column's right edge."""
    ops, y = [], 0.0
    for line in lines:
        y -= line.height
        mirror = any(right_to_left(run.text) for run in line.runs)
        for run in line.runs:
            size = run.size or line.size
            x = width - run.dx - fonts.width(run.text, run.bold, size) if mirror else run.dx
            ops.append(Text(x, y + line.size * 0.22, run.text, size, bold=run.bold, grey=grey))
    return Laid(-y, tuple(ops))


def paragraph(text: str | None, width: float, size: float, fonts: Fonts, bold: bool = False,
              lead: float = LEAD) -> list[TextLine]:
    """Text wrapped to `width`, a TextLine a line ([] for no text)."""
    if not text:
        return []
    return [TextLine([Run(0.0, line, bold)], size) for line in wrap(text, width, fonts, size, bold)]


def labelled(label: str, text: str | None, width: float, size: float, fonts: Fonts) -> list[TextLine]:
    """'Label: text', the text wrapped under itself beside the label."""
    if not text:
        return []
    lead = fonts.width(f"{label}: ", True, size)
    out = []
    for k, line in enumerate(wrap(text, width - lead, fonts, size)):
        runs = [Run(0.0, f"{label}:", True)] if k == 0 else []
        out.append(TextLine(runs + [Run(lead, line)], size))
    return out


def fill_in(x: float, y: float, w: float, label: str, value: str, size: float, fonts: Fonts) -> list:
    """'Label: value', or 'Label: ______' to fill in by hand, at baseline y."""
    ops = [Text(x, y, f"{label}:", size, bold=True)]
    start = x + fonts.width(f"{label}: ", True, size)
    if value:
        ops.append(Text(start, y, value, size))
    else:
        ops.append(Line(start, y - 1.5, x + w, y - 1.5, grey=FAINT))
    return ops


def ruled_area(width: float, height: float, label: str, size: float = 8.0, spacing: float = 16.0) -> Laid:
    """A framed area with a label and lines to write on (the Notes box)."""
    ops = [Box(0.0, -height, width, height), Text(4.0, -size - 2, label, size, bold=True)]
    y = -size - 2 - spacing
    while y > -height + 6:
        ops.append(Line(4.0, y, width - 4, y, grey=FAINT))
        y -= spacing
    return Laid(height, tuple(ops))


def rule(width: float, index: int = 0, grey: float = FAINT, line_pt: float = HAIRLINE_PT) -> Laid:
    """A thin line across a column, between two blocks."""
    return Laid(0.0, (Line(0.0, 2.0, width, 2.0, width=line_pt, grey=grey),))


class Flowed(NamedTuple):
    pages: list          # Page
    end: float           # where the last block ended on the last page (its frame's y)
    frame: Frame         # the last page's frame the last block went in


def flow(blocks: Sequence[Callable[[float], Laid]], new_page: Callable[[int], tuple[Page, list[Frame]]],
         max_pages: int | None = None, between: Callable[[float, int], Laid] | None = None,
         breaks: Collection[int] = ()) -> Flowed | None:
    """Put each block (laid at its frame's width) down the frames of a page, moving to the
    next frame and after the last to a new page when it does not fit, or when its index is
    one of `breaks`. `between(width, index)` lays what goes above block `index` when another
block is above it in the column (a rule). None when
    a block does not fit an empty frame, or when more than `max_pages` would be needed."""
    page, frames = new_page(0)
    pages, column, y, placed = [page], 0, frames[0].top, False
    laid_at: dict[tuple[int, float], Laid] = {}

    def lay(index: int, width: float) -> Laid:
        key = (index, width)
        if key not in laid_at:
            laid_at[key] = blocks[index](width)
        return laid_at[key]

    for index in range(len(blocks)):
        frame = frames[column]
        laid = lay(index, frame.width)
        if y - laid.height < frame.bottom or (placed and index in breaks):
            if not placed:
                return None
            column += 1
            if column == len(frames):
                if max_pages is not None and len(pages) >= max_pages:
                    return None
                page, frames = new_page(len(pages))
                pages.append(page)
                column = 0
            frame = frames[column]
            y, placed = frame.top, False
            laid = lay(index, frame.width)
            if y - laid.height < frame.bottom:
                return None
        if placed and between is not None:
            put(page, between(frame.width, index), frame.x, y)
        put(page, laid, frame.x, y)
        y -= laid.height
        placed = True
    return Flowed(pages, y, frames[column])


def fit(styles: Sequence, attempt: Callable, fewest: int | None = None, tightest: Sequence = ()):
    """(style, result) for the first style, most comfortable first, whose attempt takes the
    fewest pages any style can: `fewest` when known (a one-page card), else the fewest any of
    the `tightest` styles takes (the tightest of each arrangement, as grid beside and grid
    under the text: neither always takes fewer pages). An attempt returns its pages or None
    (does not fit); it is given the page count to stay within. None when no style fits."""
    if fewest is None:
        counts = [len(pages) for pages in (attempt(style, None) for style in tightest or styles[-1:]) if pages]
        if not counts:
            return None
        fewest = min(counts)
    for style in styles:
        result = attempt(style, fewest)
        if result is not None and len(result) <= fewest:
            return style, result
    return None


def stack(parts: Sequence[Laid], gap: float = 0.0) -> Laid:
    """Blocks one under another, `gap` apart: one block."""
    ops, y = [], 0.0
    for k, laid in enumerate(parts):
        if k:
            y -= gap
        ops.extend(moved(op, 0.0, y) for op in laid.ops)
        y -= laid.height
    return Laid(-y, tuple(ops))


def framed(width: float, height: float, grey: float = RULE, line_pt: float = HAIRLINE_PT) -> Box:
    """A box around a block of this size at (0, 0)."""
    return Box(0.0, -height, width, height, width=line_pt, grey=grey)


class Kept:
    """Laid items to reuse across the styles a fit tries and the athletes of a batch: each is
    kept by everything its laying-out reads (the planned item itself, the width, the style),
    so what is found is what would be laid. Bounded: forgotten all at once when full."""

    def __init__(self, most: int = 20_000):
        self.most = most
        self.laid: dict[tuple, Laid] = {}

    def get(self, key: tuple, lay: Callable[[], Laid]) -> Laid:
        found = self.laid.get(key)
        if found is None:
            if len(self.laid) >= self.most:
                self.laid.clear()
            found = self.laid[key] = lay()
        return found


def even_breaks(heights: list[float], rooms: list[float]) -> set[int] | None:
    """Where pages start (item indexes) so that the fullest page is as empty as it can be:
    the items shared evenly among len(rooms) pages, in order. None when they do not fit."""
    n, pages = len(heights), len(rooms)
    best: dict[tuple[int, int], tuple[float, tuple]] = {}

    def share(start: int, page: int) -> tuple[float, tuple] | None:
        if page == pages - 1:
            used = sum(heights[start:])
            return (used / rooms[page], ()) if used <= rooms[page] and start < n else None
        if (start, page) in best:
            return best[(start, page)]
        answer, used = None, 0.0
        for end in range(start + 1, n - (pages - page - 1) + 1):
            used += heights[end - 1]
            if used > rooms[page]:
                break
            rest = share(end, page + 1)
            if rest is not None:
                worst = (max(used / rooms[page], rest[0]), (end, *rest[1]))
                if answer is None or worst[0] < answer[0]:
                    answer = worst
        best[(start, page)] = answer
        return answer

    found = share(0, 0)
    return set(found[1]) if found is not None else None
