"""Dates as spreadsheets and apps write them, read as days (2026-11-24).

ISO (`2026-11-24`, with or without a time of day), `MM/DD/YYYY` as US spreadsheets save
it, `DD/MM/YYYY` as most others do, and an app's `07 Jan 2024, 17:15`. Whether `03/04`
is March or April is decided once for the whole file, by any first or second number above
12: a file never reads one row one way and the next the other. A file that cannot tell
(every day 12 or below) asks for `--date-format` rather than guess.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from .errors import Problem, RunprintError

FORMATS = ("iso", "mdy", "dmy")  # --date-format: year-month-day, month/day/year, day/month/year
ORDER_WORDS = {"mdy": "month/day/year", "dmy": "day/month/year", "iso": "year-month-day"}
EXAMPLES = {"mdy": "11/24/2026", "dmy": "24/11/2026", "iso": "2026-11-24"}
_TIME = r"(?:[ T,]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?(?:\s?[AaPp][Mm])?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
_ISO = re.compile(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})" + _TIME + "$")
_SLASHED = re.compile(r"^(?P<a>[0-9]{1,2})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})" + _TIME + "$")
_NAMED = re.compile(r"^(?P<d>[0-9]{1,2}) (?P<month>[A-Za-z]{3,9})\.? (?P<y>[0-9]{4})" + _TIME + "$")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
MONTHS = {**{name: n for n, name in enumerate(MONTH_NAMES, 1)}, **{name[:3]: n for n, name in enumerate(MONTH_NAMES, 1)},
          "sept": 9}
MAX_DATE = 40  # characters: longer text is no date, and is not matched


def day_order(file: str, dates: Iterable[tuple[int, str]], date_format: str | None = None) -> str | None:
    """'mdy' or 'dmy' for a file's slashed dates ((row, text) each), 'iso' when given so,
    None when no date needs an order. Two orders in one file, or none to tell, is an error."""
    if date_format:
        return date_format
    first = second = None   # the first row whose first (second) number can only be a day
    ambiguous = None        # a row whose date reads two ways
    for row, text in dates:
        match = _SLASHED.match(text) if len(text) <= MAX_DATE else None
        if not match:
            continue
        a, b = int(match["a"]), int(match["b"])
        if a > 12 and first is None:
            first = (row, text)
        elif b > 12 and second is None:
            second = (row, text)
        elif a != b and a <= 12 and b <= 12 and ambiguous is None:
            ambiguous = (row, text)
    if first and second:
        later, earlier = sorted((first, second), reverse=True)
        raise RunprintError(Problem(file, later[0], "date", f"'{later[1]}' and '{earlier[1]}' (row {earlier[0]}) put "
                                    "the day and the month in different orders",
                                    "write every date of the file the same way; year-month-day (2026-11-24) is safest"))
    if first or second:
        return "dmy" if first else "mdy"
    if ambiguous:
        row, text = ambiguous
        a, b = (int(n) for n in re.split(r"[/.-]", text)[:2])
        raise RunprintError(Problem(file, row, "date", f"'{text}' could be {_month(a)} {b} or {b} {_month(b)}, and no "
                                    "date in the file has a day above 12 to tell which",
                                    "say how the file writes dates: --date-format mdy (month/day/year) or "
                                    "--date-format dmy (day/month/year)"))
    return None


def iso_day(text: str, order: str | None) -> str | None:
    """The day a date names, as 2026-11-24; None when `text` is no date (or not in `order`)."""
    if len(text) > MAX_DATE:
        return None
    match = _ISO.match(text)
    if match:
        return _day(match["y"], match["m"], match["d"])
    match = _NAMED.match(text)
    if match:
        month = MONTHS.get(match["month"].lower())
        return _day(match["y"], month, match["d"]) if month else None
    match = _SLASHED.match(text)
    if match and order in ("mdy", "dmy"):
        month, day = (match["a"], match["b"]) if order == "mdy" else (match["b"], match["a"])
        return _day(match["y"], month, day)
    if match and order is None and match["a"] == match["b"]:
        return _day(match["y"], match["a"], match["b"])   # 03/03/2026 reads the same both ways
    return None


def date_hint(order: str | None) -> str:
    """How to write a date the file can hold."""
    if order in ("mdy", "dmy"):
        return f"this file writes dates {ORDER_WORDS[order]}, e.g. {EXAMPLES[order]}; or year-month-day, e.g. 2026-11-24"
    return "write dates as year-month-day, e.g. 2026-11-24 (11/24/2026 and 24/11/2026 read too)"


def _day(year, month, day) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _month(number: int) -> str:
    return MONTH_NAMES[number - 1].capitalize()
