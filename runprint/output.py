"""Atomic file writes: a temp file in the same folder, flushed, then renamed over the target.

A failure at any point leaves whatever was at the target untouched.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import Problem, RunprintError


@contextmanager
def atomic_open(path: Path, protected: tuple[Path, ...] = (), overwrite: bool = True):
    """Yield a binary file; on a clean exit it replaces `path`, otherwise it vanishes."""
    path = Path(path)
    refuse_inputs(path, protected)
    if not overwrite and path.exists():
        raise RunprintError(Problem(str(path), None, "", "the file already exists",
                                    "pass --force to replace it, or choose another folder"))
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir() or not path.name or path.name in (".", ".."):
        raise RunprintError(Problem(str(path), None, "", "this is a folder, not a file name",
                                    "give a file name such as card.pdf"))
    if not folder.is_dir():
        raise RunprintError(Problem(str(path), None, "", f"the folder '{folder}' does not exist",
                                    "create it first, or write somewhere else with -o"))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise


def _cannot_write(path: Path, exc: OSError) -> RunprintError:
    return RunprintError(Problem(str(path), None, "", f"cannot write here: {exc.strerror or exc}",
                                 "check the folder's permissions and free space, or choose another path"))


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (mkstemp makes 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, protected: tuple[Path, ...] = (), overwrite: bool = True) -> None:
    with atomic_open(path, protected, overwrite) as handle:
        handle.write(data)


def refuse_inputs(path: Path, protected: tuple[Path, ...]) -> None:
    """runprint never writes over one of its own input files."""
    try:
        target = Path(path).resolve()
    except OSError:
        return
    for source in protected:
        try:
            same = Path(source).resolve() == target
        except OSError:
            same = False
        if same:
            raise RunprintError(Problem(str(path), None, "", "this is one of the input files; writing the PDF "
                                        "there would destroy it", "choose another output path with -o"))
