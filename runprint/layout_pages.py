"""Every session prints: one page when it fits, else the log pages and then the steps pages.

The one-page card (layout_card) is tried first. A session too long for it is split by
what a runner does with each half: the log pages hold the header and, for each item,
its label, name, prescription, cues and grid, to fill in at the bench; the steps
pages hold the numbered steps with easier and harder versions under the same labels,
to read before a set. When the log takes one page the card is two-sided: log on the
front, steps on the back. Each half takes as few pages as any style allows, in the
most comfortable style that does.

A batch's pages are arranged here too: padded to an even count for double-sided
printing, and two athletes a sheet with --2up.
"""

from __future__ import annotations

from itertools import product
from typing import Callable, NamedTuple

from .errors import Problem, RunprintError
from .layout import FAINT, MARGIN_PT, Fonts, Line, Page, Text, check_glyphs, paper_size, ruled_area, two_up, wrap
from .layout_card import GUTTER_PT, LOG, MIN_NOTES_PT, STEPS, STYLES, CardStyle, card_texts, fit_one_page, place_item
from .layout_grid import grid_columns
from .layout_head import Frame, header, notes_and_week_band
from .plan import PlannedSession

SIDES = ("auto", "one-page", "two-sided")


class Card(NamedTuple):
    """One session's pages, and what the person printing it should know."""

    session_id: str
    name: str
    pages: tuple[Page, ...]
    log_pages: int          # the first pages hold the log, the rest the steps
    extras_left_out: bool   # a one-page card with no room for the easier/harder it has

    @property
    def two_sided(self) -> bool:
        return len(self.pages) > 1


# The log pages' styles, most comfortable first (no steps on them, so no packing).
LOG_STYLES = tuple(CardStyle(body, row, cell, stacked) for body, stacked, row, cell in product(
    (10.0, 9.0, 8.5, 8.0, 7.5, 7.0),   # body type, pt
    (False, True),                     # the grid beside the text, then under it
    (20.0, 17.0, 14.0),                # a log row
    (32.0,))                           # a log cell
    if row <= 2 * body)
# The steps pages' styles: type from roomy to 7 pt, one column before two at each size.
STEP_STYLES = tuple((CardStyle(body, 14.0, 32.0, True, extras=True), columns)
                    for body in (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0) for columns in (1, 2))
MIN_COLUMN_PT = 200.0


def layout_session(session: PlannedSession, paper: str, fonts: Fonts, sides: str | None = "auto") -> Card:
    """The session's pages: one when it fits (unless `sides` is two-sided), else log then steps.

    With `sides` one-page, a session that does not fit one page is a RunprintError; None is auto."""
    check_glyphs(card_texts(session), fonts, session.file)
    width, height = paper_size(paper)
    if sides != "two-sided":
        fitted = fit_one_page(session, width, height, fonts)
        if fitted is not None:
            style, page = fitted
            return Card(session.session_id, session.name, (page,), 1, not style.extras and _has_extras(session))
        if sides == "one-page":
            raise RunprintError(Problem(session.file, None, f"session '{session.session_id}'",
                                        f"{len(session.items)} exercises with a {session.log_weeks}-week log do not "
                                        f"fit on one {paper} page, even at {STYLES[-1].body_pt:g} pt",
                                        "leave out --one-page to print the log and the steps on two sides, "
                                        "or use fewer exercises"))
    _check_grid_fits(session, width, paper, fonts)
    log = _fewest(LOG_STYLES, lambda style: _log_pages(session, width, height, style, fonts))
    steps = _fewest(STEP_STYLES, lambda style: _steps_pages(session, width, height, *style, fonts))
    if log is None or steps is None:
        raise RunprintError(Problem(session.file, None, f"session '{session.session_id}'",
                                    f"an exercise of this session is too long for a {paper} page",
                                    "use a larger paper, fewer sets or fewer log weeks"))
    return Card(session.session_id, session.name, tuple(log + steps), len(log), False)


def _has_extras(session: PlannedSession) -> bool:
    return any(item.exercise.easier or item.exercise.harder for item in session.items)


