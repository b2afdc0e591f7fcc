"""What a batch remembers from one athlete for the next: bounded dicts, forgotten together.

A coach's roster renders the same template values and lays out the same exercises, with
the same loads and weeks, for athlete after athlete. The modules that redo such work keep
its results in a Memo, by everything the result depends on.
"""

from __future__ import annotations

_ALL: list[Memo] = []


class Memo:
    """A dict that forgets everything once it holds `kept` entries: a bound on memory that
    a long batch refills within a few athletes."""

    def __init__(self, kept: int):
        self.kept = kept
        self.entries: dict = {}
        _ALL.append(self)

    def get(self, key):
        return self.entries.get(key)

    def put(self, key, value):
        if len(self.entries) >= self.kept:
            self.entries.clear()
        self.entries[key] = value
        return value


def forget() -> None:
    """Start afresh, as a new process would (the benchmark times a card's first layout)."""
    for memo in _ALL:
        memo.entries.clear()
