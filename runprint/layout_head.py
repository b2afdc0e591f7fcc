"""The top of a session's page: title, session name and athlete, then the session's notes
and the week heads the log grids line up under (the card's and the two-sided log's)."""

from __future__ import annotations

from typing import NamedTuple

from .layout import FAINT, MARGIN_PT, Fonts, Line, Page, Text, name_fields, right_to_left, wrap
from .layout_grid import grid_columns
from .plan import PlannedSession


class Frame(NamedTuple):
    """Where an item's block goes across the page: its text column and its grid."""

    x: float
    text_w: float
    grid_x: float


def header(page: Page, session: PlannedSession, x: float, w: float, top: float, fonts: Fonts) -> float:
    """Title, session name and a place for the athlete's name, over a rule. Returns the rule's y.

    No date here: each week column of the log has a place for its date."""
    y = top - 14
    title = wrap(session.title, w, fonts, 14, True)
    for line in title:
        page.add(Text(x + w, y, line, 14, bold=True, align="right") if right_to_left(line) else
                 Text(x, y, line, 14, bold=True))
        y -= 16
    y -= 1
    name_lines = wrap(session.name, w, fonts, 11, True)
    for line in name_lines[:-1]:
        page.add(Text(x, y, line, 11, bold=True))
        y -= 13
    page.add(Text(x, y, name_lines[-1], 11, bold=True))
    y = name_fields(page, x, y, w, fonts.width(name_lines[-1], True, 11) + 14, session.athlete, None, fonts)
    page.add(Line(x, y - 5, x + w, y - 5, width=0.8, grey=0.2))
    return y - 5


def notes_and_week_band(page: Page, session: PlannedSession, frame: Frame, top: float, stacked: bool,
                        cell_pt: float, fonts: Fonts, with_notes: bool = True) -> float:
    """The session's notes and the week heads: side by side when the grid is beside the text,
    the notes first when it is under it. Returns where the items start."""
    content_w = frame.text_w if not stacked else page.width - 2 * MARGIN_PT
    notes = session.notes if with_notes else None
    if stacked:
        y = _notes(page, notes, frame.x, content_w, top, fonts)
        return _week_band(page, session, frame.grid_x, y, cell_pt, fonts)
    return min(_notes(page, notes, frame.x, frame.text_w, top, fonts),
               _week_band(page, session, frame.grid_x, top, cell_pt, fonts))


def _notes(page: Page, notes: str | None, x: float, w: float, top: float, fonts: Fonts) -> float:
    """The session's notes, beside the week heads when there is room."""
    y = top - 2
    for line in wrap(notes, w, fonts, 8) if notes else []:
        y -= 10
        page.add(Text(x + w, y + 2, line, 8, align="right") if right_to_left(line) else Text(x, y + 2, line, 8))
    return y - 2


def _week_band(page: Page, session: PlannedSession, x: float, top: float, cell_pt: float, fonts: Fonts) -> float:
    """The week columns' heads, once for the page: the week number and a line for its date."""
    columns = grid_columns(session, cell_pt, fonts)
    group = columns.group_pt
    y = top - 9
    for w in range(session.log_weeks):
        gx = columns.week_x(x, w)
        page.add(Text(gx + group / 2, y, f"Week {session.start_week + w}", 7.5, bold=True, align="center"))
        page.add(Text(gx + 2, y - 10, "date", 7, grey=0.3))
        page.add(Line(gx + 20, y - 11, gx + group - 3, y - 11, grey=FAINT))
    return y - 15
