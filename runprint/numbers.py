"""Every number a user types, read one way: in a file, an option, a roster or history cell,
or a value a template renders.

    whole("12", "reps")        -> 12           whole("²") and whole("1_000") -> NumberError
    decimal("102,5")           -> Decimal('102.5')
    quantity("225 lbs")        -> ('225', 'lbs')    quantity("red band") -> None
    week_list("1-4,6")         -> [1, 2, 3, 4, 6]

Only ASCII digits are digits: `str.isdigit()` accepts '²' and `int()` accepts '٣' and
'1_000', and a person means none of them. The length of a number is checked before
`int()`, `Decimal` or `float` sees it, so no text can make them slow or raise their own
errors; the bounds below are the same wherever a number arrives. The patterns here never
put two unbounded repeats of overlapping characters side by side, so none can backtrack.
"""

from __future__ import annotations

import re
from decimal import Decimal

MAX_DIGITS = 15           # a whole number longer than this is a typo on any card
# What a card can hold, by what is counted: the same wherever the number comes from.
BOUNDS = {"reps": (1, 200), "sets": (1, 20), "set": (1, 20), "week": (1, 52), "weeks": (1, 52),
          "log_weeks": (1, 8), "seconds": (1, 3600), "meters": (1, 10_000)}
LONG = f"a whole number of at most {MAX_DIGITS} digits"
MAX_WEIGHT = Decimal(10_000)  # a training max or a load, in any unit, is below this

# A number as written: digits, then at most one decimal point or comma and more digits ('.5' too).
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+", re.ASCII)
_WORD = re.compile(r"[^\W\d_]*\.?")  # a unit after a number: letters, and a full stop ('lbs.')


class NumberError(ValueError):
    """Text that is not the number asked for: the message, and a hint to fix it."""

    def __init__(self, message: str, hint: str = "", expected: str = "a number"):
        super().__init__(message)
        self.message, self.hint, self.expected = message, hint, expected


def is_digits(text) -> bool:
    """True for '12', False for '', '²', '٣', '1_0', ' 1' and anything not a str."""
    return isinstance(text, str) and text.isascii() and text.isdigit()


def shown(text, most: int = 40) -> str:
    """A value as a message may echo it: its start, and its length when it is long."""
    text = str(text)
    return text if len(text) <= most else f"{text[:most - 1]}… ({len(text):,} characters)"


def whole(value, what: str = "", bounds: tuple[int, int] | None = None) -> int:
    """A whole number from text or a spreadsheet's number ('12', 12, 12.0), in `bounds`
    (or BOUNDS[what]); anything else is a NumberError saying what was expected."""
    if bounds is None:
        bounds = BOUNDS.get(what)
    kind = f"a number of {what}" if what in ("reps", "sets", "seconds", "meters") else "a whole number"
    if isinstance(value, bool):
        raise NumberError(f"'{value}' is not {kind}", "write digits, e.g. 3", kind)
    if isinstance(value, float) and value.is_integer() and abs(value) < 10 ** MAX_DIGITS:
        value = int(value)
    if isinstance(value, int):
        number = value
        if abs(number) >= 10 ** MAX_DIGITS:
            raise NumberError(f"a whole number of more than {MAX_DIGITS} digits", "write a smaller number", LONG)
    else:
        text = "" if value is None else str(value).strip()
        digits = text[1:] if text[:1] in "+-" and len(text) > 1 else text
        if len(digits) > MAX_DIGITS and is_digits(digits):
            raise NumberError(f"'{shown(text)}' is not {LONG}", "write a smaller number", LONG)
        if not is_digits(digits):
            raise NumberError(f"'{shown(text)}' is not {kind}", "write it in the digits 0-9, e.g. 3", kind)
        number = int(digits) * (-1 if text.startswith("-") else 1)
    if bounds is not None:
        low, high = bounds
        if not low <= number <= high:
            noun = f" {what}" if what else ""
            raise NumberError(f"{number}{noun} is outside {low}-{high}",
                              f"a card logs {low} to {high}{noun}; check for a typo", f"a number from {low} to {high}")
    return number


def decimal(value) -> Decimal | None:
    """'102.5', '102,5', '.5', 40 or 40.0 -> a Decimal; anything else (text, '²', '1e5', a number
    longer than MAX_DIGITS digits) -> None. A number written with a unit is quantity's."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return Decimal(value) if abs(value) < 10 ** MAX_DIGITS else None
    if isinstance(value, float):
        if value != value or abs(value) >= 10 ** MAX_DIGITS:  # nan, inf, 1e35
            return None
        value = repr(value)
    text = str(value).strip()
    if len(text) > MAX_DIGITS + 1 or not _NUMBER.fullmatch(text):
        return None
    return Decimal(text.replace(",", "."))


def quantity(text) -> tuple[str, str] | None:
    """A number and the word after it, as written: '12.5 kg' -> ('12.5', 'kg'), '40' -> ('40', ''),
    '225lbs.' -> ('225', 'lbs.'); None when the text is not a number, or a number and one word.
    The number may be long: check its size before converting it (decimal and weight do)."""
    text = "" if text is None else " ".join(str(text).split())
    match = _NUMBER.match(text)
    if match is None:
        return None
    unit = text[match.end():].strip()
    if unit and not _WORD.fullmatch(unit):
        return None
    return match.group(), unit


def weight(text, units: dict[str, str]) -> tuple[Decimal, str] | None:
    """A weight: its number and its unit as `units` names it ('' when none was written);
    None when it is not a number with one of `units`. A weight of MAX_WEIGHT or more is a NumberError."""
    found = quantity(text)
    if found is None:
        return None
    number, word = found
    key = word.rstrip(".").lower()
    unit = units.get(key) if key else ""
    if unit is None:
        return None
    whole_part, _, fraction = number.replace(",", ".").partition(".")
    # The length first, so Decimal never sees a thousand digits.
    if len(whole_part.lstrip("0")) >= len(str(MAX_WEIGHT)) or len(fraction) > MAX_DIGITS:
        raise _too_heavy(text)
    value = Decimal(f"{whole_part or 0}.{fraction}" if fraction else whole_part)
    if value >= MAX_WEIGHT:
        raise _too_heavy(text)
    return value, unit


def _too_heavy(text) -> NumberError:
    return NumberError(f"'{shown(text)}' is not below {MAX_WEIGHT:,}: no max or load on a card is that heavy",
                       "check for a typo, or a missing decimal point", f"a number below {MAX_WEIGHT:,}")


def week_list(text) -> list[int]:
    """'1-4' -> [1, 2, 3, 4]; '2' -> [2]; '1,3' -> [1, 3]; every week 1-52, at most 52 of them."""
    weeks: list[int] = []
    for part in str(text).split(","):
        low, dash, high = part.strip().partition("-")
        first = whole(low, "week")
        last = whole(high, "week") if dash else first
        if last < first:
            raise NumberError(f"the range {first}-{last} runs backwards", f"write it {last}-{first}")
        weeks.extend(range(first, last + 1))
    if len(weeks) > BOUNDS["weeks"][1]:
        raise NumberError(f"{len(weeks)} weeks is more than a year", "print at most 52 weeks at a time")
    return weeks
