"""Roster x template -> one PDF per athlete (or one combined PDF), rendered in parallel.

Workers are forked once and keep the library and template loaded; each athlete's
params are data only (never template source). In --out-dir mode a worker writes its
athlete's file itself, so nothing but a status line crosses between processes.
"""

from __future__ import annotations

import os
import re
import unicodedata
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, RunprintError
from .library import Library
from .output import atomic_open, write_atomic
from .plan import coerce_params
from .roster import Athlete, about_row

RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


@dataclass(frozen=True)
class Job:
    """Everything a worker needs besides the athlete: picklable and small."""

    template: str
    libraries: tuple[str, ...]
    cwd: str
    base: dict
    paper: str
    sessions: tuple[str, ...] = ()
    weeks: tuple[int, ...] | None = None
    with_week: bool = False
    roster: str = ""
    title: str = ""


@dataclass
class Outcome:
    athlete: Athlete
    path: str | None = None
    pages: list | None = None
    problems: list = field(default_factory=list)


def safe_name(name: str) -> str:
    """An athlete's name as a file name on any system: no separators, no '..', nothing hidden."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = re.sub(r"[\\/:*?\"<>|]+", "-", text)
    text = re.sub(r"\s+", "-", text.strip())
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"-{2,}", "-", text).strip(".-_ ")
    text = text[:80].rstrip(".-_ ")
    if not text or text.lower().split(".")[0] in RESERVED:
        text = f"athlete-{text}" if text else "athlete"
    return text


def file_names(athletes: list[Athlete]) -> dict[int, str]:
    """Row -> file name; a name used twice gets -2, -3 in roster order."""
    taken: set[str] = set()
    out = {}
    for athlete in athletes:
        base = safe_name(athlete.name)
        name, n = f"{base}.pdf", 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}-{n}.pdf"
        taken.add(name.casefold())
        out[athlete.row] = name
    return out


_STATE: dict = {}


def _init(job: Job) -> None:
    library = Library.default(job.libraries, Path(job.cwd))
    _STATE.update(job=job, library=library, template=library.template(job.template))


def _pages(athlete: Athlete) -> list:
    from .sheets import card_pages, week_pages

    job, library, template = _STATE["job"], _STATE["library"], _STATE["template"]
    if not athlete.name:
        raise RunprintError(Problem(job.roster, None, "athlete", "the athlete's name is empty",
                                    "write a name in the athlete column"))
    params = coerce_params(template, {**job.base, **athlete.values, "athlete": athlete.name}, job.roster)
    pages = card_pages(template, library, params, job.paper, job.sessions, list(job.weeks) if job.weeks else None)
    if job.with_week:
        pages += week_pages(template, library, params, job.paper)
    return pages


def _preflight(athletes: list[Athlete]) -> list:
    """Fail at once when the template itself is broken, before any athlete is rendered.

    It is planned with the defaults and --set alone; a name only the roster supplies is
    not a problem here, and a bad roster value is reported later, with its row.
    Returns the pages it laid out (none when a param only the roster gives is missing).
    """
    columns = {key for athlete in athletes for key in athlete.values}
    try:
        return _pages(Athlete(0, "preflight"))
    except RunprintError as exc:
        broken = [p for p in exc.problems
                  if not any(p.message == f"unknown param '{c}'" for c in columns)]
        if broken:
            raise RunprintError(broken) from None
    return []


def _render_to(args) -> Outcome:
    athlete, path = args
    from .render import render_pdf

    try:
        pages = _pages(athlete)
        if path is None:
            return Outcome(athlete, pages=pages)
        data = render_pdf(pages, title=f"{pages[0].title.split(':')[0]}: {athlete.name}")
        write_atomic(Path(path), data)
        return Outcome(athlete, path=path)
    except RunprintError as exc:
        return Outcome(athlete, problems=_about_the_row(exc.problems, athlete))


def _about_the_row(problems: list, athlete: Athlete) -> list:
    """A problem with one of the athlete's values belongs to its roster column, reported once."""
    roster = _STATE["job"].roster
    return about_row(problems, athlete, roster, roster)


def run_batch(job: Job, athletes: list[Athlete], out_dir: Path | None, combined: Path | None,
              jobs: int | None = None, force: bool = False, protected: tuple[Path, ...] = ()):
    """Yield an Outcome per athlete in roster order; the combined PDF is written at the end."""
    targets: dict[int, str | None] = {a.row: None for a in athletes}
    if out_dir is not None:
        out_dir = Path(out_dir)
        if out_dir.exists() and not out_dir.is_dir():
            raise RunprintError(Problem(str(out_dir), None, "", "this is a file, not a folder",
                                        "give --out-dir a folder (it is created if missing)"))
        names = file_names(athletes)
        targets = {row: str(out_dir / name) for row, name in names.items()}
        existing = [p for p in targets.values() if Path(p).exists()]
        if existing and not force:
            shown = ", ".join(Path(p).name for p in existing[:5]) + (" ..." if len(existing) > 5 else "")
            raise RunprintError(Problem(str(out_dir), None, "", f"{len(existing)} file(s) already exist: {shown}",
                                        "pass --force to replace them, or choose an empty folder"))
    _init(job)
    _preflight(athletes)
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RunprintError(Problem(str(out_dir), None, "", f"cannot create the folder: {exc.strerror}",
                                        "check the path and its permissions")) from None
    work = [(a, targets[a.row]) for a in athletes]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    if jobs == 1:
        outcomes = map(_render_to, work)
        return _finish(outcomes, combined, protected)
    import multiprocessing

    # Forked after the library, template and encoder are loaded: workers start with them.
    pool = multiprocessing.get_context("fork").Pool(jobs)
    # A few athletes per message: one at a time, the round trips cost more than a page.
    chunk = max(1, min(8, len(work) // (jobs * 8)))
    return _finish(pool.imap(_render_to, work, chunksize=chunk), combined, protected, pool)


def _finish(outcomes, combined: Path | None, protected, pool=None):
    from .render import Document

    document = None
    try:
        with atomic_open(combined, protected) if combined else nullcontext() as handle:
            for outcome in outcomes:
                if combined and outcome.pages:
                    document = document or Document(handle, title=f"{_STATE['job'].title}: the roster")
                    document.add(outcome.pages)
                    outcome.pages = None
                yield outcome
            if document is not None:
                document.close()
            elif combined:
                raise RunprintError(Problem(str(combined), None, "", "no athlete could be printed",
                                            "fix the problems listed above"))
    finally:
        if pool is not None:
            pool.terminate()
