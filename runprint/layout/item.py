"""One exercise of a session as a block: its text, its video's QR code and its log grid.

The text (label, name, prescription, last time's numbers, steps, cues) runs down a
column with the QR code at its top right; the grid sits beside the text, or under it
when the style stacks. Which parts a page shows is a `Parts`: the two-sided card puts
the log on the front and the steps on the back.
"""

from __future__ import annotations

from typing import NamedTuple

from ..plan import PlannedItem
from .blocks import LEAD, Laid, Run, TextLine, labelled, text_lines
from .geometry import QR, Fonts, Group, wrap
from .grid import HEAD_PT, GridColumns

QR_PT = 46.0           # the QR code with its quiet zone of 4 modules
ITEM_GAP_PT = 4.0


class CardStyle(NamedTuple):
    body_pt: float
    row_pt: float
    cell_pt: float
    stacked: bool          # the grid under the item's text instead of beside it
    packed: bool = False   # several short steps on one line
    extras: bool = False   # print each exercise's easier and harder versions too

    @property
    def name_pt(self) -> float:
        return min(self.body_pt + 1.5, 11.0)

    @property
    def line_pt(self) -> float:
        return self.body_pt * LEAD


class Parts(NamedTuple):
    """Which parts of an item a page shows."""

    steps: bool = True  # numbered steps and the QR code: how to do it
    log: bool = True    # cues, note and the log grid: what to do and what was done


WHOLE, LOG, STEPS = Parts(), Parts(steps=False), Parts(log=False)


def item_text(item: PlannedItem, text_w: float, style: CardStyle, parts: Parts, fonts: Fonts) -> Laid:
    """The item's text and QR code, `text_w` wide: the part of its block that does not depend
    on the grid (so a fitting step trying several row heights lays it once)."""
    qr = QR_PT if item.exercise.video and parts.steps else 0.0
    column_w = text_w - (qr + 4 if qr else 0)
    laid = text_lines(_item_lines(item, column_w, style, fonts, parts), column_w, fonts)
    if not qr:
        return laid
    return Laid(max(laid.height, qr + 2), (*laid.ops, QR(text_w - qr, -qr, qr, item.exercise.video)))


def item_block(text: Laid, laid_grid: Laid | None, style: CardStyle, grid_dx: float) -> Laid:
    """The item's block: its laid text, and its laid grid (None: no grid) `grid_dx` from the
    left, beside the text or under it."""
    if laid_grid is None:
        return Laid(text.height + ITEM_GAP_PT, text.ops)
    drop = text.height + 3 if style.stacked else 1.0
    ops = (*text.ops, Group(laid_grid.ops, grid_dx, -drop))
    return Laid(max(text.height, drop + laid_grid.height) + ITEM_GAP_PT, ops)


