"""Template + params -> what goes on each page. Pure data, no drawing."""

from __future__ import annotations

from typing import NamedTuple

from .barbell import Lifting, lifting_for
from .errors import Problem, RunprintError, collect
from .history import Entry, History, for_athlete
from .last_time import items_last, last_text
from .library import Library
from .loads import LoadError, parse_max, plate_size, units_of
from .model import DAY_NAMES, DAYS, Exercise, Item, Session, Source, Template
from .prescription import (Prescription, compact_loads, effort_of, fits, load_text, prescribe, set_labels,
                           set_loads, split_sides)
from .naming import suggest
from .numbers import BOUNDS, NumberError, decimal, whole
from .sources import shorten
from .templating import names_read, render

MAX_PARAM = 300           # characters in one --set or roster value: more than any card line holds

LIMITS = {key: BOUNDS[key] for key in ("log_weeks", "week")}


class PlannedItem(NamedTuple):
    label: str
    exercise: Exercise
    prescription: Prescription
    load: str | None = None
    rest: str | None = None
    note: str | None = None
    week_targets: tuple[str, ...] | None = None
    set_loads: tuple[str, ...] | None = None   # one per set, when they differ
    set_labels: tuple[str, ...] | None = None  # each log row's own target ('12', '5+ @ 85 kg'); None: 1, 2, 3
    effort: str | None = None                  # 'RIR' or 'RPE': a cell per set to rate it
    split: bool = False                        # left and right logged in cells of their own
    last: str | None = None                    # 'Last (2026-11-24): 10, 10, 9 @ 12 kg'
    last_sets: tuple[Entry, ...] = ()          # this item's own sets of last time, the Last line's source
    log_sets: int = 0                          # the most sets a logged week asks for (0: this week's)
    lifting: Lifting = Lifting()               # warm-ups, plates a side, e1RM to beat (see barbell.py)

    @property
    def rows(self) -> int:
        """Rows of the log grid: enough for the week with the most sets."""
        return max(self.log_sets, self.prescription.sets)

    @property
    def has_load(self) -> bool:
        return bool(self.load) or bool(self.set_loads) or self.exercise.loaded

    @property
    def load_text(self) -> str | None:
        """The load in one short phrase: '12 kg', or per set '65, 75, 85 kg'."""
        return self.load or (compact_loads(self.set_loads) if self.set_loads else None)


class Around(NamedTuple):
    """What an item takes from its session, its template and the command line."""

    effort: str | None = None      # rir | rpe | none, from the session or template (or --effort)
    forced: bool = False           # --effort given: it wins over the item's own
    history: History | None = None  # this athlete's sets done before


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


def template_param_names(template: Template) -> list[str]:
    """Every name a template reads: its declared params, then others such as optional loads."""
    texts = [template.title, template.description or "", template.effort]
    for session in template.sessions:
        texts += [session.name, session.notes or "", session.effort]
        for item in session.items:
            texts += [item.do, item.sets, item.reps, item.time, item.distance, _joined(item.load), item.max,
                      item.rest, item.note, item.effort, item.sides]
    used = _names_read(texts)
    if any(item.max for session in template.sessions for item in session.items):
        used.add("plate")  # read by plan_item to round a share of max
    return list(template.params) + sorted(used - set(template.params))


def max_param_names(template: Template) -> set[str]:
    """The params an item's `max:` reads: each holds a training max (100, 100 kg, 225lb)."""
    return _names_read([item.max for session in template.sessions for item in session.items])


def _names_read(texts) -> set[str]:
    return set().union(*(names_read(t) for t in texts if isinstance(t, str)))


def coerce_params(template: Template, overrides: dict, origin: str = "--set", strict: bool = False) -> dict:
    """Defaults overridden by --set or roster values, each taking the type of its default."""
    params = dict(template.params)
    problems = []
    known = template_param_names(template) if strict and overrides else []
    maxes = max_param_names(template)
    for key, raw in overrides.items():
        if strict and key not in known and key not in ("bar", "plates"):  # any barbell item reads these
            problems.append(Problem(origin, None, key, f"'{key}' is not a param of this template",
                                    suggest(key, known) or f"its params: {', '.join(known)}"))
            continue
        default = template.params.get(key)
        if len(str(raw)) > MAX_PARAM:
            problems.append(Problem(origin, None, key, f"the value is too long: {len(str(raw)):,} characters, "
                                    f"over the {MAX_PARAM} a card can print", f"shorten the value of {key}"))
            continue
        try:
            params[key] = _max_text(raw) if key in maxes else _coerce(raw, default)
        except ValueError as exc:
            problems.append(Problem(origin, None, key, f"'{shorten(raw)}' is not {exc}",
                                    f"give {key} as {exc}, like the default '{default}'", name=key))
    for key in sorted(maxes & set(overrides)):
        try:
            parse_max(params.get(key), str(params.get("units") or "kg"))
        except LoadError as exc:
            problems.append(Problem(origin, None, key, exc.message, exc.hint, name=key))
    problems += _rounding_problems(params, overrides, maxes, origin)
    if problems:
        raise RunprintError(problems)
    return params


