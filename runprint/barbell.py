"""What a barbell item adds to its card: warm-up sets, the plates a side for each set, and an
estimated one-rep max to beat.

Plain data from rendered text; `plan` asks `lifting_for` once per item. The loads it
reads are those plan worked out ('90 kg'); the warm-ups are shares of the first work set,
rounded to the plate like every other share:

    warmup: [40%x5, 60%x3, 80%x2]   first work set 100 kg -> 5 @ 40 kg, 3 @ 60 kg, 2 @ 80 kg
    warmup: standard                the empty bar x 5, then 40%x5, 60%x3, 80%x2

The e1RM is Epley's: load x (1 + reps / 30), a single rep being its own load.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .errors import Problem, RunprintError
from .history import Entry, History
from . import numbers
from .loads import UNITS, LoadError, format_load, plate_size, units_of
from .model import Exercise, Item, Source
from .plates import Gym, PlatesError, load_bar, number, read_gym
from .prescription import Prescription
from .templating import render

STANDARD = ("bar x5", "40%x5", "60%x3", "80%x2")
ROUGH_REPS = 10        # Epley's guess from more reps than this is rough
SUGGESTED_SHARE = 90   # % of the e1RM: a training max
_WARMUP = re.compile(r"^(?:(?P<share>[0-9]{1,3}(?:\.[0-9]{1,2})?)\s?%|(?P<bar>bar))\s?[x×]\s?(?P<reps>[0-9]{1,2})$",
                     re.I)
WARMUP_HINT = "write each warm-up set as a share of the first work set and its reps: [40%x5, 60%x3, 80%x2], " \
              "or 'warmup: standard'"


class WarmupRow(NamedTuple):
    """One warm-up set as its row of the log prints it."""

    label: str        # '5 @ 40 kg'; '5 @ 40%' when the work set's load is not known
    plates: str = ""  # '20 kg bar + 10', for a barbell load


class Lifting(NamedTuple):
    """What an item adds to its card for a lifter: warm-up rows, plates a side, an e1RM to beat."""

    warmups: tuple[WarmupRow, ...] = ()    # rows above the work sets: '5 @ 40 kg' and its plates
    warmup_log: bool = False               # the warm-up rows have log cells too
    plates: tuple[str, ...] | None = None  # per work set ('' for one without a load); None: no barbell load
    e1rm: str | None = None                # 'e1RM 140 kg (Epley: 120 x 5, 2026-11-24)'
    suggestion: str | None = None          # 'suggested training max 125 kg (90 % of e1RM, to the plate)'
    warnings: tuple[str, ...] = ()         # for stderr: a load the plates cannot make, printed marked


def lifting_for(item: Item, exercise: Exercise, params: dict, prescription: Prescription,
                load: str | tuple[str, ...] | None, on_rows, history: History | None) -> Lifting:
    """Warm-ups, plates and e1RM for one item. `load` is the load of every set, or each set's own;
    `on_rows` is true when the log's rows print it (not when each week's column says its own loads);
    `history` the athlete's sets (None: none given)."""
    loads = [] if not on_rows else list(load) if isinstance(load, tuple) else [load or ""] * prescription.sets
    units = units_of(params.get("units")) or ""
    on_bar = "barbell" in exercise.equipment
    gym = _gym(params, units, item.source) if on_bar and units else None  # read even when no load needs it
    warnings: list[str] = []
    plates = None
    if gym is not None and any(loads):
        plates = tuple(_plates(load, gym, units, exercise, f"set {n}", warnings) for n, load in enumerate(loads, 1))
        if not any(plates):
            plates = None
    warmups = _warmups(item, exercise, params, loads[0] if loads else "", units, gym, warnings)
    past = [e for e in history.entries if e.exercise == exercise.id] if history else []
    asks_most = any(t.most for t in prescription.targets)
    e1rm, suggestion = _estimate(item, params, units, past) if asks_most and past else (None, None)
    return Lifting(warmups, item.warmup_log, plates, e1rm, suggestion, tuple(dict.fromkeys(warnings)))


def _gym(params: dict, units: str, source: Source) -> Gym:
    try:
        return read_gym(params.get("bar"), params.get("plates"), units)
    except PlatesError as exc:
        raise RunprintError(Problem(source.file, None, f"params.{exc.key}", exc.message, exc.hint)) from None


def weight(text: str, units: str) -> Decimal | None:
    """'90 kg' (or a bare 90) in the card's units -> 90; anything else -> None."""
    try:
        found = numbers.weight(text, UNITS)
    except numbers.NumberError:
        return None
    if found is None or (found[1] and found[1] != units):
        return None
    return found[0]


def _plates(load: str, gym: Gym, units: str, exercise: Exercise, where: str, warnings: list[str]) -> str:
    value = weight(load, units)
    if value is None:
        if load:
            warnings.append(f"{exercise.id}, {where}: no plates worked out for '{load}', which is not a "
                            f"number of {units}")
        return ""
    loading = load_bar(value, gym)
    if not loading.exact:
        warnings.append(f"{exercise.id}: {number(value)} {units} cannot be made with a "
                        f"{number(gym.bar)} {units} bar and plates of {', '.join(number(p) for p, _ in gym.plates)} "
                        f"{units}; the card shows the nearest, {number(loading.built)} {units}, marked *")
    return loading.text(units)


