"""A `runprint serve` for tests: the real app on a real socket, in a thread of the test process."""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra: pip install '.[serve]'")
pytest.importorskip("uvicorn", reason="the serve extra: pip install '.[serve]'")

SHORT_TEMPLATE = """\
title: "Short day for {{ athlete or 'you' }}"
params: {athlete: "", week: 1, sets: 3}
sessions:
  - id: short
    name: Short day
    exercises:
      - exercise: push-up
        do: "{{ sets }}x10"
      - exercise: plank
        do: 3x30s
"""


def make_library(root: Path) -> Path:
    """A user's library folder: one template of their own beside the built-ins."""
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "short.yaml").write_text(SHORT_TEMPLATE)
    return root


@contextlib.contextmanager
def live_server(libraries: tuple[str, ...], cwd: Path, workdir: Path, token: str | None = None):
    """Yields the base URL ('http://127.0.0.1:PORT') while the server answers."""
    import uvicorn

    from runprint.serve import listen
    from runprint.serve.app import make_app

    sock = listen("127.0.0.1", 0)
    config = uvicorn.Config(make_app(libraries, cwd, workdir, token), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):  # not a timing check: waiting for the thread to start answering
        if server.started:
            break
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
