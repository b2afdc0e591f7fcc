"""The one error type for user mistakes, and the problems it carries."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a user's input, located as precisely as we can."""

    file: str | None
    line: int | None
    where: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.file and self.line else (self.file or "")
        head = ": ".join(part for part in (place, self.where, self.message) if part)
        return f"{head}\n  hint: {self.hint}" if self.hint else head


class RunprintError(Exception):
    """Bad input: every problem found, so a user can fix them in one pass."""

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def problem(file, line, where, message, hint=None) -> RunprintError:
    """Shorthand for raising a single problem."""
    return RunprintError(Problem(str(file) if file else None, line, where, message, hint))


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