def _rounding_problems(params: dict, overrides: dict, maxes: set[str], origin: str) -> list[Problem]:
    """What a share of max would refuse in the units or plate given here, told about where they
    were given (a roster cell, a --set) rather than the template line that reads them."""
    units = str(params.get("units") or "kg")
    problems = []
    if "units" in overrides and units_of(units) is None and any(str(params.get(m) or "").strip() for m in maxes):
        problems.append(Problem(origin, None, "units", f"a share of max needs units kg or lb, not '{shorten(units)}'",
                                "set units to kg or lb", name="units"))
    elif "plate" in overrides:
        try:
            plate_size(params.get("plate"), units)
        except LoadError as exc:
            problems.append(Problem(origin, None, "plate", exc.message, exc.hint, name="plate"))
    return problems


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
            return whole(raw)
        except NumberError as exc:
            raise ValueError(exc.expected) from None
    if isinstance(default, float):
        value = decimal(raw)
        if value is None:
            raise ValueError("a number")
        return float(value)
    return "" if raw is None else str(raw)


def plan_sessions(template: Template, library: Library, params: dict, session_ids: tuple[str, ...] = (),
                  effort: str | None = None, history: History | None = None) -> list[PlannedSession]:
    """Every chosen session of a template, rendered with the params; all problems raised together.

    `effort` (rir, rpe or none: --effort) wins over the template's; `history` prints last time's numbers."""
    return collect(_choose(template, session_ids),
                   lambda session: plan_session(template, session, library, params, effort, history))


def _choose(template: Template, session_ids: tuple[str, ...]) -> list[Session]:
    if not session_ids:
        return list(template.sessions)
    out = []
    for sid in session_ids:
        session = template.session(sid)
        if session is None:
            known = [s.id for s in template.sessions]
            raise RunprintError(Problem(template.file, None, "--session", f"no session '{sid}' in this template",
                                        suggest(sid, known + [s.name for s in template.sessions]) or "sessions: "
                                        + ", ".join(f"{s.id} ({s.name})" for s in template.sessions)))
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
    raw = str(params.get("athlete") or "")
    name = clean(raw)
    if raw.strip() and not name:
        shown = " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(raw.strip()))[:60]
        raise RunprintError(Problem(file, None, "athlete", f"the name has no character that prints (only {shown})",
                                    "write the name in letters, or leave it empty for a line to write on"))
    if len(name) > MAX_ATHLETE:
        raise RunprintError(Problem(file, None, "athlete", f"the name is {len(name)} characters; "
                                    f"{MAX_ATHLETE} fit on the card", "shorten it, e.g. first name and initial"))
    return name


