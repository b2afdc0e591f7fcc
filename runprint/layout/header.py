"""The one heading every sheet starts with: title, what the sheet is, who it is for.

The card's first page, its later log and steps pages and the week sheet all use it, so
a Hebrew or Arabic title is set right to left on each of them alike.
"""

from __future__ import annotations

from typing import NamedTuple

from .blocks import Laid, fill_in
from .geometry import Fonts, Line, Text, right_to_left, wrap

TITLE_PT = 14.0
NAME_PT = 11.0
LABEL_PT = 8.0
DESCRIPTION_PT = 8.0


class Heading(NamedTuple):
    title: str | None            # None on a later page, which names its session only
    name: str                    # the session's name, or "The week"
    athlete: str | None = ""     # a field to write the name in ("": blank); None: no field
    date_label: str | None = None  # a second field ('Week of'); None: none
    label: str = ""              # small, at the right of the name ('Ana · week 2 · the log, continued')
    description: str | None = None


def aligned(text: str, width: float, y: float, size: float, bold: bool = False, grey: float = 0.0) -> Text:
    """A line flush left, or flush right when it reads right to left."""
    if right_to_left(text):
        return Text(width, y, text, size, bold=bold, grey=grey, align="right")
    return Text(0.0, y, text, size, bold=bold, grey=grey)


def heading(head: Heading, width: float, fonts: Fonts) -> Laid:
    """The heading laid out `width` wide, down to and including its rule."""
    ops: list = []
    if head.title is not None:
        y = -TITLE_PT
        for line in wrap(head.title, width, fonts, TITLE_PT, True):
            ops.append(aligned(line, width, y, TITLE_PT, True))
            y -= 16
        y -= 1
    else:
        y = -NAME_PT
    label_w = fonts.width(head.label, False, LABEL_PT) + 12 if head.label else 0.0
    first = y
    lines = wrap(head.name, width - label_w, fonts, NAME_PT, True)
    for line in lines[:-1]:
        ops.append(aligned(line, width, y, NAME_PT, True))
        y -= 13
    ops.append(aligned(lines[-1], width, y, NAME_PT, True))
    if head.label:
        ops.append(Text(width, first, head.label, LABEL_PT, grey=0.3, align="right"))
    if head.athlete is not None:
        used = 0.0 if right_to_left(lines[-1]) else fonts.width(lines[-1], True, NAME_PT) + 14
        if not used:
            y -= 14
        y = name_fields(ops, y, width, used, head.athlete, head.date_label, fonts)
    if head.description:
        y -= 4
        for line in wrap(head.description, width, fonts, DESCRIPTION_PT):
            y -= 10
            ops.append(aligned(line, width, y + 2, DESCRIPTION_PT))
    y -= 5
    ops.append(Line(0.0, y, width, y, width=0.8, grey=0.2))
    return Laid(-y, tuple(ops))


def name_fields(ops: list, y: float, width: float, used: float, athlete: str, date_label: str | None,
                fonts: Fonts) -> float:
    """'Athlete: ___  Date: ___' after `used` points of the name line, or on a line of its own
    when a long name leaves no room; no date field without a `date_label`. Returns the baseline."""
    athlete_w = fonts.width(f"Athlete: {athlete}", True, 9) + 30 if athlete else 0
    if date_label is None:
        if used + max(athlete_w, 150.0) > width:
            y, used = y - 14, 0.0
        ops.extend(fill_in(used, y, width - used, "Athlete", athlete, 9, fonts))
        return y
    date_w = 120.0
    if used + max(athlete_w, (width - used) * 0.62) + date_w > width:
        y, used = y - 14, 0.0
    rest = width - used
    slot = max(athlete_w, rest * 0.62) if rest - max(athlete_w, rest * 0.62) >= date_w else rest - date_w
    ops.extend(fill_in(used, y, slot, "Athlete", athlete, 9, fonts))
    ops.extend(fill_in(used + slot + 12, y, rest - slot - 12, date_label, "", 9, fonts))
    return y
