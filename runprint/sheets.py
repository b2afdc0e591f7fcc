"""The core as a library: a template and params in, laid-out pages or PDF bytes out.

    from runprint.sheets import render_card
    pdf = render_card("upper-body-runners", {"athlete": "Ana", "week": 2})
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import Problem, RunprintError
from .exercise_names import exercise_names
from .history import History, for_athlete, read_history, reading_notes, without_rows
from .last_time import order_notes
from .layout import TWO_UP, Page
from .layout import two_up as layout_two_up
from .layout_pages import Card, layout_session
from .layout_week import layout_week
from .library import Library
from .model import Source, Template
from .schema import slug
from .plan import coerce_params, plan_sessions, plan_week
from .render import fonts, render_pdf
from .sources import shorten
from .templating import render


MAX_NAMED = 10  # athletes named in one note before "and N more"


def parse_weeks(text: str | None) -> list[int] | None:
    """'1-4' -> [1, 2, 3, 4]; '2' -> [2]; '1,3' -> [1, 3]."""
    if not text:
        return None
    weeks = []
    try:
        for part in str(text).split(","):
            low, _, high = part.strip().partition("-")
            weeks.extend(range(int(low), int(high or low) + 1))
    except ValueError:
        weeks = []
    if not weeks or min(weeks) < 1 or max(weeks) > 52 or len(weeks) > 52:
        raise RunprintError(Problem(None, None, "--weeks", f"cannot read '{text}' as weeks",
                                    "write a week or a range from 1 to 52, e.g. --weeks 1-4"))
    return weeks


def params_for(template: Template, library: Library, overrides: dict) -> dict:
    """The template's params with `overrides` (from --set) in, checked by planning every session.

    A problem that only an override causes names the --set, once, not each line of the
    template where the value lands (--set sets=0 reaches every item)."""
    params = coerce_params(template, overrides, strict=True)
    if not overrides:
        return params
    try:
        plan_sessions(template, library, params)
    except RunprintError as exc:
        blamed = _blame_overrides(template, library, overrides, exc.problems)
        if blamed:  # else not --set's doing: reported where it arises (a roster may supply a param)
            raise RunprintError(blamed) from None
    return params


def _blame_overrides(template: Template, library: Library, overrides: dict, problems: list) -> list:
    """Each --set that breaks the template on its own, with its problems said once; [] when
    none does alone (the problems are then reported where they arise)."""
    try:
        plan_sessions(template, library, coerce_params(template, {}))
    except RunprintError:
        return []  # broken without any --set (or waiting for a roster's columns)
    out = []
    for key, value in overrides.items():
        try:
            plan_sessions(template, library, coerce_params(template, {key: value}))
        except RunprintError as exc:
            for problem in exc.problems:
                if problem.file != template.file:
                    continue  # about another file: not this --set's doing
                blamed = Problem(None, None, f"--set {key}={shorten(value)}", problem.message, problem.hint)
                if blamed not in out:
                    out.append(blamed)
    return out


def session_cards(template: Template, library: Library, params: dict, paper: str = "letter",
                  session_ids: tuple[str, ...] = (), weeks: list[int] | None = None, effort: str | None = None,
                  history: History | None = None, sides: str = "auto", two_up: bool = False) -> list[Card]:
    """A card per chosen session (per week, when weeks are given): one page when it fits,
    else its log and then its steps. With two_up, each card is half of a `paper` sheet.

    `effort` (rir, rpe, none) overrides the template's; `history` prints last time's numbers."""
    card_paper = TWO_UP[paper][0] if two_up else paper
    cards = []
    for week in weeks or [None]:
        run_params = params if week is None else {**params, "week": week}
        for session in plan_sessions(template, library, run_params, session_ids, effort, history):
            cards.append(layout_session(session, card_paper, fonts(), sides))
    return cards


def sheet_pages(cards: list[Card], paper: str = "letter", two_up: bool = False) -> list[Page]:
    """The pages to print: each card's in turn, or two cards to a landscape sheet."""
    if two_up:
        return layout_two_up([card.pages for card in cards], paper)
    return [page for card in cards for page in card.pages]