def _warmups(item: Item, exercise: Exercise, params: dict, first: str, units: str, gym: Gym | None,
             warnings: list[str]) -> tuple[WarmupRow, ...]:
    spec = item.warmup
    if spec is None:
        return ()
    src = item.source
    on_bar = "barbell" in exercise.equipment
    if isinstance(spec, str):
        text = render(spec, params, src, "warmup").strip()
        if not text:
            return ()
        if text.lower() != "standard":
            raise RunprintError(Problem(src.file, src.line_of("warmup"), f"{src.where}.warmup",
                                        f"'{text[:40]}' is not a warm-up", WARMUP_HINT))
        sets = STANDARD if on_bar else STANDARD[1:]
    else:
        sets = tuple(render(s, params, src, "warmup").strip() for s in spec)
    top = weight(first, units) if units else None
    step = _step(params, units, src) if top is not None else None
    rows, seen = [], set()
    for entry in sets:
        match = _WARMUP.match(entry)
        if not match:
            raise RunprintError(Problem(src.file, src.line_of("warmup"), f"{src.where}.warmup",
                                        f"cannot read '{entry[:40]}' as a warm-up set", WARMUP_HINT))
        reps = numbers.whole(match["reps"])
        share = None if match["bar"] else numbers.decimal(match["share"])
        if share is None and not on_bar:
            raise RunprintError(Problem(src.file, src.line_of("warmup"), f"{src.where}.warmup",
                                        f"'{entry}' is a warm-up with the empty bar, but {exercise.id} is not "
                                        "done with a barbell", "give the warm-up as a share of the work set: 40%x5"))
        if share is not None and not 0 < share < 100:
            raise RunprintError(Problem(src.file, src.line_of("warmup"), f"{src.where}.warmup",
                                        f"a warm-up at {entry} is not lighter than the work set",
                                        "give a share from 1% to 99% of the first work set"))
        if not 1 <= reps <= 20:
            raise RunprintError(Problem(src.file, src.line_of("warmup"), f"{src.where}.warmup",
                                        f"{reps} reps is outside 1-20 for a warm-up set", WARMUP_HINT))
        if top is None:
            rows.append(WarmupRow(f"{reps} @ {'bar' if share is None else number(share) + '%'}"))
            continue
        bar = gym.bar if gym is not None else Decimal(0)
        load = bar if share is None else max((top * share / 100 / step).quantize(Decimal(1), ROUND_HALF_UP) * step,
                                             bar)
        if load in seen or load >= top:
            continue  # a light work set: the bar would be lifted twice, or the warm-up as heavy as the work
        seen.add(load)
        plates = _plates(format_load(load, units), gym, units, exercise, "warm-up", warnings) if gym and share else ""
        shown = f"{number(load)} {units} bar" if share is None and gym else format_load(load, units)
        rows.append(WarmupRow(f"{reps} @ {shown}", plates))
    return tuple(rows)


def _step(params: dict, units: str, source: Source) -> Decimal:
    try:
        return plate_size(params.get("plate"), units)
    except LoadError as exc:
        raise RunprintError(Problem(source.file, None, "params.plate", exc.message, exc.hint)) from None


def epley(load: Decimal, reps: int) -> Decimal:
    """Epley's estimated one-rep max: load x (1 + reps / 30); one rep is the load itself."""
    return load if reps == 1 else load * (1 + Decimal(reps) / 30)


def _estimate(item: Item, params: dict, units: str, past: list[Entry]) -> tuple[str | None, str | None]:
    """The best e1RM in the athlete's sets of this exercise (the latest of equal ones), and with a
    training max a suggested new one: 90 % of it, to the plate. Printed, never applied."""
    best = None
    for entry in past:
        load = weight(entry.load, units)
        if load is None or not entry.reps or entry.side:
            continue
        key = (epley(load, entry.reps), entry.date)
        if best is None or key > best[0]:
            best = (key, load, entry)
    if best is None:
        return None, None
    (estimate, _), load, entry = best
    rough = ", rough: over 10 reps" if entry.reps > ROUGH_REPS else ""
    shown = estimate.quantize(Decimal("0.1"), ROUND_HALF_UP)
    e1rm = f"e1RM {number(shown)} {units} (Epley: {number(load)} x {entry.reps}, {entry.date}{rough})"
    if item.max is None:
        return e1rm, None
    step = _step(params, units, item.source)
    suggested = (estimate * SUGGESTED_SHARE / 100 / step).quantize(Decimal(1), ROUND_HALF_UP) * step
    return e1rm, f"suggested training max {format_load(suggested, units)} ({SUGGESTED_SHARE} % of e1RM, to the plate)"
