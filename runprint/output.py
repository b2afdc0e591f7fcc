"""Writing files without ever losing what a user had.

A PDF goes to a short-named temp file in the target's folder, is flushed, and then takes
the target's name in one step: `os.replace` when replacing is allowed, `os.link` (which
fails if the name exists) when it is not, so two runs writing one folder can never both
believe they wrote a file. What sits at the target is looked at first and only a plain
file is ever replaced: never a symlink (dangling or not), a device, a FIFO, or one of
the run's own input files (compared by device and inode, so only the files actually read
are looked at).

Temp files are named `.runprint-<host>-<pid>-<random>.part`. A process removes its own as
an exception (Ctrl-C, or SIGTERM turned into one by the CLI) unwinds; a file of that
pattern whose process is gone (a stopped worker, a SIGKILL) is removed by the next run
writing the same folder, and by a batch once its workers are gone. Nothing else in a
folder is touched.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import secrets
import signal
import stat
import zlib
from contextlib import contextmanager
from pathlib import Path

from .errors import Problem, RunprintError
from .sources import file_kind

_HOST = f"{zlib.crc32(os.uname().nodename.encode()) & 0xffff:04x}"  # the host name, without importing socket
_PART = re.compile(r"^\.runprint-(?P<host>[0-9a-f]{4})-(?P<pid>\d+)-[0-9a-f]{8}\.part$")
_SWEPT: set[str] = set()  # folders already cleared of stale temp files by this process


def quit_quietly_on_signals() -> None:
    """For a batch's worker processes: a process group of their own, so a terminal's Ctrl-C
    or a signal to the whole group reaches only the parent, which stops them through the
    pool (a worker killed while it holds the pool's queue lock would hang the parent).
    A SIGTERM from the pool ends a worker at once, without a traceback; the parent then
    removes what it left (`remove_stale_parts(folder, again=True)`)."""
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)  # held since the fork: see signals_held


_STOPPING = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


@contextmanager
def signals_held():
    """Hold Ctrl-C, SIGTERM and SIGHUP while worker processes are forked: a worker must not
    meet one before it has set itself up (it would print a traceback). They arrive after."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def part_name() -> str:
    return f".runprint-{_HOST}-{os.getpid()}-{secrets.token_hex(4)}.part"


def remove_stale_parts(folder: Path, again: bool = False) -> None:
    """Remove temp files runprint left in `folder` from processes of this host that are gone
    (once per folder and process unless `again`: a batch writes many files into one folder)."""
    key = os.path.realpath(folder)
    if key in _SWEPT and not again:
        return
    _SWEPT.add(key)
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.startswith(".runprint-")]
    except OSError:
        return
    for name in names:
        match = _PART.match(name)
        if match is None or match["host"] != _HOST or _alive(int(match["pid"])):
            continue
        try:
            os.unlink(os.path.join(folder, name))
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def remove_if_empty(folder: Path) -> None:
    try:
        os.rmdir(folder)
    except OSError:
        pass


def identity(info: os.stat_result) -> tuple[int, int]:
    return (info.st_dev, info.st_ino)


