"""Template + params -> what goes on each page. Pure data, no drawing."""

from __future__ import annotations

from typing import NamedTuple

import re

from .errors import Problem, RunprintError, collect
from .library import Library
from .loads import LoadError, parse_max, resolve_load
from .model import DAY_NAMES, DAYS, Exercise, Item, Session, Source, Template
from .schema import suggest
from .templating import render

LIMITS = {"sets": (1, 10), "reps": (1, 200), "seconds": (1, 3600), "meters": (1, 10_000), "log_weeks": (1, 8),
          "week": (1, 52)}
_DO = re.compile(
    r"^(?P<sets>\d+)\s*(?:sets?\s*)?[x×X*]\s*(?P<low>\d+)(?:\s*[-–]\s*(?P<high>\d+))?\s*"
    r"(?P<unit>s|sec|secs|seconds|min|mins|minutes|m|meters|metres|reps?|taps|breaths)?\.?\s*"
    r"(?:/\s*(?P<side>side|leg|arm|each))?$", re.I)
_AMOUNT = re.compile(r"^(?P<low>\d+)(?:\s*[-–]\s*(?P<high>\d+))?\s*(?P<unit>[a-z]+)?\.?\s*"
                     r"(?:/\s*(?P<side>side|leg|arm|each))?$", re.I)
_UNITS = {"s": "s", "sec": "s", "secs": "s", "seconds": "s", "min": "min", "mins": "min", "minutes": "min",
          "m": "m", "meters": "m", "metres": "m"}


class Prescription(NamedTuple):
    sets: int
    low: int
    high: int | None = None
    unit: str = "reps"  # reps | s | m
    per_side: bool = False
    side_word: str = "side"

    @property
    def amount(self) -> str:
        text = f"{self.low}–{self.high}" if self.high else str(self.low)
        if self.unit == "s":
            return f"{text} s" if self.low < 120 or self.high else f"{self.low // 60} min" + (
                f" {self.low % 60} s" if self.low % 60 else "")
        return f"{text} m" if self.unit == "m" else text

    @property
    def text(self) -> str:
        side = f"/{self.side_word}" if self.per_side else ""
        return f"{self.sets} × {self.amount}{side}"

    @property
    def log_label(self) -> str:
        return {"reps": "reps", "s": "sec", "m": "m"}[self.unit]


class PlannedItem(NamedTuple):
    label: str
    exercise: Exercise
    prescription: Prescription
    load: str | None = None
    rest: str | None = None
    note: str | None = None
    week_targets: tuple[str, ...] | None = None

    @property
    def has_load(self) -> bool:
        return bool(self.load) or self.exercise.loaded


class PlannedSession(NamedTuple):
    """One card: everything the page shows, already rendered to text."""

    title: str
    session_id: str
    name: str
    items: tuple[PlannedItem, ...]
    athlete: str = ""
    notes: str | None = None
    units: str = "kg"
    log_weeks: int = 4
    start_week: int = 1
    file: str = ""


class PlannedDay(NamedTuple):
    day: str
    name: str
    runs: tuple[str, ...]
    sessions: tuple[PlannedSession, ...]


class PlannedWeek(NamedTuple):
    title: str
    athlete: str
    week: int
    days: tuple[PlannedDay, ...]
    unscheduled: tuple[PlannedSession, ...]
    description: str | None = None
    file: str = ""


def clean(text, multiline: bool = False) -> str:
    """Text as it can print: no control characters; one line unless the field may wrap."""
    text = "" if text is None else str(text)
    if multiline:
        lines = ("".join(c for c in line if c.isprintable()) for line in text.splitlines())
        return "\n".join(" ".join(line.split()) for line in lines).strip()
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


_BLOCK = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
_STRING = re.compile(r"'[^']*'|\"[^\"]*\"")
_NAME = re.compile(r"(?<![\w.|])([A-Za-z_]\w*)")
_JINJA_WORDS = frozenset("""if else elif endif for endfor in not and or is set endset true false none True False None
    loop range namespace macro endmacro call endcall filter endfilter with endwith recursive""".split())


