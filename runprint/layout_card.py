"""The session card: place every block, pick the largest type that fits.

A card is a header, one block per item (text on the left, log grid on the right, or
the grid under the text when many weeks make it wide) and a notes area. We try
styles from the most comfortable to the tightest (the STYLES table) and keep the
first that fits; if even 7 pt type with 14 pt rows does not fit, the session is too
long for a page.

An item's height is computed in one place, `measure_item`, which also wraps its text;
`place_item` draws what was measured and returns that height. A style is tried by
measuring every item first (most styles tried do not fit, and measuring costs a third of
placing), then placing. In a batch, heights and marks already placed for an earlier
athlete are reused (HEIGHTS, PLACED).
"""

from __future__ import annotations

from itertools import product
from typing import NamedTuple

from .errors import Problem, RunprintError
from .layout import (FAINT, MARGIN_PT, QR, Fonts, Line, Page, Text, check_glyphs, paper_size, right_to_left,
                     ruled_area, wrap)
from .layout_grid import HEAD_PT as GRID_HEAD_PT, grid_columns, grid_height, place_grid
from .layout_head import Frame, header, notes_and_week_band
from .memo import Memo
from .plan import PlannedItem, PlannedSession

GUTTER_PT = 10.0
QR_PT = 46.0           # the QR code with its quiet zone of 4 modules
MIN_NOTES_PT = 30.0
ITEM_GAP_PT = 4.0
LEAD = 1.22


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


# The order in which styles are tried, most comfortable first. Change it here.
# Each tier lists body type sizes, largest first. Within a size we try the grid beside
# the text before under it, then log rows from roomy to tight, then cells wide to narrow.
TIERS = (
    # extras  packed  body sizes (pt)
    (True,  False, (11.0, 10.0, 9.0)),            # roomy: how to make each exercise easier or harder too;
                                                  # the runner new to a routine needs that most
    (False, False, (11.0, 10.0, 9.0, 8.5, 8.0)),  # the extras are the first thing given up for space
    (False, True,  (8.5, 8.0)),                   # several short steps on a line before type below 8 pt,
    (False, False, (7.5, 7.0)),                   # since both keep every word
    (False, True,  (7.5, 7.0)),                   # the tightest: 7 pt, packed, 14 pt rows
)
GRID_BESIDE_FIRST = (False, True)  # CardStyle.stacked
ROWS_PT = (20.0, 17.0, 14.0)       # a log row; never taller than two body sizes
CELLS_PT = (32.0,)                 # a log cell: load, reps, time or distance (a load: >= 11 mm, 31.2 pt)


def _styles() -> tuple[CardStyle, ...]:
    styles = []
    for extras, packed, sizes in TIERS:
        for body, stacked, row, cell in product(sizes, GRID_BESIDE_FIRST, ROWS_PT, CELLS_PT):
            if row <= 2 * body:
                styles.append(CardStyle(body, row, cell, stacked, packed, extras))
    return tuple(styles)


STYLES = _styles()


# What laying out one athlete's card leaves for the next (see memo.py). Every value is one
# measuring or placing produced: nothing here computes a height or a mark of its own.
HEIGHTS = Memo(50_000)  # (item, text column width, style, grid columns, fonts) -> the item's height
PLACED = Memo(2_000)    # (that key, the frame, the item's top, the units) -> (height, the item's marks)


class Run(NamedTuple):
    dx: float
    text: str
    bold: bool = False
    size: float | None = None  # None: the line's size


class TextLine(NamedTuple):
    runs: list
    size: float

    @property
    def height(self) -> float:
        return self.size * LEAD


class Parts(NamedTuple):
    """Which parts of an item a page shows."""

    steps: bool = True  # numbered steps and the QR code: how to do it
    log: bool = True    # cues, note and the log grid: what to do and what was done


WHOLE, LOG, STEPS = Parts(), Parts(steps=False), Parts(log=False)


def layout_card(session: PlannedSession, paper: str, fonts: Fonts) -> Page:
    """The one-page card for one session, or a RunprintError saying that it does not fit."""
    check_glyphs(card_texts(session), fonts, session.file)
    fitted = fit_one_page(session, *paper_size(paper), fonts)
    if fitted is not None:
        return fitted[1]
    raise RunprintError(Problem(session.file, None, f"session '{session.session_id}'",
                                f"{len(session.items)} exercises with a {session.log_weeks}-week log do not fit "
                                f"on one {paper} page, even at {STYLES[-1].body_pt:g} pt",
                                "use fewer exercises, or print the log and the steps on two sides"))


