"""Every session prints: one page when it fits, else the log pages and then the steps pages.

The one-page card is tried first: the heading, the session's notes and week heads, one
block per item (text with the grid beside it, or under it) and a Notes box. A session
too long for it is split by what a runner does with each half: the log pages hold the
heading and, for each item, its label, name, prescription, cues and grid, to fill in at
the bench; the steps pages hold the numbered steps with easier and harder versions
under the same labels, to read before a set. Each part takes as few pages as any style
allows, in the most comfortable style that does. Log pages share the items evenly and
their rows grow into the room left, up to a comfortable writing height.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import product
from typing import NamedTuple

from ..errors import Problem, RunprintError
from ..plan import PlannedSession
from .blocks import Flowed, Frame, Kept, Laid, even_breaks, fit, flow, put, rule, ruled_area
from .geometry import MARGIN_PT, Fonts, Group, Page, check_glyphs, paper_size, wrap
from .grid import BAND_PT, GridColumns, grid, natural_columns, week_band, widened
from .header import Heading, aligned, heading
from .item import LOG, STEPS, WHOLE, CardStyle, Parts, item_block, item_text, lower_bound

GUTTER_PT = 10.0
MIN_NOTES_PT = 30.0
ROOMY_NOTES_PT = 90.0    # a one-page card's rows grow only while its Notes box keeps this much
MAX_ROW_PT = 24.0        # rows grow into spare room up to this: a comfortable writing height
BESIDE_SHARE = (0.4, 0.55)  # beside the text, a grid takes at least / at most this share of the width
MIN_COLUMN_PT = 200.0
NOTES_PT = 8.0

# The one-page card's styles, most comfortable first. Change the order here.
# Each tier lists body type sizes, largest first. Within a size we try the grid beside
# the text before under it, then log rows from roomy to tight.
TIERS = (
    # extras  packed  body sizes (pt)
    (True,  False, (11.0, 10.0, 9.0)),            # roomy: how to make each exercise easier or harder too;
                                                  # the runner new to a routine needs that most
    (False, False, (11.0, 10.0, 9.0, 8.5, 8.0)),  # the extras are the first thing given up for space
    (False, True,  (8.5, 8.0)),                   # several short steps on a line before type below 8 pt,
    (False, False, (7.5, 7.0)),                   # since both keep every word
    (False, True,  (7.5, 7.0)),                   # the tightest: 7 pt, packed, 14 pt rows
)
ROWS_PT = (20.0, 17.0, 14.0)       # a log row; never taller than two body sizes
CELL_PT = 32.0                     # a log cell: load, reps, time or distance (a load: >= 11 mm, 31.2 pt)
STYLES = tuple(CardStyle(body, row, CELL_PT, stacked, packed, extras)
               for extras, packed, sizes in TIERS
               for body, stacked, row in product(sizes, (False, True), ROWS_PT) if row <= 2 * body)
# The log pages' styles (no steps on them, so no packing).
LOG_STYLES = tuple(CardStyle(body, row, CELL_PT, stacked) for body, stacked, row in product(
    (10.0, 9.0, 8.5, 8.0, 7.5, 7.0), (False, True), ROWS_PT) if row <= 2 * body)
# The steps pages' styles: type from roomy to 7 pt, one column before two at each size.
STEP_STYLES = tuple((CardStyle(body, 14.0, CELL_PT, True, extras=True), columns)
                    for body in (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0) for columns in (1, 2))
# The tightest of each arrangement: the fewest pages any style takes is the fewest one of these takes.
LOG_TIGHTEST = tuple(next(s for s in reversed(LOG_STYLES) if s.stacked == stacked) for stacked in (False, True))
STEP_TIGHTEST = STEP_STYLES[-2:]
SIDES = ("auto", "one-page", "two-sided")


class Card(NamedTuple):
    """One session's pages, and what the person printing it should know."""

    session_id: str
    name: str
    pages: tuple[Page, ...]
    log_pages: int          # the first pages hold the log, the rest the steps
    extras_left_out: bool   # a one-page card with no room for the easier/harder it has
    weeks_cut: int = 0      # the log was cut to this many weeks to fit the paper (0: not cut)

    @property
    def two_sided(self) -> bool:
        return len(self.pages) > 1


