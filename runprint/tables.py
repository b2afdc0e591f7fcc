"""One reader for the tables people keep: CSV, an Excel sheet or a YAML list, headers as written.

Rosters and histories are both read here. Reading gives a Table: the header as written
and each non-blank row under the number the spreadsheet shows beside it (the header is
row 1), every cell normalised the one way (`cell`). What the columns mean is the
caller's business. This is the only module that imports openpyxl.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import re
from pathlib import Path
from typing import NamedTuple

from . import workbook
from .errors import Problem, RunprintError
from .sources import load_yaml, read_bytes, read_text

EXCEL = (".xlsx", ".xlsm")
NOT_EXCEL = {".xls": "the old Excel format (.xls)", ".ods": "an OpenDocument spreadsheet",
             ".numbers": "a Numbers spreadsheet"}
MAX_ROWS = 100_000        # a federation's athletes, or years of one lifter's sets
MAX_COLUMNS = 200
MAX_CELL = 2_000
MAX_TEXT_BYTES = 64_000_000   # a CSV of MAX_ROWS rows of a few dozen columns; the rows are the limit
MAX_XLSX_BYTES = 20_000_000
MAX_XLSX_UNPACKED = 100_000_000
# A sheet's rows as numbered and as written, blank ones included: room for titles and gaps.
LIMITS = workbook.Limits(rows=MAX_ROWS + 1_000, last_row=MAX_ROWS + 1_000, columns=MAX_COLUMNS)


class Table(NamedTuple):
    file: str
    header: tuple[str, ...]                   # as written; '' for a column with no header
    header_row: int
    rows: tuple[tuple[int, tuple], ...]       # (the row's number, its cells), blank rows left out
    word: str = "row"                         # what a message calls a position: a 'row', or a YAML 'line'


def header_key(text) -> str:
    """A header as a param name: 'Squat Max' -> 'squat_max', ' WEEK ' -> 'week', 'log-weeks' -> 'log_weeks'."""
    return re.sub(r"[\s.\-]+", "_", str(text).strip()).lower()


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell(value, number_format: str = ""):
    """A cell's value as the sheet shows it: 7.0 is 7, a date YYYY-MM-DD, 0.75 formatted 0% is '75%'.

    Every reader passes its cells through here, so a roster and a history agree on what
    a spreadsheet's 10.0 or date cell says.
    """
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, float) and "%" in (number_format or ""):
        return f"{round(value * 100, 6):g}%"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        # A cell written inert (a ' before what a spreadsheet would run) reads back as it was.
        if value.startswith("'") and value[1:].startswith(FORMULA_START):
            value = value[1:]
        return value.strip()
    return value


def cell_text(value) -> str:
    """A normalised cell as one line of text; an empty cell is ''."""
    return "" if value is None else " ".join(str(value).split())


# What an empty file of each kind should start with, and what each of its rows holds.
STARTS = {"roster": ("athlete,week", "athlete"), "history": ("date,exercise,set,reps,load", "set done")}


def read_table(path: Path, sheet: str | None = None, kind: str = "roster") -> Table:
    """A roster (or another `kind` of table: a history) as a Table: .xlsx by openpyxl,
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
    text = read_text(path, MAX_TEXT_BYTES)
    # A spreadsheet set to a European locale saves with ';' between cells.
    first = re.compile(r"\s*([^\r\n]*)").match(text)[1]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first and "," not in first else ",")
    # newline="": rows end at \r\n, \n or a lone \r (an old Mac's export), as a spreadsheet reads them.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    # A huge cell is named below, with its size and row. (The limit is process-wide, so it is one
    # constant, never lowered for a small file under a caller that reads CSV too.)
    csv.field_size_limit(MAX_TEXT_BYTES + 1)
    records = []
    try:
        # Each record is one spreadsheet row, a blank line too; a cell may hold line breaks.
        for row, record in enumerate(reader, 1):
            if any(value.strip() for value in record):
                records.append((row, tuple(cell(value) for value in record)))
                if len(records) > MAX_ROWS + 1:
                    raise _too_many(name, kind)
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
            values[column] = cell(value)
        entries.append((line, values))
    columns = tuple(header.values())
    rows = tuple((line, tuple(entry.get(h) for h in columns)) for line, entry in entries)
    if not columns:
        raise RunprintError(Problem(doc.path, 1, "", "the roster has no athletes",
                                    "write '- athlete: Name' followed by its params"))
    return Table(doc.path, columns, 1, rows, "line")


def _table(name: str, records: list[tuple[int, tuple]], word: str, kind: str = "roster") -> Table:
    """The first non-blank record is the header; the records after it are the rows.

    A record whose first cell is '#' or starts with '# ' is a comment (runprint's starter roster
    says what each column is for in one), read by people and skipped here. '#23 Smith' is a name."""
    records = [r for r in records if not (r[1] and isinstance(r[1][0], str) and _comment(r[1][0]))]
    if not records:
        header, each = STARTS[kind]
        raise RunprintError(Problem(name, 1, "", f"the {kind} is empty",
                                    f"put a header row such as '{header}' and one row per {each}"))
    header_row, header = records[0]
    header = tuple(str(h if h is not None else "").strip() for h in header)
    for row, cells in records[1:]:
        extra = [c for c in cells[len(header):] if not blank(c)]
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


