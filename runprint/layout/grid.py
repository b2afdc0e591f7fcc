"""The log grid: a row per set, a column group per week, the cells a lifter writes in.

One geometry serves every item of a session, so the week columns line up down the page
under the week heads: the set column is as wide as the longest set label (`5+ @ 102.5
kg`), and a week's group as wide as the widest item needs (load, reps, L and R, effort),
or wider when the grid is given more room: the cells share it. An item with fewer cells
gives the room to its reps cells. What cells an item has is decided once, in `kinds`.
"""

from __future__ import annotations

from itertools import product
from typing import NamedTuple

from ..plan import PlannedItem, PlannedSession
from .blocks import Laid
from . import geometry
from .geometry import FAINT, RULE, Box, Fonts, Line, Text, wrap

SET_COL_PT = 13.0        # the set number alone
LABEL_PT = 7.0           # set labels and cell heads: the smallest legible size
MAX_LABEL_COL_PT = 124.0  # a longer set label or list of plates wraps in its row
EFFORT_PT = 18.0         # RIR 2 or RPE 8.5, written small
SIDE_MIN_PT = 22.0       # an L or R cell: two digits in pencil
HEAD_PT = 8.5            # the row of cell heads (kg, reps, RIR)
TARGET_PT = 7.0          # each week's target, when the weeks differ
BAND_PT = 24.0           # the week heads over the grids: 'Week 2' and a line for its date


class Cell(NamedTuple):
    dx: float    # from the week group's left edge
    w: float
    head: str


class Kind(NamedTuple):
    """A cell an item logs, before it is given its width."""

    head: str
    min_pt: float
    grows: bool          # takes a share of room the group has beyond what its cells need


def kinds(item: PlannedItem, cell_pt: float, units: str) -> list[Kind]:
    """The cells of one week of this item's log, left to right: load, reps (or L and R), effort."""
    out = [Kind(units, cell_pt, False)] if item.has_load else []
    unit = item.prescription.log_label
    if item.split:
        unit = "" if unit == "reps" else f" {unit}"  # L and R are reps; time and distance say so
        out += [Kind(f"L{unit}", SIDE_MIN_PT, True), Kind(f"R{unit}", SIDE_MIN_PT, True)]
    else:
        out.append(Kind(unit, cell_pt, True))
    if item.effort:
        out.append(Kind(item.effort, EFFORT_PT, False))
    return out


class GridColumns(NamedTuple):
    label_pt: float   # the set column: numbers, and each set's own label
    group_pt: float   # one week's cells
    weeks: int
    start_week: int = 1

    @property
    def width_pt(self) -> float:
        return self.label_pt + self.weeks * self.group_pt

    def week_x(self, week: int) -> float:
        """The left edge of a week's group, from the grid's left edge."""
        return self.label_pt + week * self.group_pt

    def cells(self, item: PlannedItem, cell_pt: float, units: str) -> list[Cell]:
        """This item's cells in one week's group: fixed ones at their width, the rest sharing what is left."""
        parts = kinds(item, cell_pt, units)
        fixed = sum(k.min_pt for k in parts if not k.grows)
        growing = [k for k in parts if k.grows]
        room = self.group_pt - fixed
        grown = sum(k.min_pt for k in growing)
        out, x = [], 0.0
        for kind in parts:
            w = kind.min_pt if not kind.grows else room * kind.min_pt / grown
            out.append(Cell(x, w, kind.head))
            x += w
        return out


def natural_columns(session: PlannedSession, cell_pt: float, fonts: Fonts) -> GridColumns:
    """The narrowest columns every grid of this session fits in."""
    label = max([_label_width(item, fonts) for item in session.items] + [SET_COL_PT])
    group = max([sum(k.min_pt for k in kinds(item, cell_pt, session.units)) for item in session.items] + [2 * cell_pt])
    return GridColumns(min(label, MAX_LABEL_COL_PT), group, session.log_weeks, session.start_week)


def widened(columns: GridColumns, width: float) -> GridColumns:
    """The same columns grown to `width`: the week groups share what the set column leaves."""
    if width <= columns.width_pt:
        return columns
    return columns._replace(group_pt=(width - columns.label_pt) / columns.weeks)


class Row(NamedTuple):
    """One row of an item's grid: its number ('W' for a warm-up), its own label and plates, and
    whether it has cells to log in."""

    number: str
    label: str = ""
    plates: str = ""
    logged: bool = True


def grid_rows(item: PlannedItem) -> list[Row]:
    """The item's rows, top to bottom: the warm-ups, then a row per work set."""
    lifting = item.lifting
    rows = [Row("W", w.label, w.plates, lifting.warmup_log) for w in lifting.warmups]
    for s in range(item.rows):
        label = item.set_labels[s] if item.set_labels and s < len(item.set_labels) else ""
        rows.append(Row(str(s + 1), label, lifting.plates[s] if lifting.plates and s < len(lifting.plates) else ""))
    return rows


def _label_width(item: PlannedItem, fonts: Fonts) -> float:
    rows = grid_rows(item)
    if not any(row.label or row.plates for row in rows):
        return SET_COL_PT
    number = max(fonts.width(row.number, False, LABEL_PT) for row in rows)
    return 2 + number + 5 + max(max(fonts.width(row.label, True, LABEL_PT), fonts.width(row.plates, False, LABEL_PT))
                                for row in rows) + 4


