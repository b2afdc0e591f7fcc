"""`batch --split-by COLUMN`: one combined PDF per value of a roster column (a team, a group).

Each value's athletes go, in roster order, into their own combined PDF in --out-dir, with
a bookmark per athlete, named after the value as an athlete's file would be. Every file
is checked before the first is written, so a file runprint may not replace stops the run
before anything changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .batch import Job, Outcome, make_folder, run_batch, safe_name
from .errors import Problem, RunprintError
from .output import identities
from .pdfinfo import replaceable
from .roster import Athlete


def groups(athletes: list[Athlete], column: str) -> dict[str, list[Athlete]]:
    """File name -> the athletes whose cell in `column` names it, in roster order.

    Values that differ only in case or spacing share a file; a blank cell goes to
    'no-COLUMN.pdf'; two values that make the same file name get -2, -3."""
    by_value: dict[str, list[Athlete]] = {}
    for athlete in athletes:
        by_value.setdefault(" ".join(athlete.group.split()).casefold(), []).append(athlete)
    out: dict[str, list[Athlete]] = {}
    for value, mine in by_value.items():
        base = safe_name(mine[0].group) if value else f"no-{safe_name(column)}"
        name, n = f"{base}.pdf", 1
        while name.casefold() in (taken.casefold() for taken in out):
            n += 1
            name = f"{base}-{n}.pdf"
        out[name] = mine
    return out


def run_split(job: Job, athletes: list[Athlete], out_dir: Path, column: str, jobs: int | None = None,
              force: bool = False, progress: Callable[[Outcome], None] | None = None, run=None) -> list[Outcome]:
    """Every value's athletes into out_dir/VALUE.pdf; an Outcome per athlete, in file order."""
    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise RunprintError(Problem(str(out_dir), None, "", "this is a file, not a folder",
                                    "give --out-dir a folder (it is created if missing)"))
    files = groups(athletes, column)
    inputs = identities(job.protected)
    problems = []
    for name in files:
        try:
            replaceable(Path(out_dir) / name, force, inputs)
        except RunprintError as exc:
            problems += exc.problems
    if problems:
        raise RunprintError(problems)
    make_folder(Path(out_dir))
    outcomes: list[Outcome] = []
    for name, mine in files.items():
        done: list[Outcome] = []

        def seen(outcome: Outcome) -> None:
            done.append(outcome)
            if progress is not None:
                progress(outcome)

        try:
            run_batch(job, mine, None, Path(out_dir) / name, jobs, force, seen, run)
        except RunprintError:
            # A value none of whose athletes printed has no file; they are reported as failed.
            if not (len(done) == len(mine) and all(outcome.problems for outcome in done)):
                raise
        outcomes += done
    return outcomes
