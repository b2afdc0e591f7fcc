"""One path from a command's inputs to pages: a Run per command run.

A Run holds what does not change between athletes (the parsed template, the library,
the history, the --set values and the options) and answers `pages_for(values)`: the
pages, the notes for the person printing, and the title. `card`, `week`, `batch`, the
web page and the library API below all go through it, so a template is parsed once per
process and every session is planned and laid out once per athlete.

    from runprint.pipeline import render_card
    pdf = render_card("upper-body-runners", {"athlete": "Ana", "week": 2})
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .errors import Problem, RunprintError
from .exercise_names import exercise_names
from .history import History, for_athlete, read_history, reading_notes, without_rows
from .last_time import order_notes
from .layout.card import Card, Kept, layout_session
from .layout.geometry import TWO_UP, Page
from .layout.impose import HOW_TO_STACK, two_up
from .layout.marks import mark_card
from .layout.week import layout_week
from .library import Library
from .model import Source, Template
from .numbers import NumberError, week_list
from .plan import coerce_params, plan_sessions, plan_week
from .render import fonts, render_pdf
from .naming import slug
from .sources import shorten
from .templating import names_read, render


MAX_NAMED = 10  # athletes named in one note before "and N more"


@dataclass(frozen=True)
class Options:
    """How a run prints, the same for every athlete."""

    paper: str = "letter"
    sessions: tuple[str, ...] = ()        # only these sessions (ids or names); () every one
    weeks: tuple[int, ...] | None = None  # a card (or week sheet) per week; None: the params' week
    sides: str = "auto"                   # auto | one-page | two-sided
    two_up: bool = False                  # half-size pages two to a landscape sheet
    effort: str | None = None             # rir | rpe | none, over the template's
    cards: bool = True                    # the session cards
    week: bool = False                    # the week sheet (after the cards, when both)
    scan_marks: bool = False              # corner marks and a page code on log pages (--scan-marks):
                                          # off until the reader ships; a code costs ~15 ms a page
    font: str | None = None               # --font: drawn before the system's fonts are tried


class Sheets(NamedTuple):
    """What a run prints for one set of params."""

    parts: list[tuple[Page, ...]]  # each card's pages, then each week sheet, as laid out (half-size with 2-up)
    notes: list[str]               # what the person printing should know, a line each
    title: str                     # the template's title as it reads with these params
    cards: list[Card]
    imposed: list[Page] | None     # with 2-up: the sheets the parts make

    @property
    def pages(self) -> list[Page]:
        """The pages to print: in turn, or imposed two to a sheet."""
        if self.imposed is not None:
            return self.imposed
        return [page for part in self.parts for page in part]


class Run:
    """A template, its library and history, the --set values and the options: everything that
    is the same for each set of params a command prints."""

    def __init__(self, template: Template, library: Library, overrides: dict | None = None,
                 options: Options = Options(), history: History | None = None, from_command_line: bool = True):
        self.template, self.library, self.options, self.history = template, library, options, history
        # --set values are checked against the params the template reads and blamed by name;
        # params given from Python are taken as they are, and problems told where they arise.
        self.overrides = dict(overrides or {}) if from_command_line else {}
        self.params = coerce_params(template, dict(overrides or {}), strict=from_command_line)
        self.kept = Kept()  # laid items a batch's athletes share (the same exercise, load and week)

    @classmethod
    def open(cls, template: str, libraries=(), overrides: dict | None = None, history: str | Path | None = None,
             options: Options = Options(), date_format: str | None = None, cwd: Path | None = None) -> Run:
        """A Run from names as a command gives them: a template name or path, --library folders,
        --set values and a history file (its dates read as `date_format` when given)."""
        library = Library.default(libraries, cwd)
        tpl = library.template(template)
        return cls(tpl, library, overrides, options, load_history(history, library, date_format))

    @property
    def title(self) -> str:
        return template_title(self.template, self.params)

    def inputs(self, *more) -> tuple[Path, ...]:
        """The files this run reads (never to be written over)."""
        history = self.history.file if self.history is not None else None
        return self.library.files_for(self.template, history, *more)

    def pages_for(self, values: dict | None = None, origin: str = "--set") -> Sheets:
        """The pages for the run's params with `values` (an athlete's roster row) over them.

        A problem that a --set value causes is said once, naming the --set, not at each line
        of the template where the value lands."""
        params = self.params if not values else {**self.params, **coerce_params(self.template, values, origin)}
        given = {**self.overrides, **(values or {})}
        try:
            return self._sheets(params, "log_weeks" in given)
        except RunprintError as exc:
            raise RunprintError(self.blamed(exc.problems, values or {}, origin)) from None

    def _sheets(self, params: dict, weeks_given: bool) -> Sheets:
        opts, template = self.options, self.template
        paper = TWO_UP[opts.paper][0] if opts.two_up else opts.paper
        weeks = list(opts.weeks) if opts.weeks else [None]
        if opts.weeks and not weeks_given:
            params = {**params, "log_weeks": 1}  # a card a week logs its own week, not the next ones too
        by_week = [params if week is None else {**params, "week": week} for week in weeks]
        planned = [session for week_params in (by_week if opts.cards else ())
                   for session in plan_sessions(template, self.library, week_params, opts.sessions, opts.effort,
                                                self.history)]
        cards = [layout_session(session, paper, fonts(opts.font), opts.sides, weeks_given, self.kept)
                 for session in planned]
        marks_notes = []
        if opts.scan_marks and not opts.two_up:  # a 2-up sheet's halves are not photographed alone
            for session, card in zip(planned, cards):
                marks_notes += mark_card(card.pages, card.log_pages, session, template.name, paper)
        parts = [card.pages for card in cards]
        parts += [(layout_week(plan_week(template, self.library, week_params, opts.effort, self.history), paper,
                               fonts(opts.font)),) for week_params in (by_week if opts.week else ())]
        notes = card_notes(cards, opts.two_up, paper) + marks_notes + [*dict.fromkeys(
            w for s in planned for item in s.items for w in item.lifting.warnings)]  # loads the plates cannot make
        notes += history_notes(self.history, [str(params.get("athlete") or "")], template if opts.cards else None,
                               opts.sessions)
        imposed = two_up(parts, opts.paper) if opts.two_up else None
        if imposed is not None and any(len(part) > 1 for part in parts):
            notes.append(f"2-up: print double-sided, flipping on the short edge, then {HOW_TO_STACK[imposed.order]}"
                         + ("; the sheet holds two copies of the card" if imposed.copies else ""))
        return Sheets(parts, notes, template_title(template, params), cards, imposed and imposed.sheets)

    def blamed(self, problems: list[Problem], values: dict, origin: str) -> list[Problem]:
        """Each problem that a value of `values` (a roster row, from `origin`) or of --set causes,
        said once against that value; the others as they are."""
        out = []
        for problem in problems:
            reads = _reads(self.template, problem)
            keys = [key for key in values if key in reads]
            keys += [key for key in self.overrides if key in reads and key not in values]
            for key in keys:
                if key in values:
                    blamed = Problem(origin, None, key, problem.message, problem.hint, problem.kind, key)
                else:
                    blamed = Problem(None, None, f"--set {key}={shorten(self.overrides[key])}", problem.message,
                                     problem.hint, problem.kind, problem.name)
                if blamed not in out:
                    out.append(blamed)
            if not keys and problem not in out:
                out.append(problem)
        return out


_WHERE = re.compile(r"sessions\[(\d+)\](?:\.exercises\[(\d+)\])?\.(\w+)")


def _reads(template: Template, problem: Problem) -> set[str]:
    """The params the template value a problem is about reads (a param's own problem: that param)."""
    if problem.file != template.file:
        return set()
    where = problem.where
    if where.startswith("params."):
        return {where.partition(".")[2]}
    if where in ("title", "description"):
        return names_read(getattr(template, where))
    match = _WHERE.match(where)
    if match is None:
        return set()
    session, item, key = int(match[1]), match[2], match[3]
    if session >= len(template.sessions):
        return set()
    owner = template.sessions[session]
    if item is not None:
        owner = owner.items[int(item)] if int(item) < len(owner.items) else None
    value = getattr(owner, key, None) if owner is not None else None
    if isinstance(value, tuple):
        value = " ".join(str(v) for v in value)
    return names_read(value) if isinstance(value, str) else set()


def card_notes(cards: list[Card], two_up: bool = False, paper: str = "letter") -> list[str]:
    """What the person printing should know: which cards take more than one page and how to
    print them, which one-page cards had no room for the easier and harder versions, and
    which logs were cut to the weeks the paper holds."""
    flip = "the short edge" if two_up else "the long edge"
    notes = []
    for card in cards:
        who = card.session_id if card.session_id == slug(card.name) else f"{card.session_id} ({card.name})"
        if card.two_sided:
            steps = len(card.pages) - card.log_pages
            shape = ("a two-sided card: the log on the front, the steps on the back"
                     if card.log_pages == 1 and steps == 1 else
                     f"{len(card.pages)} pages: {card.log_pages} of log, then {steps} of steps")
            notes.append(f"{who} is {shape}; print double-sided, flipping on {flip}")
    for weeks in sorted({card.weeks_cut for card in cards if card.weeks_cut}):
        cut = ", ".join(dict.fromkeys(card.session_id for card in cards if card.weeks_cut == weeks))
        notes.append(f"the log of {cut} holds {weeks} week{'s' * (weeks != 1)}, as many as fit on {paper} paper; "
                     "--log-weeks N chooses")
    left_out = list(dict.fromkeys(card.session_id for card in cards if card.extras_left_out))
    if left_out:
        notes.append(f"no room for the easier and harder versions on the one-page card of {', '.join(left_out)}; "
                     "--two-sided prints them on the back")
    return notes


def history_notes(history: History | None, athletes=(), template: Template | None = None,
                  session_ids: tuple[str, ...] = ()) -> list[str]:
    """The history's columns runprint does not read (a lifter's own notes, say) and an app's
    names that map to no exercise, named once; the `athletes` it has no rows for (their
    cards print no Last line); and, for the cards of `template`, the exercises done twice in
    a session whose sets were matched to its items in order."""
    if history is None:
        return []
    notes = reading_notes(history)
    if template is not None:
        chosen = [s for s in template.sessions if not session_ids or s.id in session_ids or s.name in session_ids]
        sessions = [(s.id, [i.exercise for i in s.items]) for s in chosen]
        one = len(athletes) == 1
        notes += order_notes(for_athlete(history, athletes[0]) if one else history, sessions, one_card=one)
    missing = without_rows(history, athletes)
    if missing:
        shown = ", ".join(missing[:MAX_NAMED]) + (f" and {len(missing) - MAX_NAMED} more" if len(missing) > MAX_NAMED
                                                    else "")
        notes.append(f"{history.file} has no rows for {shown}")
    return notes


def parse_weeks(text: str | None) -> tuple[int, ...] | None:
    """'1-4' -> (1, 2, 3, 4); '2' -> (2,); '1,3' -> (1, 3)."""
    if not text:
        return None
    try:
        weeks = week_list(text)
    except NumberError:
        weeks = []
    if not weeks:
        raise RunprintError(Problem(None, None, "--weeks", f"cannot read '{shorten(text)}' as weeks",
                                    "write a week or a range from 1 to 52, e.g. --weeks 1-4"))
    return tuple(weeks)


def load_history(path: str | Path | None, library: Library, date_format: str | None = None) -> History | None:
    """A --history file read and checked against the library's exercise ids; None without one."""
    if not path:
        return None
    return read_history(Path(path), library.exercise_files, date_format and date_format.lower(),
                        lambda: exercise_names(library))


def template_title(template: Template, params: dict) -> str:
    return render(template.title, params, Source(template.file, template.title_line, "title")) or template.name


def write_pages(pages: list[Page], path: str, title: str, force: bool = False, protected=(),
                font: str | None = None) -> str | None:
    """Draw `pages` into a PDF at `path` ('-': standard output, and None is returned), in the
    fonts they were laid out with (`font`: the run's --font).

    What is there already is looked at before drawing: runprint's own PDF is replaced, any
    other file only with `force`; the run's input files (`protected`) never."""
    import os

    from .output import write_atomic
    from .shell import write_stdout

    if path == "-":
        write_stdout(render_pdf(pages, title=title, font=font))
        return None
    replace = False
    if os.path.lexists(path):  # most runs write a new file: no need to read what is there
        from .pdfinfo import replaceable

        replace = replaceable(path, force, protected)
    write_atomic(path, render_pdf(pages, title=title, font=font), protected, overwrite=replace)
    return path


def render_card(template: Template | str, params: dict | None = None, *, library: Library | None = None,
                paper: str = "letter", sessions: tuple[str, ...] = (), weeks: list[int] | None = None,
                effort: str | None = None, history: str | Path | None = None, sides: str = "auto",
                two_up: bool = False, font: str | None = None) -> bytes:
    """PDF bytes of the session cards: a page per session when it fits (and per week); `font`
    draws what the shipped font cannot, before the system's fonts are tried."""
    options = Options(paper, tuple(sessions), tuple(weeks) if weeks else None, sides, two_up, effort, font=font)
    sheets = _run(template, params, library, history, options).pages_for()
    return render_pdf(sheets.pages, title=sheets.title, font=font)


def render_week(template: Template | str, params: dict | None = None, *, library: Library | None = None,
                paper: str = "letter", effort: str | None = None, history: str | Path | None = None,
                font: str | None = None) -> bytes:
    """PDF bytes of the one-page week."""
    options = Options(paper, effort=effort, cards=False, week=True, font=font)
    sheets = _run(template, params, library, history, options).pages_for()
    return render_pdf(sheets.pages, title=sheets.title, font=font)


def _run(template: Template | str, params: dict | None, library: Library | None, history, options: Options) -> Run:
    library = library or Library.default()
    template = library.template(template) if isinstance(template, str) else template
    return Run(template, library, params or {}, options, load_history(history, library), from_command_line=False)