def lock_folder(folder: Path) -> int | None:
    """Hold `folder` for this run (flock on the folder itself: no file is made). Returns the
    descriptor to close when done (-1: the folder cannot be locked, as on some network disks),
    or None when another run holds it: that run is writing there now, and what it wrote is
    not this run's to replace."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return -1
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        return None if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN) else -1
    return fd


def identities(paths) -> frozenset[tuple[int, int]]:
    """(device, inode) of each input file that exists: what an output must never be."""
    out = set()
    for path in paths:
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            continue
        out.add((info.st_dev, info.st_ino))
    return frozenset(out)


def check_target(path: Path, inputs: frozenset = frozenset(), overwrite: bool = True) -> os.stat_result | None:
    """Refuse a target that is a folder, a link, a device, an input, or (without `overwrite`) any file.
    Returns what is there now (None for nothing)."""
    name = str(path)  # as given: Path() would drop the '/' that says "a folder"
    path = Path(path)
    if name.endswith(("/", os.sep)) or path.name in ("", ".", ".."):
        raise RunprintError(Problem(name, None, "", "this is a folder, not a file name",
                                    "give a file name such as card.pdf"))
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise cannot_write(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise RunprintError(Problem(name, None, "", "this is a folder, not a file name",
                                    "give a file name such as card.pdf"))
    if stat.S_ISLNK(info.st_mode):
        raise RunprintError(Problem(name, None, "", "this is a symbolic link; runprint never writes through "
                                    "or replaces one", "remove the link, or choose another file name"))
    if not stat.S_ISREG(info.st_mode):
        raise RunprintError(Problem(name, None, "", f"this is {file_kind(info.st_mode)}; runprint only "
                                    "replaces plain files", "choose another file name"))
    if (info.st_dev, info.st_ino) in inputs:
        raise RunprintError(Problem(name, None, "", "this is one of the input files; writing the PDF "
                                    "there would destroy it", "choose another output path"))
    if not overwrite:
        raise exists(path)
    return info


def exists(path: Path) -> RunprintError:
    return RunprintError(Problem(str(path), None, "", "the file already exists",
                                 "pass --force to replace it, or choose another folder"))


@contextmanager
def atomic_open(path: Path, inputs=(), overwrite: bool = True):
    """Yield a binary file; on a clean exit it takes `path`'s name, otherwise it vanishes.
    `inputs` are the run's input files (paths, or their `identities`): never written over."""
    inputs = inputs if isinstance(inputs, frozenset) else identities(inputs)
    current = check_target(path, inputs, overwrite)
    path = Path(path)
    folder = path.parent
    try:
        if not stat.S_ISDIR(os.stat(folder).st_mode):
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
    except (FileNotFoundError, NotADirectoryError):
        raise RunprintError(Problem(str(path), None, "", f"the folder '{folder}' does not exist",
                                    "create it first, or write somewhere else")) from None
    except OSError as exc:
        raise cannot_write(path, exc) from None
    remove_stale_parts(folder)
    tmp = str(folder / part_name())
    try:  # made inside the try whose finally removes it: Ctrl-C may come the instant it exists
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        if current is not None:
            os.fchmod(fd, current.st_mode & 0o777)  # a replaced file keeps its permissions
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _commit(tmp, path, inputs, overwrite)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def _commit(tmp: str, path: Path, inputs: frozenset, overwrite) -> None:
    """Give the finished temp file the target's name, checking the target again at this moment.

    `overwrite`: True replaces any plain file; False never replaces; an `identity` (device,
    inode) replaces that one file only, so a file another run wrote meanwhile is reported,
    not lost."""
    if overwrite is not False:
        current = check_target(path, inputs, overwrite=True)  # what is there may have changed while we drew
        if current is not None:
            if overwrite is not True and identity(current) != tuple(overwrite):
                raise exists(path)
            os.replace(tmp, path)
            return
    try:
        os.link(tmp, path)   # fails if anything, even a dangling link, holds the name
    except FileExistsError:
        raise exists(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        _copy_exclusive(tmp, path)  # a file system without hard links (FAT on a USB stick)


def _copy_exclusive(tmp: str, path: Path) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except FileExistsError:
        raise exists(path) from None
    try:
        with os.fdopen(fd, "wb") as out, open(tmp, "rb") as source:
            while chunk := source.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        os.unlink(path)
        raise


_HINTS = {errno.ENAMETOOLONG: "use a shorter file name",
          errno.ELOOP: "a symbolic link on the path points back at itself; fix or remove it",
          errno.EACCES: "check the folder's permissions, or write somewhere else",
          errno.EPERM: "check the folder's permissions, or write somewhere else",
          errno.EROFS: "the disk is read-only; write somewhere else",
          errno.ENOSPC: "free some space on the disk, or write somewhere else",
          errno.EDQUOT: "free some space (you are over your quota), or write somewhere else"}


def cannot_write(path: Path, exc: OSError) -> RunprintError:
    return RunprintError(Problem(str(path), None, "", f"cannot write here: {exc.strerror or exc}",
                                 _HINTS.get(exc.errno, "check the folder's permissions and free space, "
                                                       "or choose another path")))


def write_atomic(path: Path, data: bytes, inputs=(), overwrite: bool = True) -> None:
    with atomic_open(path, inputs, overwrite) as handle:
        handle.write(data)
