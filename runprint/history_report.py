"""What runprint reads from a history file or an app's export, exercise by exercise: the
lifter's check before printing (`runprint history FILE`)."""

from __future__ import annotations

from .app_exports import PLURALS
from .history import Entry, History
from .last_time import last_session, sets_text
from .library import Library


def history_report(history: History, library: Library) -> list[str]:
    """Lines to print: what the file is, then for each athlete (when it names any) and each
    exercise id the last date, its sets and how many sessions were read, then what was left
    out and why."""
    sets = len(history.entries)
    kind = f"a {history.app} export" if history.app else "a runprint history"
    lines = [f"{history.file}: {kind}, {sets} set{'s' * (sets != 1)} read"]
    athletes: dict[str, list[Entry]] = {}
    for entry in history.entries:
        athletes.setdefault(" ".join(entry.athlete.split()).casefold(), []).append(entry)
    unitless = False
    for key, entries in sorted(athletes.items()):
        indent = "  " if key else ""
        if key:
            lines.append(f"{entries[0].athlete.strip()}:")
        mine = History(history.file, tuple(entries))
        ids = sorted({e.exercise for e in entries})
        width = max(map(len, ids))
        for exercise in ids:
            last = last_session(mine, exercise)
            measure = library.exercise(exercise).measure
            sessions = len({e.date for e in entries if e.exercise == exercise})
            unitless = unitless or any(e.load and e.load[-1:].isdigit() for e in last)
            lines.append(f"{indent}{exercise:<{width}}  last {last[0].date}: {_blocks(last, measure)}  "
                         f"({sessions} session{'s' * (sessions != 1)})")
    if unitless:
        lines.append("loads without units take the card's units (--units, or the template's)")
    if history.skipped:
        lines.append("left out: " + ", ".join(f"{rows} {why if rows == 1 else PLURALS.get(why, why)}"
                                              for why, rows in history.skipped))
    for name, rows, close in history.unmapped:
        guess = f"; did you mean {close}?" if close else ""
        lines.append(f'left out: "{name}" ({rows} row{"s" * (rows != 1)}): no exercise by that name{guess} '
                     f'(map it in names.yaml)')
    if history.unused:
        lines.append(f"not read: the columns {', '.join(history.unused)}")
    return lines


def _blocks(sets: tuple[Entry, ...], measure: str) -> str:
    """The day's sets, each app block's apart ('5 @ 28, 3 @ 30 kg; then 10, 10 @ 20 kg'), or
    each labelled item's ('item 1: 5 @ 30, 3 @ 32 kg; item 3: 10, 10 @ 20 kg')."""
    groups: dict[tuple, list[Entry]] = {}
    for entry in sets:
        groups.setdefault((entry.label, entry.block), []).append(entry)
    texts: list[str] = []
    for (label, _), group in groups.items():
        text = sets_text(tuple(group), measure, "")
        texts.append(f"item {label}: {text}" if label else f"then {text}" if texts else text)
    return "; ".join(texts)
