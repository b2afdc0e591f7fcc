"""A federation-sized batch: time, memory and disk for N athletes with --out-dir.

    python bench/club.py --athletes 100000            # the README's figures (long: see bench/README.md)
    python bench/club.py --athletes 20000 --split-by team

Writes a roster of N athletes (in 50 teams) to a temporary folder, runs `runprint batch
TEMPLATE --roster club.csv --out-dir DIR --jobs J` under /usr/bin/time -v, and samples the
resident memory of the whole process tree (the batch and its workers) every second, so a
memory that grows with the roster shows as a rising line rather than one peak. Prints one
Markdown table. Never run by the test suite.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def write_roster(path: Path, athletes: int) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["athlete", "team", "week", "row_load"])
        for i in range(athletes):
            writer.writerow([f"Athlete {i:06d} Ångström", f"Team {i % 50:02d}", 1 + i % 4, f"{10 + i % 8} kg"])


def tree_rss_kb(pid: int) -> dict[int, int]:
    """Resident memory of a process and each of its descendants, from /proc: depth -> KB
    (0: /usr/bin/time, 1: the batch, 2: its workers, summed)."""
    out: dict[int, int] = {}
    todo = [(pid, 0)]
    while todo:
        current, depth = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            out[depth] = out.get(depth, 0) + (int(re.search(r"VmRSS:\s+(\d+)", status)[1]) if "VmRSS" in status else 0)
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [(int(c), depth + 1) for c in (task / "children").read_text().split()]
        except (OSError, TypeError):
            continue
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--athletes", type=int, default=100_000)
    parser.add_argument("--template", default="upper-body-runners")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--split-by", help="a roster column: one combined PDF per value (here: team)")
    parser.add_argument("--keep", action="store_true", help="keep the folder of PDFs (its path is printed)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="runprint-club-"))
    roster = work / "club.csv"
    write_roster(roster, args.athletes)
    out = work / "out"
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "runprint", "batch", args.template, "--roster", str(roster),
           "--out-dir", str(out), "--jobs", str(args.jobs), *(["--split-by", args.split_by] if args.split_by else [])]
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=work, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, dict[int, int]]] = []

    def sample() -> None:
        while process.poll() is None:
            samples.append((time.perf_counter() - start, tree_rss_kb(process.pid)))
            time.sleep(1)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, err = process.communicate()
    wall = time.perf_counter() - start
    watcher.join()
    peak_one = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)[1])
    disk = sum(f.stat().st_size for f in out.iterdir()) if out.is_dir() else 0
    files = len(list(out.iterdir())) if out.is_dir() else 0
    def thirds(depth: int | None) -> str:
        """The peak in each third of the run: a flat memory gives three equal numbers."""
        peaks = [max((sum(kb.values()) if depth is None else kb.get(depth, 0)
                      for t, kb in samples if part * wall / 3 <= t < (part + 1) * wall / 3), default=0)
                 for part in range(3)]
        return " / ".join(f"{kb / 1024:.0f} MB" for kb in peaks)

    rows = [
        ("command", " ".join(["runprint", *cmd[5:]]).replace(str(work) + "/", "")),
        ("exit status", str(process.returncode)),
        ("athletes", f"{args.athletes:,}"),
        ("wall time", f"{wall:.0f} s ({args.athletes / wall:.0f} athletes/s)"),
        ("peak RSS, largest single process", f"{peak_one / 1024:.0f} MB"),
        ("peak RSS of the batch process, by third of the run", thirds(1)),
        ("peak RSS of its workers together, by third of the run", thirds(2)),
        ("peak RSS, whole tree, by third of the run", thirds(None)),
        ("files written", f"{files:,}"),
        ("disk", f"{disk / 1e6:,.0f} MB ({disk / max(files, 1) / 1024:.1f} KB a file)"),
        ("load average at the end", " ".join(f"{x:.1f}" for x in os.getloadavg())),
    ]
    print("| figure | value |\n| --- | --- |")
    print("\n".join(f"| {name} | {value} |" for name, value in rows))
    if process.returncode:
        print(err[-2000:], file=sys.stderr)
    if args.keep:
        print(f"kept: {out}", file=sys.stderr)
    else:
        subprocess.run(["rm", "-rf", str(work)], check=False)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
