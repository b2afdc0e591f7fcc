"""Roster x template -> one PDF per athlete (or one combined PDF), rendered in parallel.

Each worker process gets the Job through Pool(initializer=..., initargs=...) and loads the
library and template once; each athlete's params are data only (never template source).
In --out-dir mode a worker writes its athlete's file itself, so nothing but a status line
crosses between processes; for a combined PDF it sends the laid-out pages back.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UNKNOWN_PARAM, Problem, RunprintError
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


class Worker:
    """What a process needs to lay out an athlete's pages, loaded once per process."""

    def __init__(self, job: Job):
        self.job = job
        self.library = Library.default(job.libraries, Path(job.cwd))
        self.template = self.library.template(job.template)

    def pages(self, athlete: Athlete) -> tuple[list, str]:
        """The athlete's laid-out pages, and the title of their PDF."""
        from .sheets import card_pages, template_title, week_pages

        job, library, template = self.job, self.library, self.template
        if not athlete.name:
            raise RunprintError(Problem(job.roster, None, "athlete", "the athlete's name is empty",
                                        "write a name in the athlete column", name="athlete"))
        params = coerce_params(template, {**job.base, **athlete.values, "athlete": athlete.name}, job.roster)
        weeks = list(job.weeks) if job.weeks else None
        pages = card_pages(template, library, params, job.paper, job.sessions, weeks)
        if job.with_week:
            pages += week_pages(template, library, params, job.paper)
        return pages, f"{template_title(template, params)}: {athlete.name}"

    def run(self, work: tuple[Athlete, str | None]) -> Outcome:
        """Lay out one athlete; write their PDF when given a path, else return the pages."""
        from .render import render_pdf

        athlete, path = work
        try:
            pages, title = self.pages(athlete)
            if path is None:
                return Outcome(athlete, pages=pages)
            write_atomic(Path(path), render_pdf(pages, title=title))
            return Outcome(athlete, path=path)
        except RunprintError as exc:
            return Outcome(athlete, problems=about_row(exc.problems, athlete, self.job.roster))


# A pool process's Worker, made by start_worker from the Job passed through Pool(initargs=...).
# Only pool processes set it; the parent works with a Worker of its own.
_worker: Worker | None = None


def start_worker(job: Job) -> None:
    global _worker
    _worker = Worker(job)


def run_in_worker(work: tuple[Athlete, str | None]) -> Outcome:
    return _worker.run(work)


def preflight(worker: Worker, athletes: list[Athlete]) -> None:
    """Fail at once when the template itself is broken, before any athlete is rendered.

    It is planned with the defaults and --set alone; a param only the roster supplies is
    not a problem here, and a bad roster value is reported later, with its row.
    """
    columns = {key for athlete in athletes for key in athlete.values}
    try:
        worker.pages(Athlete(0, "preflight"))
    except RunprintError as exc:
        broken = [p for p in exc.problems if not (p.kind == UNKNOWN_PARAM and p.name in columns)]
        if broken:
            raise RunprintError(broken) from None


def output_paths(athletes: list[Athlete], out_dir: Path | None, force: bool) -> dict[int, str | None]:
    """Row -> the file that athlete's PDF goes to (None: into the combined PDF); refuses to
    write over files already there unless forced."""
    if out_dir is None:
        return {a.row: None for a in athletes}
    if out_dir.exists() and not out_dir.is_dir():
        raise RunprintError(Problem(str(out_dir), None, "", "this is a file, not a folder",
                                    "give --out-dir a folder (it is created if missing)"))
    targets = {row: str(out_dir / name) for row, name in file_names(athletes).items()}
    existing = [p for p in targets.values() if Path(p).exists()]
    if existing and not force:
        shown = ", ".join(Path(p).name for p in existing[:5]) + (" ..." if len(existing) > 5 else "")
        raise RunprintError(Problem(str(out_dir), None, "", f"{len(existing)} file(s) already exist: {shown}",
                                    "pass --force to replace them, or choose an empty folder"))
    return targets


def make_folder(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RunprintError(Problem(str(out_dir), None, "", f"cannot create the folder: {exc.strerror}",
                                    "check the path and its permissions")) from None


def run_batch(job: Job, athletes: list[Athlete], out_dir: Path | None, combined: Path | None,
              jobs: int | None = None, force: bool = False, protected: tuple[Path, ...] = (),
              progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Render every athlete; an Outcome per athlete, in roster order.

    With `out_dir` each athlete gets a file, written by the process that laid it out.
    With `combined` the pages of every athlete go to one PDF: workers lay them out and
    this process draws them on one Canvas, in roster order (a PDF is one document, and
    reportlab's Canvas is not shared between processes). `progress` is called with each
    Outcome as it arrives.
    """
    from .render import Document

    out_dir = Path(out_dir) if out_dir is not None else None
    targets = output_paths(athletes, out_dir, force)
    worker = Worker(job)
    preflight(worker, athletes)
    if out_dir is not None:
        make_folder(out_dir)
    work = [(a, targets[a.row]) for a in athletes]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    outcomes = []
    with ExitStack() as stack:
        if jobs == 1:
            results = map(worker.run, work)
        else:
            import multiprocessing

            pool = stack.enter_context(multiprocessing.Pool(jobs, initializer=start_worker, initargs=(job,)))
            # A few athletes per message: one at a time, the round trips cost more than a page.
            results = pool.imap(run_in_worker, work, chunksize=max(1, min(8, len(work) // (jobs * 8))))
        document = None
        if combined is not None:
            handle = stack.enter_context(atomic_open(combined, protected))
            document = Document(handle, title=f"{job.title}: the roster")
        for outcome in results:
            if outcome.pages:
                document.add(outcome.pages)
                outcome.pages = None
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        if document is not None:
            if all(outcome.problems for outcome in outcomes):
                raise RunprintError(Problem(str(combined), None, "", "no athlete could be printed",
                                            "fix the problems listed above"))
            document.close()
    return outcomes
