"""Parsed files kept between runs, so a start with nothing new to parse skips the parser.

An entry is named by a digest of the file's text and of the code that parsed it: an
edited file, or another version of runprint, is a miss, never a stale answer. Nothing
here can fail a command; a cache that cannot be read or written only costs time.

    RUNPRINT_CACHE_DIR=/some/folder   where entries go (default: $XDG_CACHE_HOME/runprint)
    RUNPRINT_CACHE_DIR=               no cache at all
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from . import __version__


def folder() -> Path | None:
    setting = os.environ.get("RUNPRINT_CACHE_DIR")
    if setting is not None:
        return Path(setting) if setting else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "runprint"


@lru_cache(maxsize=1)
def _salt() -> bytes:
    # The parser's own file stands for its rules: a change to it (a new release, or a
    # developer's edit) makes every entry a miss.
    parser = Path(__file__).with_name("sources.py").stat()
    return f"{__version__}:{parser.st_mtime_ns}:{parser.st_size}".encode()


def key(text: bytes) -> str:
    return hashlib.blake2b(_salt() + b"\0" + text, digest_size=20).hexdigest()


def get(name: str):
    where = folder()
    if where is None:
        return None
    try:
        return marshal.loads((where / f"{name}.marshal").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def put(name: str, value) -> None:
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                marshal.dump(value, out)
            os.replace(temp, where / f"{name}.marshal")
        except BaseException:
            os.unlink(temp)
            raise
    except (OSError, ValueError):
        pass
