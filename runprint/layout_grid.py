"""The log grid: a row per set, a column group per week, the cells a lifter writes in.

One geometry serves every item of a session, so the week columns line up down the
page under the week heads: the set column is as wide as the longest set label
(`5+ @ 102.5 kg`), and a week's group as wide as the widest item needs (load, reps,
L and R, effort). An item with fewer cells gives the room to its reps cells. The
card's fitting asks `grid_columns(...).width_pt` for the real width.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .layout import FAINT, RULE, Box, Fonts, Line, Text, wrap
from .plan import PlannedItem, PlannedSession

SET_COL_PT = 13.0        # the set number alone
LABEL_PT = 7.0           # set labels and cell heads: the smallest legible size
MAX_LABEL_COL_PT = 96.0  # a longer set label wraps in its row
EFFORT_PT = 18.0         # RIR 2 or RPE 8.5, written small
SIDE_MIN_PT = 22.0       # an L or R cell: two digits in pencil
HEAD_PT = 8.5            # the row of cell heads (kg, reps, RIR)
TARGET_PT = 7.0          # each week's target, when the weeks differ


class Cell(NamedTuple):
    dx: float    # from the week group's left edge
    w: float
    head: str


class GridColumns(NamedTuple):
    label_pt: float   # the set column: numbers, and each set's own label
    group_pt: float   # one week's cells
    weeks: int

    @property
    def width_pt(self) -> float:
        return self.label_pt + self.weeks * self.group_pt

    def week_x(self, x: float, week: int) -> float:
        """The left edge of a week's group in a grid placed at `x`."""
        return x + self.label_pt + week * self.group_pt


@lru_cache(maxsize=256)
def grid_columns(session: PlannedSession, cell_pt: float, fonts: Fonts) -> GridColumns:
    """The columns every grid of this session uses, at this cell width."""
    label = max([_label_width(item, fonts) for item in session.items] + [SET_COL_PT])
    group = max([_needs(item, cell_pt) for item in session.items] + [2 * cell_pt])
    return GridColumns(min(label, MAX_LABEL_COL_PT), group, session.log_weeks)


def _label_width(item: PlannedItem, fonts: Fonts) -> float:
    if not item.set_labels:
        return SET_COL_PT
    number = fonts.width(str(len(item.set_labels)), False, LABEL_PT)
    return 2 + number + 5 + max(fonts.width(t, True, LABEL_PT) for t in item.set_labels) + 4


def _needs(item: PlannedItem, cell_pt: float) -> float:
    """The narrowest group that holds this item's cells."""
    load = cell_pt if item.has_load else 0.0
    effort = EFFORT_PT if item.effort else 0.0
    amount = 2 * SIDE_MIN_PT if item.split else cell_pt
    return max(load + amount + effort, 2 * cell_pt)


def item_cells(item: PlannedItem, columns: GridColumns, cell_pt: float, units: str) -> list[Cell]:
    """This item's cells in one week's group, left to right: load, reps (or L and R), effort."""
    unit = item.prescription.log_label
    fixed = [Cell(0, cell_pt, units)] if item.has_load else []
    effort_w = EFFORT_PT if item.effort else 0.0
    start = sum(c.w for c in fixed)
    room = columns.group_pt - start - effort_w
    if item.split:
        unit = "" if unit == "reps" else f" {unit}"  # L and R are reps; time and distance say so
        cells = fixed + [Cell(start, room / 2, f"L{unit}"), Cell(start + room / 2, room / 2, f"R{unit}")]
    else:
        cells = fixed + [Cell(start, room, unit)]
    if item.effort:
        cells.append(Cell(columns.group_pt - effort_w, effort_w, item.effort))
    return cells


def _targets(item: PlannedItem, columns: GridColumns, fonts: Fonts) -> list[tuple[str, ...]]:
    return [wrap(t, columns.group_pt - 3, fonts, TARGET_PT, True) for t in item.week_targets or ()]


def _targets_height(item: PlannedItem, columns: GridColumns, fonts: Fonts) -> float:
    rows = _targets(item, columns, fonts)
    return max(len(r) for r in rows) * TARGET_PT * 1.15 + 2 if rows else 0.0


def grid_height(session: PlannedSession, item: PlannedItem, cell_pt: float, row_pt: float, fonts: Fonts) -> float:
    """How far place_grid reaches below its top: the weeks' targets, the cell heads, the rows."""
    columns = grid_columns(session, cell_pt, fonts)
    return _targets_height(item, columns, fonts) + HEAD_PT + item.rows * row_pt


def place_grid(ops: list, session: PlannedSession, item: PlannedItem, x: float, top: float, cell_pt: float,
               row_pt: float, fonts: Fonts) -> None:
    """Each week's target (when the weeks differ), the cell heads, then a row per set with its
    own label and a group of cells per week; grid_height says how far down that reaches."""
    columns = grid_columns(session, cell_pt, fonts)
    y = top
    for w, lines in enumerate(_targets(item, columns, fonts)):
        for k, text in enumerate(lines):
            ops.append(Text(columns.week_x(x, w) + columns.group_pt / 2, y - TARGET_PT - k * TARGET_PT * 1.15,
                            text, TARGET_PT, bold=True, align="center"))
    y -= _targets_height(item, columns, fonts) + HEAD_PT
    cells = item_cells(item, columns, cell_pt, session.units)
    for w in range(session.log_weeks):
        for cell in cells:
            ops.append(Text(columns.week_x(x, w) + cell.dx + cell.w / 2, y + 1.5, cell.head, LABEL_PT, grey=0.3,
                            align="center"))
    rows_h = item.rows * row_pt
    left, right = x + columns.label_pt, x + columns.width_pt
    ops.append(Box(left, y - rows_h, right - left, rows_h, width=0.6, grey=RULE))
    for s in range(item.rows):
        row_top = y - s * row_pt
        _row_label(ops, item, s, x, columns.label_pt, row_top, row_pt, fonts)
        if s:
            ops.append(Line(left, row_top, right, row_top))
    for w in range(session.log_weeks):
        gx = columns.week_x(x, w)
        if w:
            ops.append(Line(gx, y, gx, y - rows_h, width=1.0, grey=0.25))
        for cell in cells[1:]:
            ops.append(Line(gx + cell.dx, y, gx + cell.dx, y - rows_h, grey=FAINT))


def _row_label(ops: list, item: PlannedItem, s: int, x: float, label_pt: float, row_top: float, row_pt: float,
               fonts: Fonts) -> None:
    """The set number, and when the sets differ the set's own target (and load): '1   5 @ 65 kg'."""
    middle = row_top - row_pt / 2 - 2.5
    if not item.set_labels:
        ops.append(Text(x + label_pt - 3, middle, str(s + 1), LABEL_PT, grey=0.3, align="right"))
        return
    number_w = fonts.width(str(len(item.set_labels)), False, LABEL_PT)
    ops.append(Text(x + 2 + number_w, middle, str(s + 1), LABEL_PT, grey=0.3, align="right"))
    lines = wrap(item.set_labels[s], label_pt - number_w - 11, fonts, LABEL_PT, True)
    lead = LABEL_PT * 1.1
    first = middle + (len(lines) - 1) * lead / 2
    for k, line in enumerate(lines):
        ops.append(Text(x + label_pt - 4, first - k * lead, line, LABEL_PT, bold=True, align="right"))