def card_notes(cards: list[Card], two_up: bool = False) -> list[str]:
    """What the person printing should know: which cards take more than one page and how to
    print them, and which one-page cards had no room for the easier and harder versions."""
    flip = "the short edge" if two_up else "the long edge"
    notes = []
    for card in cards:
        if card.two_sided:
            steps = len(card.pages) - card.log_pages
            shape = ("a two-sided card: the log on the front, the steps on the back"
                     if card.log_pages == 1 and steps == 1 else
                     f"{len(card.pages)} pages: {card.log_pages} of log, then {steps} of steps")
            who = card.session_id if card.session_id == slug(card.name) else f"{card.session_id} ({card.name})"
            notes.append(f"{who} is {shape}; print double-sided, flipping on {flip}")
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


def card_pages(template: Template, library: Library, params: dict, paper: str = "letter",
               session_ids: tuple[str, ...] = (), weeks: list[int] | None = None, effort: str | None = None,
               history: History | None = None, sides: str = "auto", two_up: bool = False) -> list[Page]:
    """The pages of every chosen session's card (per week, when weeks are given)."""
    cards = session_cards(template, library, params, paper, session_ids, weeks, effort, history, sides, two_up)
    return sheet_pages(cards, paper, two_up)


def week_pages(template: Template, library: Library, params: dict, paper: str = "letter",
               effort: str | None = None, history: History | None = None,
               weeks: list[int] | None = None, two_up: bool = False) -> list[Page]:
    """The week's sheet: one page, or one for each of `weeks` (--weeks 1-4); with two_up,
    half-size weeks two to a landscape sheet of `paper`."""
    week_paper = TWO_UP[paper][0] if two_up else paper
    pages = [layout_week(plan_week(template, library, params if week is None else {**params, "week": week}, effort,
                                   history), week_paper, fonts()) for week in weeks or [None]]
    return layout_two_up([(page,) for page in pages], paper) if two_up else pages


def load_history(path: str | Path | None, library: Library, date_format: str | None = None) -> History | None:
    """A --history file read and checked against the library's exercise ids; None without one."""
    if not path:
        return None
    return read_history(Path(path), library.exercise_files, date_format and date_format.lower(),
                        lambda: exercise_names(library))


def render_card(template: Template | str, params: dict | None = None, *, library: Library | None = None,
                paper: str = "letter", sessions: tuple[str, ...] = (), weeks: list[int] | None = None,
                effort: str | None = None, history: str | Path | None = None, sides: str = "auto",
                two_up: bool = False) -> bytes:
    """PDF bytes of the session cards: a page per session when it fits (and per week)."""
    template, library, params = _resolve(template, params, library)
    pages = card_pages(template, library, params, paper, sessions, weeks, effort, load_history(history, library),
                       sides, two_up)
    return render_pdf(pages, title=template_title(template, params))


def render_week(template: Template | str, params: dict | None = None, *, library: Library | None = None,
                paper: str = "letter", effort: str | None = None, history: str | Path | None = None) -> bytes:
    """PDF bytes of the one-page week."""
    template, library, params = _resolve(template, params, library)
    pages = week_pages(template, library, params, paper, effort, load_history(history, library))
    return render_pdf(pages, title=template_title(template, params))


def _resolve(template: Template | str, params: dict | None, library: Library | None):
    library = library or Library.default()
    template = library.template(template) if isinstance(template, str) else template
    return template, library, coerce_params(template, params or {})


def template_title(template: Template, params: dict) -> str:
    return render(template.title, params, Source(template.file, template.title_line, "title")) or template.name


def write_sheet(pages: list[Page], path: str, title: str, force: bool = False, protected=()) -> str | None:
    """Draw `pages` into a PDF at `path` ('-': standard output, and None is returned).

    What is there already is looked at before drawing: runprint's own PDF is replaced, any
    other file only with `force`; the run's input files (`protected`) never."""
    from .output import write_atomic
    from .shell import write_stdout

    if path == "-":
        write_stdout(render_pdf(pages, title=title))
        return None
    replace = False
    if os.path.lexists(path):  # most runs write a new file: no need to read what is there
        from .pdfinfo import replaceable

        replace = replaceable(path, force, protected)
    write_atomic(path, render_pdf(pages, title=title), protected, overwrite=replace)
    return path
