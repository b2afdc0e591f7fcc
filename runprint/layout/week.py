"""The weekly sheet: seven day rows with the plan, tick boxes per set, and a run log.

Each day row holds the day and a line for its date, what the schedule plans (runs as
text, strength sessions as their exercises with a box to tick per set), and on the
right a place to write the run done: distance, time and how it felt.
"""

from __future__ import annotations

from typing import NamedTuple


from ..errors import Problem, RunprintError
from ..plan import PlannedDay, PlannedSession, PlannedWeek
from .blocks import Frame, Laid, fit, flow, put, ruled_area
from .geometry import FAINT, MARGIN_PT, Box, Fonts, Line, Page, Text, check_glyphs, paper_size, wrap
from .header import Heading, heading

DAY_COL_PT = 70.0
RUN_COL_PT = 150.0
PAD_PT = 5.0
MIN_NOTES_PT = 40.0
LOG_FIELDS = ("Distance", "Time", "Felt")


class WeekStyle(NamedTuple):
    body_pt: float
    last: bool = True        # last time's numbers beside each exercise (given up before type below 9 pt)
    log_under: bool = False  # the run log on a line under the day's plan, not in a column beside it

    @property
    def line_pt(self) -> float:
        return self.body_pt * 1.3

    @property
    def tick_pt(self) -> float:
        return max(7.0, self.body_pt)


STYLES = tuple(WeekStyle(b, last) for last, sizes in ((True, (10.0, 9.5, 9.0)), (False, (10.0, 9.5, 9.0)),
                                                    (True, (8.5, 8.0, 7.5, 7.0)), (False, (8.5, 8.0, 7.5, 7.0)))
               for b in sizes)
# On pocket paper (A5, half-letter) a run column beside the plan would leave the exercises
# a third of the width; the run log goes on a line of its own under each day's plan.
POCKET_STYLES = tuple(style._replace(log_under=True) for style in STYLES)
POCKET_WIDTH_PT = 500.0


def layout_week(week: PlannedWeek, paper: str, fonts: Fonts) -> Page:
    check_glyphs(_texts(week), fonts, week.file)
    width, height = paper_size(paper)
    pocket = width < POCKET_WIDTH_PT
    fitted = fit(POCKET_STYLES if pocket else STYLES, lambda style, _: _try(week, width, height, style, fonts), 1)
    if fitted is not None:
        return fitted[1][0]
    raise RunprintError(Problem(week.file, None, "schedule", f"the week does not fit on one {paper} page",
                                "print the week on --paper letter or a4" if pocket else
                                "put fewer exercises in each session, or fewer sessions in the week"))


def _texts(week: PlannedWeek) -> dict[str, str]:
    texts = {"title": week.title, "athlete": week.athlete, "description": week.description or ""}
    for day in week.days:
        texts[f"schedule.{day.day}"] = " ".join(day.runs)
    for session in _all_sessions(week):
        texts[f"session {session.session_id}"] = " ".join(
            [session.name] + [f"{i.exercise.name} {i.prescription.text} {i.load_text or ''} {i.last or ''}"
                              for i in session.items])
    return texts


def _all_sessions(week: PlannedWeek) -> list[PlannedSession]:
    seen = {}
    for day in week.days:
        for session in day.sessions:
            seen.setdefault(session.session_id, session)
    for session in week.unscheduled:
        seen.setdefault(session.session_id, session)
    return list(seen.values())


class _NoRoom(Exception):
    """An exercise's name has no room beside its prescription and tick boxes in this style."""


MIN_NAME_PT = 48.0


def _try(week: PlannedWeek, width: float, height: float, style: WeekStyle, fonts: Fonts) -> list[Page] | None:
    try:
        return _page(week, width, height, style, fonts)
    except _NoRoom:
        return None


def _page(week: PlannedWeek, width: float, height: float, style: WeekStyle, fonts: Fonts) -> list[Page] | None:
    w = width - 2 * MARGIN_PT
    head = heading(Heading(week.title, "The week", week.athlete, "Week of", description=week.description), w, fonts)

    def new_page(number: int) -> tuple[Page, list[Frame]]:
        page = Page(width, height, title=f"{week.title}: the week", subject="week")
        put(page, head, MARGIN_PT, height - MARGIN_PT)
        return page, [Frame(MARGIN_PT, height - MARGIN_PT - head.height - 6, w, MARGIN_PT + MIN_NOTES_PT)]

    blocks = [lambda frame_w, day=day: _day(day, frame_w, style, fonts) for day in week.days]
    if week.unscheduled:
        blocks.append(lambda frame_w: _unscheduled(week, frame_w, style, fonts))
    flowed = flow(blocks, new_page, max_pages=1)
    if flowed is None:
        return None
    put(flowed.pages[0], ruled_area(w, flowed.end - 6 - MARGIN_PT, "Notes", 8.0), MARGIN_PT, flowed.end - 6)
    return flowed.pages


