"""Roster x template -> one PDF per athlete, in parallel, or one combined PDF.

With --out-dir each worker process gets the Job through Pool(initializer=..., initargs=...),
loads the library and template once and writes its athletes' files itself, so nothing but
a status line crosses between processes. Each athlete's params are data only (never
template source). A combined PDF is laid out and drawn in one process, on one Canvas.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import UNKNOWN_PARAM, Problem, RunprintError, printable
from .history import History
from .layout_pages import TwoAthletesASheet, padded
from .library import Library
from .output import (atomic_open, check_target, identities, identity, lock_folder, quit_quietly_on_signals,
                     remove_if_empty, remove_stale_parts, signals_held, write_atomic)
from .pdfinfo import made_by_runprint, replaceable
from .plan import coerce_params
from .roster import Athlete, Roster, about_row, load_roster

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
    sides: str = "auto"     # auto | one-page | two-sided
    two_up: bool = False    # half-size cards two to a landscape sheet
    effort: str | None = None  # --effort: rir, rpe or none, over the template's
    history: History | None = None  # --history: every athlete's sets done before, read once
    duplex: bool = False                    # combined PDF: each athlete on an even number of pages
    protected: tuple[str, ...] = ()         # the run's input files: never written over


@dataclass
class Outcome:
    athlete: Athlete
    path: str | None = None
    pages: list | None = None
    problems: list = field(default_factory=list)
    title: str = ""


def safe_name(name: str) -> str:
    """An athlete's name as a file name on any system: letters (accents too), digits and hyphens.

    'Nguyen, Bao' -> 'Nguyen-Bao'; "Liam O'Brien" -> 'Liam-OBrien'; '../x' -> 'x'.
    """
    text = unicodedata.normalize("NFC", name)
    text = re.sub("['\u2019\u02bc`\"\u201c\u201d]", "", text)  # apostrophes and quotes join the word
    text = "".join(ch if unicodedata.category(ch)[0] in "LNM" and unicodedata.category(ch) not in ("Nl", "No")
                   else "-" for ch in text)
    text = re.sub(r"-{2,}", "-", text).strip("-")[:80].strip("-")
    if not text or text.lower() in RESERVED:
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


def prepare(libraries: tuple[str, ...], template: str, roster: Path, sheet: str | None, base: dict,
            weeks: list[int] | None = None, history: str | None = None, date_format: str | None = None,
            **options) -> tuple[Job, Roster]:
    """Everything a run needs, checked before anything is written: the Job, and the roster
    read against the params the template reads (a near-miss header stops it here)."""
    from .plan import template_param_names
    from .sheets import load_history, params_for, template_title

    library = Library.default(libraries)
    tpl = library.template(template)
    table = load_roster(roster, template_param_names(tpl), tpl.name, sheet)
    inputs = library.files_for(tpl, roster, history)  # what the run reads, never a whole library folder
    job = Job(template=tpl.file if template.endswith((".yaml", ".yml")) else template, libraries=tuple(libraries),
              cwd=str(Path.cwd()), base=base, roster=str(roster), protected=tuple(map(str, inputs)),
              title=template_title(tpl, params_for(tpl, library, base)),
              weeks=tuple(weeks) if weeks else None, history=load_history(history, library, date_format), **options)
    return job, table


class Worker:
    """What a process needs to lay out an athlete's pages, loaded once per process."""

    def __init__(self, job: Job):
        self.job = job
        self.library = Library.default(job.libraries, Path(job.cwd))
        self.template = self.library.template(job.template)
        self.inputs = identities(job.protected)  # never written over, even with --force

    def pages(self, athlete: Athlete, paired: bool = False) -> tuple[list, str]:
        """The athlete's laid-out pages, and the template's title as it reads for them.

        With --2up and `paired`, the cards' pages come unpaired (a tuple of pages per card,
        then the week's pages), for the combined PDF to put two athletes on a sheet."""
        from .layout import two_up
        from .sheets import session_cards, template_title, week_pages

        job, library, template = self.job, self.library, self.template
        if not athlete.name:
            raise RunprintError(Problem(job.roster, None, "athlete", "the athlete's name is empty",
                                        "write a name in the athlete column", name="athlete"))
        params = coerce_params(template, {**job.base, **athlete.values, "athlete": athlete.name}, job.roster)
        weeks = list(job.weeks) if job.weeks else None
        cards = [card.pages for card in session_cards(template, library, params, job.paper, job.sessions, weeks,
                                                       job.effort, job.history, sides=job.sides, two_up=job.two_up)]
        week = week_pages(template, library, params, job.paper, job.effort, job.history, weeks) if job.with_week else []
        if job.two_up and paired:
            pages = [*cards, *week]
        else:
            pages = [*(two_up(cards, job.paper) if job.two_up else [p for card in cards for p in card]), *week]
        return pages, template_title(template, params)

    def run(self, work: tuple[Athlete, Target | None]) -> Outcome:
        """Lay out one athlete; write their PDF when given a target, else return the pages."""
        from .render import render_pdf

        athlete, target = work
        try:
            pages, title = self.pages(athlete, paired=target is None)
            if self.job.duplex and not (self.job.two_up and target is None):
                pages = padded(pages)  # paired --2up pages are padded a sheet of two athletes at a time
            if target is None:
                return Outcome(athlete, pages=pages, title=title)
            write_atomic(Path(target.path), render_pdf(pages, title=f"{title}: {athlete.name}"),
                         self.inputs, overwrite=target.replace)
            return Outcome(athlete, path=target.path, title=title)
        except RunprintError as exc:
            return Outcome(athlete, problems=about_row(exc.problems, athlete, self.job.roster))