def layout_session(session: PlannedSession, paper: str, fonts: Fonts, sides: str | None = "auto",
                   weeks_given: bool = True, kept: Kept | None = None) -> Card:
    """The session's pages: one when it fits (unless `sides` is two-sided), else log then steps.

    With `sides` one-page, a session that does not fit one page is a RunprintError. When the
    number of log weeks was not `weeks_given` (a default) and is too many for the paper, the
    log keeps as many weeks as fit; given, that is a RunprintError."""
    check_glyphs(card_texts(session), fonts, session.file)
    width, height = paper_size(paper)
    most = _most_weeks(session, width, fonts)
    cut = 0
    if session.log_weeks > most:
        if weeks_given:
            raise RunprintError(Problem(session.file, None, "log_weeks",
                                        f"a card on {paper} paper has room to log {most} weeks, "
                                        f"not {session.log_weeks}", f"use --log-weeks {most}, or a larger paper"))
        session, cut = _fewer_weeks(session, most), most
    card = Sheets(session, width, height, fonts, kept or Kept())
    if sides != "two-sided":
        fitted = fit(STYLES, card.one_page, fewest=1)
        if fitted is not None:
            style, pages = fitted
            return Card(session.session_id, session.name, tuple(pages), 1,
                        not style.extras and _has_extras(session), cut)
        if sides == "one-page":
            raise RunprintError(Problem(session.file, None, f"session '{session.session_id}'",
                                        f"{len(session.items)} exercises with a {session.log_weeks}-week log do not "
                                        f"fit on one {paper} page, even at {STYLES[-1].body_pt:g} pt",
                                        "leave out --one-page to print the log and the steps on two sides, "
                                        "or use fewer exercises"))
    log = fit(LOG_STYLES, card.log_pages, tightest=LOG_TIGHTEST)
    steps = fit(STEP_STYLES, card.steps_pages, tightest=STEP_TIGHTEST)
    if log is None or steps is None:
        raise RunprintError(Problem(session.file, None, f"session '{session.session_id}'",
                                    f"an exercise of this session is too long for a {paper} page",
                                    "use a larger paper, fewer sets or fewer log weeks"))
    log_pages = card.balanced(*log)
    return Card(session.session_id, session.name, tuple(log_pages + steps[1]), len(log_pages), False, cut)


def card_texts(session: PlannedSession) -> dict[str, str]:
    """Every text a card of the session prints, by where it comes from (for the glyph check)."""
    texts = {"title": session.title, "session name": session.name, "athlete": session.athlete,
             "notes": session.notes or "", "units": session.units}
    for item in session.items:
        ex = item.exercise
        texts[f"{item.label} {ex.id}"] = " ".join((ex.name, *ex.steps, *ex.cues, item.load_text or "",
                                                     item.rest or "", item.note or "", ex.easier or "",
                                                     ex.harder or "", *(item.week_targets or ()),
                                                     *(item.set_labels or ()), item.last or "",
                                                     *(item.lifting.plates or ()), item.lifting.e1rm or "",
                                                     item.lifting.suggestion or "",
                                                     *(w.label + " " + w.plates for w in item.lifting.warmups)))
    return texts


def _has_extras(session: PlannedSession) -> bool:
    return any(item.exercise.easier or item.exercise.harder for item in session.items)


