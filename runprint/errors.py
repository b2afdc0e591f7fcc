"""The one error type for user mistakes, and the problems it carries."""

from __future__ import annotations

import re
from typing import NamedTuple

# Problem.kind: what went wrong, for code to act on (messages are for people and may be reworded).
INPUT = "input"                  # most problems: a value, a key, a file
UNKNOWN_PARAM = "unknown-param"  # a name a template reads that no param sets

# Characters that would act on a terminal instead of showing: control codes, and the
# invisible format characters that reorder or hide text.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def printable(text) -> str:
    """Text safe to echo: each control or invisible format character shown as an escape (\\x1b)."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", str(text))


def printable_lines(text) -> str:
    """Lines of text safe to echo: each line made printable, the line breaks kept."""
    return "\n".join(printable(line) for line in str(text).split("\n"))


class Problem(NamedTuple):
    """One thing wrong with a user's input, located as precisely as we can."""

    file: str | None
    line: int | None
    where: str
    message: str
    hint: str | None = None
    kind: str = INPUT
    name: str = ""          # the name it is about (e.g. the unknown param), for code; "" when none

    def __str__(self) -> str:
        """The problem as printed: every value it echoes made printable, here and only here."""
        place = f"{self.file}:{self.line}" if self.file and self.line else (self.file or "")
        head = printable(": ".join(part for part in (place, self.where, self.message) if part))
        return f"{head}\n  hint: {printable(self.hint)}" if self.hint else head


class RunprintError(Exception):
    """Bad input: every problem found, so a user can fix them in one pass."""

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def collect(items, load) -> list:
    """load(item) for every item; every problem raised together, once all have been tried."""
    out, problems = [], []
    for item in items:
        try:
            out.append(load(item))
        except RunprintError as exc:
            problems.extend(exc.problems)
    if problems:
        raise RunprintError(problems)
    return out
