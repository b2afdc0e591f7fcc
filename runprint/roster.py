"""A coach's roster as coaches keep it: CSV, an Excel sheet or a YAML list, headers as people write them.

Reading gives a Table: the header as written and each non-blank row under the number the
spreadsheet shows beside it (the header is row 1). Matching a Table to the params a
template reads gives the athletes; it happens before anything is written, so a header
that misses a param by a letter stops the run instead of printing every sheet without it.
This is the only module that imports openpyxl.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import Problem, RunprintError
from .sources import load_yaml, read_bytes, read_text

NAME_KEYS = ("athlete", "name", "athlete_name", "full_name")  # the column that names each athlete, by preference
EXCEL = (".xlsx", ".xlsm")
NOT_EXCEL = {".xls": "the old Excel format (.xls)", ".ods": "an OpenDocument spreadsheet",
             ".numbers": "a Numbers spreadsheet"}
MAX_ROWS = 10_000
MAX_COLUMNS = 200
MAX_CELL = 2_000
MAX_XLSX_BYTES = 20_000_000
MAX_XLSX_UNPACKED = 100_000_000
MAX_SHEET_ROWS = 100_000  # rows looked at, blank ones included
CLOSE = 0.75  # how alike a header and a param must be to call it a typo (Email and Phone are not)


class Table(NamedTuple):
    file: str
    header: tuple[str, ...]                   # as written; '' for a column with no header
    header_row: int
    rows: tuple[tuple[int, tuple], ...]       # (the row's number, its cells), blank rows left out
    word: str = "row"                         # what a message calls a position: a 'row', or a YAML 'line'


@dataclass(frozen=True)
class Athlete:
    row: int                                  # the spreadsheet's own row number (a YAML roster: the line)
    name: str
    values: dict = field(default_factory=dict)   # param -> value; a blank cell is left out (the default)
    columns: dict = field(default_factory=dict)  # param -> its header as written, to name it in messages
    word: str = "row"

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


def header_key(text) -> str:
    """A header as a param name: 'Squat Max' -> 'squat_max', ' WEEK ' -> 'week', 'log-weeks' -> 'log_weeks'."""
    return re.sub(r"[\s.\-]+", "_", str(text).strip()).lower()


def load_roster(path: Path, params: list[str], template: str, sheet: str | None = None) -> Roster:
    """Read a roster and match its columns to the `params` a template reads; every row an Athlete.

    A header close to a param but not one is an error (with the param it probably meant);
    other headers no param reads come back in `unused`.
    """
    table = read_table(Path(path), sheet)
    columns, unused = match_columns(table, params, template)
    name_index = next(i for i, param in columns.items() if param == "athlete")
    athletes = []
    for row, cells in table.rows:
        values, headers = {}, {}
        for index, param in columns.items():
            value = cells[index] if index < len(cells) else None
            if param != "athlete" and not _blank(value):
                values[param] = value
                headers[param] = table.header[index]
        name = cells[name_index] if name_index < len(cells) else None
        headers["athlete"] = table.header[name_index]
        athletes.append(Athlete(row, "" if _blank(name) else str(name).strip(), values, headers, table.word))
    if not athletes:
        raise RunprintError(Problem(table.file, table.header_row, "", "the roster has no athletes",
                                    "add one row per athlete under the header"))
    return Roster(table.file, athletes, unused, template)


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


def starter(params: list[str], defaults: dict, path: Path | None = None) -> bytes:
    """A roster to start from, as the bytes of `path` (.csv or .xlsx; None: CSV): a header
    row (athlete, then every param), and one example row holding the defaults."""
    header = ["athlete", *(p for p in params if p != "athlete")]
    row = ["Example Athlete", *(defaults.get(p, "") for p in header[1:])]
    if path is not None and os.path.lexists(path):
        raise RunprintError(Problem(str(path), None, "", "the file already exists",
                                    "choose another name: runprint never writes over a roster"))
    suffix = path.suffix.lower() if path is not None else ".csv"
    if suffix == ".csv":
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows([header, row])
        return text.getvalue().encode("utf-8")
    if suffix != ".xlsx":
        raise RunprintError(Problem(None, None, "-o", f"runprint writes a roster as .csv or .xlsx, not '{suffix}'",
                                    "name the file e.g. team.csv or team.xlsx"))
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Roster"
    sheet.append(header)
    sheet.append(row)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# What an empty file of each kind should start with, and what each of its rows holds.
STARTS = {"roster": ("athlete,week", "athlete"), "history": ("date,exercise,set,reps,load", "set done")}


def read_table(path: Path, sheet: str | None = None, kind: str = "roster") -> Table:
    """A roster file (or another `kind` of table: a history) as a Table: .xlsx by openpyxl,
    .yaml/.yml as a list of mappings, anything else CSV."""
    suffix = path.suffix.lower()
    if suffix in NOT_EXCEL:
        raise RunprintError(Problem(str(path), None, "", f"this is {NOT_EXCEL[suffix]}, which runprint cannot read",
                                    "save it as an Excel workbook (.xlsx) or as CSV"))
    if sheet is not None and suffix not in EXCEL:
        raise RunprintError(Problem(str(path), None, "--sheet", "only an Excel roster (.xlsx) has sheets",
                                    "leave out --sheet for a CSV or YAML roster"))
    if suffix in EXCEL:
        return _read_xlsx(path, sheet, kind)
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path)
    return _read_csv(path, kind)


def _read_csv(path: Path, kind: str = "roster") -> Table:
    name = str(path)
    text = read_text(path)
    # A spreadsheet set to a European locale saves with ';' between cells.
    first = (text.lstrip().splitlines() or [""])[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first and "," not in first else ",")
    # newline="": rows end at \r\n, \n or a lone \r (an old Mac's export), as a spreadsheet reads them.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    csv.field_size_limit(len(text) + 1)  # a huge cell is named below, with its size and row
    records = []
    try:
        # Each record is one spreadsheet row, a blank line too; a cell may hold line breaks.
        for row, record in enumerate(reader, 1):
            if any(cell.strip() for cell in record):
                records.append((row, tuple(cell.strip() for cell in record)))
    except csv.Error as exc:
        raise RunprintError(Problem(name, reader.line_num, "", f"not valid CSV: {exc}",
                                    "check the quotes on this line")) from None
    return _table(name, records, "row", kind)


def _read_yaml(path: Path) -> Table:
    """Each entry spells its own keys: a column for each param they set, named as the param."""
    doc = load_yaml(path, want=list)
    header: dict[str, str] = {}
    entries = []
    for i, entry in enumerate(doc.data):
        line = doc.line((i,)) or 0
        if not isinstance(entry, dict):
            raise RunprintError(Problem(doc.path, line, f"[{i}]", "each athlete must be a mapping of keys",
                                        "write '- athlete: Name' followed by its params"))
        values = {}
        for key, value in entry.items():
            if isinstance(value, (dict, list)):
                raise RunprintError(Problem(doc.path, doc.line((i, key)), f"[{i}].{key}",
                                            "a roster value must be a single value", "give a number or text"))
            column = header.setdefault(header_key(key), header_key(key))
            if column in values:
                raise RunprintError(Problem(doc.path, doc.line((i, key)), f"[{i}].{key}",
                                            f"'{key}' sets the same param as another key of this athlete",
                                            "keep one of them; which value to use would be a guess"))
            values[column] = value
        entries.append((line, values))
    columns = tuple(header.values())
    rows = tuple((line, tuple(entry.get(h) for h in columns)) for line, entry in entries)
    if not columns:
        raise RunprintError(Problem(doc.path, 1, "", "the roster has no athletes",
                                    "write '- athlete: Name' followed by its params"))
    return Table(doc.path, columns, 1, rows, "line")


def _table(name: str, records: list[tuple[int, tuple]], word: str, kind: str = "roster") -> Table:
    """The first non-blank record is the header; the records after it are the rows."""
    if not records:
        header, each = STARTS[kind]
        raise RunprintError(Problem(name, 1, "", f"the {kind} is empty",
                                    f"put a header row such as '{header}' and one row per {each}"))
    header_row, header = records[0]
    header = tuple(str(h if h is not None else "").strip() for h in header)
    for row, cells in records[1:]:
        extra = [c for c in cells[len(header):] if not _blank(c)]
        if extra:
            raise RunprintError(Problem(name, row, "", f"this row has {len(header) + len(extra)} cells but the "
                                        f"header has {len(header)}",
                                        "quote cells that contain commas, or add the missing column names"))
        long = next((c for c in cells if isinstance(c, str) and len(c) > MAX_CELL), None)
        if long is not None:
            raise RunprintError(Problem(name, row, "", f"cell too large ({len(long.encode()) // 1024:,} KB) in row "
                                        f"{row}", f"keep each cell under {MAX_CELL:,} characters (is a quote "
                                        "left open?)"))
    return Table(name, header, header_row, tuple(records[1:]), word)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_xlsx(path: Path, sheet: str | None, kind: str = "roster") -> Table:
    """The first worksheet (or `sheet`), read-only, each cell as the spreadsheet shows it."""
    from zipfile import BadZipFile, ZipFile

    from openpyxl import load_workbook

    name = str(path)
    # Read as any input is (a FIFO or a device refused, at most the limit read), then parsed from memory.
    data = read_bytes(path, MAX_XLSX_BYTES)
    try:
        with ZipFile(io.BytesIO(data)) as archive:  # what it unpacks to, before openpyxl unpacks any of it
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_XLSX_UNPACKED:
            raise RunprintError(Problem(name, None, "", f"the workbook unpacks to {unpacked:,} bytes, over the "
                                        f"{MAX_XLSX_UNPACKED // 1_000_000} MB a roster needs",
                                        "copy the roster to a workbook of its own, or save it as CSV"))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            records = _records(workbook, name, sheet, kind)
        finally:
            workbook.close()
    # A damaged or foreign file fails inside openpyxl in many ways: a missing part (KeyError),
    # XML that does not parse (SyntaxError, lxml's too), a cell pointing nowhere (IndexError).
    except (BadZipFile, KeyError, ValueError, IndexError, SyntaxError, OSError) as exc:
        if isinstance(exc, (FileNotFoundError, IsADirectoryError, PermissionError)):
            read_text(path)
        raise RunprintError(Problem(name, None, "", "this is not an Excel workbook (.xlsx) runprint can read",
                                    "open it in your spreadsheet and save it as .xlsx (Excel Workbook) or CSV"))
    return _table(name, records, "row", kind)


def _records(workbook, name: str, sheet: str | None, kind: str) -> list[tuple[int, tuple]]:
    """The sheet's non-blank rows: (the row number the spreadsheet shows, the cells' values)."""
    worksheet = _sheet(workbook, name, sheet)
    records = []
    first, width = worksheet.min_row or 1, min(worksheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
    for number, row in enumerate(worksheet.iter_rows(max_row=first + MAX_SHEET_ROWS, max_col=width), first):
        cells = [_cell(cell) for cell in row]
        while cells and _blank(cells[-1]):
            cells.pop()
        if cells:
            records.append((next((c.row for c in row if getattr(c, "row", None)), number), tuple(cells)))
            if len(records) > MAX_ROWS + 1:
                raise RunprintError(Problem(name, None, "", f"the sheet has more than {MAX_ROWS:,} rows",
                                            f"keep one row per {STARTS[kind][1]}, or split the file"))
    return records


def _sheet(workbook, name: str, sheet: str | None):
    if sheet is None:
        return workbook.worksheets[0]
    names = workbook.sheetnames
    if sheet in names:
        return workbook[sheet]
    by_case = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
    if len(by_case) == 1:
        return workbook[by_case[0]]
    close = difflib.get_close_matches(sheet, names, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"its sheets: {', '.join(names)}"
    raise RunprintError(Problem(name, None, "--sheet", f"no sheet named '{sheet}'", hint))


def _cell(cell):
    """A cell's value as the sheet shows it: 7.0 is 7, a date YYYY-MM-DD, 0.75 formatted 0% is '75%'."""
    value = cell.value
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, float) and "%" in (getattr(cell, "number_format", None) or ""):
        return f"{round(value * 100, 6):g}%"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value