def fit_one_page(session: PlannedSession, width: float, height: float,
                 fonts: Fonts) -> tuple[CardStyle, Page] | None:
    """The first style of STYLES whose page holds everything, and that page; None if none does."""
    head = Page(width, height, title=f"{session.title}: {session.name}", subject=session.session_id)
    top = header(head, session, MARGIN_PT, width - 2 * MARGIN_PT, height - MARGIN_PT, fonts)  # the same in every style
    counts = _counts(session)
    for style in STYLES:
        page = _try(session, head, top, counts, style, fonts)
        if page is not None:
            return style, page
    return None


def card_texts(session: PlannedSession) -> dict[str, str]:
    """Every text a card of the session prints, by where it comes from (for the glyph check)."""
    texts = {"title": session.title, "session name": session.name, "athlete": session.athlete,
             "notes": session.notes or "", "units": session.units}
    for item in session.items:
        ex = item.exercise
        texts[f"{item.label} {ex.id}"] = " ".join((ex.name, *ex.steps, *ex.cues, item.load_text or "",
                                                     item.rest or "", item.note or "", ex.easier or "",
                                                     ex.harder or "", *(item.week_targets or ()),
                                                     *(item.set_labels or ()), item.last or ""))
    return texts


def _try(session: PlannedSession, head: Page, top: float, counts: list, style: CardStyle,
         fonts: Fonts) -> Page | None:
    """The page in this style under the header `head` (which ends at `top`), or None as soon as
    something does not fit."""
    left, right = MARGIN_PT, head.width - MARGIN_PT
    content_w = right - left
    columns = grid_columns(session, style.cell_pt, fonts)
    grid_w = columns.width_pt
    if grid_w > (content_w if style.stacked else content_w * 0.55):
        return None
    if _lower_bound(counts, style) > head.height - 2 * MARGIN_PT - MIN_NOTES_PT - 50:
        return None
    page = Page(head.width, head.height, head.title, head.subject, list(head.ops))
    frame = Frame(left, content_w, left) if style.stacked else \
        Frame(left, content_w - grid_w - GUTTER_PT, right - grid_w)
    y = notes_and_week_band(page, session, frame, top, style.stacked, style.cell_pt, fonts)
    bottom = MARGIN_PT + MIN_NOTES_PT
    keys = [(item, frame.text_w, style, columns, fonts) for item in session.items]
    blocks, room = [], y - bottom
    for item, key in zip(session.items, keys):  # measure first: most styles tried do not fit
        known = HEIGHTS.get(key)
        block = measure_item(session, item, frame.text_w, style, fonts) if known is None else None
        room -= known if block is None else HEIGHTS.put(key, block.height)
        if room < 0:
            return None
        blocks.append(block)
    for index, (item, key, block) in enumerate(zip(session.items, keys, blocks)):
        y -= _place(page.ops, session, item, frame, y, style, fonts, key, block)
        if y < bottom:
            return None
        if index < len(session.items) - 1:
            page.add(Line(left, y + 2, right, y + 2, grey=FAINT))
    ruled_area(page, left, y - 2, content_w, MARGIN_PT, "Notes", 8.0)
    return page


def _place(ops: list, session: PlannedSession, item: PlannedItem, frame: Frame, top: float, style: CardStyle,
           fonts: Fonts, key: tuple, block: Block | None) -> float:
    """place_item, or the marks of the same item placed at the same spot for an earlier athlete."""
    spot = (key, frame, top, session.units)  # all place_item reads beyond the key
    placed = PLACED.get(spot)
    if placed is None:
        start = len(ops)
        taken = place_item(ops, session, item, frame, top, style, fonts, WHOLE, block)
        placed = PLACED.put(spot, (HEIGHTS.put(key, taken), tuple(ops[start:])))
    else:
        ops.extend(placed[1])
    return placed[0]


def _counts(session: PlannedSession) -> list[tuple[int, int, int, int, int]]:
    """What the lower bound needs of each item, read once per session rather than once per
    style: steps, cues (0 or 1), note (0 or 1), easier and harder versions, log rows."""
    return [(len(item.exercise.steps), bool(item.exercise.cues), bool(item.note),
             bool(item.exercise.easier) + bool(item.exercise.harder), item.rows) for item in session.items]