def _comment(first: str) -> bool:
    text = first.strip()
    return text == "#" or text.startswith("# ")


def _read_xlsx(path: Path, sheet: str | None, kind: str = "roster") -> Table:
    """The first worksheet (or `sheet`), read-only, each cell as the spreadsheet shows it.

    The workbook is looked over first (workbook.check), so openpyxl only ever reads a
    file whose every part and row count are within bounds.
    """
    from zipfile import BadZipFile, ZipFile

    name = str(path)
    # Read as any input is (a FIFO or a device refused, at most the limit read), then parsed from memory.
    data = read_bytes(path, MAX_XLSX_BYTES)
    try:
        with ZipFile(io.BytesIO(data)) as archive:  # what it unpacks to, before anything unpacks any of it
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_XLSX_UNPACKED:
                raise RunprintError(Problem(name, None, "", f"the workbook unpacks to {unpacked:,} bytes, over the "
                                            f"{MAX_XLSX_UNPACKED // 1_000_000} MB a {kind} may use",
                                            f"copy the {kind} to a workbook of its own, or save it as CSV"))
            parts = workbook.sheet_parts(archive)
            chosen = _sheet(list(parts), name, sheet)
            workbook.check(archive, name, parts[chosen], LIMITS, kind)
        from openpyxl import load_workbook   # only for a workbook that passed: a refusal never pays for it

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            records = _records(book[chosen], name, kind)
        finally:
            book.close()
    # A damaged or foreign file fails inside openpyxl in many ways: a missing part (KeyError),
    # XML that does not parse (SyntaxError, lxml's too), a cell pointing nowhere (IndexError).
    except (BadZipFile, KeyError, ValueError, IndexError, SyntaxError, OSError, workbook.Unreadable) as exc:
        if isinstance(exc, (FileNotFoundError, IsADirectoryError, PermissionError)):
            read_text(path)
        raise RunprintError(Problem(name, None, "", "this is not an Excel workbook (.xlsx) runprint can read",
                                    "open it in your spreadsheet and save it as .xlsx (Excel Workbook) or CSV"))
    return _table(name, records, "row", kind)


def _records(worksheet, name: str, kind: str) -> list[tuple[int, tuple]]:
    """The sheet's non-blank rows: (the row number the spreadsheet shows, the cells' values)."""
    records, filler = [], None
    width = min(worksheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
    for number, row in enumerate(worksheet.iter_rows(max_row=LIMITS.last_row, max_col=width), 1):
        if row is filler:   # openpyxl hands out one tuple for every row the file leaves out
            continue
        cells = [cell(c.value, getattr(c, "number_format", None)) for c in row]
        while cells and blank(cells[-1]):
            cells.pop()
        if not cells:
            filler = row
            continue
        records.append((next((c.row for c in row if getattr(c, "row", None)), number), tuple(cells)))
        if len(records) > MAX_ROWS + 1:
            raise _too_many(name, kind)
    return records


def _too_many(name: str, kind: str) -> RunprintError:
    return RunprintError(Problem(name, None, "", f"the {kind} has more than {MAX_ROWS:,} rows",
                                 f"keep one row per {STARTS[kind][1]}, or split the file"))


def _sheet(names: list[str], name: str, sheet: str | None) -> str:
    """The name of the sheet to read: the first, or the one --sheet names (case aside)."""
    if not names:
        raise workbook.Unreadable
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    by_case = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
    if len(by_case) == 1:
        return by_case[0]
    close = difflib.get_close_matches(sheet, names, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"its sheets: {', '.join(names)}"
    raise RunprintError(Problem(name, None, "--sheet", f"no sheet named '{sheet}'", hint))


# What makes a spreadsheet read a text cell as a formula (OWASP's list for CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """A value as a cell that is text or a number, never a formula: text a spreadsheet would
    run gets a leading ' (as OWASP advises); a list or a mapping is written as text."""
    if isinstance(value, (bool, int, float)):
        return value
    text = text_of(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def text_of(value) -> str:
    return "" if value is None else str(value)


def csv_bytes(rows: list[list]) -> bytes:
    """Rows as UTF-8 CSV, every cell inert."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[inert(v) for v in row] for row in rows])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    """A workbook of `sheets` (title -> rows, the first row a header kept in view), as bytes.

    Every text cell is stored as text: one that starts like a formula keeps its exact
    value and is marked quotePrefix, as Excel marks a cell typed with a leading '.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([value if isinstance(value, (bool, int, float)) else text_of(value) for value in row])
            for written in sheet[sheet.max_row]:
                if isinstance(written.value, str):
                    written.data_type = "s"      # openpyxl makes '=...' a formula unless told
                    if written.value.startswith(FORMULA_START):
                        written.quotePrefix = True
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
