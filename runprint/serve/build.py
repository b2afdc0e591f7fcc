"""Every PDF the page offers, built by the same core calls as `card`, `week` and `batch`.

This is the only module of the server that builds pages, so what the browser downloads is
what the command line writes for the same inputs, byte for byte. The command to copy is
worked out here too, from the same choices.
"""

from __future__ import annotations

import difflib
import shlex
import zipfile
from pathlib import Path
from typing import NamedTuple

from ..errors import Problem, RunprintError
from ..library import Library

KINDS = ("card", "week")
PAPERS = ("letter", "a4", "a5", "half-letter")
SIDES = ("auto", "one-page", "two-sided")
EFFORTS = ("", "rir", "rpe", "none")
UNITS = ("", "kg", "lb")


class Choices(NamedTuple):
    """What the author's page sends: one command's worth of options."""

    template: str
    kind: str = "card"
    sessions: tuple[str, ...] = ()
    paper: str = "letter"
    sides: str = "auto"
    two_up: bool = False
    effort: str = ""
    log_weeks: str = ""
    units: str = ""
    sets: tuple[tuple[str, str], ...] = ()   # (param, value) as --set would give them


class Sheet(NamedTuple):
    pdf: bytes
    pages: int
    title: str
    notes: list[str]
    file_name: str


class BatchChoices(NamedTuple):
    """What the coach's page sends besides the files."""

    template: str
    sheet: str = ""
    paper: str = "letter"
    two_up: bool = False
    duplex: bool = False
    with_week: bool = False
    zip: bool = False


class Batch(NamedTuple):
    data: bytes | None        # the combined PDF or the zip; None when no athlete could be printed
    file_name: str
    athletes: list            # roster.Athlete, in roster order
    columns: dict             # param -> the header that sets it
    unused: list[str]
    problems: dict            # row -> the lines the CLI prints for it
    notes: list[str]


def known_template(library: Library, name: str) -> str:
    """`name` when it is a template of the library: never a path, so the browser opens no file."""
    if name not in library.template_files:
        close = difflib.get_close_matches(name, list(library.template_files), 1)
        raise RunprintError(Problem(None, None, "", f"no template named '{name}'",
                                    f"did you mean '{close[0]}'?" if close else "pick one from the list"))
    return name


def overrides(choices: Choices) -> dict:
    """The params the run changes, as the CLI's --set, --log-weeks and --units give them."""
    named = {"log_weeks": choices.log_weeks.strip(), "units": choices.units}
    return {**dict(choices.sets), **{key: value for key, value in named.items() if value}}


def build_sheet(library: Library, choices: Choices) -> Sheet:
    """The card or week PDF exactly as `runprint card|week` writes it: the same Run."""
    from ..pipeline import Options, Run
    from ..render import render_pdf

    template = library.template(known_template(library, choices.template))
    week = choices.kind == "week"
    options = (Options(choices.paper, effort=choices.effort or None, cards=False, week=True) if week else
               Options(choices.paper, choices.sessions, None, choices.sides, choices.two_up, choices.effort or None))
    sheets = Run(template, library, overrides(choices), options).pages_for()
    if week:
        file_name = f"{template.name}-week.pdf"
    else:
        suffix = "-".join(dict.fromkeys(card.session_id for card in sheets.cards))
        file_name = f"{template.name}-{suffix}.pdf" if choices.sessions else f"{template.name}.pdf"
    return Sheet(render_pdf(sheets.pages, title=sheets.title), len(sheets.pages), sheets.title, sheets.notes,
                 file_name)


def build_batch(libraries: tuple[str, ...], choices: BatchChoices, roster: Path, history: Path | None,
                folder: Path) -> Batch:
    """Every athlete of `roster` as `runprint batch -o` (or `--out-dir`, zipped) writes them,
    inside `folder`, which the caller owns and removes."""
    from ..batch import prepare, run_batch
    from ..pipeline import Options

    known_template(Library.default(libraries), choices.template)
    options = Options(choices.paper, two_up=choices.two_up, week=choices.with_week)
    job, table, notes, run = prepare(libraries, choices.template, roster, choices.sheet or None, {}, options,
                                     history=history, duplex=choices.duplex)
    unused = f"columns {table.template} does not use: "
    notes = [note for note in notes if not note.startswith(unused)]  # the page lists them on their own
    columns = {param: header for athlete in table.athletes for param, header in athlete.columns.items()}
    out_dir, combined = (folder / "sheets", None) if choices.zip else (None, folder / "combined.pdf")
    outcomes = []  # as they come: when no athlete can be printed, run_batch raises after the last
    try:
        run_batch(job, table.athletes, out_dir, combined, jobs=1, progress=outcomes.append, run=run)
    except RunprintError:
        if not outcomes or not all(o.problems for o in outcomes):
            raise
    problems = {o.athlete.row: [f"error: {o.athlete.label}: {p}" for p in o.problems] for o in outcomes if o.problems}
    printed = [Path(o.path) for o in outcomes if o.path]
    if len(problems) == len(outcomes):
        data = None
    elif choices.zip:
        data = zipped(printed)
    else:
        data = combined.read_bytes()
    file_name = f"{choices.template}-sheets.zip" if choices.zip else f"{choices.template}.pdf"
    return Batch(data, file_name, table.athletes, columns, table.unused, problems, notes)


def zipped(paths: list[Path]) -> bytes:
    """The athletes' PDFs in roster order, with fixed dates: the same roster gives the same zip."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            archive.writestr(zipfile.ZipInfo(path.name, date_time=(2000, 1, 1, 0, 0, 0)), path.read_bytes())
    return buffer.getvalue()


def command(choices: Choices, libraries: tuple[str, ...] = ()) -> str:
    """The command line that writes the same PDF, to copy into a terminal."""
    words = ["runprint", choices.kind, choices.template]
    for session in choices.sessions if choices.kind == "card" else ():
        words += ["--session", session]
    if choices.paper != "letter":
        words += ["--paper", choices.paper]
    if choices.kind == "card":
        words += ["--2up"] * choices.two_up + [f"--{choices.sides}"] * (choices.sides != "auto")
    words += ["--log-weeks", choices.log_weeks.strip()] * bool(choices.log_weeks.strip())
    words += ["--units", choices.units] * bool(choices.units) + ["--effort", choices.effort] * bool(choices.effort)
    for key, value in choices.sets:
        words += ["--set", f"{key}={value}"]
    for folder in libraries:
        words += ["--library", folder]
    return shlex.join(words)


def batch_command(choices: BatchChoices, roster_name: str, history_name: str | None,
                  libraries: tuple[str, ...] = ()) -> str:
    words = ["runprint", "batch", choices.template, "--roster", roster_name]
    words += ["--sheet", choices.sheet] * bool(choices.sheet) + ["--history", history_name] * bool(history_name)
    words += ["--out-dir", f"{choices.template}-sheets"] if choices.zip else ["-o", f"{choices.template}.pdf"]
    words += ["--paper", choices.paper] * (choices.paper != "letter") + ["--2up"] * choices.two_up
    words += ["--duplex"] * choices.duplex + ["--with-week"] * choices.with_week
    for folder in libraries:
        words += ["--library", folder]
    return shlex.join(words)
