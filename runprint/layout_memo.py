"""What laying out one athlete's card leaves for the next: item heights and placed items.

A coach's roster lays out the same exercises, with the same loads and weeks, for athlete
after athlete; only the name in the header differs. Fitting a card tries up to 37 styles
and places every item of each style that might fit. Remembered here, by everything the
result depends on, a batch skips the styles an identical session already overflowed and
copies the marks of an item already placed at the same spot. Every value is one that
placing produced: nothing here computes a height or a mark of its own.
"""

from __future__ import annotations


class Memo:
    """A dict that forgets everything once it holds `kept` entries: a bound on memory that
    a long batch refills within a few athletes."""

    def __init__(self, kept: int):
        self.kept = kept
        self.entries: dict = {}

    def get(self, key):
        return self.entries.get(key)

    def put(self, key, value):
        if len(self.entries) >= self.kept:
            self.entries.clear()
        self.entries[key] = value
        return value


# (item, text column width, style, grid columns, fonts) -> the height the item took.
HEIGHTS = Memo(50_000)
# (that key, the frame, the item's top, the units) -> (height, the item's marks).
PLACED = Memo(2_000)


def forget() -> None:
    """Start afresh, as a new process would (the benchmark times a card's first layout)."""
    for memo in (HEIGHTS, PLACED):
        memo.entries.clear()
