"""Roster x template -> one PDF per athlete, in parallel, or one combined PDF.

With --out-dir each worker process gets the Job through Pool(initializer=..., initargs=...),
loads the library and template once and writes its athletes' files itself, so nothing but
a status line crosses between processes. Each athlete's params are data only (never
template source). A combined PDF is laid out and drawn in one process, on one Canvas.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import unicodedata
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import Problem, RunprintError, printable
from .history import History
from .layout.impose import Sheets as TwoUpSheets
from .layout.impose import leaves, padded
from .library import Library
from .output import (atomic_open, check_target, identities, identity, lock_folder, quit_quietly_on_signals,
                     remove_if_empty, remove_stale_parts, signals_held, write_atomic)
from .pdfinfo import made_by_runprint, replaceable
from .pipeline import Options, Run, history_notes, load_history
from .roster import Athlete, Roster, about_row, load_roster

RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


@dataclass(frozen=True)
class Job:
    """Everything a worker needs besides the athlete: picklable and small."""

    template: str
    libraries: tuple[str, ...]
    cwd: str
    base: dict                              # --set values, over the template's defaults
    options: Options = Options()
    roster: str = ""
    title: str = ""
    history: History | None = None          # --history: every athlete's sets done before, read once
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
            options: Options, history: str | None = None, duplex: bool = False,
            date_format: str | None = None, split_by: str | None = None) -> Prepared:
    """Everything a run needs, checked before anything is written: the Job, the roster read
    against the params the template reads (a near-miss header stops it here), what the coach
    should know before it starts, and this process's Run."""
    from .plan import template_param_names

    library = Library.default(libraries)
    tpl = library.template(template)
    table = load_roster(roster, template_param_names(tpl), tpl.name, sheet, split_by)
    inputs = library.files_for(tpl, roster, history)  # what the run reads, never a whole library folder
    past = load_history(history, library, date_format)
    run = Run(tpl, library, base, options, past)
    job = Job(template=tpl.file if template.endswith((".yaml", ".yml")) else template, libraries=tuple(libraries),
              cwd=str(Path.cwd()), base=base, options=options, roster=str(roster),
              protected=tuple(map(str, inputs)), title=run.title, history=past, duplex=duplex)
    notes = table.notes + history_notes(past, [athlete.name for athlete in table.athletes], tpl if past else None,
                           options.sessions)
    return Prepared(job, table, notes, run)


class Prepared(NamedTuple):
    job: Job
    roster: Roster
    notes: list[str]
    run: Run


class Worker:
    """What a process needs to lay out an athlete's pages: the job's Run, made once per process
    (the parent's is the one prepare() made)."""

    def __init__(self, job: Job, run: Run | None = None):
        self.job = job
        if run is None:
            library = Library.default(job.libraries, Path(job.cwd))
            run = Run(library.template(job.template), library, job.base, job.options, job.history)
        self.run_ = run
        self.inputs = identities(job.protected)  # never written over, even with --force

    def sheets(self, athlete: Athlete):
        """The athlete's sheets: their pages, notes and the template's title as it reads for them."""
        if not athlete.name:
            raise RunprintError(Problem(self.job.roster, None, "athlete", "the athlete's name is empty",
                                        "write a name in the athlete column", name="athlete"))
        return self.run_.pages_for({**athlete.values, "athlete": athlete.name}, self.job.roster)

    def first(self, athlete: Athlete):
        """The run's first athlete laid out before anything is written: a fault of the template
        itself (not of this row) stops the run here, named once. Their sheets, or None when
        only their row is at fault (reported with the row, later)."""
        try:
            return self.sheets(athlete)
        except RunprintError as exc:
            problems = about_row(exc.problems, athlete, self.job.roster)
            if all(p.file not in (self.job.roster, "--set", None) for p in problems):
                raise RunprintError(exc.problems) from None
            return None

    def run(self, work: tuple[Athlete, Target | None], laid=None) -> Outcome:
        """Lay out one athlete (unless `laid` already); write their PDF when given a target, else
        return what the combined PDF needs: the pages, or with --2up the parts to share sheets."""
        from .render import render_pdf

        athlete, target = work
        try:
            sheets = laid or self.sheets(athlete)
            if target is None and sheets.imposed is not None:
                return Outcome(athlete, pages=sheets.parts, title=sheets.title)
            pages = padded(sheets.pages) if self.job.duplex else sheets.pages
            if target is None:
                return Outcome(athlete, pages=pages, title=sheets.title)
            write_atomic(Path(target.path), render_pdf(pages, title=f"{sheets.title}: {athlete.name}",
                                                             font=self.job.options.font),
                         self.inputs, overwrite=target.replace)
            return Outcome(athlete, path=target.path, title=sheets.title)
        except RunprintError as exc:
            return Outcome(athlete, problems=about_row(exc.problems, athlete, self.job.roster))


