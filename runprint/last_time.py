"""Last time's numbers for the items of a card: which sets are each item's, and the `Last` line.

An exercise on a card once gets its most recent day's sets. An exercise on it twice (top
sets 5,3,1+, then back-off sets 5x10) gets its sets split between the items: rows that
carry an item's printed label (`label`: 1, A1) go to that item; rows without one are
matched to the items in order, an app's blocks one to an item, else the sets counted off
by what each item prescribes, and a note says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from .history import Entry, History
from .numbers import quantity

def last_session(history: History, exercise: str) -> tuple[Entry, ...]:
    """The sets of the most recent day an exercise was done, in set order; () if never."""
    return _last_day([e for e in history.entries if e.exercise == exercise])


def _last_day(entries: list[Entry]) -> tuple[Entry, ...]:
    if not entries:
        return ()
    day = max(e.date for e in entries)
    # An app's blocks in the order done; each side's sets together ("", then L, then R).
    return tuple(sorted((e for e in entries if e.date == day), key=lambda e: (e.block, e.side, e.set)))


def items_last(history: History, items: Sequence[tuple[str, str, int]]) -> list[tuple[Entry, ...]]:
    """Each item's own sets of last time, for items given as (label, exercise id, sets
    prescribed) in card order."""
    out: list[tuple[Entry, ...]] = [()] * len(items)
    places: dict[str, list[int]] = {}
    for index, (_, exercise, _) in enumerate(items):
        places.setdefault(exercise, []).append(index)
    for exercise, indices in places.items():
        mine = [e for e in history.entries if e.exercise == exercise]
        if len(indices) == 1:
            own = [e for e in mine if _same(e.label, items[indices[0]][0])]
            out[indices[0]] = _last_day(own or mine)
            continue
        left = []
        for index in indices:
            own = [e for e in mine if e.label and _same(e.label, items[index][0])]
            if own:
                out[index] = _last_day(own)
            else:
                left.append(index)
        day = _last_day([e for e in mine if not e.label])
        for index, sets in zip(left, _in_order(day, [items[i][2] for i in left])):
            out[index] = sets
    return out


def _in_order(sets: tuple[Entry, ...], counts: list[int]) -> list[tuple[Entry, ...]]:
    """A day's sets shared out to items in order: an app's blocks one to an item when they
    are as many as the items, else each item takes as many sets as it prescribes."""
    blocks: dict[int, list[Entry]] = {}
    for entry in sets:
        blocks.setdefault(entry.block, []).append(entry)
    if len(blocks) == len(counts) > 1:
        return [tuple(block) for block in blocks.values()]
    out, start = [], 0
    for count in counts:
        out.append(sets[start:start + count])
        start += count
    return out


def order_notes(history: History, sessions: Sequence[tuple[str, Sequence[str]]], one_card: bool = True) -> list[str]:
    """For each session (id, its items' exercise ids) holding an exercise more than once whose
    last sets carry no label: a note that they were matched to its items in order. For the
    cards of many athletes (not `one_card`) the note names no date: each has their own."""
    notes = []
    for session, exercises in sessions:
        for exercise in dict.fromkeys(e for e in exercises if exercises.count(e) > 1):
            day = _last_day([e for e in history.entries if e.exercise == exercise and not e.label])
            if day:
                whose = f"its sets of {day[0].date} have" if one_card else "sets of it have"
                notes.append(f"{history.file}: {exercise} is in {session} {exercises.count(exercise)} times and "
                             f"{whose} no label, so they are matched to its items in order "
                             "(a label column, 1 or A1, says which is which)")
    return notes


def last_text(sets: tuple[Entry, ...], measure: str, units: str, effort: str | None = None) -> str | None:
    """'Last (2026-11-24): 10, 10, 9 @ 12 kg', or with loads that differ '5 @ 60, 5 @ 65, 7 @ 70 kg'."""
    if not sets:
        return None
    return f"Last ({sets[0].date}): {sets_text(sets, measure, units, effort)}"


def sets_text(sets: tuple[Entry, ...], measure: str, units: str, effort: str | None = None) -> str:
    """'10, 10, 9 @ 12 kg · RIR 2, 1, 0': what was done in each set, with what, how hard."""
    amounts = [_amount(e, measure) for e in sets]
    unit = {"time": " s", "distance": " m"}.get(measure, "") if all(a for a in amounts) else ""
    loads = [_load(e.load, units) for e in sets]
    if len(set(loads)) == 1:
        text = _by_side(sets, amounts) + unit + (f" @ {loads[0][0]}{loads[0][1]}" if loads[0][0] else "")
    else:
        shared = {u for n, u in loads if n}
        tail = shared.pop() if len(shared) == 1 else None
        parts = [f"{a} @ {n}{'' if tail is not None else u}" if n else a for a, (n, u) in zip(amounts, loads)]
        text = _by_side(sets, parts) + unit + (tail or "")
    for name, marks in (("RIR", [e.rir for e in sets]), ("RPE", [e.rpe for e in sets]),
                        (effort or "effort", [e.effort for e in sets])):
        if any(marks):
            text += f" · {name} " + ", ".join(m or "–" for m in marks)
    return text


def _same(label: str, item_label: str) -> bool:
    return label.strip().casefold() == item_label.casefold()


def _by_side(sets: tuple[Entry, ...], parts: list[str]) -> str:
    """'10, 10, 9', or for sets logged a side at a time 'L 10, 10, 9 · R 10, 9, 9'."""
    if not any(e.side for e in sets):
        return ", ".join(parts)
    groups: dict[str, list[str]] = {}
    for entry, part in zip(sets, parts):
        groups.setdefault(entry.side, []).append(part)
    return " · ".join(f"{side} {', '.join(mine)}".strip() for side, mine in groups.items())


def _amount(entry: Entry, measure: str) -> str:
    order = {"time": ("seconds", "reps", "meters"), "distance": ("meters", "reps", "seconds")}.get(
        measure, ("reps", "seconds", "meters"))
    value = next((getattr(entry, k) for k in order if getattr(entry, k) is not None), None)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _load(text: str, units: str) -> tuple[str, str]:
    """'12' with kg units -> ('12', ' kg'); '12kg' -> ('12', ' kg'); 'red band' -> ('red band', '')."""
    found = quantity(text)
    if found is None or found[1].lower() not in ("", "kg", "lb", "lbs"):
        return text, ""
    unit = (found[1] or units or "").lower().replace("lbs", "lb")
    return found[0], f" {unit}" if unit else ""