def template_param_names(template: Template) -> list[str]:
    """Every name a template reads: its declared params, then others such as optional loads."""
    texts = [template.title, template.description or ""]
    for session in template.sessions:
        texts += [session.name, session.notes or ""]
        for item in session.items:
            texts += [item.do, item.sets, item.reps, item.time, item.distance, item.load, item.max, item.rest,
                      item.note]
    used = _names_read(texts)
    if any(item.max for session in template.sessions for item in session.items):
        used.add("plate")  # read by plan_item to round a share of max
    return list(template.params) + sorted(used - set(template.params))


def max_param_names(template: Template) -> set[str]:
    """The params an item's `max:` reads: each holds a training max (100, 100 kg, 225lb)."""
    return _names_read([item.max for session in template.sessions for item in session.items])


def _names_read(texts) -> set[str]:
    used = set()
    for block in _BLOCK.finditer(" ".join(t for t in texts if t)):
        code = re.sub(r"([|.])\s+", r"\1", _STRING.sub("''", block.group(1) or block.group(2)))
        used.update(m.group(1) for m in _NAME.finditer(code) if m.group(1) not in _JINJA_WORDS)
    return used


def coerce_params(template: Template, overrides: dict, origin: str = "--set", strict: bool = False) -> dict:
    """Defaults overridden by --set or roster values, each taking the type of its default."""
    params = dict(template.params)
    problems = []
    known = template_param_names(template) if strict else []
    maxes = max_param_names(template)
    for key, raw in overrides.items():
        if strict and key not in known:
            problems.append(Problem(origin, None, key, f"'{key}' is not a param of this template",
                                    suggest(key, known) or f"its params: {', '.join(known)}"))
            continue
        default = template.params.get(key)
        try:
            params[key] = _max_text(raw) if key in maxes else _coerce(raw, default)
        except ValueError as exc:
            problems.append(Problem(origin, None, key, f"'{raw}' is not {exc}",
                                    f"give {key} as {exc}, like the default '{default}'", name=key))
    for key in sorted(maxes & set(overrides)):
        try:
            parse_max(params.get(key), str(params.get("units") or "kg"))
        except LoadError as exc:
            problems.append(Problem(origin, None, key, exc.message, exc.hint, name=key))
    if problems:
        raise RunprintError(problems)
    return params


