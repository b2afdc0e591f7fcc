"""Loads from a training max: read a max and a share of it, round to a plate, print it.

Pure functions on text, no drawing and no templates: `plan` renders an item's `max:`
and `load:` and asks `resolve_load` what to print. Arithmetic is decimal, so 41 plates
of 2.5 kg are 102.5 kg, not 102.49999.

    resolve_load("75%", "100", "kg", None, source)   -> "75 kg"
    resolve_load("70%", "142 kg", "kg", None, source) -> "100 kg"   (99.4 rounds to 100)
    resolve_load("75%", "", "kg", None, source)       -> ""         (written in by hand)
    resolve_load("12 kg", "", "kg", None, source)     -> "12 kg"    (text stays text)
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .errors import Problem, RunprintError
from .model import Source
from .numbers import NumberError, decimal, quantity, shown, weight

UNITS = {"kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "lb": "lb", "lbs": "lb", "pound": "lb",
         "pounds": "lb"}
PLATES = {"kg": Decimal("2.5"), "lb": Decimal("5")}
SHARE_RANGE = (Decimal(1), Decimal(150))  # percent of a max; above 100 for overloads and negatives


class LoadError(ValueError):
    """A max or share that cannot be read: the message, and a hint to fix it."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def units_of(units: str) -> str | None:
    """'kg', 'KG', 'kgs' -> 'kg'; 'lb', 'lbs' -> 'lb'; anything else -> None."""
    return UNITS.get(str(units or "").strip().lower())


def parse_max(text, units: str) -> Decimal | None:
    """A training max as written (100, '100 kg', '225lb', 102.5) -> its number; blank or 0 -> None.

    A unit written with the max must agree with the athlete's units: runprint does not convert.
    """
    if text is None or isinstance(text, bool):
        if text is None:
            return None
        raise LoadError(f"'{text}' is not a training max", "write the max as a number, e.g. 100 or 100 kg")
    raw = str(text).strip()
    if not raw:
        return None
    try:
        found = weight(raw, UNITS)
    except NumberError as exc:
        raise LoadError(exc.message, "write the athlete's training max, e.g. 100 or 100 kg") from None
    if found is None:
        raise LoadError(f"'{shown(raw)}' is not a training max", "write the max as a number, e.g. 100, 100 kg or 225 lb")
    value, unit = found
    wanted = units_of(units)
    if unit and wanted and unit != wanted:
        raise LoadError(f"the max '{shown(raw)}' is in {unit} but the units are {wanted}",
                        f"write the max in {wanted}, or set units to {unit}: runprint does not convert")
    return value if value > 0 else None


def parse_share(spec) -> Decimal | None:
    """'75%' -> 75; a load that is not a share of max (text such as '12 kg') -> None."""
    raw = str(spec or "").strip()
    if "%" not in raw:
        return None
    found = quantity(raw.replace("%", "", 1)) if raw.endswith("%") else None
    value = decimal(found[0]) if found and not found[1] and "," not in found[0] else None
    if value is None:
        raise LoadError(f"cannot read '{shown(raw)}' as a share of max", "write a percentage such as 75%")
    low, high = SHARE_RANGE
    if not low <= value <= high:
        raise LoadError(f"{raw} of a max is outside {low}-{high}%", "check for a typo, e.g. 75%")
    return value


def plate_size(plate, units: str) -> Decimal:
    """The step loads round to: the `plate` param, or 2.5 for kg and 5 for lb when it is blank."""
    if plate is None or isinstance(plate, bool) or str(plate).strip() == "":
        return PLATES.get(units_of(units) or "kg", PLATES["kg"])
    value = decimal(plate)
    if value is None:
        value = Decimal(0)
    if not value.is_finite() or not Decimal("0.1") <= value <= Decimal(50):
        raise LoadError(f"'{plate}' is not a plate size", "give plate as the smallest step you can load, e.g. 2.5")
    return value


def share_of_max(maximum: Decimal, share: Decimal, plate: Decimal) -> Decimal:
    """share % of maximum, to the nearest plate (a half rounds up): 70% of 142 -> 99.4 -> 100."""
    plates = (maximum * share / 100 / plate).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return plates * plate


def format_load(value: Decimal, units: str) -> str:
    """75 -> '75 kg' (no trailing .0); 102.5 -> '102.5 kg'."""
    text = format(value.quantize(Decimal("0.01")).normalize(), "f")
    return f"{text} {units_of(units) or str(units).strip()}".strip()


def resolve_load(spec: str | None, max_text, units: str, plate, source: Source) -> str:
    """What an item's load prints: a share of max worked out, anything else as written.

    `max_text` is None when the item has no `max:` at all, which a share needs. A share of a
    blank or zero max is blank (to write by hand). Problems name the item's `max:` or
    `load:` line in `source`.
    """
    try:
        share = parse_share(spec)
    except LoadError as exc:
        raise _problem(source, "load", exc) from None
    try:
        maximum = parse_max(max_text, units)
    except LoadError as exc:
        raise _problem(source, "max", exc) from None
    if share is None:
        text = str(spec or "").strip()
        bare = quantity(text)
        if bare and not bare[1] and units_of(units):
            return f"{text} {units_of(units)}"  # 'load: 40' is 40 of the card's units: say which
        return text
    if max_text is None:
        raise RunprintError(Problem(source.file, source.line_of("load"), f"{source.where}.load",
                                    f"'{spec}' is a share of max, but this item has no max",
                                    "add a line such as 'max: \"{{ squat_max }}\"' to the item"))
    if maximum is None:
        return ""
    if units_of(units) is None:
        raise RunprintError(Problem(source.file, source.line_of("load"), f"{source.where}.load",
                                    f"a share of max needs units kg or lb, not '{units}'",
                                    "set units to kg or lb"))
    try:
        step = plate_size(plate, units)
    except LoadError as exc:
        raise RunprintError(Problem(source.file, None, "params.plate", exc.message, exc.hint)) from None
    return format_load(share_of_max(maximum, share, step), units)


def _problem(source: Source, key: str, exc: LoadError) -> RunprintError:
    return RunprintError(Problem(source.file, source.line_of(key), f"{source.where}.{key}", exc.message, exc.hint))
