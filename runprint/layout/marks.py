"""Scan marks: what lets a photo of a filled log page be squared up and known.

Four small black squares sit in the page's corners, inside the margins, where no card
draws: a reader finds them and undoes the photo's perspective. A page code, a QR code
apart from the exercises' video codes, says what the page is (template, session,
athlete, weeks, page) and carries a digest of where its cells are, so a reader that lays
the same card out again can check that its cells are the printed ones, and refuse when
they are not. The code goes in the bottom right corner, over the margin and the foot of
the Notes box, only where nothing else is drawn: the marks never take room from a card.
"""

from __future__ import annotations

import hashlib
import json
from typing import NamedTuple

from .geometry import MARGIN_PT, QR, Box, Cell, Line, Page, Text

MARK_PT = 5.0          # a corner mark's side: 1.8 mm, found in a phone photo, little ink
MARK_INSET_PT = 30.8   # from the paper's edges: between the 0.85 margin lines may reach and the 36 pt margin
MODULE_PT = 1.4173     # 0.5 mm: the smallest QR module a 300 dpi printer and a phone photo both keep
QUIET_MODULES = 2      # the white ring a QR reader needs; the margin's white adds to it
CODE_FOOT_PT = 29.5    # the page code's lowest edge above the paper's: inside the 0.4 in printers reach
MIN_CODE_PT = 40.0     # smaller than this the modules are too small to read back: no code
PREFIX = "runprint:"
# Bytes a QR code holds at error correction L, by version (ISO/IEC 18004, table 7, byte mode).
QR_BYTES_L = (17, 32, 53, 78, 106, 134, 154, 192, 230, 271)


class PageId(NamedTuple):
    """What a log page is, as its page code says."""

    template: str
    session: str
    athlete: str
    week: int        # the first logged week
    weeks: int       # how many weeks the log has
    page: int        # from 1, among the card's pages
    paper: str
    digest: str      # of its cells' places (cells_digest)


def cells_digest(cells) -> str:
    """A short fingerprint of where a page's cells are and what each logs."""
    text = ";".join(f"{c.item},{c.exercise},{c.set},{c.week},{c.kind},{c.x:.0f},{c.y:.0f},{c.w:.0f},{c.h:.0f}"
                    for c in sorted(cells, key=lambda c: (c.item, c.week, c.set, c.x)))
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def page_code(page_id: PageId) -> str:
    return PREFIX + json.dumps(list(page_id), separators=(",", ":"))


def read_page_code(text: str) -> PageId | None:
    """The page a code names, or None when the text is not a runprint page code."""
    if not text.startswith(PREFIX):
        return None
    try:
        fields = json.loads(text[len(PREFIX):])
        return PageId(*fields)
    except (ValueError, TypeError):
        return None


def code_side(data: str) -> float:
    """The side of a QR code holding `data` with modules of MODULE_PT, its quiet ring included."""
    size = len(data.encode())
    version = next((v for v, most in enumerate(QR_BYTES_L, 1) if size <= most), None)
    if version is None:
        return float("inf")
    return (17 + 4 * version + 2 * QUIET_MODULES) * MODULE_PT


def corner_marks(page: Page) -> list:
    """Four filled squares (a line as wide as it is long), one in each corner."""
    out = []
    for x in (MARK_INSET_PT, page.width - MARK_INSET_PT - MARK_PT):
        for y in (MARK_INSET_PT, page.height - MARK_INSET_PT - MARK_PT):
            out.append(Line(x, y + MARK_PT / 2, x + MARK_PT, y + MARK_PT / 2, width=MARK_PT, grey=0.0))
    return out


def mark_page(page: Page, page_id: PageId) -> bool:
    """Add the corner marks and the page code to a log page; False when the code had no room
    (the marks are added anyway). The code goes in the bottom right corner, else the bottom left."""
    ops = page.ops
    data = page_code(page_id)
    want = code_side(data)
    lefts = (page.width - MARGIN_PT - want, MARGIN_PT)
    left, free = max(((x, _free_height(ops, x, x + want)) for x in lefts), key=lambda found: found[1])
    side = min(want, free)
    page.ops.extend(corner_marks(page))
    if side < MIN_CODE_PT:
        return False
    if left > MARGIN_PT:
        left += want - side  # a smaller code keeps to the right edge
    # A white square first: the Notes box's frame and lines must not cross the code.
    page.ops.append(Line(left, CODE_FOOT_PT + side / 2, left + side, CODE_FOOT_PT + side / 2, width=side, grey=1.0))
    page.ops.append(QR(left, CODE_FOOT_PT, side, data, QUIET_MODULES))
    return True


def _free_height(ops, left: float, right: float) -> float:
    """How tall a square may rise from CODE_FOOT_PT between `left` and `right` without covering
    anything but the Notes box's frame and lines."""
    labels = [op for op in ops if op.__class__ is Text and op.text == "Notes" and op.bold]
    frame_top = labels[-1].y + labels[-1].size + 2.5 if labels else -1.0
    ceiling = min((_bottom(op) for op in ops if _spans(op, left, right)
                   and not (op.__class__ in (Line, Box) and _top(op) <= frame_top)), default=float("inf"))
    return ceiling - 1.0 - CODE_FOOT_PT


def _spans(op, left: float, right: float) -> bool:
    kind = op.__class__
    if kind is Line:
        return min(op.x1, op.x2) < right and max(op.x1, op.x2) > left
    if kind is Text:  # its width estimated generously: layout has no font metrics here
        width = 0.6 * op.size * len(op.text)
        x0 = op.x - (width if op.align == "right" else width / 2 if op.align == "center" else 0.0)
        return x0 < right and x0 + width > left
    return op.x < right and op.x + (op.size if kind is QR else getattr(op, "w", 0.0)) > left


def _bottom(op) -> float:
    kind = op.__class__
    if kind is Line:
        return min(op.y1, op.y2) - op.width / 2
    if kind is Text:
        return op.y - op.size * 0.25
    return op.y


def _top(op) -> float:
    kind = op.__class__
    if kind is Line:
        return max(op.y1, op.y2) + op.width / 2
    return op.y + (op.size if kind is QR else getattr(op, "h", 0.0))


def page_cells(page: Page) -> list[Cell]:
    return [op for op in page.ops if op.__class__ is Cell]


def mark_card(pages, log_pages: int, session, template: str, paper: str) -> list[str]:
    """Mark a card's log pages (the ones with cells); the notes say which got no page code."""
    notes = []
    for number, page in enumerate(pages[:log_pages], 1):
        cells = page_cells(page)
        if not cells:
            continue
        page_id = PageId(template, session.session_id, session.athlete, session.start_week, session.log_weeks,
                         number, paper, cells_digest(cells))
        if not mark_page(page, page_id):
            notes.append(f"no room for the page code on page {number} of {session.session_id}: "
                         "a photo of it cannot be read back with `runprint scan`")
    return notes