def _lower_bound(counts: list[tuple[int, int, int, int, int]], style: CardStyle) -> float:
    """A cheap floor under the items' height, before any text is wrapped.

    Each item needs its grid, and at least a heading plus a line per step (a line for
    every three steps when packed) and one for the cues. Styles whose floor already
    overflows are skipped, which spares most of the placing on a crowded card.
    """
    total = 0.0
    name_h, line_h = style.name_pt * LEAD, style.line_pt
    for steps, cues, note, extras, rows in counts:
        lines = (-(-steps // 3) if style.packed else steps + cues) + note + (extras if style.extras else 0)
        text = name_h + lines * line_h
        grid = GRID_HEAD_PT + rows * style.row_pt
        total += (text + grid if style.stacked else max(text, grid)) + ITEM_GAP_PT
    return total


class Block(NamedTuple):
    """An item's block, measured: its text lines, the QR code's size, how far below the block's
    top the text and QR reach and the grid starts (None: no grid), and its whole height."""

    lines: list
    qr: float
    text_h: float
    grid_drop: float | None
    height: float


def measure_item(session: PlannedSession, item: PlannedItem, text_w: float, style: CardStyle, fonts: Fonts,
                 parts: Parts = WHOLE) -> Block:
    """The one computation of an item's height (placing draws what was measured here).

    The text (heading, steps, cues) runs down the text column with the QR code at its
    top right; the log grid sits beside the text, or under it when the style stacks.
    """
    qr = QR_PT if item.exercise.video and parts.steps else 0.0
    lines = _item_lines(item, text_w - (qr + 4 if qr else 0), style, fonts, parts)
    text_h = sum(line.height for line in lines)
    if qr:
        text_h = max(text_h, qr + 2)
    if not parts.log:
        return Block(lines, qr, text_h, None, text_h + ITEM_GAP_PT)
    grid_drop = text_h + 3 if style.stacked else 1.0
    grid_h = grid_height(session, item, style.cell_pt, style.row_pt, fonts)
    return Block(lines, qr, text_h, grid_drop, max(text_h, grid_drop + grid_h) + ITEM_GAP_PT)


def place_item(ops: list, session: PlannedSession, item: PlannedItem, frame: Frame, top: float, style: CardStyle,
               fonts: Fonts, parts: Parts = WHOLE, block: Block | None = None) -> float:
    """Place one item's block (measured here unless `block` is given) with its top at `top`;
    returns the height it took."""
    block = block or measure_item(session, item, frame.text_w, style, fonts, parts)
    right = frame.x + frame.text_w - (block.qr + 4 if block.qr else 0)  # where the lines were wrapped to end
    y = top
    for line in block.lines:
        y -= line.height
        # A Hebrew or Arabic line is mirrored: its number or label on the right, its text ending there.
        mirror = any(right_to_left(run.text) for run in line.runs)
        for run in line.runs:
            size = run.size or line.size
            x = right - run.dx - fonts.width(run.text, run.bold, size) if mirror else frame.x + run.dx
            ops.append(Text(x, y + line.size * 0.22, run.text, size, bold=run.bold))
    if block.qr:
        ops.append(QR(frame.x + frame.text_w - block.qr, top - block.qr, block.qr, item.exercise.video))
    if block.grid_drop is not None:
        place_grid(ops, session, item, frame.grid_x, top - block.grid_drop, style.cell_pt, style.row_pt, fonts)
    return block.height


def _item_lines(item: PlannedItem, width: float, style: CardStyle, fonts: Fonts, parts: Parts) -> list[TextLine]:
    body = style.body_pt
    cues = " · ".join(item.exercise.cues) if parts.log else ""
    lines, cues_placed = _heading(item, width, style, fonts, cues if style.packed else "")
    if parts.log:
        lines += _last(item.last, width, body, fonts)
    if parts.steps:
        lines += _steps(item.exercise.steps, width, body, fonts, style.packed)
    lines += _labelled("Cues", "" if cues_placed else cues, width, body, fonts)
    lines += _labelled("Note", item.note if parts.log else None, width, body, fonts)
    if style.extras:
        lines += _labelled("Easier", item.exercise.easier, width, body, fonts)
        lines += _labelled("Harder", item.exercise.harder, width, body, fonts)
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


def _last(last: str | None, width: float, size: float, fonts: Fonts) -> list[TextLine]:
    """Last time's numbers under the prescription: 'Last (2026-11-24): 10, 10, 9 @ 12 kg'."""
    if not last:
        return []
    label, _, numbers = last.partition(": ")
    return _labelled(label, numbers, width, size, fonts)


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


def _labelled(label: str, text: str | None, width: float, size: float, fonts: Fonts) -> list[TextLine]:
    if not text:
        return []
    lead = fonts.width(f"{label}: ", True, size)
    out = []
    for k, line in enumerate(wrap(text, width - lead, fonts, size)):
        runs = [Run(0, f"{label}:", True)] if k == 0 else []
        out.append(TextLine(runs + [Run(lead, line)], size))
    return out
