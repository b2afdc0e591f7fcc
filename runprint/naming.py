"""Names as people write them: the closest known name to a typo, and an id made of a name."""

from __future__ import annotations

import re
from collections.abc import Collection


def suggest(word: str, choices: Collection[str]) -> str | None:
    """'did you mean ...?' for the known name closest to `word`, or None when none is close."""
    import difflib  # only when there is a mistake to suggest a fix for

    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def slug(text: str) -> str:
    """A name as an id: 'Full-body integration' -> 'full-body-integration'."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "session"
