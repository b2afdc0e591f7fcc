"""An app's exercise names -> runprint's exercise ids.

A lifter's app calls the lift "Bench Press (Barbell)"; runprint calls it bench-press. A
name is looked up first in a `names.yaml` of a library folder (the first folder that maps
it wins):

    "Bench Press (Barbell)": bench-press
    Goblet Squat (Kettlebell): goblet-squat

then among the exercises' ids, names and aliases. Names match ignoring case, spaces and
punctuation ("Push Up", "push-up" and "PUSH-UP" are one name), and then the order of their
words: apps put the equipment last ("Deadlift (Barbell)"), people first ("barbell
deadlift"), and the same words name the same lift. Nothing is guessed beyond that: a name
that matches nothing is left for the caller to name, with a did-you-mean.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path

from .errors import Problem, RunprintError
from .library import Library
from .sources import load_yaml

NAMES_FILE = "names.yaml"
_WORD = re.compile(r"[^\W_]+")


def name_key(name: str) -> str:
    """A name as it is compared: 'Push-Up ' -> 'push up'."""
    return " ".join(_WORD.findall(str(name).casefold()))


def words_key(name: str) -> str:
    """A name's words in any order: 'Deadlift (Barbell)' and 'barbell deadlift' -> 'barbell deadlift'."""
    return " ".join(sorted(_WORD.findall(str(name).casefold())))


class ExerciseNames:
    """Name -> id, from names.yaml files and from the exercises themselves."""

    def __init__(self, mapped: Mapping[str, str], own: Mapping[str, str]):
        self.mapped = dict(mapped)   # name_key -> id, from names.yaml
        self.own = dict(own)         # name_key -> id, from the exercises' ids, names and aliases
        self.words: dict[str, str] = {}  # words_key -> id: the first exercise with those words wins
        for key, exercise in self.own.items():
            self.words.setdefault(words_key(key), exercise)

    def resolve(self, name: str) -> str | None:
        key = name_key(name)
        return self.mapped.get(key) or self.own.get(key) or self.words.get(words_key(name))

    def suggest(self, name: str) -> str | None:
        """The id of the closest name there is, for a did-you-mean."""
        keys = {**self.own, **self.mapped}
        close = difflib.get_close_matches(name_key(name), list(keys), n=1, cutoff=0.6)
        return keys[close[0]] if close else None


def exercise_names(library: Library) -> ExerciseNames:
    """Every names.yaml of the library's folders, checked against its exercises, and every
    exercise's own names. Loads every exercise: called only for a file that needs it."""
    own: dict[str, str] = {}
    for exercise in library.exercises():
        for name in (exercise.id, exercise.name, *exercise.aliases):
            own.setdefault(name_key(name), exercise.id)
    mapped: dict[str, str] = {}
    problems = []
    for root in library.roots:
        path = Path(root) / NAMES_FILE
        if path.is_file():
            for key, value in _read_names(path, library, problems).items():
                mapped.setdefault(key, value)
    if problems:
        raise RunprintError(problems)
    return ExerciseNames(mapped, own)


def _read_names(path: Path, library: Library, problems: list) -> dict[str, str]:
    doc = load_yaml(path)  # a mapping, or an error saying so
    out = {}
    for name, value in doc.data.items():
        line = doc.line((name,))
        if not isinstance(value, str) or value not in library.exercise_files:
            close = difflib.get_close_matches(str(value), list(library.exercise_files), n=1)
            problems.append(Problem(doc.path, line, str(name), f"'{value}' is not an exercise id",
                                    f"did you mean '{close[0]}'?" if close else
                                    "use an id as 'runprint exercises' lists it"))
        elif name_key(name):
            out[name_key(name)] = value
    return out