def _max_text(raw) -> str:
    """A max stays as written (100 kg, 225lb); a spreadsheet's 100.0 reads 100."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return "" if raw is None else str(raw).strip()


def _coerce(raw, default):
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in ("true", "yes", "1", "on"):
            return True
        if word in ("false", "no", "0", "off", ""):
            return False
        raise ValueError("true or false")
    if isinstance(default, int):
        try:
            return int(str(raw).strip(), 10)
        except ValueError:
            raise ValueError("a whole number") from None
    if isinstance(default, float):
        try:
            return float(str(raw).strip())
        except ValueError:
            raise ValueError("a number") from None
    return "" if raw is None else str(raw)


def plan_sessions(template: Template, library: Library, params: dict,
                  session_ids: tuple[str, ...] = ()) -> list[PlannedSession]:
    """Every chosen session of a template, rendered with the params; all problems raised together."""
    return collect(_choose(template, session_ids), lambda session: plan_session(template, session, library, params))


def _choose(template: Template, session_ids: tuple[str, ...]) -> list[Session]:
    if not session_ids:
        return list(template.sessions)
    out = []
    for sid in session_ids:
        session = template.session(sid)
        if session is None:
            known = [s.id for s in template.sessions]
            raise RunprintError(Problem(template.file, None, "--session", f"no session '{sid}' in this template",
                                        suggest(sid, known) or f"sessions: {', '.join(known)}"))
        out.append(session)
    return out


def _number(params: dict, key: str, source: Source) -> int:
    value = params.get(key)
    low, high = LIMITS[key]
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise RunprintError(Problem(source.file, None, f"params.{key}",
                                    f"'{value}' is not a whole number from {low} to {high}",
                                    f"set it with --set {key}=N"))
    return value


MAX_ATHLETE = 60


def athlete_name(params: dict, file: str) -> str:
    name = clean(params.get("athlete"))
    if len(name) > MAX_ATHLETE:
        raise RunprintError(Problem(file, None, "athlete", f"the name is {len(name)} characters; "
                                    f"{MAX_ATHLETE} fit on the card", "shorten it, e.g. first name and initial"))
    return name


def plan_session(template: Template, session: Session, library: Library, params: dict) -> PlannedSession:
    tsource = Source(template.file, template.title_line, "title")
    log_weeks = _number(params, "log_weeks", tsource)
    week = _number(params, "week", tsource)
    problems, items = [], []
    for item, label in zip(session.items, _labels(session.items, params)):
        try:
            items.append(plan_item(item, label, library, params, log_weeks, week))
        except RunprintError as exc:
            problems.extend(exc.problems)
    try:
        title = render(template.title, params, tsource)
        name = render(session.name, params, session.source, "name")
        notes = render(session.notes, params, session.source, "notes")
    except RunprintError as exc:
        problems.extend(exc.problems)
    if problems:
        raise RunprintError(problems)
    return PlannedSession(title=clean(title), session_id=session.id, name=clean(name), items=tuple(items),
                          athlete=athlete_name(params, template.file), notes=clean(notes, True) or None,
                          units=str(params.get("units") or "kg"), log_weeks=log_weeks, start_week=week,
                          file=template.file)


def _labels(items: tuple[Item, ...], params: dict) -> list[str]:
    labels, number, previous, index = [], 0, None, 0
    for item in items:
        group = render(item.superset, params, item.source, "superset") if item.superset else None
        if group:
            index = index + 1 if group == previous else 1
            labels.append(f"{group}{index}")
        else:
            number += 1
            labels.append(str(number))
        previous = group
    return labels


def plan_item(item: Item, label: str, library: Library, params: dict, log_weeks: int, week: int) -> PlannedItem:
    try:
        exercise = library.exercise(item.exercise)
    except RunprintError as exc:
        first = exc.problems[0]
        if first.file is None:
            raise RunprintError(first._replace(file=item.source.file, line=item.source.line_of("exercise"),
                                        where=f"{item.source.where}.exercise")) from None
        raise
    prescription = prescribe(item, exercise, params)
    values = {k: render(getattr(item, k), params, item.source, k) for k in ("rest", "note")}
    values["load"] = item_load(item, params)
    targets = None
    if any("week" in (getattr(item, k) or "") for k in ("do", "sets", "reps", "time", "distance", "load", "max")):
        weekly = []
        for w in range(week, week + log_weeks):
            p = {**params, "week": w}
            text = prescribe(item, exercise, p).text
            load = item_load(item, p)
            weekly.append(f"{text} @ {load}" if load else text)
        if len(set(weekly)) > 1:
            targets = tuple(weekly)
    return PlannedItem(label=label, exercise=exercise, prescription=prescription,
                       load=clean(values["load"]) or None, rest=clean(values["rest"]) or None,
                       note=clean(values["note"], True) or None,
                       week_targets=targets)


def item_load(item: Item, params: dict) -> str | None:
    """The load to print: text as written, or a share of the item's max rounded to a plate."""
    spec = render(item.load, params, item.source, "load")
    max_text = render(item.max, params, item.source, "max")
    if spec is None and max_text is None:
        return None
    return resolve_load(spec, max_text, str(params.get("units") or "kg"), params.get("plate"), item.source)