# A pool process's Worker, made by start_worker from the Job passed through Pool(initargs=...),
# and the parent it answers to. Only pool processes set them; the parent works with a Worker of its own.
_worker: Worker | None = None
_parent: int = 0


def start_worker(job: Job) -> None:
    global _worker, _parent
    quit_quietly_on_signals()
    # A parent killed outright (SIGKILL) leaves its workers holding a pipe nobody reads: writing
    # a result there ends the worker silently, as SIGPIPE does any command, not with a traceback.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _parent = os.getppid()
    _worker = Worker(job)


def run_in_worker(chunk: list[tuple[Athlete, Target | None]]) -> list[Outcome]:
    outcomes = []
    for work in chunk:
        _quit_if_orphaned()  # no more sheets for a run that has gone
        outcomes.append(_worker.run(work))
    _quit_if_orphaned()
    return outcomes


def _quit_if_orphaned() -> None:
    """An orphan is adopted by another process: its parent id changes. It ends as SIGTERM ends a
    worker (quietly; the parent that would tidy up is gone, and a run's .part files are removed
    by the next run into the folder)."""
    if os.getppid() != _parent:
        os.kill(os.getpid(), signal.SIGTERM)


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
              progress: Callable[[Outcome], None] | None = None, run: Run | None = None) -> list[Outcome]:
    """Render every athlete; an Outcome per athlete, in roster order.

    With `out_dir` each athlete gets a file, written by whichever of `jobs` processes laid
    it out. With `combined` every athlete's pages go to one PDF, drawn on one Canvas in
    this process, in roster order. `progress` is called with each Outcome as it arrives.
    """
    from .render import Document

    out_dir = Path(out_dir) if out_dir is not None else None
    worker = Worker(job, run)
    laid = worker.first(athletes[0]) if athletes else None
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
        first = (worker.run(item, laid) for item in work[:1])  # drawn and written once the pool has started
        rest = work[1:]
        if jobs == 1 or len(rest) < 2:
            results = itertools.chain(first, map(worker.run, rest))
        else:
            import multiprocessing

            with signals_held():  # a worker sets itself up before any signal can reach it
                pool = stack.enter_context(multiprocessing.Pool(jobs, initializer=start_worker, initargs=(job,)))
            # A few athletes per message: one at a time, the round trips cost more than a page.
            # (Chunked here, not by imap's chunksize, whose results cannot be waited on with a timeout.)
            size = max(1, min(8, len(work) // (jobs * 8)))
            chunks = watched(pool.imap(run_in_worker, [rest[i:i + size] for i in range(0, len(rest), size)]),
                             {child.pid for child in multiprocessing.active_children()})
            results = itertools.chain(first, (outcome for chunk in chunks for outcome in chunk))
        document = None
        if combined is not None:
            handle = stack.enter_context(atomic_open(combined, worker.inputs, replace))
            document = Document(handle, title=job.title, font=job.options.font)
        pairs = None
        waiting = []  # athletes whose pages wait for their sheet (--2up: two athletes a sheet)
        for outcome in results:
            if outcome.pages and job.options.two_up:
                if pairs is None:  # the first athlete's cards say whether the sheets need backs
                    pairs = TwoUpSheets(job.options.paper, job.duplex or any(len(p) > 1 for p in outcome.pages))
                outcome.pages = pairs.add(leaves(outcome.pages))
            if outcome.pages is not None:
                waiting.append(outcome.athlete.name)
                sheets = outcome.pages
                if sheets:
                    document.add(sheets, bookmark=waiting)
                    waiting = []
                outcome.pages = None
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        if document is not None:
            if pairs is not None and waiting:
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
