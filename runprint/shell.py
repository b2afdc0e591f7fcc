"""Where a command meets the operating system: signals, OS errors and standard output.

The CLI runs each command inside `what_stopped`'s reach, so whatever ends a command
early is one line a person can act on and an exit status a script can test:

    RunprintError      each problem                     exit 1
    OSError            'PATH: cause' (disk full, ...)   exit 1
    Ctrl-C (SIGINT)    'interrupted'                    exit 130
    SIGTERM, SIGHUP    'stopped by SIGTERM'             exit 128 + the signal's number

A signal unwinds the stack like Ctrl-C does, so every temp file is removed on the way out.
"""

from __future__ import annotations

import errno
import os
import signal
import sys

from .errors import Problem, RunprintError, printable_lines

EXIT_BAD_INPUT = 1
EXIT_SIGNALLED = 128   # + the signal's number


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived (a BaseException, like KeyboardInterrupt: nothing catches it by accident)."""

    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


def _stop(number, _frame):
    raise Stopped(number)


def stop_on_signals() -> None:
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _stop)


_HINTS = {errno.ENAMETOOLONG: "use a shorter name", errno.ELOOP: "a symbolic link on the path points back at itself",
          errno.EACCES: "check the permissions of the file and the folders above it",
          errno.ENOSPC: "free some space on the disk", errno.EROFS: "the disk is read-only; use another place"}


def what_stopped(exc: BaseException) -> tuple[list[str], int | None]:
    """The lines to print and the exit status for what ended a command; None: not ours (a bug,
    or click's own exit), to be raised on."""
    if isinstance(exc, RunprintError):
        return [str(problem) for problem in exc.problems], EXIT_BAD_INPUT
    if isinstance(exc, OSError):
        path = exc.filename if exc.filename is not None else "runprint"
        hint = _HINTS.get(exc.errno, "check the path, its permissions and the free space")
        return [str(Problem(str(path), None, "", exc.strerror or str(exc), hint))], EXIT_BAD_INPUT
    if isinstance(exc, KeyboardInterrupt):
        return ["interrupted (SIGINT); no half-written file was kept"], EXIT_SIGNALLED + signal.SIGINT
    if isinstance(exc, Stopped):
        name = signal.Signals(exc.number).name
        return [f"stopped by {name}; no half-written file was kept"], EXIT_SIGNALLED + exc.number
    return [], None


def write_stdout(data: bytes) -> None:
    """`-o -`: the PDF to standard output, or a clear error when it is closed or full."""
    _write(lambda out: out.buffer.write(data), "the PDF", "write to a file with -o card.pdf, or keep stdout open",
           "check the free space where it goes, or write to a file with -o")


def write_text(text: str) -> None:
    """What a command prints for a person (a list, a CSV), every line made printable as the
    lines on stderr are: a template's title or an exercise's name can't drive the terminal."""
    safe = printable_lines(text)
    _write(lambda out: out.write(safe), "the list", "keep standard output open, or send it to a file with >",
           "check the free space where it goes, and that whatever reads it is still running")


def _write(write, what: str, hint: str, failed_hint: str) -> None:
    """One write to standard output and its flush; closed or failing, one error that says so."""
    if sys.stdout is None:
        raise RunprintError(Problem("-", None, "", "standard output is closed", hint))
    try:
        write(sys.stdout)
        sys.stdout.flush()
    except ValueError:  # a file object closed under us: "I/O operation on closed file"
        raise RunprintError(Problem("-", None, "", "standard output is closed", hint)) from None
    except OSError as exc:
        # Nothing more may go there, not even the flush at exit, which would print a traceback.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        raise RunprintError(Problem("-", None, "", f"cannot write {what} to standard output: "
                                    f"{exc.strerror or exc}", failed_hint)) from None
