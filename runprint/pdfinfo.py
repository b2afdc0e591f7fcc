"""Whether a file is a PDF runprint wrote, told from the PDF's own document information.

render sets Creator `runprint <version>` and Author `runprint` on every PDF. Reading them
back takes the file's tail (the trailer names the Info object and where the cross-reference
table starts), one entry of that table, and the Info object itself: a few kilobytes
whatever the file's size. A file this cannot read that way is not runprint's: a PDF saved
again by another program (with a compressed cross-reference) is a coach's file now.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problem, RunprintError
from .output import check_target, identities, identity

TAIL_BYTES = 4096
OBJECT_BYTES = 4096
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_INFO = re.compile(rb"/Info\s+(\d+)\s+(\d+)\s+R")
_SECTION = re.compile(rb"(\d+)\s+(\d+)\s*$")
_CREATOR = re.compile(rb"/Creator\s*\(runprint \d[^()]*\)")
_AUTHOR = re.compile(rb"/Author\s*\(runprint\)")


def made_by_runprint(path: Path) -> bool:
    """True when `path` is a PDF whose Info says runprint made it (Creator and Author)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
            size = handle.seek(0, 2)
            handle.seek(max(0, size - TAIL_BYTES))
            tail = handle.read()
            info = _info_object(handle, tail)
    except (OSError, ValueError):
        return False
    return bool(info and _CREATOR.search(info) and _AUTHOR.search(info))


def replaceable(path: Path, force: bool, inputs=()) -> tuple | bool:
    """What writing a PDF to `path` may replace: False when nothing is there, else the file's
    identity. A PDF runprint wrote before is replaced (running the same command again); any
    other file only with `force`, and never a link, a device or one of the run's `inputs`."""
    inputs = inputs if isinstance(inputs, frozenset) else identities(inputs)
    seen = check_target(path, inputs)
    if seen is None:
        return False
    if not force and not made_by_runprint(Path(path)):
        raise RunprintError(Problem(str(path), None, "", "this file is not a PDF runprint wrote",
                                    "choose another name, or pass --force to replace it"))
    return identity(seen)


def _info_object(handle, tail: bytes) -> bytes | None:
    start, info = _STARTXREF.search(tail), None
    trailer = tail[tail.rfind(b"trailer"):] if b"trailer" in tail else b""
    info = _INFO.search(trailer)
    if start is None or info is None:
        return None
    number, generation = int(info[1]), int(info[2])
    offset = _offset_of(handle, int(start[1]), number)
    if offset is None:
        return None
    handle.seek(offset)
    text = handle.read(OBJECT_BYTES)
    if not text.startswith(b"%d %d obj" % (number, generation)):
        return None
    end = text.find(b"endobj")
    return text[:end] if end > 0 else None


def _offset_of(handle, xref: int, number: int) -> int | None:
    """The byte offset of object `number` from a classic cross-reference table at `xref`."""
    handle.seek(xref)
    if handle.readline().strip() != b"xref":
        return None
    for _ in range(64):  # subsections: 'first count', then count entries of 20 bytes
        header = _SECTION.match(handle.readline().strip())
        if header is None:
            return None
        first, count = int(header[1]), int(header[2])
        if first <= number < first + count:
            handle.seek((number - first) * 20, 1)
            entry = handle.read(20).split()
            return int(entry[0]) if len(entry) == 3 and entry[2] == b"n" else None
        handle.seek(count * 20, 1)
    return None