def _day(day: PlannedDay, w: float, style: WeekStyle, fonts: Fonts) -> Laid:
    """A day's row: its name and a line for the date, the plan, and a place to log the run."""
    size = style.body_pt
    plan_x = DAY_COL_PT
    plan_w = w - DAY_COL_PT - (0.0 if style.log_under else RUN_COL_PT) - 2 * PAD_PT
    y = -PAD_PT
    ops: list = []
    for run in day.runs:
        for line in wrap(run, plan_w, fonts, size, True):
            y -= style.line_pt
            ops.append(Text(plan_x, y, line, size, bold=True))
    for session in day.sessions:
        y = _session_lines(ops, session, plan_x, plan_w, y, style, fonts)
    if not day.runs and not day.sessions:
        y -= style.line_pt
        ops.append(Text(plan_x, y, "—", size, grey=0.4))
    if style.log_under:
        y = _log_line(ops, plan_x, w - PAD_PT, y - 14)
        bottom = min(y - PAD_PT, -30.0)
    else:
        bottom = min(y - PAD_PT, -len(LOG_FIELDS) * 13.0 - 2 * PAD_PT)
    frame = [Box(0.0, bottom, w, -bottom), Text(PAD_PT, -12.0, day.name, 9.5, bold=True),
             Text(PAD_PT, -24.0, "date", 7, grey=0.3), Line(PAD_PT + 17, -25.0, DAY_COL_PT - PAD_PT, -25.0, grey=FAINT)]
    if not style.log_under:
        run_x = w - RUN_COL_PT
        frame.append(Line(run_x - PAD_PT, 0.0, run_x - PAD_PT, bottom, grey=FAINT))
        for k, label in enumerate(LOG_FIELDS):
            ly = -11 - k * 13.0
            frame.append(Text(run_x, ly, label, 7, grey=0.3))
            frame.append(Line(run_x + 34, ly - 1.5, w - PAD_PT, ly - 1.5, grey=FAINT))
    return Laid(-bottom, (*frame, *ops))


def _log_line(ops: list, x: float, right: float, y: float) -> float:
    """'Distance ____  Time ____  Felt ____' across the plan's width, at baseline `y`."""
    share = (right - x) / len(LOG_FIELDS)
    for k, label in enumerate(LOG_FIELDS):
        lx = x + k * share
        ops.append(Text(lx, y, label, 7, grey=0.3))
        ops.append(Line(lx + 32, y - 1.5, lx + share - 8, y - 1.5, grey=FAINT))
    return y


def _session_lines(ops: list, session: PlannedSession, x: float, w: float, y: float, style: WeekStyle,
                   fonts: Fonts) -> float:
    size, tick = style.body_pt, style.tick_pt
    y -= style.line_pt
    ops.append(Text(x, y, f"Strength: {session.name}", size, bold=True))
    boxes_w = max(i.prescription.sets for i in session.items) * (tick + 2)
    for item in session.items:
        presc = f"{item.prescription.text} @ {item.load_text}" if item.load_text else item.prescription.text
        presc_w = fonts.width(presc, False, size)
        name_w = w - boxes_w - presc_w - 12 - size  # a space of the body size between name and prescription
        if name_w < MIN_NAME_PT:
            raise _NoRoom
        lines = wrap(f"{item.label}  {item.exercise.name}", name_w, fonts, size)
        for k, line in enumerate(lines):
            y -= style.line_pt
            ops.append(Text(x + 6, y, line, size))
            if k == 0:
                ops.append(Text(x + w - boxes_w - 6, y, presc, size, align="right"))
                for s in range(item.prescription.sets):
                    ops.append(Box(x + w - boxes_w + s * (tick + 2), y - 1, tick, tick, width=0.6, grey=0.3))
        if style.last and item.last:
            used = 6 + fonts.width(lines[-1], False, size) + size
            y = _last(ops, item.last, x, used, (name_w, w - boxes_w - 12), y, style, fonts)
    return y


def _last(ops: list, last: str, x: float, used: float, room: tuple[float, float], y: float, style: WeekStyle,
          fonts: Fonts) -> float:
    """Last time's numbers beside the exercise's name when they fit there, else on lines under it.
    `room`: the width beside the name, and the width of a line of its own."""
    size = max(7.0, style.body_pt - 1.5)
    beside, under = room
    if used + fonts.width(last, False, size) <= beside:
        ops.append(Text(x + used, y, last, size, grey=0.3))
        return y
    for line in wrap(last, under - 18, fonts, size):
        y -= size * 1.3
        ops.append(Text(x + 18, y, line, size, grey=0.3))
    return y


def _unscheduled(week: PlannedWeek, w: float, style: WeekStyle, fonts: Fonts) -> Laid:
    """Sessions the schedule does not place (or all of them, without a schedule): do them on any day."""
    ops: list = []
    y = -6.0
    ops.append(Text(0.0, y - 9, "Sessions this week: write the days you did them, tick each set", 9, bold=True))
    y -= 12
    for session in week.unscheduled:
        first = len(ops)
        y = _session_lines(ops, session, PAD_PT, w - 2 * PAD_PT, y, style, fonts)
        title = ops[first]
        done_x = title.x + fonts.width(title.text, True, title.size) + 16
        if done_x + 150 <= w:
            ops.append(Text(done_x, title.y, "Done on:", 7, grey=0.3))
            ops.append(Line(done_x + 32, title.y - 1.5, min(done_x + 200, w - PAD_PT), title.y - 1.5, grey=FAINT))
        y -= 3
    return Laid(-y, tuple(ops))
