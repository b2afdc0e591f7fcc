"""The validated, immutable model: what an exercise and a template are."""

from __future__ import annotations

import re
from typing import NamedTuple

GROUPS = ("back", "chest", "shoulders", "arms", "core", "mobility", "lower", "full-body")
MEASURES = ("reps", "time", "distance")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOADED_EQUIPMENT = frozenset({"dumbbell", "kettlebell", "medicine-ball", "barbell", "weight-plate",
                              "sandbag", "weighted-vest", "cable"})
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Exercise(NamedTuple):
    id: str
    name: str
    group: str
    steps: tuple[str, ...]
    muscles: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    measure: str = "reps"
    per_side: bool = False
    cues: tuple[str, ...] = ()
    easier: str | None = None
    harder: str | None = None
    variations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    video: str | None = None
    file: str | None = None

    @property
    def loaded(self) -> bool:
        """Whether the log grid needs a load cell: something you pick a weight for."""
        return any(e in LOADED_EQUIPMENT for e in self.equipment)


class Source(NamedTuple):
    """Where a template value came from, so late errors can still name file and line."""

    file: str
    line: int | None
    where: str
    key_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int | None:
        """The line of one of this value's keys (an item's `do:`), else the value's own line."""
        return dict(self.key_lines).get(key, self.line)


class Item(NamedTuple):
    """One exercise in a session, with its values still unrendered template text."""

    exercise: str
    source: Source
    do: str | None = None
    sets: str | None = None
    reps: str | None = None
    time: str | None = None
    distance: str | None = None
    load: str | tuple[str, ...] | None = None  # one load, or one per set
    max: str | None = None      # the athlete's training max, for a load given as a share of it
    rest: str | None = None
    note: str | None = None
    superset: str | None = None
    effort: str | None = None   # rir | rpe | none: a cell per set to rate the effort
    sides: str | None = None    # split: log left and right in cells of their own
    warmup: str | tuple[str, ...] | None = None  # 'standard', or sets as shares of the first work set: 40%x5
    warmup_log: bool = False    # cells in the log for the warm-ups too


class Session(NamedTuple):
    id: str
    name: str
    items: tuple[Item, ...]
    source: Source
    notes: str | None = None
    effort: str | None = None


class ScheduleEntry(NamedTuple):
    """What a template plans for one weekday: free text (a run) or a session id."""

    day: str
    entries: tuple[str, ...]
    source: Source


class Template(NamedTuple):
    name: str
    title: str
    sessions: tuple[Session, ...]
    file: str
    params: dict = {}  # noqa: RUF012 - never mutated; plan copies it
    description: str | None = None
    schedule: tuple[ScheduleEntry, ...] = ()
    title_line: int | None = None
    description_line: int | None = None
    effort: str | None = None
    effort_line: int | None = None
    abouts: dict = {}  # noqa: RUF012 - param -> what it is, in the template's words ('about:')
    param_lines: dict = {}  # noqa: RUF012 - param -> its line in the file, for messages about it

    def session(self, key: str) -> Session | None:
        """The session with this id, or else this name, ignoring case, spaces and hyphens."""
        return next((s for s in self.sessions if s.id == key), None) or next(
            (s for s in self.sessions if _loose(key) in (_loose(s.id), _loose(s.name))), None)


def _loose(text: str) -> str:
    return re.sub(r"[\W_]+", "-", text.casefold()).strip("-")
