"""The CSV exports of Strong, Hevy and FitNotes, read as the apps write them.

Each app is recognised by its header. Its rows become rows of runprint's own history
(date, exercise id, set, reps, load, time, distance, rpe), so one reader checks them all:
- warm-up sets, drop sets and rest timers are left out, counted by reason;
- each block of an exercise (an exercise done twice in a workout is two blocks) counts
  its work sets from 1, whether the app counts from 0 or counts its warm-ups too;
- the units of a weight come from the header (`Weight (kg)`), else from the file's unit
  column, else they are left for the card's own units;
- app names become ids through exercise_names; a name that maps to nothing is left out,
  counted, and named by the caller.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from .errors import Problem
from .numbers import decimal, is_digits
from .tables import Table, cell_text

# An app, the header keys that recognise it, and the column holding each row's date and exercise.
APPS = (("Strong", {"exercise_name", "set_order"}, "date", "exercise_name"),
        ("Hevy", {"exercise_title", "set_index"}, "start_time", "exercise_title"),
        ("FitNotes", {"exercise", "category"}, "date", "exercise"))
WORKOUT = ("workout", "workout_name", "title")  # with the date, what tells one workout from the next
WEIGHTS = {"weight": None, "weight_kg": "kg", "weight_kgs": "kg", "weight_lb": "lb", "weight_lbs": "lb"}
DISTANCES = {"distance": None, "distance_m": "m", "distance_km": "km", "distance_mi": "mi", "distance_miles": "mi"}
TIMES = ("seconds", "duration_seconds", "time")
METERS = {"m": 1, "meter": 1, "meters": 1, "metre": 1, "metres": 1, "km": 1000, "kms": 1000, "kilometers": 1000,
          "mi": 1609.344, "mile": 1609.344, "miles": 1609.344, "ft": 0.3048, "feet": 0.3048, "yd": 0.9144,
          "yds": 0.9144, "yards": 0.9144}
UNITS = {"kg": "kg", "kgs": "kg", "kilograms": "kg", "lb": "lb", "lbs": "lb", "pounds": "lb"}
DISTANCE_UNKNOWN = "km"  # a distance the file gives no unit for: the apps' default outside the US
WARM_UP, DROP, REST, EMPTY = "warm-up set", "drop set", "rest timer", "set with no reps, time or distance"
MANY = "set after the 20th of an exercise in a workout"
PLURALS = {WARM_UP: "warm-up sets", DROP: "drop sets", REST: "rest timers", EMPTY: "sets with no reps, time or distance",
           MANY: "sets after the 20th of an exercise in a workout"}
MAX_SETS = 20  # of one block: as many as runprint's own history takes
_CLOCK = re.compile(r"^(?:(?P<h>[0-9]{1,3}):)?(?P<m>[0-9]{1,2}):(?P<s>[0-9]{2})$")  # FitNotes' 0:01:30


class AppRows(NamedTuple):
    app: str
    rows: list[tuple[int, dict]]        # (row, values as runprint's own columns)
    skipped: dict[str, int]             # reason -> rows left out for it
    unmapped: dict[str, list[int]]      # an app's name that maps to no exercise -> its rows
    problems: list[Problem]


def app_key(header: str) -> str:
    """'Weight (kg)' -> 'weight_kg'; 'Workout #' -> 'workout'; 'set_index' stays."""
    return re.sub(r"[^0-9a-z]+", "_", str(header).casefold()).strip("_")


def recognise(header: tuple[str, ...]) -> str | None:
    """The app whose export has this header, or None (runprint's own history)."""
    keys = {app_key(h) for h in header}
    if "set" in keys:  # runprint's own column: a lifter's log that happens to have a Category column too
        return None
    return next((app for app, needs, date, name in APPS if needs <= keys and date in keys and name in keys), None)


def read_app(table: Table, app: str, resolve: Callable[[str], str | None]) -> AppRows:
    """An app's rows as runprint's: `resolve` maps an app's exercise name to an id, or None."""
    _, _, date_key, name_key = next(entry for entry in APPS if entry[0] == app)
    index, headers = {}, {}
    for i, header in enumerate(table.header):
        index.setdefault(app_key(header), i)
        headers.setdefault(app_key(header), header)
    rows, skipped, unmapped, problems = [], Counter(), {}, []
    blocks: Counter = Counter()    # exercise -> blocks seen so far: a block's number is unique in the file
    previous = (None, None, None)  # (workout, exercise, the app's set number) of the row before
    done: Counter = Counter()      # (exercise, block) -> work sets so far
    for line, cells in table.rows:
        def cell(key):
            return cell_text(cells[index[key]]) if key in index and index[key] < len(cells) else ""

        name = cell(name_key)
        workout = (cell(date_key), *(cell(k) for k in WORKOUT))
        number = _app_number(app, cell)
        if (workout, name) != previous[:2] or (number is not None and previous[2] is not None and
                                              number <= previous[2]):
            blocks[name] += 1
            previous = (workout, name, number)
        elif number is not None:
            previous = (workout, name, number)
        reason = _left_out(app, cell, name)
        exercise = resolve(name) if name else None
        if reason is None and name and exercise is None:
            unmapped.setdefault(name, []).append(line)
            continue
        values, found = _values(table.file, line, cell, exercise or name, headers)
        problems.extend(found)
        if found:
            continue
        if reason is None and not any(values[k] for k in ("reps", "time", "distance")):
            reason = EMPTY
        if reason is None and done[name, blocks[name]] >= MAX_SETS:
            reason = MANY
        if reason is not None:
            skipped[reason] += 1
            continue
        done[name, blocks[name]] += 1
        values.update(date=cell(date_key), set=str(done[name, blocks[name]]), block=blocks[name])
        rows.append((line, values))
    return AppRows(app, rows, dict(skipped), unmapped, problems)


def _app_number(app: str, cell) -> int | None:
    """The app's own set number, when it gives one: a drop below the last one starts a new block."""
    text = cell("set_order" if app == "Strong" else "set_index")
    return int(text) if is_digits(text) and len(text) <= 4 else None


def _left_out(app: str, cell, name: str) -> str | None:
    """Why a row is no work set (a warm-up, a drop set, a rest timer), or None for a work set."""
    if app == "Strong":
        order = cell("set_order").casefold()
        if "rest" in order or "rest timer" in name.casefold():
            return REST
        return {"w": WARM_UP, "d": DROP}.get(order)
    if app == "Hevy":
        kind = cell("set_type").casefold().replace("_", "").replace("-", "").replace(" ", "")
        return {"warmup": WARM_UP, "dropset": DROP}.get(kind)
    return None


def _values(file: str, line: int, cell, exercise: str, headers: dict) -> tuple[dict, list[Problem]]:
    """A row's numbers as runprint's own columns: load with its units, time in seconds, distance in meters."""
    found = []

    def number(key) -> float | None:
        text = cell(key)
        if not text:
            return None
        value = decimal(text)
        if value is None:
            found.append(Problem(file, line, headers.get(key, key), f"'{text[:40]}' is not a number",
                                 "write a number here, as the app does, e.g. 10 or 102.5"))
            return None
        return float(value)

    weight_key = next((k for k in WEIGHTS if cell(k)), None)
    weight = number(weight_key) if weight_key else None
    unit = WEIGHTS.get(weight_key) or UNITS.get((cell("weight_unit") or cell("unit")).casefold(), "")
    reps = number("reps")
    distance_key = next((k for k in DISTANCES if cell(k)), None)
    distance = number(distance_key) if distance_key else None
    per_meter = METERS.get(DISTANCES.get(distance_key) or cell("distance_unit").casefold() or DISTANCE_UNKNOWN)
    time_key = next((k for k in TIMES if cell(k)), None)
    seconds = _seconds(cell(time_key) if time_key else "", file, line, headers.get(time_key, "time"), found)
    return {"exercise": exercise, "reps": _whole(reps), "load": f"{_short(weight)} {unit}".strip() if weight else "",
            "time": _whole(seconds), "distance": _short(distance * (per_meter or 1)) if distance else "",
            "rpe": _short(number("rpe")) if cell("rpe") else ""}, found


def _seconds(text: str, file: str, line: int, header: str, found: list) -> float | None:
    if not text:
        return None
    clock = _CLOCK.match(text)
    if clock:
        return int(clock["h"] or 0) * 3600 + int(clock["m"]) * 60 + int(clock["s"])
    if decimal(text) is not None:
        return float(decimal(text))
    found.append(Problem(file, line, header, f"'{text[:40]}' is not a time",
                         "write seconds (90) or hours:minutes:seconds (0:01:30), as the app does"))
    return None


def _whole(value: float | None) -> str:
    """A count as its column reads it: 5.0 is '5'; 0 is nothing done."""
    return str(round(value)) if value else ""


def _short(value: float | None) -> str:
    """100.0 -> '100'; 102.5 -> '102.5'; 1609.344 -> '1609.3'."""
    return "" if not value else f"{round(value, 1):g}"
