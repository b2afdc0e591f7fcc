"""A coach's roster: a table (read by `tables`) matched to the params a template reads.

Matching gives the athletes; it happens before anything is written, so a header that
misses a param by a letter stops the run instead of printing every sheet without it.
`starter` writes the roster a coach fills in.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import Problem, RunprintError
from .naming import suggest
from .tables import Table, blank, csv_bytes, header_key, read_table, xlsx_bytes

EXAMPLE = "Example Athlete"  # the name on the example row `starter` writes, which load_roster leaves out
NAME_KEYS = ("athlete", "name", "athlete_name", "full_name")  # the column that names each athlete, by preference
CLOSE = 0.75  # how alike a header and a param must be to call it a typo (Email and Phone are not)


@dataclass(frozen=True)
class Athlete:
    row: int                                  # the spreadsheet's own row number (a YAML roster: the line)
    name: str
    values: dict = field(default_factory=dict)   # param -> value; a blank cell is left out (the default)
    columns: dict = field(default_factory=dict)  # param -> its header as written, to name it in messages
    word: str = "row"
    group: str = ""                           # its cell in the --split-by column

    @property
    def place(self) -> str:
        return f"{self.word} {self.row}"

    @property
    def label(self) -> str:
        """How messages name the athlete: 'row 17 (Bao Nguyen)'."""
        name = self.name or "no name"
        return f"{self.place} ({name if len(name) <= 40 else name[:39] + '…'})"


class Roster(NamedTuple):
    file: str
    athletes: list[Athlete]
    unused: list[str]                         # headers no param reads, to be named once
    template: str = ""                        # the template's name, to say whose params they are not
    example: Athlete | None = None            # the starter's example row, left out

    @property
    def notes(self) -> list[str]:
        """What a run says once about the roster, before any athlete."""
        notes = [f"columns {self.template} does not use: {', '.join(self.unused)}"] * bool(self.unused)
        if self.example is not None:
            notes.append(f"{self.example.label} is the example 'runprint roster' writes: left out")
        return notes


def load_roster(path: Path, params: list[str], template: str, sheet: str | None = None,
                split_by: str | None = None) -> Roster:
    """Read a roster and match its columns to the `params` a template reads; every row an Athlete.

    A header close to a param but not one is an error (with the param it probably meant);
    other headers no param reads come back in `unused`. The `split_by` column (a team, a
    group) is read into each Athlete's group. The example row `starter` wrote is left out.
    """
    table = read_table(Path(path), sheet)
    group_key = header_key(split_by) if split_by is not None else None
    if group_key is not None and group_key not in (header_key(h) for h in table.header):
        raise RunprintError(Problem(table.file, table.header_row, "--split-by", f"no column '{split_by}'",
                                    suggest(group_key, [header_key(h) for h in table.header if h])
                                    or f"its columns: {', '.join(h for h in table.header if h)}"))
    columns, unused = match_columns(table, [*params, *([group_key] if group_key else [])], template)
    name_index = next(i for i, param in columns.items() if param == "athlete")
    athletes, example = [], None
    for row, cells in table.rows:
        values, headers, group = {}, {}, ""
        for index, param in columns.items():
            value = cells[index] if index < len(cells) else None
            if param == group_key:
                group = "" if blank(value) else " ".join(str(value).split())
            if param != "athlete" and not blank(value) and (param in params or param != group_key):
                values[param] = value
                headers[param] = table.header[index]
        name = cells[name_index] if name_index < len(cells) else None
        headers["athlete"] = table.header[name_index]
        athlete = Athlete(row, "" if blank(name) else str(name).strip(), values, headers, table.word, group)
        if example is None and " ".join(athlete.name.split()).casefold() == EXAMPLE.casefold():
            example = athlete
            continue
        athletes.append(athlete)
    if not athletes:
        raise RunprintError(Problem(table.file, table.header_row, "", "the roster has no athletes" + (
            " besides the example 'runprint roster' writes" if example else ""),
                                    "add one row per athlete under the header"))
    return Roster(table.file, athletes, unused, template, example)


def match_columns(table: Table, params: list[str], template: str) -> tuple[dict[int, str], list[str]]:
    """Column index -> the param it sets, and the headers nothing reads; a near miss raises."""
    keys = [header_key(h) for h in table.header]
    name_key = next((k for k in NAME_KEYS if k in keys), None)
    if name_key is None:
        raise RunprintError(Problem(table.file, table.header_row, "", "no 'athlete' column",
                                    "name one column 'athlete' (or 'name'; any case) and put each name in it"))
    problems, columns, unused, seen = [], {}, [], {}
    known = [p for p in params if p != "athlete"]
    for index, (header, key) in enumerate(zip(table.header, keys)):
        if not key:
            continue
        param = "athlete" if key == name_key else key
        if param in seen:
            message = (f"the column '{header}' appears twice in the header" if seen[param] == header
                       else f"the columns '{seen[param]}' and '{header}' both set '{param}'")
            problems.append(Problem(table.file, table.header_row, "", message,
                                    "keep one of them; which value to use would be a guess"))
            continue
        if param == "athlete" or param in known:
            seen[param] = header
            columns[index] = param
            continue
        close = difflib.get_close_matches(key, known + ["athlete"], n=1, cutoff=CLOSE)
        if close:
            problems.append(Problem(table.file, table.header_row, "",
                                    f"the column '{header}' is not a param {template} reads",
                                    f"did you mean '{close[0]}'? (headers match params ignoring case, "
                                    "with spaces, hyphens and dots read as '_')"))
        elif header not in unused:
            unused.append(header)
    if problems:
        raise RunprintError(problems)
    return columns, unused


def about_row(problems: list[Problem], athlete: Athlete, roster: str) -> list[Problem]:
    """Problems with an athlete's values, told about their column of the roster (once each).

    The athlete's values were coerced with the roster's file name as their origin; a
    problem with the name itself (the font cannot print it, it is too long) is the name
    column's. A value that came from --set stays --set's.
    """
    out = []
    for problem in problems:
        if problem.file == roster or problem.where == "athlete":
            column = athlete.columns.get(problem.name or problem.where)
            if column is not None:
                problem = Problem(roster, None, column, problem.message, problem.hint, problem.kind, problem.name)
            elif problem.file == roster:
                problem = problem._replace(file="--set")
        if problem not in out:
            out.append(problem)
    return out


def starter(params: list[str], defaults: dict, path: Path | None = None, abouts: dict | None = None) -> bytes:
    """A roster to start from, as the bytes of `path` (.csv or .xlsx; None: CSV): a header
    row (athlete, then every param) and one example row holding the defaults, which batch
    leaves out. What the params are (their about) goes in a '#' row under the header of a
    CSV, which is read as a comment, and in a second sheet 'About' of a workbook."""
    abouts = abouts or {}
    header = ["athlete", *(p for p in params if p != "athlete")]
    row = [EXAMPLE, *(defaults.get(p, "") for p in header[1:])]
    about = ["# about: the athlete's name, one row each", *(abouts.get(p, "") for p in header[1:])]
    if path is not None and os.path.lexists(path):
        raise RunprintError(Problem(str(path), None, "", "the file already exists",
                                    "choose another name: runprint never writes over a roster"))
    suffix = path.suffix.lower() if path is not None else ".csv"
    if suffix == ".csv":
        return csv_bytes([header, *([about] if abouts else []), row])
    if suffix != ".xlsx":
        raise RunprintError(Problem(None, None, "-o", f"runprint writes a roster as .csv or .xlsx, not '{suffix}'",
                                    "name the file e.g. team.csv or team.xlsx"))
    explained = [["column", "default", "about"], ["athlete", "", "the athlete's name, one row each"],
                 *([p, defaults.get(p, ""), abouts.get(p, "")] for p in header[1:])]
    return xlsx_bytes({"Roster": [header, row], "About": explained})
