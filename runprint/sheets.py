"""The core as a library: a template and params in, laid-out pages or PDF bytes out.

    from runprint.sheets import render_card
    pdf = render_card("upper-body-runners", {"athlete": "Ana", "week": 2})
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, RunprintError
from .history import History, read_history
from .layout import Page
from .layout_card import layout_card
from .layout_week import layout_week
from .library import Library
from .model import Source, Template
from .plan import coerce_params, plan_sessions, plan_week
from .render import fonts, render_pdf
from .templating import render


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


def card_pages(template: Template, library: Library, params: dict, paper: str = "letter",
               session_ids: tuple[str, ...] = (), weeks: list[int] | None = None,
               effort: str | None = None, history: History | None = None) -> list[Page]:
    """One laid-out page per chosen session (per week, when weeks are given).

    `effort` (rir, rpe, none) overrides the template's; `history` prints last time's numbers."""
    pages = []
    for week in weeks or [None]:
        run_params = params if week is None else {**params, "week": week}
        for session in plan_sessions(template, library, run_params, session_ids, effort, history):
            pages.append(layout_card(session, paper, fonts()))
    return pages


def week_pages(template: Template, library: Library, params: dict, paper: str = "letter",
               effort: str | None = None, history: History | None = None) -> list[Page]:
    return [layout_week(plan_week(template, library, params, effort, history), paper, fonts())]


def load_history(path: str | Path | None, library: Library) -> History | None:
    """A --history file read and checked against the library's exercise ids; None without one."""
    return read_history(Path(path), library.exercise_files) if path else None


def render_card(template: Template | str, params: dict | None = None, *, library: Library | None = None,
                paper: str = "letter", sessions: tuple[str, ...] = (), weeks: list[int] | None = None,
                effort: str | None = None, history: str | Path | None = None) -> bytes:
    """PDF bytes of the session cards, one page per session (and per week)."""
    template, library, params = _resolve(template, params, library)
    pages = card_pages(template, library, params, paper, sessions, weeks, effort, load_history(history, library))
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
