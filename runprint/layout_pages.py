"""Every session prints: one page when it fits, else the log pages and then the steps pages.

The one-page card (layout_card) is tried first. A session too long for it is split by
what a runner does with each half: the log pages hold the header and, for each item,
its label, name, prescription, cues and grid, to fill in at the bench; the steps
pages hold the numbered steps with easier and harder versions under the same labels,
to read before a set. When the log takes one page the card is two-sided: log on the
front, steps on the back. Each half takes as few pages as any style allows, in the
most comfortable style that does.
"""

from __future__ import annotations

from itertools import product
from typing import Callable, NamedTuple

from .errors import Problem, RunprintError
from .layout import FAINT, MARGIN_PT, Fonts, Line, Page, Text, check_glyphs, paper_size, ruled_area, wrap
from .layout_card import (GUTTER_PT, LOG, MIN_NOTES_PT, STEPS, STYLES, CardStyle, Frame, card_texts,
                          fit_one_page, header, notes_and_week_band, place_item)
from .layout_grid import grid_columns
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
    left, right = MARGIN_PT, width - MARGIN_PT
    content_w = right - left
    grid_w = grid_columns(session, style.cell_pt, fonts).width_pt
    if grid_w > (content_w if style.stacked else content_w * 0.55):
        return None
    frame = Frame(left, content_w, left) if style.stacked else \
        Frame(left, content_w - grid_w - GUTTER_PT, right - grid_w)
    bottom = MARGIN_PT + MIN_NOTES_PT
    pages: list[Page] = []

    def next_page() -> float:
        page = Page(width, height, title=f"{session.title}: {session.name}", subject=session.session_id)
        if pages:
            y = _slim_header(page, session, left, content_w, height - MARGIN_PT, "the log, continued", fonts)
        else:
            y = header(page, session, left, content_w, height - MARGIN_PT, fonts)
        pages.append(page)
        return notes_and_week_band(page, session, frame, y, style, fonts, with_notes=len(pages) == 1)

    y = next_page()
    first_on_page = True
    for item in session.items:
        ops: list = []
        height_pt = place_item(ops, session, item, frame, y, style, fonts, LOG)
        if y - height_pt < bottom:
            if first_on_page:
                return None
            y, first_on_page = next_page(), True
            ops = []
            height_pt = place_item(ops, session, item, frame, y, style, fonts, LOG)
            if y - height_pt < bottom:
                return None
        if not first_on_page:
            pages[-1].add(Line(left, y + 2, right, y + 2, grey=FAINT))
        pages[-1].ops.extend(ops)
        y -= height_pt
        first_on_page = False
    ruled_area(pages[-1], left, y - 2, content_w, MARGIN_PT, "Notes", 8.0)
    return pages


def _steps_pages(session: PlannedSession, width: float, height: float, style: CardStyle, columns: int,
                 fonts: Fonts) -> list[Page] | None:
    """The steps, with easier and harder, flowing down one or two columns a page."""
    left, content_w = MARGIN_PT, width - 2 * MARGIN_PT
    column_w = (content_w - (columns - 1) * 2 * GUTTER_PT) / columns
    if column_w < MIN_COLUMN_PT and columns > 1:
        return None
    pages: list[Page] = []
    top = 0.0

    def next_page() -> float:
        page = Page(width, height, title=f"{session.title}: {session.name}", subject=session.session_id)
        label = "how to do each exercise" + (", continued" if pages else "")
        pages.append(page)
        return _slim_header(page, session, left, content_w, height - MARGIN_PT, label, fonts) - 4

    column, y = 0, 0.0
    top = y = next_page()
    placed = False
    for item in session.items:
        frame = Frame(left + column * (column_w + 2 * GUTTER_PT), column_w, 0.0)
        ops: list = []
        height_pt = place_item(ops, session, item, frame, y, style, fonts, STEPS)
        if y - height_pt < MARGIN_PT:
            if not placed:
                return None
            column += 1
            if column == columns:
                column, top = 0, next_page()
            y, placed = top, False
            frame = Frame(left + column * (column_w + 2 * GUTTER_PT), column_w, 0.0)
            ops = []
            height_pt = place_item(ops, session, item, frame, y, style, fonts, STEPS)
            if y - height_pt < MARGIN_PT:
                return None
        pages[-1].ops.extend(ops)
        y -= height_pt
        placed = True
    return pages


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