def plan_session(template: Template, session: Session, library: Library, params: dict,
                 effort: str | None = None, history: History | None = None) -> PlannedSession:
    tsource = Source(template.file, template.title_line, "title")
    log_weeks = _number(params, "log_weeks", tsource)
    week = _number(params, "week", tsource)
    athlete = athlete_name(params, template.file)
    around = Around(effort=effort or effort_of(session.effort, params, session.source) or effort_of(
        template.effort, params, Source(template.file, template.effort_line, "")),
        forced=effort is not None, history=for_athlete(history, athlete) if history else None)
    problems, items = [], []
    for item, label in zip(session.items, _labels(session.items, params)):
        try:
            items.append(plan_item(item, label, library, params, log_weeks, week, around))
        except RunprintError as exc:
            problems.extend(exc.problems)
    try:
        title = fits(render(template.title, params, tsource), tsource, "title")
        name = fits(render(session.name, params, session.source, "name"), session.source, "name")
        notes = fits(render(session.notes, params, session.source, "notes"), session.source, "notes")
    except RunprintError as exc:
        problems.extend(exc.problems)
    if problems:
        raise RunprintError(problems)
    if around.history is not None:
        items = _with_last(items, around.history, str(params.get("units") or "kg"))
    return PlannedSession(title=clean(title), session_id=session.id, name=clean(name), items=tuple(items),
                          athlete=athlete, notes=clean(notes, True) or None,
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


def plan_item(item: Item, label: str, library: Library, params: dict, log_weeks: int, week: int,
              around: Around = Around()) -> PlannedItem:
    try:
        exercise = library.exercise(item.exercise)
    except RunprintError as exc:
        first = exc.problems[0]
        if first.file is None:
            raise RunprintError(first._replace(file=item.source.file, line=item.source.line_of("exercise"),
                                        where=f"{item.source.where}.exercise")) from None
        raise
    prescription = prescribe(item, exercise, params)
    values = {k: fits(render(getattr(item, k), params, item.source, k), item.source, k)
              for k in ("rest", "note")}
    load, loads = _loads(item, params, prescription)
    labels = set_labels(prescription, loads)
    targets, most = None, 0
    if any("week" in _joined(getattr(item, k)) for k in ("do", "sets", "reps", "time", "distance", "load",
                                                        "max")):
        weekly, weekly_labels = [], set()
        for w in range(week, week + log_weeks):
            if w == week:  # this week: worked out above
                presc, one, per_set = prescription, load, loads
            else:
                p = {**params, "week": w}
                presc = prescribe(item, exercise, p)
                one, per_set = _loads(item, p, presc)
            most = max(most, presc.sets)
            if per_set:  # each set with its own load: 5 @ 65, 5 @ 75, 5+ @ 85 kg
                weekly.append(compact_loads(per_set, presc.targets))
            else:
                weekly.append(f"{presc.text} @ {one}" if one else presc.text)
            weekly_labels.add(set_labels(presc, per_set))
        if len(set(weekly)) > 1:
            targets = tuple(weekly)
        if len(weekly_labels) > 1:
            labels = None  # each week's column head says its sets; a row label would hold for one week only
    effort = _effort(item, params, around)
    lifting = lifting_for(item, exercise, params, prescription, loads or load, labels or not targets, around.history)
    return PlannedItem(label=label, exercise=exercise, prescription=prescription, load=load,
                       rest=clean(values["rest"]) or None, note=clean(values["note"], True) or None,
                       week_targets=targets, set_loads=loads, set_labels=labels, effort=effort,
                       split=split_sides(item, params, prescription, exercise), log_sets=most, lifting=lifting)


def _joined(value) -> str:
    return " ".join(value) if isinstance(value, tuple) else (value or "")


def _loads(item: Item, params: dict, prescription: Prescription) -> tuple[str | None, tuple[str, ...] | None]:
    """The item's load: one for every set, or one per set (a list of `load:`) when they differ."""
    if not isinstance(item.load, tuple):
        return clean(load_text(item, item.load, params)) or None, None
    per_set = set_loads(item, [clean(load_text(item, entry, params)) for entry in item.load], prescription.sets)
    if per_set is None or len(set(per_set)) == 1:
        return (per_set[0] if per_set else None) or None, None
    return None, per_set


def _effort(item: Item, params: dict, around: Around) -> str | None:
    """The effort cell's head, 'RIR' or 'RPE': --effort, else the nearest of item, session, template."""
    own = None if around.forced else effort_of(item.effort, params, item.source, "effort")
    chosen = own or around.effort
    return chosen.upper() if chosen in ("rir", "rpe") else None


def _with_last(items: list[PlannedItem], history: History, units: str) -> list[PlannedItem]:
    """Each item with its own sets of last time and their Last line: an exercise done twice
    in the session has two (see last_time), so this waits until every item is planned."""
    found = items_last(history, [(item.label, item.exercise.id, item.prescription.sets) for item in items])
    return [item._replace(last=last_text(sets, {"s": "time", "m": "distance"}.get(item.prescription.unit, "reps"),
                                         units, item.effort), last_sets=sets) for item, sets in zip(items, found)]


def plan_week(template: Template, library: Library, params: dict, effort: str | None = None,
              history: History | None = None) -> PlannedWeek:
    """The week: each day's runs and sessions, or the sessions alone when there is no schedule."""
    sessions = {s.session_id: s for s in plan_sessions(template, library, params, (), effort, history)}
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