# A pool process's Worker, made by start_worker from the Job passed through Pool(initargs=...).
# Only pool processes set it; the parent works with a Worker of its own.
_worker: Worker | None = None


def start_worker(job: Job) -> None:
    global _worker
    quit_quietly_on_signals()
    _worker = Worker(job)


def run_in_worker(chunk: list[tuple[Athlete, Target | None]]) -> list[Outcome]:
    return [_worker.run(work) for work in chunk]


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


class Target(NamedTuple):
    path: str
    replace: tuple | bool   # the identity() of the file there this run may replace (runprint's own, or
                            # --force); False: none, and a file found there at writing is reported


def output_paths(athletes: list[Athlete], out_dir: Path | None, force: bool,
                 inputs: frozenset = frozenset()) -> dict[int, Target | None]:
    """Row -> where that athlete's PDF goes (None: into the combined PDF).

    A PDF runprint wrote there before is replaced, so the same command run again after a
    fix just works; any other file only with --force, and without it the run stops before
    writing anything, naming the files. Never a link, a device or an input, even with --force.
    """
    if out_dir is None:
        return {a.row: None for a in athletes}
    if os.path.lexists(out_dir) and not os.path.isdir(out_dir):
        raise RunprintError(Problem(str(out_dir), None, "", "this is a file, not a folder",
                                    "give --out-dir a folder (it is created if missing)"))
    targets = {row: Target(str(out_dir / name), False) for row, name in file_names(athletes).items()}
    foreign, problems = [], []
    for row, target in targets.items():
        if os.path.lexists(target.path):
            try:
                seen = check_target(target.path, inputs)
            except RunprintError as exc:
                problems += exc.problems
                continue
            targets[row] = target._replace(replace=identity(seen))
            if not force and not made_by_runprint(Path(target.path)):
                foreign.append(Path(target.path).name)
    if foreign:
        problems.append(Problem(str(out_dir), None, "", _not_runprints(foreign),
                                "move them away, or pass --force to replace them"))
    if problems:
        raise RunprintError(problems)
    return targets


def _not_runprints(names: list[str]) -> str:
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return f"{'these files are' if len(names) > 1 else 'this file is'} not a PDF runprint wrote: {shown}"


def document_title(titles: list[str], fallback: str) -> str:
    """The combined PDF's title: the template's title as every athlete's sheets read it, or
    as much of it as they share ('Runner strength, week 2' and '... week 3': 'Runner strength')."""
    if not titles:
        return fallback
    words = [title.split() for title in titles]
    shared = []
    for column in zip(*words):
        if len(set(column)) > 1:
            break
        shared.append(column[0])
    if len(shared) < len(words[0]):
        while shared and (shared[-1].lower() in ("week", "day", "of", "for", "-", "–")):
            shared.pop()
    return " ".join(shared).rstrip(",:;-– ") or fallback


def make_folder(out_dir: Path) -> Path | None:
    """Create --out-dir if it is missing; returns it when this run created it."""
    if os.path.isdir(out_dir):
        return None
    try:
        out_dir.mkdir(parents=True)
    except FileExistsError:
        return None
    except OSError as exc:
        raise RunprintError(Problem(str(out_dir), None, "", f"cannot create the folder: {exc.strerror}",
                                    "check the path and its permissions")) from None
    return out_dir



