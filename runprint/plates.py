"""What goes on each side of a barbell: the gym's bar and plates, and a load -> the plates.

Pure arithmetic on Decimals, no templates and no drawing:

    gym = read_gym("", "", "kg")                   # a 20 kg bar; plates 25, 20, 15, 10, 5, 2.5, 1.25
    load_bar(Decimal("95"), gym).text("kg")        -> '20 kg bar + 25 + 10 + 2.5'
    load_bar(Decimal("96"), gym).text("kg")        -> '*nearest 95 kg: 20 kg bar + 25 + 10 + 2.5'

A load that the plates cannot make is never shown as if they could: the nearest load
they can make is printed instead, marked, and `Loading.exact` says so for a note.

`plates` lists the sizes a gym has, as many of each as a bar takes, or says how many
plates of each size there are in all (both sides together): `{25: 4, 20: 2}` is two 25s
and one 20 a side.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import NamedTuple

from .numbers import NumberError, decimal, shown, whole

UNITS = ("kg", "lb")
BARS = {"kg": Decimal(20), "lb": Decimal(45)}
PLATES = {"kg": ("25", "20", "15", "10", "5", "2.5", "1.25"), "lb": ("45", "35", "25", "10", "5", "2.5")}
HEAVIEST_BAR = Decimal(100)     # any unit: a bar above this is a typo
PLATE_RANGE = (Decimal("0.25"), Decimal(100))
MOST_SIZES = 20
MOST_A_SIDE = 40                # plates of one size on one side: more than any sleeve holds
MOST_COUNT = 1000               # plates of one size a gym has
MARK = "*"                      # before a load the plates cannot make exactly
_ENTRY = re.compile(r"(?P<size>[0-9]{1,6}(?:[.,][0-9]{1,2})?)(?::(?P<count>[0-9]{1,6}))?")
_SPLIT = re.compile(r"[,;\s]+")


class PlatesError(ValueError):
    """A bar or a set of plates that cannot be read: the message, and a hint to fix it."""

    def __init__(self, message: str, hint: str, key: str = "plates"):
        super().__init__(message)
        self.message, self.hint, self.key = message, hint, key  # key: the param at fault, bar or plates


class Gym(NamedTuple):
    """The bar and the plates a lifter loads it with."""

    bar: Decimal
    plates: tuple[tuple[Decimal, int | None], ...]  # (size, how many a side; None: as many as wanted), heaviest first


class Loading(NamedTuple):
    """One load on the bar: what was asked, what the plates make, and the plates on each side."""

    asked: Decimal
    built: Decimal
    bar: Decimal
    side: tuple[Decimal, ...]  # heaviest first, as they go on

    @property
    def exact(self) -> bool:
        return self.asked == self.built

    def text(self, units: str) -> str:
        """'20 kg bar + 25 + 10 + 2.5'; a load the plates cannot make: '*nearest 80 kg: 20 kg bar + 25 + 5'."""
        plates = "".join(f" + {number(p)}" for p in self.side)
        text = f"{number(self.bar)} {units} bar{plates}"
        return text if self.exact else f"{MARK}nearest {number(self.built)} {units}: {text}"


def number(value: Decimal) -> str:
    """25 -> '25', 2.50 -> '2.5', 1.25 -> '1.25'."""
    return format(value.normalize(), "f")


def read_gym(bar, plates, units: str) -> Gym:
    """The `bar` and `plates` params (blank: the defaults for the units) -> a Gym, or a PlatesError."""
    if units not in UNITS:
        raise PlatesError(f"plates need units kg or lb, not '{units}'", "set units to kg or lb", "units")
    return Gym(_bar(bar, units), _plates(plates, units))


def _decimal(value, what: str, hint: str, key: str = "plates") -> Decimal:
    """A weight as numbers.decimal reads every number, to the hundredth (the plates are summed in hundredths)."""
    found = decimal(value)
    if found is None or found != found.quantize(Decimal("0.01")):
        raise PlatesError(f"'{shown(str(value).strip())}' is not {what}", hint, key)
    return found


def _bar(value, units: str) -> Decimal:
    if value is None or str(value).strip() == "":
        return BARS[units]
    text = str(value).strip()
    if text.lower().endswith(units):
        text = text[: -len(units)].strip()
    hint = f"give the bar's weight in {units}, e.g. {number(BARS[units])}"
    bar = _decimal(text, "a bar's weight", hint, "bar")
    if not 0 <= bar <= HEAVIEST_BAR:
        raise PlatesError(f"a {number(bar)} {units} bar is outside 0-{number(HEAVIEST_BAR)}", hint, "bar")
    return bar


PLATES_HINT = "list the plate sizes, e.g. [25, 20, 10, 5, 2.5], or how many of each you have: {25: 4, 20: 2}"


def _plates(value, units: str) -> tuple[tuple[Decimal, int | None], ...]:
    """A list of sizes (each as many as wanted), a mapping of size to count, or the same as text:
    '25, 20, 10' or '25:4, 20:2'. A count is of plates in all, so half go on each side."""
    if value is None or (isinstance(value, str) and not value.strip()):
        value = PLATES[units]
    if isinstance(value, dict):
        entries = [(size, count) for size, count in value.items()]
    elif isinstance(value, (list, tuple)):
        entries = [(size, None) for size in value]
    else:
        entries = []
        text = ":".join(part.strip() for part in str(value).strip().strip("[]{}").split(":"))  # '25: 4' is one entry
        for part in _SPLIT.split(text):
            if not part:
                continue
            match = _ENTRY.fullmatch(part)
            if not match:
                raise PlatesError(f"cannot read '{part[:40]}' as a plate", PLATES_HINT)
            entries.append((match["size"], match["count"]))
    if not entries or len(entries) > MOST_SIZES:
        raise PlatesError(f"{len(entries)} plate sizes: give 1 to {MOST_SIZES}", PLATES_HINT)
    found: dict[Decimal, int | None] = {}
    for size, count in entries:
        plate = _decimal(size, "a plate's weight", PLATES_HINT)
        low, high = PLATE_RANGE
        if not low <= plate <= high:
            raise PlatesError(f"a {number(plate)} {units} plate is outside {number(low)}-{number(high)}", PLATES_HINT)
        if plate in found:
            raise PlatesError(f"the {number(plate)} {units} plate is listed twice", "list each size once")
        found[plate] = None if count is None else _count(count, plate, units)
    return tuple(sorted(found.items(), reverse=True))


def _count(value, plate: Decimal, units: str) -> int:
    try:
        count = whole(value, bounds=(0, 10 ** 6))
    except NumberError:
        raise PlatesError(f"'{shown(str(value).strip())}' is not a number of {number(plate)} {units} plates",
                          PLATES_HINT) from None
    if count > MOST_COUNT:
        raise PlatesError(f"{count} plates of {number(plate)} {units} is more than {MOST_COUNT}", PLATES_HINT)
    return count // 2  # both sides together: half go on each


def load_bar(load: Decimal, gym: Gym) -> Loading:
    """The plates for each side that make `load`; when none do, those that make the nearest load
    (the lighter of two as near), with `built` saying which load that is."""
    # Work in whole steps of the plates' greatest common divisor, counted in hundredths.
    sizes = [int(size * 100) for size, _ in gym.plates]
    step = math.gcd(*sizes)
    units = [s // step for s in sizes]
    wanted = (load - gym.bar) * 100 / step / 2  # a side's share, in steps; may fall between steps
    if wanted <= 0:
        return Loading(load, gym.bar, gym.bar, ())
    # The nearest sum above the wanted one is at most one plate above it.
    top = math.floor(wanted) + max(units)
    counts = [min(top // u, MOST_A_SIDE if c is None else c) for u, (_, c) in zip(units, gym.plates)]
    # reach[i]: a bit set at each sum (in steps) that plates i, i+1, ... can make together.
    mask = (1 << (top + 1)) - 1
    reach = [1]
    for u, count in zip(reversed(units), reversed(counts)):
        bits = reach[-1]
        for _ in range(count):
            bits = (bits | (bits << u)) & mask
        reach.append(bits)
    reach.reverse()
    best = _nearest(reach[0], wanted)
    side, rest = [], best
    for i, (u, count) in enumerate(zip(units, counts)):
        # As many of the heaviest plate as still leave a sum the lighter plates can make.
        k = next(k for k in range(min(count, rest // u), -1, -1) if reach[i + 1] >> (rest - k * u) & 1)
        side += [gym.plates[i][0]] * k
        rest -= k * u
    built = gym.bar + 2 * sum(side, Decimal(0))
    return Loading(load, built, gym.bar, tuple(side))


def _nearest(bits: int, wanted: Decimal) -> int:
    """The set bit of `bits` nearest to `wanted` (the lower of two as near); bit 0 is always set."""
    low_end = math.floor(wanted)
    below = (bits & ((1 << (low_end + 1)) - 1)).bit_length() - 1
    above_start = math.ceil(wanted)
    higher = bits >> above_start
    if not higher:
        return below
    above = (higher & -higher).bit_length() - 1 + above_start
    return above if above - wanted < wanted - below else below