def prescribe(item: Item, exercise: Exercise, params: dict) -> Prescription:
    """Read `do` (3x10, 3x10/side, 3x30s, 3x40m) or the separate keys into a Prescription."""
    src = item.source
    if item.do is not None:
        text = render(item.do, params, src, "do")
        match = _DO.match(text)
        if not match:
            raise _bad(src, "do", f"cannot read '{text}' as sets x reps",
                       "write SETSxREPS like 3x10, 3x10/side, 3x30s or 3x40m")
        sets, low, high = int(match["sets"]), int(match["low"]), match["high"]
        unit, side = match["unit"], match["side"]
    else:
        sets_text = render(item.sets, params, src, "sets")
        if not (sets_text or "").isdigit():
            raise _bad(src, "sets", f"'{sets_text}' is not a whole number",
                       "write the number of sets, e.g. 'sets: 3'")
        sets = int(sets_text)
        key = next((k for k in ("reps", "time", "distance") if getattr(item, k) is not None), None)
        if key is None:
            low, high, unit, side = 1, None, None, None
        else:
            amount = render(getattr(item, key), params, src, key)
            match = _AMOUNT.match(amount or "")
            if not match:
                example = {"reps": "10 or 8-12", "time": "30s", "distance": "40m"}[key]
                raise _bad(src, key, f"cannot read '{amount}' as {key}",
                           f"write it like {example}")
            low, high, side = int(match["low"]), match["high"], match["side"]
            unit = match["unit"] or {"reps": None, "time": "s", "distance": "m"}[key]
    unit = _UNITS.get((unit or "").lower()) or {"time": "s", "distance": "m"}.get(exercise.measure, "reps")
    if unit == "min":
        low, high, unit = low * 60, (int(high) * 60 if high else None), "s"
    high = int(high) if high else None
    _check_range(src, "sets", sets, "do" if item.do is not None else "sets")
    amount_key = "do" if item.do is not None else (key or "reps")
    for n in (low, high):
        if n is not None:
            _check_range(src, {"reps": "reps", "s": "seconds", "m": "meters"}[unit], n, amount_key)
    if high is not None and high <= low:
        raise _bad(src, "do", f"the range {low}-{high} runs backwards",
                   f"write the smaller number first, e.g. {high}-{low}")
    return Prescription(sets=sets, low=low, high=high, unit=unit, per_side=bool(side) or exercise.per_side,
                        side_word=(side or "side").lower() if side != "each" else "side")


def _bad(src: Source, key: str, message: str, hint: str) -> RunprintError:
    """A problem with one key of a template item, located at that key's line."""
    return RunprintError(Problem(src.file, src.line_of(key), f"{src.where}.{key}", message, hint))


def _check_range(src: Source, what: str, value: int, key: str) -> None:
    low, high = LIMITS[what]
    if not low <= value <= high:
        raise _bad(src, key, f"{value} {what} is outside {low}-{high}",
                   f"a card logs {low} to {high} {what}; check for a typo")


def plan_week(template: Template, library: Library, params: dict) -> PlannedWeek:
    """The week: each day's runs and sessions, or the sessions alone when there is no schedule."""
    sessions = {s.session_id: s for s in plan_sessions(template, library, params)}
    title = next(iter(sessions.values())).title if sessions else template.title
    days, used = [], set()
    by_day = {entry.day: entry for entry in template.schedule}
    for day, day_name in zip(DAYS, DAY_NAMES):
        entry = by_day.get(day)
        runs, planned = [], []
        for text in entry.entries if entry else ():
            text = render(text, params, entry.source)
            if text in sessions:
                planned.append(sessions[text])
                used.add(text)
            elif text:
                runs.append(text)
        days.append(PlannedDay(day, day_name, tuple(runs), tuple(planned)))
    unscheduled = tuple(s for sid, s in sessions.items() if sid not in used) if template.schedule else tuple(
        sessions.values())
    return PlannedWeek(title=clean(title), athlete=athlete_name(params, template.file), week=params.get("week", 1),
                       days=tuple(days), unscheduled=unscheduled,
                       description=render(template.description, params,
                                          Source(template.file, template.description_line, "description")),
                       file=template.file)
