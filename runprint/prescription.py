"""What an item asks for, set by set: `do` shorthand (or sets/reps/time/distance) -> a Prescription.

    3x10        three sets of ten            3x8-12   three sets of 8 to 12
    12,10,8     one set per number           3x5+     the last set as many as possible
    5,3,1+      5, 3, then as many as possible (at least one)
    3x10/side, 3x30s, 3x40m, 30,45,60s       units and sides as before
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import Problem, RunprintError
from .loads import resolve_load
from .model import Exercise, Item, Source
from .numbers import BOUNDS, NumberError, quantity, shown, whole
from .naming import suggest
from .schema import MAX_NAME, MAX_TEXT
from .templating import render

LIMITS = {key: BOUNDS[key] for key in ("sets", "reps", "seconds", "meters")}
# `do` and amounts are read as tokens (a number, a word, or one other character) joined by one
# space, so the patterns below hold no run of spaces to backtrack over: '3 x 10/side' reads
# '3 x 10 / side', and '3x1 1' stays two numbers side by side, which no pattern accepts.
_TOKEN = re.compile(r"[0-9]+|sets?(?=[x×*])|[^\W\d_]+|\S", re.I)
_ENTRY = r"[0-9]+(?: [-–] [0-9]+)?(?: \+)?"
_SIDE = r"(?: \.)?(?: / (?P<side>side|leg|arm|each))?$"
_TAIL = r"(?: (?P<unit>s|sec|secs|seconds|min|mins|minutes|m|meters|metres|reps?|taps|breaths))?" + _SIDE
_DO = re.compile(rf"^(?P<sets>[0-9]+)(?: sets?)? [x×*] (?P<amounts>{_ENTRY})" + _TAIL, re.I)
_LIST = re.compile(rf"^(?P<amounts>{_ENTRY}(?: , {_ENTRY})+)" + _TAIL, re.I)
_AMOUNT = re.compile(rf"^(?P<amounts>{_ENTRY}(?: , {_ENTRY})*)(?: (?P<unit>[a-z]+))?" + _SIDE, re.I)
_ONE = re.compile(r"(?P<low>[0-9]+)(?: [-–] (?P<high>[0-9]+))?(?P<most> \+)?")
_UNITS = {"s": "s", "sec": "s", "secs": "s", "seconds": "s", "min": "min", "mins": "min", "minutes": "min",
          "m": "m", "meters": "m", "metres": "m"}
DO_HINT = "write SETSxREPS like 3x10, 3x10/side, 3x30s or 3x40m, or a number a set: 12,10,8 or 5,3,1+"


class SetTarget(NamedTuple):
    """One set's target: a number or a range; `most` is "as many as possible", printed 5+."""

    low: int
    high: int | None = None
    most: bool = False

    @property
    def label(self) -> str:
        text = f"{self.low}–{self.high}" if self.high else str(self.low)
        return f"{text}+" if self.most else text


class Prescription(NamedTuple):
    sets: int
    low: int
    high: int | None = None
    unit: str = "reps"  # reps | s | m
    per_side: bool = False
    side_word: str = "side"
    shape: tuple[SetTarget, ...] = ()  # per set, only when the sets differ (12,10,8 or 3x5+)

    @property
    def targets(self) -> tuple[SetTarget, ...]:
        """Every set's target, in order: one a row of the log."""
        return self.shape or (SetTarget(self.low, self.high),) * self.sets

    @property
    def amount(self) -> str:
        return _amount(self.low, self.high, self.unit)

    @property
    def text(self) -> str:
        """How a coach writes it: 3 × 10/side, 3 × 5, last set max, 3 sets: 12, 10, 8."""
        side = f"/{self.side_word}" if self.per_side else ""
        if not self.shape:
            return f"{self.sets} × {self.amount}{side}"
        *first, last = self.shape
        if first and set(first) == {first[0]} and not first[0].most and last == first[0]._replace(most=True):
            return f"{self.sets} × {self.amount}{side}, last set max"
        numbers = ", ".join(t.label for t in self.shape)
        unit = {"s": " s", "m": " m"}.get(self.unit, "")
        return f"{self.sets} set{'s' if self.sets > 1 else ''}: {numbers}{unit}{side}"

    @property
    def log_label(self) -> str:
        return {"reps": "reps", "s": "sec", "m": "m"}[self.unit]


def _amount(low: int, high: int | None, unit: str) -> str:
    text = f"{low}–{high}" if high else str(low)
    if unit == "s":
        return f"{text} s" if low < 120 or high else f"{low // 60} min" + (f" {low % 60} s" if low % 60 else "")
    return f"{text} m" if unit == "m" else text


