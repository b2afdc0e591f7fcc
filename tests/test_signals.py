"""Issue 13, signals: SIGINT, SIGTERM and SIGHUP mid-batch end with one line, 128 + N, and no
temp file left; a later run removes what a SIGKILL left. Real processes, real signals."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from runprint.output import part_name, remove_stale_parts

ROOT = Path(__file__).resolve().parent.parent


def roster(folder: Path, count: int) -> Path:
    path = folder / "club.csv"
    path.write_text("athlete,week\n" + "".join(f"Athlete {i},{1 + i % 4}\n" for i in range(count)))
    return path


def start(folder: Path, *args) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "runprint", "batch", "runner-strength", "--roster", "club.csv",
                             *args], cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for(condition, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("the run never got going")
        time.sleep(0.01)


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.part"))


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda n: n.name)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_signal_mid_combined_batch_ends_cleanly(tmp_path, number, jobs):
    roster(tmp_path, 400)
    run = start(tmp_path, "-o", "all.pdf", "--jobs", jobs, "--with-week")
    wait_for(lambda: parts(tmp_path) or run.poll() is not None)
    os.killpg(run.pid, number)  # as a terminal's Ctrl-C or a service manager would: the whole group
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == 128 + number, stderr
    word = "interrupted (SIGINT)" if number == signal.SIGINT else f"stopped by {number.name}"
    assert stderr == f"error: {word}; no half-written file was kept\n"
    assert parts(tmp_path) == [] and not (tmp_path / "all.pdf").exists()


def test_sigterm_mid_out_dir_batch_with_workers(tmp_path):
    roster(tmp_path, 300)
    run = start(tmp_path, "--out-dir", "out", "--jobs", "2")
    wait_for(lambda: (tmp_path / "out").is_dir() and any((tmp_path / "out").glob("*.pdf")) or run.poll() is not None)
    os.killpg(run.pid, signal.SIGTERM)
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == 143 and "Traceback" not in stderr, stderr
    assert stderr.endswith("error: stopped by SIGTERM; no half-written file was kept\n")
    assert parts(tmp_path) == []
    assert all(p.read_bytes().startswith(b"%PDF") for p in (tmp_path / "out").iterdir())


def test_a_run_removes_the_temp_files_a_killed_run_left_and_nothing_else(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    folder = tmp_path / "out"
    folder.mkdir()
    stale = part_name().replace(f"-{os.getpid()}-", f"-{gone.pid}-")
    mine = part_name()  # a live process's: still being written
    others = [".Ana.pdf.x1y2z3.part", ".runprint-notes.part", "Ana.part", stale.replace(".part", ".txt")]
    for name in [stale, mine, *others]:
        (folder / name).write_bytes(b"partial")
    remove_stale_parts(folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted([mine, *others])


def test_a_batch_after_sigkill_leaves_no_part_file(tmp_path):
    roster(tmp_path, 400)
    run = start(tmp_path, "-o", "all.pdf", "--jobs", "1")
    wait_for(lambda: parts(tmp_path) or run.poll() is not None)
    os.killpg(run.pid, signal.SIGKILL)
    run.communicate(timeout=30)
    assert parts(tmp_path), "SIGKILL leaves the temp file behind"
    roster(tmp_path, 2)
    again = start(tmp_path, "-o", "all.pdf", "--jobs", "1")
    _, stderr = again.communicate(timeout=60)
    assert again.returncode == 0, stderr
    assert parts(tmp_path) == []


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as handle:
                if entry.isdigit() and handle.read().rsplit(")", 1)[1].split()[1] == str(pid):
                    found.append(int(entry))
        except OSError:
            pass  # a process that ended while we looked
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc (Linux)")
@pytest.mark.parametrize("number", [signal.SIGKILL, signal.SIGTERM], ids=lambda n: n.name)
def test_a_worker_killed_on_its_own_ends_the_batch_with_a_message(tmp_path, number):
    """The OOM killer or a stray kill takes one worker: the pool replaces it but never gets its
    athletes back. The batch must say so and stop, not wait forever."""
    roster(tmp_path, 300)
    run = start(tmp_path, "--out-dir", "out", "--jobs", "2")
    wait_for(lambda: (tmp_path / "out").is_dir() and any((tmp_path / "out").glob("*.pdf")) or run.poll() is not None)
    workers = children(run.pid)
    assert workers, "the batch should run in worker processes"
    os.kill(workers[0], number)
    _, stderr = run.communicate(timeout=60)
    if run.returncode == 0:
        pytest.skip("the batch finished before the worker was stopped")  # a very fast machine
    assert run.returncode == 1 and "Traceback" not in stderr, stderr
    assert "error: a worker process was stopped before it finished (killed, or out of memory)" in stderr
    assert parts(tmp_path) == []
    assert all(p.read_bytes().startswith(b"%PDF") for p in (tmp_path / "out").iterdir())
