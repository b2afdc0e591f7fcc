"""`runprint serve`: a page in the browser to write templates against a live card, and to
print a roster. Starlette and uvicorn come with the `serve` extra; nothing else of runprint
imports this package."""

from __future__ import annotations

import shutil
import signal
import socket
import tempfile
from pathlib import Path

from ..errors import Problem, RunprintError

NEEDS = "pip install 'runprint[serve]'"
LOCAL = "127.0.0.1"


def missing() -> str | None:
    """The package of the `serve` extra that is not installed, if any."""
    from importlib.util import find_spec

    for module in ("starlette", "uvicorn"):
        try:
            __import__(module)
        except ImportError:
            return module
    # Its module was renamed from multipart to python_multipart; importing the old name warns.
    return None if find_spec("python_multipart") or find_spec("multipart") else "python-multipart"


def listen(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 takes a free one. Bound before the URL is printed, so the
    URL works the moment it is shown."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        where = f"--host {host}" if host != LOCAL else f"--port {port}"
        raise RunprintError(Problem(None, None, where, f"cannot listen on {host} port {port}: {exc.strerror or exc}",
                                    "leave --port out to take a free port, or give --host an address of this "
                                    "machine")) from None
    return sock


def url_of(sock: socket.socket, host: str, token: str | None) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(sock: socket.socket, libraries: tuple[str, ...], token: str | None) -> None:
    """Answer on `sock` until Ctrl-C (KeyboardInterrupt, raised after the server stopped);
    every upload's folder is gone when this returns or raises."""
    import uvicorn

    from .app import make_app

    # uvicorn re-raises the Ctrl-C it caught once it has stopped, through the handler it found:
    # started with SIGINT ignored (as under some launchers), that would end quietly with status 0.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    workdir = Path(tempfile.mkdtemp(prefix="runprint-serve-"))
    try:
        app = make_app(tuple(libraries), Path.cwd(), workdir, token)
        config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=2)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        sock.close()
