"""Plain data with lines -> the model. Collects every problem in a file, then raises once."""

from __future__ import annotations

import re
from collections.abc import Collection

from .errors import Problem, RunprintError
from .naming import slug, suggest
from .model import DAYS, GROUPS, MEASURES, Exercise, Item, ScheduleEntry, Session, Source, Template
from .sources import Doc, dotted

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PARAM = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
EXERCISE_KEYS = ("name", "group", "muscles", "equipment", "measure", "per_side", "steps", "cues",
                 "easier", "harder", "variations", "aliases", "video")
TEMPLATE_KEYS = ("title", "description", "params", "sessions", "schedule", "effort")
SESSION_KEYS = ("id", "name", "notes", "exercises", "effort")
ITEM_KEYS = ("exercise", "do", "sets", "reps", "time", "distance", "load", "max", "rest", "note", "superset",
             "effort", "sides", "warmup", "warmup_log")
DAY_ALIASES = {name: day for day in DAYS for name in (day, {"mon": "monday", "tue": "tuesday", "wed": "wednesday",
               "thu": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday"}[day])}
MAX_TEXT = 300
MAX_STEP = 200
MAX_CUE = 60
MAX_NAME = 100  # an exercise's or a session's name: a longer one wraps onto a second line


class Checker:
    """Walks one Doc, recording problems instead of stopping at the first."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, where: tuple, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.doc.path, self.doc.line(where), dotted(where), message, hint))

    def raise_if_any(self) -> None:
        if self.problems:
            self.problems.sort(key=lambda p: p.line or 0)
            raise RunprintError(self.problems)

    def keys(self, data: dict, where: tuple, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> None:
        for key in data:
            if key not in allowed:
                hint = suggest(key, allowed) or f"allowed keys: {', '.join(allowed)}"
                self.add(where + (key,), f"unknown key '{key}'", hint)
        for key in required:
            if data.get(key) is None:
                self.add(where, f"'{key}' is required", f"add a line '{key}: ...'")

    def text(self, data: dict, key: str, where: tuple, *, max_len: int = MAX_TEXT) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            self.add(where + (key,), f"expected text, got {kind(value)}", "write the value as plain text")
            return None
        value = str(value).strip()
        if len(value) > max_len:
            self.add(where + (key,), f"text is {len(value)} characters, over the {max_len} that can print",
                     "shorten it")
        return value

    def text_list(self, data: dict, key: str, where: tuple, *, most: int = 20, max_len: int = MAX_TEXT,
                  what: str = "items", hint: str | None = None) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add(where + (key,), f"expected a list of {what}, got {kind(value)}",
                     hint or 'write it as [a, b] or start each entry on its own line with "- "')
            return ()
        out = []
        for i, entry in enumerate(value):
            if entry is None or isinstance(entry, (bool, dict, list)):
                self.add(where + (key, i), f"expected text, got {kind(entry)}", "write each entry as plain text")
                continue
            entry = str(entry).strip()
            if not entry:
                self.add(where + (key, i), "this entry is empty", "remove the line, or write the text")
                continue
            if len(entry) > max_len:
                self.add(where + (key, i), f"text is {len(entry)} characters, over the {max_len} that can print",
                         "shorten it")
            out.append(entry)
        if len(out) > most:
            self.add(where + (key,), f"{len(out)} {what}, more than the {most} a card can hold",
                     f"keep at most {most}")
        return tuple(out)

    def choice(self, data: dict, key: str, where: tuple, choices: tuple[str, ...], default: str | None = None):
        value = data.get(key, default)
        if value is None:
            return default
        if str(value) not in choices:
            self.add(where + (key,), f"'{value}' is not one of: {', '.join(choices)}",
                     suggest(value, choices) or f"use one of: {', '.join(choices)}")
            return default
        return str(value)

    def boolean(self, data: dict, key: str, where: tuple, default: bool = False) -> bool:
        value = data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.add(where + (key,), f"expected true or false, got {kind(value)}",
                     f"write '{key}: true' or '{key}: false'")
            return default
        return value


def kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return "text"


def exercise_from_doc(doc: Doc, exercise_id: str) -> Exercise:
    check = Checker(doc)
    data = doc.data
    if not ID.match(exercise_id):
        check.add((), f"'{exercise_id}' is not a valid exercise id",
                  f"name the file in lowercase words joined by '-', e.g. {slug(exercise_id)}.yaml")
    check.keys(data, (), EXERCISE_KEYS, required=("name", "group", "steps"))
    name = check.text(data, "name", (), max_len=MAX_NAME)
    group = check.choice(data, "group", (), GROUPS)
    steps = check.text_list(data, "steps", (), most=8, max_len=MAX_STEP, what="steps",
                            hint='start each step on its own line with "- "')
    if "steps" in data and isinstance(data["steps"], list) and not data["steps"]:
        check.add(("steps",), "the list of steps is empty", 'write at least one step, on its own line after "- "')
    video = check.text(data, "video", (), max_len=500)
    if video and not re.match(r"^https?://[^\s/$.?#][^\s]*$", video, re.I):
        check.add(("video",), "a video must be an http:// or https:// address",
                  "paste the full web address, starting with https://")
        video = None
    exercise = Exercise(
        id=exercise_id, name=name or exercise_id, group=group or "full-body", steps=steps,
        muscles=check.text_list(data, "muscles", (), max_len=40, what="muscles"),
        equipment=tuple(e.lower() for e in check.text_list(data, "equipment", (), max_len=40,
                                                            what="pieces of equipment")),
        measure=check.choice(data, "measure", (), MEASURES, "reps"),
        per_side=check.boolean(data, "per_side", ()),
        cues=check.text_list(data, "cues", (), most=4, max_len=MAX_CUE, what="cues"),
        easier=check.text(data, "easier", ()), harder=check.text(data, "harder", ()),
        variations=check.text_list(data, "variations", (), max_len=40, what="variations"),
        aliases=check.text_list(data, "aliases", (), max_len=60, what="aliases"),
        video=video, file=doc.path,
    )
    check.raise_if_any()
    return exercise


def template_from_doc(doc: Doc, name: str, known_exercises: Collection[str] | None = None) -> Template:
    check = Checker(doc)
    data = doc.data
    check.keys(data, (), TEMPLATE_KEYS, required=("title", "sessions"))
    params, abouts = _params(check, data)
    sessions = _sessions(check, data, known_exercises)
    schedule = _schedule(check, data, {s.id for s in sessions})
    template = Template(
        name=name, title=check.text(data, "title", (), max_len=120) or name, sessions=tuple(sessions),
        file=doc.path, params=params, description=check.text(data, "description", (), max_len=600),
        schedule=schedule, title_line=doc.line(("title",)), description_line=doc.line(("description",)),
        effort=check.text(data, "effort", (), max_len=40), effort_line=doc.line(("effort",)),
        abouts=abouts, param_lines={key: doc.line(("params", key)) for key in params if doc.line(("params", key))},
    )
    check.raise_if_any()
    return template


def _params(check: Checker, data: dict) -> tuple[dict, dict]:
    """Each param's default, and what the params written {default: ..., about: ...} say they are."""
    params = data.get("params") or {}
    if not isinstance(params, dict):
        check.add(("params",), f"expected a mapping of names to default values, got {kind(params)}",
                  "write it as 'params: {week: 1, units: kg}'")
        return {}, {}
    out, abouts = {}, {}
    for key, value in params.items():
        if not PARAM.match(key):
            check.add(("params", key), f"'{key}' is not a usable param name",
                      "use letters, digits and '_', starting with a letter, e.g. row_load")
            continue
        if isinstance(value, dict) and (key != "plates" or {"default", "about"} & set(value)):
            check.keys(value, ("params", key), ("default", "about"))
            about = check.text(value, "about", ("params", key), max_len=200)
            if about:
                abouts[key] = " ".join(about.split())
            value = value.get("default")
        if isinstance(value, (dict, list)) and key != "plates":  # plates: sizes, or how many of each
            check.add(("params", key), f"a param's default must be a single value, got {kind(value)}",
                      "give a number or a piece of text, or write {default: 0, about: \"what it is\"}")
        else:
            out[key] = "" if value is None else value
    out.setdefault("athlete", "")
    out.setdefault("week", 1)
    out.setdefault("units", "kg")
    out.setdefault("log_weeks", 4)
    return out, abouts


def _sessions(check: Checker, data: dict, known: Collection[str] | None) -> list[Session]:
    raw = data.get("sessions")
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw:
        check.add(("sessions",), "expected a list of at least one session", 'start each session with "- name: ..."')
        return []
    sessions, seen = [], {}
    for i, entry in enumerate(raw):
        where = ("sessions", i)
        if not isinstance(entry, dict):
            check.add(where, f"expected a session (a mapping of keys), got {kind(entry)}",
                      "give each session a 'name:' and an 'exercises:' list")
            continue
        check.keys(entry, where, SESSION_KEYS, required=("name", "exercises"))
        name = check.text(entry, "name", where, max_len=MAX_NAME) or f"Session {i + 1}"
        sid = check.text(entry, "id", where, max_len=40) or slug(name)
        if not ID.match(sid):
            check.add(where + ("id",), f"'{sid}' is not a valid session id",
                      f"use lowercase words joined by '-', e.g. {slug(sid)}")
        if sid in seen:
            check.add(where + ("id",), f"two sessions share the id '{sid}' (the first is sessions[{seen[sid]}])",
                      "give each session its own 'id:'")
        seen[sid] = i
        items = _items(check, entry, where, known)
        sessions.append(Session(id=sid, name=name, items=tuple(items), notes=check.text(entry, "notes", where),
                                source=Source(check.doc.path, check.doc.line(where), dotted(where),
                                              _key_lines(check, entry, where)),
                                effort=check.text(entry, "effort", where, max_len=40)))
    return sessions


def _items(check: Checker, session: dict, where: tuple, known: Collection[str] | None) -> list[Item]:
    raw = session.get("exercises")
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw:
        check.add(where + ("exercises",), "expected a list of at least one exercise",
                  'start each with "- exercise: push-up"')
        return []
    items = []
    for j, entry in enumerate(raw):
        at = where + ("exercises", j)
        if isinstance(entry, str):
            entry = {"exercise": entry}
        if not isinstance(entry, dict):
            check.add(at, f"expected an exercise entry, got {kind(entry)}", 'write "- exercise: push-up" and its "do:"')
            continue
        check.keys(entry, at, ITEM_KEYS, required=("exercise",))
        exercise = check.text(entry, "exercise", at, max_len=60)
        if exercise and known is not None and exercise not in known:
            check.add(at + ("exercise",), f"no exercise named '{exercise}'",
                      suggest(exercise, known) or "run 'runprint exercises' to list them")
        values = {k: check.text(entry, k, at, max_len=MAX_TEXT) for k in ITEM_KEYS[1:]
                  if k not in ("load", "warmup", "warmup_log")}
        values["load"] = _load(check, entry, at)
        values["warmup"] = _warmup(check, entry, at)
        values["warmup_log"] = check.boolean(entry, "warmup_log", at)
        if values["do"] is not None and any(values[k] is not None for k in ("sets", "reps", "time", "distance")):
            check.add(at + ("do",), "give either 'do:' or sets with reps/time/distance, not both",
                      "keep 'do: 3x10', or remove it and keep the separate keys")
        elif values["do"] is None and values["sets"] is None:
            check.add(at, "no prescription: 'do:' or 'sets:' is required",
                      "add 'do: 3x10' (or 3x30s, 3x40m, 3x8/side)")
        items.append(Item(exercise=exercise or "", source=Source(check.doc.path, check.doc.line(at), dotted(at),
                                                                 _key_lines(check, entry, at)), **values))
    return items


def _key_lines(check: Checker, entry: dict, at: tuple) -> tuple[tuple[str, int], ...]:
    return tuple((k, check.doc.lines[at + (k,)]) for k in entry if at + (k,) in check.doc.lines)


def _text_or_list(check: Checker, entry: dict, at: tuple, key: str, most: int, max_len: int, what: str,
                  hint: str, empty_hint: str) -> str | tuple[str, ...] | None:
    """One value as text, or a list of them (one per set); an empty list is a mistake."""
    if not isinstance(entry.get(key), list):
        return check.text(entry, key, at, max_len=MAX_TEXT)
    values = check.text_list(entry, key, at, most=most, max_len=max_len, what=what, hint=hint)
    if not entry[key]:
        check.add(at + (key,), f"the list of {what} is empty", empty_hint)
    return values or None


def _load(check: Checker, entry: dict, at: tuple) -> str | tuple[str, ...] | None:
    """One load (`12 kg`, `70%`), or a list with one per set (`[65%, 75%, 85%]`)."""
    return _text_or_list(check, entry, at, "load", 10, 60, "loads",
                         "write one load per set: [65%, 75%, 85%] or [10 kg, 12 kg, 14 kg]",
                         "write one load per set, or remove 'load:'")


def _warmup(check: Checker, entry: dict, at: tuple) -> str | tuple[str, ...] | None:
    """`standard`, or warm-up sets as shares of the first work set: [40%x5, 60%x3, 80%x2]."""
    return _text_or_list(check, entry, at, "warmup", 8, 40, "warm-up sets",
                         "write each warm-up set as a share of the first work set and reps: [40%x5, 60%x3]",
                         "write [40%x5, 60%x3, 80%x2], or 'warmup: standard', or remove 'warmup:'")


def _schedule(check: Checker, data: dict, session_ids: set[str]) -> tuple[ScheduleEntry, ...]:
    raw = data.get("schedule")
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        check.add(("schedule",), f"expected weekdays with what to do on each, got {kind(raw)}",
                  "write lines like 'mon: Easy run 40 min' or 'tue: day-1'")
        return ()
    out = {}
    for key, value in raw.items():
        day = DAY_ALIASES.get(str(key).lower())
        if day is None:
            check.add(("schedule", key), f"'{key}' is not a weekday",
                      suggest(str(key).lower(), DAYS) or "use mon, tue, wed, thu, fri, sat or sun")
            continue
        entries = value if isinstance(value, list) else [value]
        texts = []
        for entry in entries:
            if entry is None or isinstance(entry, (dict, list, bool)):
                check.add(("schedule", key), f"expected a run or a session id, got {kind(entry)}",
                          "write free text for a run, or a session id such as day-1")
                continue
            text = str(entry).strip()[:MAX_TEXT]
            close = suggest(text, session_ids) if _looks_like_id(text) and text not in session_ids else None
            if close:
                check.add(("schedule", key), f"'{text}' is not a session of this template",
                          f"{close} (other text, such as 'Easy run 40 min', prints as a run)")
            texts.append(text)
        out[day] = ScheduleEntry(day, tuple(texts), Source(check.doc.path, check.doc.line(("schedule", key)),
                                                           f"schedule.{key}"))
    return tuple(out[d] for d in DAYS if d in out)


def _looks_like_id(text: str) -> bool:
    """'day-3' or 'day1' reads as a session id; 'Easy run 40 min' or 'Intervals' as a run."""
    return bool(ID.match(text)) and any(c.isdigit() for c in text)