def _label_lines(row: Row, width: float, fonts: Fonts) -> list[tuple[str, bool]]:
    """A row's label (bold) over its plates, each wrapped to the set column: (text, bold) a line."""
    return [(text, True) for text in (wrap(row.label, width, fonts, LABEL_PT, True) if row.label else ())] + \
        [(text, False) for text in (wrap(row.plates, width, fonts, LABEL_PT) if row.plates else ())]


def week_band(columns: GridColumns) -> Laid:
    """The week columns' heads, once a page: the week number and a line for its date."""
    ops, group = [], columns.group_pt
    y = -9.0
    for w in range(columns.weeks):
        gx = columns.week_x(w)
        ops.append(Text(gx + group / 2, y, f"Week {columns.start_week + w}", 7.5, bold=True, align="center"))
        ops.append(Text(gx + 2, y - 10, "date", 7, grey=0.3))
        ops.append(Line(gx + 20, y - 11, gx + group - 3, y - 11, grey=FAINT))
    return Laid(BAND_PT, tuple(ops))


def grid(item: PlannedItem, columns: GridColumns, cell_pt: float, row_pt: float, units: str, fonts: Fonts) -> Laid:
    """Each week's target (when the weeks differ), the warm-ups without cells, the cell heads,
    then a row per set (warm-ups first, when they are logged) with its own label and plates
    and a group of cells per week."""
    ops: list = []
    targets = [wrap(t, columns.group_pt - 3, fonts, TARGET_PT, True) for t in item.week_targets or ()]
    for w, lines in enumerate(targets):
        for k, text in enumerate(lines):
            ops.append(Text(columns.week_x(w) + columns.group_pt / 2, -TARGET_PT - k * TARGET_PT * 1.15,
                            text, TARGET_PT, bold=True, align="center"))
    rows = grid_rows(item)
    number_w = max(fonts.width(row.number, False, LABEL_PT) for row in rows)
    labels = [_label_lines(row, columns.label_pt - number_w - 11, fonts) for row in rows]
    row_pt = max([row_pt] + [len(lines) * LABEL_PT * 1.1 + 3 for lines in labels])  # a row grows to its lines
    unlogged = sum(not row.logged for row in rows)
    top = -(max(len(r) for r in targets) * TARGET_PT * 1.15 + 2 if targets else 0.0)
    y = top - unlogged * row_pt - HEAD_PT
    cells = columns.cells(item, cell_pt, units)
    for w in range(columns.weeks):
        for cell in cells:
            ops.append(Text(columns.week_x(w) + cell.dx + cell.w / 2, y + 1.5, cell.head, LABEL_PT, grey=0.3,
                            align="center"))
    rows_h = (len(rows) - unlogged) * row_pt
    left, right = columns.label_pt, columns.width_pt
    ops.append(Box(left, y - rows_h, right - left, rows_h, width=0.6, grey=RULE))
    labelled = any(row.label or row.plates for row in rows)
    for s, (row, lines) in enumerate(zip(rows, labels)):
        row_top = top - s * row_pt if not row.logged else y - (s - unlogged) * row_pt
        ops.extend(_row_label(row, lines, number_w, labelled, columns.label_pt, row_top, row_pt))
        if not row.logged:  # a warm-up without cells, above the cell heads
            ops.append(Text(left + 3, row_top - row_pt / 2 - 2.5, "warm-up", LABEL_PT, grey=0.3))
        elif s > unlogged:
            ops.append(Line(left, row_top, right, row_top))
    for w in range(columns.weeks):
        gx = columns.week_x(w)
        if w:
            ops.append(Line(gx, y, gx, y - rows_h, width=1.0, grey=0.25))
        for cell in cells[1:]:
            ops.append(Line(gx + cell.dx, y, gx + cell.dx, y - rows_h, grey=FAINT))
        for s, cell in product(range(item.rows), cells):
            ops.append(geometry.Cell(gx + cell.dx, y - (s + 1) * row_pt, cell.w, row_pt, item.label,
                                     item.exercise.id, s + 1, columns.start_week + w, cell.head.strip()))
    return Laid(-(y - rows_h), tuple(ops))


def _row_label(row: Row, lines: list[tuple[str, bool]], number_w: float, labelled: bool, label_pt: float,
               row_top: float, row_pt: float) -> list:
    """The set number ('W' for a warm-up), and when rows differ the row's own target and load
    over the plates a side: '1   5 @ 65 kg / 20 kg bar + 10 + 2.5'."""
    middle = row_top - row_pt / 2 - 2.5
    if not labelled:
        return [Text(label_pt - 3, middle, row.number, LABEL_PT, grey=0.3, align="right")]
    ops = [Text(2 + number_w, middle, row.number, LABEL_PT, grey=0.3, align="right")]
    lead = LABEL_PT * 1.1
    first = middle + (len(lines) - 1) * lead / 2
    for k, (line, bold) in enumerate(lines):
        ops.append(Text(label_pt - 4, first - k * lead, line, LABEL_PT, bold=bold, align="right"))
    return ops