def prescribe(item: Item, exercise: Exercise, params: dict) -> Prescription:
    """Read `do` (3x10, 12,10,8, 3x5+, 3x10/side, 3x30s, 3x40m) or the separate keys into a Prescription."""
    src = item.source
    if item.do is not None:
        text = render(item.do, params, src, "do")
        match = _DO.match(tokens(text)) or _LIST.match(tokens(text))
        if not match:
            raise bad(src, "do", f"cannot read '{shown(text)}' as sets x reps", DO_HINT)
        targets = _targets(match["amounts"], src, "do")
        sets = _whole(match["sets"], src, "do") if "sets" in match.groupdict() else len(targets)
        amount_key, unit, side, written = "do", match["unit"], match["side"], text
    else:
        sets = _whole(render(item.sets, params, src, "sets"), src, "sets", "write the number of sets, e.g. 'sets: 3'")
        amount_key = next((k for k in ("reps", "time", "distance") if getattr(item, k) is not None), "reps")
        targets, unit, side, written = [SetTarget(1)], None, None, None
        if getattr(item, amount_key) is not None:
            amount = written = render(getattr(item, amount_key), params, src, amount_key)
            match = _AMOUNT.match(tokens(amount or ""))
            if not match:
                example = {"reps": "10, 8-12, 5+ or 12,10,8", "time": "30s", "distance": "40m"}[amount_key]
                raise bad(src, amount_key, f"cannot read '{shown(amount)}' as {amount_key}", f"write it like {example}")
            targets, side = _targets(match["amounts"], src, amount_key), match["side"]
            unit = match["unit"] or {"reps": None, "time": "s", "distance": "m"}[amount_key]
        if len(targets) > 1 and len(targets) != sets:
            raise bad(src, amount_key, f"{len(targets)} numbers for {sets} sets",
                      f"give one number per set, or one number for all {sets}")
    if written is not None:
        _check_measure(src, amount_key, exercise, _UNITS.get((unit or "").lower(), "reps"), written, sets)
    unit = _UNITS.get((unit or "").lower()) or {"time": "s", "distance": "m"}.get(exercise.measure, "reps")
    if unit == "min":
        targets, unit = [t._replace(low=t.low * 60, high=t.high and t.high * 60) for t in targets], "s"
    _check(src, "sets", sets, "do" if item.do is not None else "sets")
    for t in targets:
        for n in (t.low, t.high):
            if n is not None:
                _check(src, {"reps": "reps", "s": "seconds", "m": "meters"}[unit], n, amount_key)
    shape = _shape(targets, sets)
    first = targets[0]
    return Prescription(sets=sets, low=first.low, high=first.high, unit=unit,
                        per_side=bool(side) or exercise.per_side,
                        side_word=(side or "side").lower() if side != "each" else "side", shape=shape)


# What each measure is, in words, and a prescription that gives it.
_MEASURES = {"reps": ("counted in reps", "a number of reps", "{sets}x10"),
             "time": ("held for time", "a time", "{sets}x30s"),
             "distance": ("measured in distance", "a distance", "{sets}x40m")}


def _check_measure(src: Source, key: str, exercise: Exercise, unit: str, written: str, sets: int) -> None:
    """A timed exercise given reps (plank 3x8-12), or a reps exercise given seconds, is refused."""
    given = {"s": "time", "min": "time", "m": "distance"}.get(unit, "reps")
    if given == exercise.measure:
        return
    what, _, example = _MEASURES[exercise.measure]
    raise bad(src, key, f"'{written}' is {_MEASURES[given][1]}, but {exercise.id} is {what}",
              f"{exercise.id} is {what}: write {example.format(sets=sets)}")


def tokens(text: str) -> str:
    """'3x10/side' -> '3 x 10 / side': what the patterns of this module read."""
    return " ".join(_TOKEN.findall(text))


def _whole(text, src: Source, key: str, hint: str = "write digits 0-9, e.g. 3x10") -> int:
    try:
        return whole(text)
    except NumberError as exc:
        raise bad(src, key, exc.message, hint) from None


def _targets(text: str, src: Source, key: str) -> list[SetTarget]:
    out = []
    for m in _ONE.finditer(text):
        entry = m.group().replace(" ", "")
        low = _whole(m["low"], src, key)
        high = _whole(m["high"], src, key) if m["high"] else None
        if high is not None and high <= low:
            raise bad(src, key, f"the range {low}-{high} runs backwards",
                      f"write the smaller number first, e.g. {high}-{low}")
        if high is not None and m["most"]:
            raise bad(src, key, f"'{entry}' is both a range and 'as many as possible'",
                      f"write {low}-{high} for a range, or {low}+ for as many as possible")
        out.append(SetTarget(low, high, bool(m["most"])))
    return out


def _shape(targets: list[SetTarget], sets: int) -> tuple[SetTarget, ...]:
    """Per-set targets when the sets differ; () when every set is the same (3x10 as ever)."""
    if len(targets) == 1:
        one = targets[0]
        if not one.most:
            return ()
        # 3x5+: the last set is the one taken to the limit
        return (one._replace(most=False),) * (sets - 1) + (one,)
    if len(set(targets)) == 1 and not targets[0].most:
        return ()
    return tuple(targets)