def run_batch(job: Job, athletes: list[Athlete], out_dir: Path | None, combined: Path | None,
              jobs: int | None = None, force: bool = False,
              progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Render every athlete; an Outcome per athlete, in roster order.

    With `out_dir` each athlete gets a file, written by whichever of `jobs` processes laid
    it out. With `combined` every athlete's pages go to one PDF, drawn on one Canvas in
    this process, in roster order. `progress` is called with each Outcome as it arrives.
    """
    from .render import Document

    out_dir = Path(out_dir) if out_dir is not None else None
    worker = Worker(job)
    preflight(worker, athletes)  # a broken template is named first: fixing it is the first step
    targets = output_paths(athletes, out_dir, force, worker.inputs)
    replace = replaceable(combined, force, worker.inputs) if combined is not None else False
    created = make_folder(out_dir) if out_dir is not None else None
    if out_dir is not None:
        remove_stale_parts(out_dir)
        held = lock_folder(out_dir)
        if held is None:  # another run is writing here now: what it wrote is reported, never replaced
            targets = {row: target._replace(replace=False) for row, target in targets.items()}
    work = [(a, targets[a.row]) for a in athletes]
    # A combined PDF is one process's: drawing on its Canvas is ~70% of the work, so workers
    # laying out beside it would gain little and hold pages in memory until drawn.
    jobs = 1 if combined is not None else max(1, min(jobs or os.cpu_count() or 1, len(work)))
    outcomes = []
    with ExitStack() as stack:
        if created is not None:
            stack.callback(remove_if_empty, created)  # nothing written: no empty folder left behind
        if out_dir is not None:  # after the workers are gone: what a stopped one left, and the lock
            stack.callback(remove_stale_parts, out_dir, True)
            stack.callback(os.close, held) if held is not None and held >= 0 else None
        if jobs == 1:
            results = map(worker.run, work)
        else:
            import multiprocessing

            with signals_held():  # a worker sets itself up before any signal can reach it
                pool = stack.enter_context(multiprocessing.Pool(jobs, initializer=start_worker, initargs=(job,)))
            # A few athletes per message: one at a time, the round trips cost more than a page.
            # (Chunked here, not by imap's chunksize, whose results cannot be waited on with a timeout.)
            size = max(1, min(8, len(work) // (jobs * 8)))
            chunks = watched(pool.imap(run_in_worker, [work[i:i + size] for i in range(0, len(work), size)]),
                             {child.pid for child in multiprocessing.active_children()})
            results = (outcome for chunk in chunks for outcome in chunk)
        document = None
        if combined is not None:
            handle = stack.enter_context(atomic_open(combined, worker.inputs, replace))
            document = Document(handle, title=job.title)
        pairs = TwoAthletesASheet(job.paper, job.duplex) if job.two_up else None
        waiting = []  # athletes whose pages wait for their sheet (--2up: two athletes a sheet)
        for outcome in results:
            if outcome.pages:
                waiting.append(outcome.athlete.name)
                sheets = pairs.add(outcome.pages) if pairs else outcome.pages
                if sheets:
                    document.add(sheets, bookmark=waiting)
                    waiting = []
                outcome.pages = None
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        if document is not None:
            if pairs is not None:
                document.add(pairs.flush(), bookmark=waiting)
            if all(outcome.problems for outcome in outcomes):
                raise RunprintError(Problem(str(combined), None, "", "no athlete could be printed",
                                            "fix the problems listed above"))
            document.retitle(document_title([o.title for o in outcomes if not o.problems], job.title))
            document.close()
    return outcomes


def watched(results, workers: set[int], every: float = 1.0):
    """A pool's imap results, ending in an error instead of waiting forever when a worker dies.

    A worker killed on its own (the OOM killer, a stray `kill`) is replaced by the pool, but
    the athletes it held never come back. `workers` are the process's children (the pool's
    workers) taken as the pool started: a change in that set while we wait says one died."""
    import multiprocessing

    while True:
        try:
            yield results.next(timeout=every)
        except StopIteration:
            return
        except multiprocessing.TimeoutError:
            if {child.pid for child in multiprocessing.active_children()} != workers:
                raise RunprintError(Problem(None, None, "", "a worker process was stopped before it finished "
                                            "(killed, or out of memory); the athletes it held were not written",
                                            "run the batch again: the sheets already written are kept "
                                            "(--jobs 1 uses no worker processes)")) from None


def failure_report(outcomes: list[Outcome]) -> str:
    """Every problem of every athlete that failed, each naming its row and athlete."""
    return "".join(f"error: {printable(o.athlete.label)}: {problem}\n" for o in outcomes for problem in o.problems)


def summary(outcomes: list[Outcome], target) -> str:
    failed = [o.athlete for o in outcomes if o.problems]
    text = f"wrote {len(outcomes) - len(failed)} of {len(outcomes)} athletes to {printable(target)}"
    if failed:
        text += f"\n{len(failed)} athlete(s) failed: {failed[0].word}s {', '.join(str(a.row) for a in failed)}"
    return text
