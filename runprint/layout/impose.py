"""Half-size pages two to a landscape sheet (--2up), and pages padded for double-sided printing.

A card of several pages is printed double-sided and cut on the line: each half of a sheet
is a leaf with a front and a back. On the backs the halves swap sides: printed
double-sided, flipping on the short edge, each leaf's back lies behind its own front.
Leaves go on the sheets in one of two orders, whichever takes fewer sides (cut and stacked
when they tie and the leaves have backs):
- in turn, two a sheet: cut each sheet and lay its left half on its right half;
- cut and stacked: the first half of the leaves down the left halves, the rest down the
  right halves: cut the whole stack and lay the left pile on the right pile.
Either way the halves stack into each card in page order. A card that is one leaf on its
own (a two-sided card) fills both halves: two copies a sheet. A batch lays out two
athletes at a time this way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .geometry import FAINT, MARGIN_PT, TWO_UP, Line, Page, moved, paper_size


class Leaf(NamedTuple):
    front: Page
    back: Page | None = None


def leaves(cards: Sequence[Sequence[Page]]) -> list[Leaf]:
    """Each card's pages two to a leaf (front and back), card after card."""
    out = []
    for pages in cards:
        for first in range(0, len(pages), 2):
            out.append(Leaf(pages[first], pages[first + 1] if first + 1 < len(pages) else None))
    return out


IN_TURN, PILES = "in turn", "piles"
HOW_TO_STACK = {IN_TURN: "cut each sheet on the line and lay its left half on its right half",
                PILES: "cut the stack on the line and lay the pile of left halves on the right ones"}


class Imposed(NamedTuple):
    sheets: list[Page]
    copies: bool       # a lone two-sided leaf was printed twice on its sheet
    order: str = IN_TURN


def two_up(cards: Sequence[Sequence[Page]], paper: str) -> Imposed:
    """Every card's pages, two leaves to a landscape sheet of TWO_UP[paper][1], with a dashed
    line to cut them apart. When any leaf has a back, every sheet gets its back (the last
    one only if it holds something), so fronts and backs stay in step through a double-sided print."""
    group = leaves(cards)
    copies = len(group) == 1 and group[0].back is not None
    sheets = Sheets(paper, duplex=any(leaf.back is not None for leaf in group))
    order, pages = sheets.arrange(group * (2 if copies else 1), last=True)
    return Imposed(pages, copies, order)


class Sheets:
    """Leaves to landscape sheets, a group at a time (a batch's athletes, two by two).
    With `duplex`, every sheet has a back."""

    def __init__(self, paper: str, duplex: bool):
        portrait_w, portrait_h = paper_size(TWO_UP[paper][1])
        self.width, self.height = portrait_h, portrait_w
        self.duplex = duplex
        self.waiting: list[Leaf] | None = None

    def add(self, group: Sequence[Leaf]) -> list[Page]:
        """The sheets of this group and the one before it; none for the first of a pair."""
        if self.waiting is None:
            self.waiting = list(group)
            return []
        first, self.waiting = self.waiting, None
        return self.arrange(first + list(group))[1]

    def flush(self) -> list[Page]:
        group, self.waiting = self.waiting, None
        return self.arrange(group, last=True)[1] if group else []

    def arrange(self, group: Sequence[Leaf], last: bool = False) -> tuple[str, list[Page]]:
        """The order that takes the fewest sides, and the sheets in it. When they tie, leaves with
        backs are cut and stacked (a batch's two athletes side by side, card by card), and
        one-page leaves go in turn, to be read where they lie."""
        half = -(-len(group) // 2)
        orders = {IN_TURN: [(group[j], group[j + 1] if j + 1 < len(group) else None)
                            for j in range(0, len(group), 2)],
                  PILES: [(group[j], group[half + j] if half + j < len(group) else None) for j in range(half)]}
        sides = {name: self._sides(pairs, last) for name, pairs in orders.items()}
        preferred = PILES if any(leaf.back is not None for leaf in group) else IN_TURN
        best = min(orders, key=lambda name: (len(sides[name]), name != preferred))
        return best, sides[best]

    def _sides(self, pairs: list, last: bool) -> list[Page]:
        out = []
        for j, (left, right) in enumerate(pairs):
            out.append(_sheet(self.width, self.height, left.front, right.front if right else None))
            backs = (right.back if right else None, left.back)  # behind the left leaf: the right half
            if any(backs) or (self.duplex and not (last and j == len(pairs) - 1)):
                out.append(_sheet(self.width, self.height, *backs, like=left.front))
        return out


def _sheet(width: float, height: float, left: Page | None, right: Page | None, like: Page | None = None) -> Page:
    some = left or right or like
    sheet = Page(width, height, title=some.title, subject=some.subject)
    half = width / 2
    for dx, page in ((0.0, left), (half, right)):
        if page is not None:
            sheet.ops.extend(moved(op, dx, height - page.height) for op in page.ops)
    sheet.add(Line(half, MARGIN_PT * 0.85, half, height - MARGIN_PT * 0.85, grey=FAINT, dash=(4.0, 3.0)))
    return sheet


def padded(pages: list[Page]) -> list[Page]:
    """Pages and, when they are odd in number, a blank one: printed on both sides, what
    follows starts on a sheet of its own."""
    if len(pages) % 2 == 0:
        return pages
    last = pages[-1]
    return [*pages, Page(last.width, last.height, last.title, last.subject, [])]