def bad(src: Source, key: str, message: str, hint: str) -> RunprintError:
    """A problem with one key of a template item, located at that key's line."""
    return RunprintError(Problem(src.file, src.line_of(key), f"{src.where}.{key}", message, hint))


def _check(src: Source, what: str, value: int, key: str) -> None:
    low, high = LIMITS[what]
    if not low <= value <= high:
        raise bad(src, key, f"{value} {what} is outside {low}-{high}",
                  f"a card logs {low} to {high} {what}; check for a typo")


EFFORTS = ("rir", "rpe", "none")


def effort_of(value: str | None, params: dict, src: Source, key: str = "effort") -> str | None:
    """An `effort:` value (template, session or item) rendered and checked: rir, rpe, none or None."""
    text = render(value, params, src, key)
    if not text:
        return None
    word = text.strip().lower()
    if word not in EFFORTS:
        where = f"{src.where}.{key}" if src.where else key
        close = suggest(word, EFFORTS)
        raise RunprintError(Problem(src.file, src.line_of(key), where, f"'{text}' is not one of: rir, rpe, none",
                                    (f"{close} " if close else "") + "rir: reps in reserve; "
                                    "rpe: rate of perceived exertion; none: no effort cell"))
    return word


def set_loads(item: Item, loads: list[str], sets: int) -> tuple[str, ...] | None:
    """A list of loads, one per set; a list of another length is an error at the item's `load:` line."""
    if len(loads) != sets:
        src = item.source
        raise RunprintError(Problem(src.file, src.line_of("load"), f"{src.where}.load",
                                    f"{len(loads)} load{'s' if len(loads) != 1 else ''} for {sets} sets",
                                    f"give one load per set ({sets}), or a single load for every set"))
    return tuple(loads) if any(loads) else None


def set_labels(prescription: Prescription, loads: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """Each log row's own label when the sets differ: '12', '5+', '5 @ 65 kg'; None keeps 1, 2, 3."""
    if not prescription.shape and not loads:
        return None
    labels = [t.label for t in prescription.targets]
    if loads:
        labels = [f"{label} @ {load}" if load else label for label, load in zip(labels, loads)]
    return tuple(labels)


def compact_loads(loads: tuple[str, ...], targets: tuple[SetTarget, ...] = ()) -> str:
    """('65 kg', '75 kg', '85 kg') -> '65, 75, 85 kg'; with the sets' targets, each set with its
    own load: '5 @ 65, 5 @ 75, 5+ @ 85 kg'. Loads in no shared unit are listed as written."""
    matches = [quantity(load) for load in loads]
    units = {m[1] for m in matches if m}
    shared = all(matches) and len(units) == 1 and units <= {"kg", "lb"}
    numbers = [m[0] for m in matches] if shared else [load or "–" for load in loads]
    if targets:
        numbers = [f"{t.label} @ {n}" for t, n in zip(targets, numbers)]
    return ", ".join(numbers) + (f" {units.pop()}" if shared else "")


# The longest each rendered value may be: checked before layout, so a huge param is "too long" at once.
RENDERED_MOST = {"load": 80, "max": 40, "rest": 80, "note": MAX_TEXT, "title": 120, "name": MAX_NAME, "notes": 600}


def fits(text: str | None, src: Source, key: str) -> str | None:
    most = RENDERED_MOST[key]
    if text is not None and len(text) > most:
        raise RunprintError(Problem(src.file, src.line_of(key), f"{src.where}.{key}" if src.where != key else key,
                                    f"too long: {len(text):,} characters once filled in, over the {most} that "
                                    "can print", "shorten the value, or the params it uses"))
    return text


def load_text(item: Item, spec: str | None, params: dict) -> str | None:
    """One load as it prints: text as written, or a share of the item's max rounded to a plate."""
    spec = fits(render(spec, params, item.source, "load"), item.source, "load")
    max_text = fits(render(item.max, params, item.source, "max"), item.source, "max")
    if spec is None and max_text is None:
        return None
    return resolve_load(spec, max_text, str(params.get("units") or "kg"), params.get("plate"), item.source)


def split_sides(item: Item, params: dict, prescription: Prescription, exercise: Exercise) -> bool:
    """`sides: split`: L and R in cells of their own, for an exercise done on each side."""
    sides = render(item.sides, params, item.source, "sides")
    if not sides:
        return False
    src = item.source
    if sides.strip().lower() != "split":
        raise RunprintError(Problem(src.file, src.line_of("sides"), f"{src.where}.sides",
                                    f"'{sides}' is not a way to log sides", "write 'sides: split' to log L and R "
                                    "in cells of their own, or remove the line"))
    if not prescription.per_side:
        raise RunprintError(Problem(src.file, src.line_of("sides"), f"{src.where}.sides",
                                    f"'{exercise.id}' is not done on each side, so it has no L and R to log",
                                    "remove 'sides: split', or prescribe it per side, e.g. do: 3x8/side"))
    return True