def _check_grid_fits(session: PlannedSession, width: float, paper: str, fonts: Fonts) -> None:
    columns = grid_columns(session, LOG_STYLES[-1].cell_pt, fonts)  # set labels, effort and L/R cells widen it
    most = int((width - 2 * MARGIN_PT - columns.label_pt) // columns.group_pt)
    if session.log_weeks > most:
        raise RunprintError(Problem(session.file, None, "log_weeks",
                                    f"a card on {paper} paper has room to log {most} weeks, not {session.log_weeks}",
                                    f"use --log-weeks {most}, or a larger paper"))


def _fewest(styles: tuple, attempt: Callable) -> list[Page] | None:
    """The pages of the most comfortable style among those that take the fewest pages."""
    tried = [pages for pages in map(attempt, styles) if pages is not None]
    if not tried:
        return None
    fewest = min(len(pages) for pages in tried)
    return next(pages for pages in tried if len(pages) == fewest)


def _log_pages(session: PlannedSession, width: float, height: float, style: CardStyle,
               fonts: Fonts) -> list[Page] | None:
    """The header and each item's heading, cues and grid, on as many pages as they take."""
    left, right = MARGIN_PT, width - MARGIN_PT
    content_w = right - left
    grid_w = grid_columns(session, style.cell_pt, fonts).width_pt
    if grid_w > (content_w if style.stacked else content_w * 0.55):
        return None
    frame = Frame(left, content_w, left) if style.stacked else \
        Frame(left, content_w - grid_w - GUTTER_PT, right - grid_w)

    def next_page(number: int) -> tuple[Page, float]:
        page = Page(width, height, title=f"{session.title}: {session.name}", subject=session.session_id)
        top = height - MARGIN_PT
        y = _slim_header(page, session, left, content_w, top, "the log, continued", fonts) if number else \
            header(page, session, left, content_w, top, fonts)
        return page, notes_and_week_band(page, session, frame, y, style.stacked, style.cell_pt, fonts,
                                         with_notes=number == 0)

    flowed = _flow(session.items, [frame], next_page, MARGIN_PT + MIN_NOTES_PT,
                   lambda ops, item, at, y: place_item(ops, session, item, at, y, style, fonts, LOG),
                   lambda page, y: page.add(Line(left, y + 2, right, y + 2, grey=FAINT)))
    if flowed is None:
        return None
    pages, y = flowed
    ruled_area(pages[-1], left, y - 2, content_w, MARGIN_PT, "Notes", 8.0)
    return pages


def _steps_pages(session: PlannedSession, width: float, height: float, style: CardStyle, columns: int,
                 fonts: Fonts) -> list[Page] | None:
    """The steps, with easier and harder, flowing down one or two columns a page."""
    left, content_w = MARGIN_PT, width - 2 * MARGIN_PT
    column_w = (content_w - (columns - 1) * 2 * GUTTER_PT) / columns
    if column_w < MIN_COLUMN_PT and columns > 1:
        return None
    frames = [Frame(left + k * (column_w + 2 * GUTTER_PT), column_w, 0.0) for k in range(columns)]

    def next_page(number: int) -> tuple[Page, float]:
        page = Page(width, height, title=f"{session.title}: {session.name}", subject=session.session_id)
        label = "how to do each exercise" + (", continued" if number else "")
        return page, _slim_header(page, session, left, content_w, height - MARGIN_PT, label, fonts) - 4

    flowed = _flow(session.items, frames, next_page, MARGIN_PT,
                   lambda ops, item, at, y: place_item(ops, session, item, at, y, style, fonts, STEPS))
    return flowed[0] if flowed else None


def _flow(items, frames: list[Frame], next_page: Callable, bottom: float, place: Callable,
          between: Callable | None = None) -> tuple[list[Page], float] | None:
    """Place the items in turn down a page's columns (`frames`), moving to the next column,
    and after the last to a new page, when one does not fit above `bottom`. Returns the
    pages and where the last item ended, or None when an item does not fit an empty column."""
    page, top = next_page(0)
    pages, column, y, placed = [page], 0, top, False
    for item in items:
        ops: list = []
        height_pt = place(ops, item, frames[column], y)
        if y - height_pt < bottom:
            if not placed:
                return None
            column += 1
            if column == len(frames):
                (page, top), column = next_page(len(pages)), 0
                pages.append(page)
            y, placed, ops = top, False, []
            height_pt = place(ops, item, frames[column], y)
            if y - height_pt < bottom:
                return None
        if placed and between is not None:
            between(page, y)
        page.ops.extend(ops)
        y -= height_pt
        placed = True
    return pages, y


def _slim_header(page: Page, session: PlannedSession, x: float, w: float, top: float, label: str,
                 fonts: Fonts) -> float:
    """A later page's heading: the session's name and what the page holds, over a rule."""
    y = top - 11
    label_w = fonts.width(label, False, 8) + 12
    lines = wrap(session.name, w - label_w, fonts, 11, True)
    for line in lines:
        page.add(Text(x, y, line, 11, bold=True))
        y -= 13
    page.add(Text(x + w, top - 11, label, 8, grey=0.3, align="right"))
    page.add(Line(x, y + 8, x + w, y + 8, width=0.8, grey=0.2))
    return y + 6


def padded(pages: list) -> list:
    """An athlete's pages and, when they are odd in number, a blank one: printed on both
    sides, the next athlete starts on a sheet of their own."""
    if len(pages) % 2 == 0:
        return pages
    last = pages[-1]
    return [*pages, Page(last.width, last.height, last.title, last.subject, [])]


class TwoAthletesASheet:
    """--2up in a combined PDF: each athlete's cards beside the next athlete's, card by card."""

    def __init__(self, paper: str, duplex: bool = False):
        self.paper, self.duplex = paper, duplex
        self.waiting: list | None = None

    def add(self, pages: list) -> list:
        """The sheets to print now: none for the first athlete of a pair."""
        if self.waiting is None:
            self.waiting = pages
            return []
        first, self.waiting = self.waiting, None
        return self._sheets(first, pages)

    def flush(self) -> list:
        first, self.waiting = self.waiting, None
        return self._sheets(first, []) if first is not None else []

    def _sheets(self, first: list, second: list) -> list:
        cards = [[c for c in pages if isinstance(c, tuple)] for pages in (first, second)]
        weeks = [p for pages in (first, second) for p in pages if not isinstance(p, tuple)]
        pairs = []
        for k in range(max(len(cards[0]), len(cards[1]))):
            pairs += [cards[0][k] if k < len(cards[0]) else (), cards[1][k] if k < len(cards[1]) else ()]
        sheets = two_up(pairs, self.paper) + weeks
        return padded(sheets) if self.duplex else sheets
