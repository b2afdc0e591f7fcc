"""Parsed files kept between runs, so a start with nothing new to parse skips the parser.

An entry is named by a digest of the file's text and of the code that parsed it: an
edited file, a changed parser or another PyYAML is a miss, never a stale answer.
Nothing here can fail a command; a cache that cannot be found, read or written only
costs time. It keeps the newest MAX_ENTRIES entries.

    RUNPRINT_CACHE_DIR=/some/folder   where entries go (default: $XDG_CACHE_HOME/runprint)
    RUNPRINT_CACHE_DIR=               no cache at all
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from . import __version__

MAX_ENTRIES = 2000
_SUFFIX = ".marshal"


def folder() -> Path | None:
    setting = os.environ.get("RUNPRINT_CACHE_DIR")
    if setting is not None:
        return Path(setting) if setting else None
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except (RuntimeError, KeyError, OSError):  # no home folder to be found
        return None
    return Path(base) / "runprint"


@lru_cache(maxsize=1)
def _salt() -> bytes | None:
    # The parser's own file and PyYAML's stand for the rules that made an entry: a new
    # release, a developer's edit or another PyYAML makes every entry a miss. When they
    # cannot be found (a frozen install) there is no cache.
    try:
        parts = [__version__]
        for origin in (sys.modules[__package__ + ".sources"].__file__, importlib.util.find_spec("yaml").origin):
            info = os.stat(origin)
            parts.append(f"{origin}:{info.st_mtime_ns}:{info.st_size}")
        return "\n".join(parts).encode()
    except (AttributeError, KeyError, OSError, TypeError, ValueError, ImportError):
        return None


def key(text: bytes) -> str | None:
    salt = _salt()
    return None if salt is None else hashlib.blake2b(salt + b"\0" + text, digest_size=20).hexdigest()


def get(name: str | None):
    where = folder()
    if where is None or name is None:
        return None
    try:
        return marshal.loads((where / f"{name}{_SUFFIX}").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def put(name: str | None, value) -> None:
    where = folder()
    if where is None or name is None:
        return
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                marshal.dump(value, out)
            os.replace(temp, where / f"{name}{_SUFFIX}")
        except BaseException:
            os.unlink(temp)
            raise
        _prune(where)
    except (OSError, ValueError):
        pass


@lru_cache(maxsize=1)  # once a process: a first run writes an entry per file
def _prune(where: Path) -> None:
    """Keep the newest entries; drop temp files a killed process left an hour ago."""
    entries = []
    for entry in os.scandir(where):
        if entry.name.endswith(_SUFFIX):
            entries.append((entry.stat().st_mtime, entry.path))
        elif entry.name.endswith(".tmp") and entry.stat().st_mtime < time.time() - 3600:
            os.unlink(entry.path)
    if len(entries) > MAX_ENTRIES:
        for _, path in sorted(entries)[: len(entries) - MAX_ENTRIES // 2]:
            os.unlink(path)