def lower_bound(item: PlannedItem, style: CardStyle, columns: GridColumns | None, parts: Parts = WHOLE) -> float:
    """A cheap floor under the item's block height, before any text is wrapped: its grid, and
    at least a heading plus a line per step (a line for every three when packed) and for the cues.
    Styles whose floor already overflows are skipped, which spares most laying on a crowded card."""
    ex = item.exercise
    steps = len(ex.steps) if parts.steps else 0
    cues = bool(ex.cues) and parts.log
    lines = ((-(-steps // 3) if style.packed else steps + cues) + (bool(item.note) and parts.log)
             + ((bool(ex.easier) + bool(ex.harder)) if style.extras else 0))
    text = style.name_pt * LEAD + lines * style.line_pt
    if columns is None or not parts.log:
        return text + ITEM_GAP_PT
    grid_h = HEAD_PT  # the weeks' targets are left out: a floor may be low, never high
    grid_h += item.rows * style.row_pt
    return (text + grid_h if style.stacked else max(text, grid_h)) + ITEM_GAP_PT


def _item_lines(item: PlannedItem, width: float, style: CardStyle, fonts: Fonts, parts: Parts) -> list[TextLine]:
    body = style.body_pt
    cues = " · ".join(item.exercise.cues) if parts.log else ""
    lines, cues_placed = _heading(item, width, style, fonts, cues if style.packed else "")
    if parts.log and item.last:
        label, _, numbers = item.last.partition(": ")
        lines += labelled(label, numbers, width, body, fonts)
    if parts.log:
        beat = " · ".join(x for x in (item.lifting.e1rm, item.lifting.suggestion) if x)
        lines += labelled("To beat", beat, width, body, fonts)
    if parts.steps:
        lines += _steps(item.exercise.steps, width, body, fonts, style.packed)
    lines += labelled("Cues", "" if cues_placed else cues, width, body, fonts)
    lines += labelled("Note", item.note if parts.log else None, width, body, fonts)
    if style.extras:
        lines += labelled("Easier", item.exercise.easier, width, body, fonts)
        lines += labelled("Harder", item.exercise.harder, width, body, fonts)
    return lines


def _heading(item: PlannedItem, width: float, style: CardStyle, fonts: Fonts, cues: str) -> tuple[list, bool]:
    """Label, name and prescription at the heading size, then load and rest (and `cues`,
    when given and there is room) at body size, each run placed by its own width; wrapped
    onto lines of their own when they do not fit one line. Also says whether the cues went in."""
    body, name_pt = style.body_pt, style.name_pt
    head = f"{item.label}  {item.exercise.name}"
    extras = " · ".join(x for x in (f"load {item.load}" if item.load else "",
                                    f"rest {item.rest}" if item.rest else "") if x)
    presc = item.prescription.text
    x_presc = fonts.width(head, True, name_pt) + body
    x_extras = x_presc + fonts.width(presc, True, name_pt) + body
    end = x_extras + (fonts.width(extras, False, body) + body if extras else 0)
    if end - body > width:
        # The name wraps beside its label; the prescription, load and rest follow on lines of their own.
        indent = fonts.width(f"{item.label}  ", True, name_pt)
        names = wrap(item.exercise.name, width - indent, fonts, name_pt, True)
        lines = [TextLine(([Run(0, item.label, True)] if k == 0 else []) + [Run(indent, t, True)], name_pt)
                 for k, t in enumerate(names)]
        runs = [Run(indent, presc, True)] + ([Run(indent + fonts.width(presc, True, body) + body, extras)]
                                             if extras else [])
        if extras and runs[-1].dx + fonts.width(extras, False, body) <= width:
            return lines + [TextLine(runs, body)], False
        tail = [presc] + ([extras] if extras else [])
        return lines + [TextLine([Run(indent, t, True)], body) for x in tail
                        for t in wrap(x, width - indent, fonts, body, True)], False
    heading = TextLine([Run(0, head, True), Run(x_presc, presc, True)] +
                       ([Run(x_extras, extras, False, body)] if extras else []), name_pt)
    cue_lead = fonts.width("Cues: ", True, body)
    if cues and end + cue_lead + fonts.width(cues, False, body) <= width:
        heading.runs.extend([Run(end, "Cues:", True, body), Run(end + cue_lead, cues, False, body)])
        return [heading], True
    return [heading], False


def _steps(steps: tuple[str, ...], width: float, size: float, fonts: Fonts, packed: bool) -> list[TextLine]:
    """Numbered steps, one a line; packed, as many whole steps on a line as fit."""
    indent = fonts.width("8. ", True, size)
    gap = size * 1.6
    lines: list[TextLine] = []
    used = width + 1
    for number, step in enumerate(steps, 1):
        step_w = indent + fonts.width(step, False, size)
        if packed and lines and used + gap + step_w <= width:
            x = used + gap
            lines[-1].runs.extend([Run(x, f"{number}.", True), Run(x + indent, step)])
            used = x + step_w
            continue
        for k, text in enumerate(wrap(step, width - indent, fonts, size)):
            runs = [Run(0, f"{number}.", True)] if k == 0 else []
            lines.append(TextLine(runs + [Run(indent, text)], size))
            used = indent + fonts.width(text, False, size)
    return lines