def _most_weeks(session: PlannedSession, width: float, fonts: Fonts) -> int:
    columns = natural_columns(session, CELL_PT, fonts)  # set labels, effort and L/R cells widen it
    return int((width - 2 * MARGIN_PT - columns.label_pt) // columns.group_pt)


def _fewer_weeks(session: PlannedSession, weeks: int) -> PlannedSession:
    items = tuple(item._replace(week_targets=item.week_targets[:weeks]) if item.week_targets else item
                  for item in session.items)
    return session._replace(log_weeks=max(1, weeks), items=items)


class Sheets:
    """One session's pages laid out on one paper: what every style tried shares (the heading,
    the items' text and grids) is laid once."""

    def __init__(self, session: PlannedSession, width: float, height: float, fonts: Fonts, kept: Kept):
        self.session, self.width, self.height, self.fonts, self.kept = session, width, height, fonts, kept
        self.content_w = width - 2 * MARGIN_PT
        self.natural = natural_columns(session, CELL_PT, fonts)
        self.first_head = heading(Heading(session.title, session.name, session.athlete), self.content_w, fonts)

    # -- the parts every page is made of

    def page(self) -> Page:
        s = self.session
        return Page(self.width, self.height, title=f"{s.title}: {s.name}", subject=s.session_id)

    def later_head(self, what: str) -> Laid:
        """A later page's heading: the session, and whose card, which weeks and what the page holds,
        so that pages dropped or cut apart can be sorted back."""
        s = self.session
        weeks = f"week {s.start_week}" if s.log_weeks == 1 else f"weeks {s.start_week}-{s.start_week + s.log_weeks - 1}"
        label = " · ".join(part for part in (s.athlete, weeks, what) if part)
        return heading(Heading(None, s.name, None, label=label), self.content_w, self.fonts)

    def columns(self, style: CardStyle) -> GridColumns | None:
        """The grid's columns in this style: under the text they take the whole width; beside
        it at least BESIDE_SHARE[0] of it. None when the grid is too wide to go beside."""
        natural = self.natural
        if style.stacked:
            return widened(natural, self.content_w) if natural.width_pt <= self.content_w else None
        if natural.width_pt > self.content_w * BESIDE_SHARE[1]:
            return None
        return widened(natural, self.content_w * BESIDE_SHARE[0])

    def text_w(self, style: CardStyle, columns: GridColumns | None) -> float:
        if style.stacked or columns is None:
            return self.content_w
        return self.content_w - columns.width_pt - GUTTER_PT

    def item_blocks(self, style: CardStyle, columns: GridColumns | None, parts: Parts) -> list:
        """A block maker for each item: its text laid once per width and style, its grid each time."""
        grid_columns = columns if parts.log else None
        grid_dx = 0.0 if style.stacked or columns is None else self.content_w - columns.width_pt
        fixed_w = self.text_w(style, columns) if parts.log else None
        out = []
        for item in self.session.items:
            def block(frame_w: float, item=item) -> Laid:
                text_w = fixed_w or frame_w
                text = ("text", item, text_w, style.body_pt, style.packed, style.extras, parts, self.fonts)
                at = ("grid", item, grid_columns, style.row_pt, style.cell_pt, self.session.units, self.fonts)
                return self.kept.get((text, at, grid_dx, style.stacked), lambda: item_block(
                    self.kept.get(text, lambda: item_text(item, text_w, style, parts, self.fonts)),
                    None if grid_columns is None else self.kept.get(at, lambda: grid(
                        item, grid_columns, style.cell_pt, style.row_pt, self.session.units, self.fonts)),
                    style, grid_dx))
            out.append(block)
        return out

    def top_band(self, style: CardStyle, columns: GridColumns, with_notes: bool) -> Laid:
        """The session's notes and the week heads: side by side when the grid is beside the
        text, the notes first when it is under it."""
        band = week_band(columns)
        if style.stacked:
            notes = _notes(self.session.notes if with_notes else None, self.content_w, self.fonts)
            return Laid(notes.height + band.height, (*notes.ops, Group(band.ops, 0.0, -notes.height)))
        notes = _notes(self.session.notes if with_notes else None, self.text_w(style, columns), self.fonts)
        grid_dx = self.content_w - columns.width_pt
        return Laid(max(notes.height, band.height), (*notes.ops, Group(band.ops, grid_dx, 0.0)))

    # -- the attempts `fit` makes: pages, or None when the style does not fit

    def one_page(self, style: CardStyle, fewest: int | None) -> list[Page] | None:
        columns = self.columns(style)
        if columns is None:
            return None
        room = self.height - 2 * MARGIN_PT - self.first_head.height - MIN_NOTES_PT - BAND_PT
        if sum(lower_bound(item, style, columns) for item in self.session.items) > room:
            return None
        flowed = self._log(style, columns, WHOLE, max_pages=1)
        if flowed is None:
            return None
        return [self._grown(flowed, style, columns, WHOLE)]

    def log_pages(self, style: CardStyle, fewest: int | None) -> list[Page] | None:
        columns = self.columns(style)
        if columns is None:
            return None
        flowed = self._log(style, columns, LOG, max_pages=fewest)
        return flowed.pages if flowed else None

    def steps_pages(self, style_and_columns: tuple, fewest: int | None) -> list[Page] | None:
        style, count = style_and_columns
        gutter = 2 * GUTTER_PT
        column_w = (self.content_w - (count - 1) * gutter) / count
        if column_w < MIN_COLUMN_PT and count > 1:
            return None

        if fewest is not None:  # the floor of every item's height already over the pages allowed
            head = self.later_head("how to do each exercise")
            room = fewest * count * (self.height - 2 * MARGIN_PT - head.height - 4)
            if sum(lower_bound(item, style, None, STEPS) for item in self.session.items) > room:
                return None

        def new_page(number: int) -> tuple[Page, list[Frame]]:
            page = self.page()
            head = self.later_head("how to do each exercise" + (", continued" if number else ""))
            put(page, head, MARGIN_PT, self.height - MARGIN_PT)
            top = self.height - MARGIN_PT - head.height - 4
            return page, [Frame(MARGIN_PT + k * (column_w + gutter), top, column_w, MARGIN_PT) for k in range(count)]

        flowed = flow(self.item_blocks(style, None, STEPS), new_page, max_pages=fewest)
        return flowed.pages if flowed else None

    def balanced(self, style: CardStyle, pages: list[Page]) -> list[Page]:
        """The log on as many pages as `pages` (what `fit` chose), the items shared evenly among
        them, and the rows grown into the room that leaves."""
        columns = self.columns(style)
        if len(pages) == 1:
            flowed = self._log(style, columns, LOG, max_pages=1)
            return [self._grown(flowed, style, columns, LOG)]
        heights = [block(0.0).height for block in self.item_blocks(style, columns, LOG)]
        count = len(pages)
        breaks = even_breaks(heights, [self._room(style, columns, k, k == count - 1) for k in range(count)])
        if breaks is None:
            return pages
        for row in (*_taller_rows(style.row_pt), style.row_pt):
            flowed = self._log(style._replace(row_pt=row), columns, LOG, max_pages=len(pages), breaks=breaks)
            if flowed is not None and len(flowed.pages) == len(pages):
                return flowed.pages
        return pages

    # -- how the log pages are made

    def _head(self, number: int) -> Laid:
        return self.first_head if number == 0 else self.later_head("the log, continued")

    def _room(self, style: CardStyle, columns: GridColumns, number: int, last: bool) -> float:
        """The height items have on log page `number` (the last keeps room for the Notes box)."""
        band = self.top_band(style, columns, with_notes=number == 0)
        return (self.height - 2 * MARGIN_PT - self._head(number).height - band.height
                - (MIN_NOTES_PT if last else 0.0))

    def _log(self, style: CardStyle, columns: GridColumns, parts: Parts, max_pages: int | None,
             breaks: Collection[int] = (), notes_pt: float = MIN_NOTES_PT) -> Flowed | None:
        """The heading, the notes and week heads, the items, and a Notes box to the foot of the
        last page, at least `notes_pt` tall (the items on the other pages run to the margin)."""
        def new_page(number: int) -> tuple[Page, list[Frame]]:
            page = self.page()
            head = self._head(number)
            put(page, head, MARGIN_PT, self.height - MARGIN_PT)
            band = self.top_band(style, columns, with_notes=number == 0)
            top = self.height - MARGIN_PT - head.height
            put(page, band, MARGIN_PT, top)
            return page, [Frame(MARGIN_PT, top - band.height, self.content_w, MARGIN_PT)]

        items = self.item_blocks(style, columns, parts)
        room_for_notes = [lambda width: Laid(notes_pt)]  # drawn once its place is known, down to the margin
        flowed = flow(items + room_for_notes, new_page, max_pages, breaks=breaks,
                      between=lambda width, index: rule(width) if index < len(items) else Laid(0.0))
        if flowed is None:
            return None
        top = flowed.end + notes_pt
        put(flowed.pages[-1], ruled_area(self.content_w, top - 2 - MARGIN_PT, "Notes", NOTES_PT), MARGIN_PT, top - 2)
        return flowed

    def _grown(self, flowed: Flowed, style: CardStyle, columns: GridColumns, parts: Parts) -> Page:
        """The one page, with its rows grown while the Notes box keeps ROOMY_NOTES_PT."""
        spare = flowed.end + MIN_NOTES_PT - 2 - MARGIN_PT - ROOMY_NOTES_PT
        rows = sum(item.rows for item in self.session.items)
        if spare <= 0 or not rows:
            return flowed.pages[0]
        for row in _taller_rows(style.row_pt):
            if (row - style.row_pt) * rows > spare:
                continue
            trial = self._log(style._replace(row_pt=row), columns, parts, max_pages=1, notes_pt=ROOMY_NOTES_PT)
            if trial is not None:
                return trial.pages[0]
        return flowed.pages[0]


def _taller_rows(row_pt: float) -> list[float]:
    """Row heights to try, tallest first, above `row_pt` and up to MAX_ROW_PT."""
    return [r for r in (MAX_ROW_PT, 22.0, 20.0, 18.0, 17.0, 16.0) if r > row_pt]


def _notes(notes: str | None, width: float, fonts: Fonts) -> Laid:
    """The session's notes, small, a line every 10 pt (right-aligned when they read right to left)."""
    ops, y = [], -2.0
    for line in wrap(notes, width, fonts, NOTES_PT) if notes else ():
        y -= 10
        ops.append(aligned(line, width, y + 2, NOTES_PT))
    return Laid(2 - y, tuple(ops))
