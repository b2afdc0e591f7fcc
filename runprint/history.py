"""Last time's numbers as plain data: a history file (one row per set done), or an app's
export (app_exports.py) read into the same rows. last_time.py turns them into Last lines.

    date,exercise,set,reps,load
    2026-11-24,goblet-squat,1,10,12 kg
    2026-11-24,goblet-squat,2,10,12 kg

Columns are matched as roster headers are (case, surrounding spaces, and spaces,
hyphens and dots read as `_`). `athlete` picks each athlete's rows; a row without one
applies to every card. `time`, `distance`, `rir`, `rpe` and `effort` (rated on the card's
own scale) are read where a row has them. Every bad row is reported at once, with the
file and the spreadsheet's own row number.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import NamedTuple

from .app_exports import read_app, recognise
from .dates import EXAMPLES, date_hint, day_order, iso_day
from .errors import Problem, RunprintError
from .exercise_names import ExerciseNames
from .numbers import BOUNDS, NumberError, decimal, is_digits, quantity, whole
from .tables import Table, cell_text, header_key, read_table
from .naming import slug, suggest
from .sources import shorten

COLUMNS = ("date", "exercise", "set", "reps", "load", "athlete", "time", "distance", "rir", "rpe", "effort", "side",
           "label")
AMOUNTS = ("reps", "time", "distance")
EFFORTS = ("rir", "rpe", "effort")  # RIR and RPE are different scales: each keeps its own name up to the card
ALIASES = {"weight": "load"}  # what a lifter's own log may call them
MAX_PROBLEMS = 20
MAX_LABEL = 12  # characters: an item's label is a number or a superset's letter and number (1, A1)
_SECONDS = {"": 1, "s": 1, "sec": 1, "secs": 1, "seconds": 1, "min": 60, "mins": 60, "minutes": 60}
_METERS = {"": 1, "m": 1, "km": 1000}


class Entry(NamedTuple):
    """One set done: what, when, how many, with what."""

    date: str            # 2026-11-24
    exercise: str        # an exercise id
    set: int
    reps: int | None = None
    load: str = ""
    seconds: int | None = None
    meters: float | None = None
    effort: str = ""     # an `effort` column's number, on the card's own scale
    athlete: str = ""
    row: int = 0
    side: str = ""       # L or R, for an exercise logged a side at a time (sides: split); "" for both
    rir: str = ""        # reps in reserve, as the file says
    rpe: str = ""        # rate of perceived exertion, as the file says
    label: str = ""      # the card item's printed label (1, A1) these sets were done for, when the file says
    block: int = 0       # an app's block of sets: the same exercise twice in a workout is two blocks


class History(NamedTuple):
    file: str
    entries: tuple[Entry, ...]
    by_athlete: dict | None = None  # athlete's name (case and spaces ignored) -> their entries, made once
    unused: tuple[str, ...] = ()    # headers of columns runprint does not read, to be named once
    app: str = ""                   # the app whose export this is (Strong, Hevy, FitNotes); "" for runprint's own
    skipped: tuple[tuple[str, int], ...] = ()   # (why, rows): warm-ups, drop sets, rest timers left out
    unmapped: tuple[tuple[str, int, str | None], ...] = ()  # (an app's name, rows, did-you-mean id)


def read_history(path: Path, known: Collection[str], date_format: str | None = None,
                 names: Callable[[], ExerciseNames] | None = None) -> History:
    """Every row of a history file (CSV or .xlsx, read as rosters are; or an app's export),
    checked: dates (in `date_format`, else the order the file shows: see dates.py), exercise
    ids (from `known`, else through `names`), numbers."""
    table = read_table(Path(path), kind="history")
    name = table.file
    app = recognise(table.header)
    problems: list[Problem] = []
    loaded: list[ExerciseNames] = []  # the names, loaded for the first name that is no id

    def resolve(text: str) -> str | None:
        if text in known or not text or names is None:
            return text if text in known else None
        if not loaded:
            loaded.append(names())
        return loaded[0].resolve(text)

    if app:
        read = read_app(table, app, resolve)
        rows, unused, problems = read.rows, (), read.problems
    else:
        columns, unused = _columns(table)
        rows = [(line, {key: cell_text(cells[index] if index < len(cells) else None)
                        for key, index in columns.items()}) for line, cells in table.rows]
    order = day_order(name, ((line, values["date"]) for line, values in rows), date_format)
    entries, seen = [], {}
    for line, values in rows:
        entry = _entry(name, line, values, known, order, problems, resolve)
        if entry is None:
            continue
        same = (_who(entry.athlete), entry.date, entry.exercise, entry.set, entry.side, entry.label, entry.block)
        if same in seen:
            side = f" ({entry.side})" if entry.side else ""
            problems.append(Problem(name, line, "set", f"set {entry.set}{side} of {entry.exercise} on {entry.date} "
                                    f"is already on row {seen[same]}",
                                    f"keep one row per set{' and side' if side else ''}; for an exercise done twice "
                                    "in a session, a label column (1, A1) tells the items apart"))
        seen[same] = line
        entries.append(entry)
    if problems:
        raise RunprintError(problems[:MAX_PROBLEMS])
    if not app:
        return History(name, tuple(entries), _by_athlete(entries), unused)
    unmapped = tuple((text, len(lines), loaded[0].suggest(text) if loaded else None)
                     for text, lines in read.unmapped.items())
    return History(name, tuple(entries), _by_athlete(entries), (), app, tuple(read.skipped.items()), unmapped)


def _by_athlete(entries) -> dict[str, tuple[Entry, ...]]:
    out: dict[str, list[Entry]] = {}
    for entry in entries:
        out.setdefault(_who(entry.athlete), []).append(entry)
    return {who: tuple(mine) for who, mine in out.items()}


def _columns(table: Table) -> tuple[dict[str, int], tuple[str, ...]]:
    """Our column -> its position in the file, and the headers of the columns we do not read;
    a header close to one of ours but not it is an error."""
    name, out, problems, unused = table.file, {}, [], []
    for index, header in enumerate(table.header):
        key = header_key(header).strip("_")
        key = ALIASES.get(key, key)
        if key in COLUMNS and key not in out:
            out[key] = index
        elif header and suggest(key, COLUMNS):
            problems.append(Problem(name, table.header_row, "", f"the column '{header}' is not one runprint reads",
                                    f"{suggest(key, COLUMNS)} (runprint reads: {', '.join(COLUMNS)})"))
        elif header:
            unused.append(header)
    missing = [c for c in ("date", "exercise", "set") if c not in out]
    if not table.rows:
        problems.append(Problem(name, table.header_row, "", "the history has no rows",
                                "add one row per set done: date,exercise,set,reps,load"))
    elif missing or not any(c in out for c in AMOUNTS):
        need = missing + ([] if any(c in out for c in AMOUNTS) else ["reps (or time or distance)"])
        problems.append(Problem(name, table.header_row, "", f"no {' or '.join(need)} column",
                                "the header row needs at least: date,exercise,set,reps (and load when used)"))
    if problems:
        raise RunprintError(problems)
    return out, tuple(unused)


def _entry(name: str, line: int, values: dict, known: Collection[str], order: str | None,
           problems: list, resolve=lambda text: None) -> Entry | None:
    found = []

    def bad(column, message, hint):
        found.append(Problem(name, line, column, message, hint))

    date = iso_day(values.get("date", ""), order)
    if date is None:
        text = shorten(values.get("date", ""))
        bad("date", f"'{text}' is not a date like {EXAMPLES.get(order, '2026-11-24')}" if text else "the date is empty",
            date_hint(order))
    exercise = values.get("exercise", "")
    if exercise not in known and slug(exercise) in known:
        exercise = slug(exercise)   # 'Goblet Squat' is goblet-squat
    if exercise not in known:
        exercise = resolve(exercise) or exercise   # "Farmer's Carry" by its name, "bench" by an alias
    if exercise not in known:
        bad("exercise", f"no exercise named '{exercise}'" if exercise else "the exercise is empty",
            suggest(slug(exercise), known) or "use the exercise's id, as 'runprint exercises' lists it")
    number = values.get("set", "")
    try:
        number = whole(number, "set")
    except NumberError:
        bad("set", f"'{shorten(number)}' is not a set number from 1 to 20", "number the sets of an exercise 1, 2, 3 ...")
    reps = _whole(values.get("reps", ""), "reps", bad)
    seconds = _seconds(values.get("time", ""), bad)
    meters = _meters(values.get("distance", ""), bad)
    for column in EFFORTS:
        effort = values.get(column, "")
        if effort and not ("," not in effort and decimal(effort) is not None and decimal(effort) <= 10):
            name = column.upper() if column != "effort" else "effort"
            bad(column, f"'{effort}' is not an {name} from 0 to 10", f"write the {name} as a number, e.g. 2 or 8.5")
    side = {"l": "L", "left": "L", "r": "R", "right": "R", "": ""}.get(values.get("side", "").lower())
    if side is None:
        bad("side", f"'{values['side']}' is not a side", "write L or R for a set of one side, or leave it empty")
    label = values.get("label", "")
    if len(label) > MAX_LABEL:
        bad("label", f"'{shorten(label)}' is not an item's label", "write the label the card prints, e.g. 1, 2 or A1")
    if not found and reps is None and seconds is None and meters is None:
        bad("reps", "the row has no reps, time or distance", "write what was done in that set, e.g. 10")
    problems.extend(found)
    if found:
        return None
    return Entry(date, exercise, number, reps, values.get("load", ""), seconds, meters, values.get("effort", ""),
                 values.get("athlete", ""), line, side, values.get("rir", ""), values.get("rpe", ""), label,
                 values.get("block", 0))


def _whole(text: str, column: str, bad) -> int | None:
    if not text:
        return None
    try:
        return whole(text, bounds=(0, BOUNDS["reps"][1]))
    except NumberError:
        bad(column, f"'{shorten(text)}' is not a number of reps", "write the reps done as a whole number, e.g. 10")
        return None


def _seconds(text: str, bad) -> int | None:
    if not text:
        return None
    minutes, colon, rest = text.partition(":")
    found = quantity(rest if colon else text)
    seconds = None
    if found is not None and is_digits(found[0]) and len(found[0]) <= 5:
        number, unit = int(found[0]), found[1].lower()
        if colon and not unit and len(found[0]) == 2 and number < 60 and is_digits(minutes) and len(minutes) <= 3:
            seconds = int(minutes) * 60 + number
        elif not colon and unit in _SECONDS:
            seconds = number * _SECONDS[unit]
    if seconds is None:
        bad("time", f"'{shorten(text)}' is not a time", "write seconds (45 or 45s) or minutes:seconds (1:30)")
    return seconds


def _meters(text: str, bad) -> float | None:
    if not text:
        return None
    found = quantity(text)
    number = decimal(found[0]) if found is not None and "," not in found[0] else None
    if number is None or found[1].lower() not in _METERS:
        bad("distance", f"'{shorten(text)}' is not a distance", "write meters (40 or 40m) or kilometers (1.5km)")
        return None
    return float(number * _METERS[found[1].lower()])

def _who(name: str) -> str:
    return " ".join(name.split()).casefold()


def for_athlete(history: History, athlete: str) -> History:
    """The rows of one athlete, with the rows that name nobody (a file without an athlete
    column is everyone's). A card without a name takes every row, if they are one athlete's."""
    index = history.by_athlete if history.by_athlete is not None else _by_athlete(history.entries)
    if athlete:
        return History(history.file, index.get(_who(athlete), ()) + index.get("", ()))
    names = sorted(set(index) - {""})
    if len(names) > 1:
        raise RunprintError(Problem(history.file, None, "athlete",
                                    f"the history holds {len(names)} athletes' sets, and this card has no athlete",
                                    "name the athlete: --set athlete=NAME"))
    return History(history.file, history.entries)


def reading_notes(history: History) -> list[str]:
    """How the file was read, for the person printing: the columns left alone, and each app
    name that maps to no exercise (its rows are left out, so they must be named)."""
    notes = [f"{history.file}: columns runprint does not read: {', '.join(history.unused)}"] * bool(history.unused)
    for name, rows, close in history.unmapped:
        guess = f"did you mean {close}? " if close else ""
        notes.append(f'{history.file}: no exercise is called "{name}" ({rows} row{"s" * (rows != 1)}, left out); '
                     f'{guess}map it in names.yaml: "{name}": {close or "exercise-id"}')
    return notes


def without_rows(history: History, athletes) -> list[str]:
    """The athletes named in `athletes` who have no rows of their own in a history that names
    athletes: their cards carry only the rows that name nobody, if any."""
    index = history.by_athlete if history.by_athlete is not None else _by_athlete(history.entries)
    if not set(index) - {""}:
        return []
    return list(dict.fromkeys(name for name in athletes if name and _who(name) not in index))
