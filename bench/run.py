"""runprint's benchmark: speed, cold start, batch throughput, memory and size.

    python bench/run.py            # the full run (a few minutes on 2 cores)
    python bench/run.py --quick    # tiny sizes, one repeat: keeps the script working in tests

Every time is a median over repeats, and every speed is also a ratio against a floor
measured in the same run (bench/floor.py, or `python -c pass`), because absolute times
on a shared machine drift. Prints a table and writes bench/results.json.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import floor  # noqa: E402
from runprint.layout import Box, Line, Text  # noqa: E402
from runprint.library import Library  # noqa: E402
from runprint.plan import coerce_params  # noqa: E402
from runprint.render import fonts  # noqa: E402
from runprint.sheets import card_pages, render_card  # noqa: E402

SESSIONS = [("upper-body-runners", "upper-body"), ("runner-strength", "day-1"), ("runner-strength", "day-2")]
RUNPRINT = [sys.executable, "-m", "runprint"]


def median_time(fn, repeats: int) -> float:
    fn()  # warm up: caches, first-use imports
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor_page(library: Library, name: str, session: str) -> dict:
    """The words and lines of the laid-out card, as plain lists for the floor to draw."""
    template = library.template(name)
    page = card_pages(template, library, coerce_params(template, {}), "letter", (session,))[0]
    measure = fonts()
    texts, lines, boxes = [], [], []
    for op in page.ops:
        if isinstance(op, Text):
            shift = {"left": 0, "center": 0.5, "right": 1}[op.align] * measure.width(op.text, op.bold, op.size)
            texts.append([op.x - shift, op.y, op.text, op.size, op.bold])
        elif isinstance(op, Line):
            lines.append([op.x1, op.y1, op.x2, op.y2])
        elif isinstance(op, Box):
            boxes.append([op.x, op.y, op.w, op.h])
    return {"width": page.width, "height": page.height, "texts": texts, "lines": lines, "boxes": boxes}


def bench_cards(repeats: int) -> list[dict]:
    library = Library.default(cwd=Path("/nonexistent"))
    floor.register()
    rows = []
    for name, session in SESSIONS:
        page = floor_page(library, name, session)
        ours = median_time(functools.partial(render_card, name, library=library, sessions=(session,)), repeats)
        base = median_time(functools.partial(floor.render, page), repeats)
        rows.append({"figure": f"card {name}/{session}", "value_ms": ours * 1000, "floor_ms": base * 1000,
                     "ratio": ours / base, "target": "<= 2.0x floor", "ok": ours / base <= 2.0})
    return rows


def wall(cmd: list[str], repeats: int, cwd: Path) -> float:
    def run():
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    run()
    return median_time(run, repeats)


def bench_cold(repeats: int, work: Path) -> list[dict]:
    # pip byte-compiles a package it installs; an editable install (or PYTHONDONTWRITEBYTECODE)
    # would make every cold start recompile runprint's sources. Compile once, as pip would.
    import compileall
    import runprint

    compileall.compile_dir(Path(runprint.__file__).parent, quiet=1)
    library = Library.default(cwd=Path("/nonexistent"))
    (work / "page.json").write_text(json.dumps(floor_page(library, "upper-body-runners", "upper-body")))
    commands = {"python": [sys.executable, "-c", "pass"],
                "floor": [sys.executable, str(HERE / "floor.py"), "page.json", "floor.pdf"],
                "help": RUNPRINT + ["--help"],
                "card": RUNPRINT + ["card", "upper-body-runners", "-o", "x.pdf"]}
    # Round-robin, so a slow spell on a shared machine lands on every command alike.
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats + 1):
        for name, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    python, floor_process, help_, card = (statistics.median(times[n][1:]) for n in commands)
    return [
        {"figure": "python -c pass", "value_ms": python * 1000},
        {"figure": "floor.py as a process", "value_ms": floor_process * 1000},
        {"figure": "runprint --help", "value_ms": help_ * 1000, "floor_ms": python * 1000,
         "ratio": help_ / python, "target": "< 150 ms", "ok": help_ < 0.150},
        {"figure": "runprint card (cold)", "value_ms": card * 1000, "floor_ms": floor_process * 1000,
         "ratio": card / floor_process, "target": "<= 1.5x floor process", "ok": card / floor_process <= 1.5},
    ]


def write_roster(path: Path, athletes: int) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["athlete", "week", "row_load", "squat_load"])
        for i in range(athletes):
            writer.writerow([f"Athlete {i:04d} Ångström", 1 + i % 4, f"{10 + i % 8} kg", f"{16 + i % 10} kg"])


def batch_cmd(roster: Path, target: str, jobs: int, work: Path) -> list[str]:
    out = ["--out-dir", str(work / "out"), "--force"] if target == "out-dir" else ["-o", str(work / "all.pdf")]
    return RUNPRINT + ["batch", "runner-strength", "--roster", str(roster), "--jobs", str(jobs)] + out


def bench_batch(athletes: int, repeats: int, work: Path) -> list[dict]:
    roster = work / "roster.csv"
    write_roster(roster, athletes)
    pages = athletes * 2
    rows, speed = [], {}
    for target in ("out-dir", "-o"):
        for jobs in (1, 2):
            seconds = wall(batch_cmd(roster, target, jobs, work), repeats, work)
            speed[target, jobs] = pages / seconds
            rows.append({"figure": f"batch {athletes} athletes, --jobs {jobs}, {target}",
                         "value": round(pages / seconds, 1), "unit": "pages/s"})
        ratio = speed[target, 2] / speed[target, 1]
        rows.append({"figure": f"batch speed-up, jobs 2 vs 1, {target}", "value": round(ratio, 2), "unit": "x",
                     "target": ">= 1.6x", "ok": ratio >= 1.6})
    return rows


def peak_rss_mb(cmd: list[str], cwd: Path) -> float:
    """Peak resident memory of a command and its children, read in a fresh wrapper process."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL, check=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *cmd], cwd=cwd, capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def bench_memory(small: int, large: int, work: Path) -> list[dict]:
    rows = []
    for target in ("out-dir", "-o"):
        peaks = {}
        for athletes in (small, large):
            roster = work / f"roster-{athletes}.csv"
            write_roster(roster, athletes)
            peaks[athletes] = peak_rss_mb(batch_cmd(roster, target, 1, work), work)
            rows.append({"figure": f"peak RSS, {athletes} athletes, {target}", "value": round(peaks[athletes], 1),
                         "unit": "MB"})
        growth = peaks[large] / peaks[small]
        rows.append({"figure": f"memory growth {small} -> {large} athletes, {target}", "value": round(growth, 3),
                     "unit": "x", "target": "<= 1.10x", "ok": growth <= 1.10})
    return rows


def bench_size(work: Path, athletes: int) -> list[dict]:
    import pikepdf

    card = render_card("upper-body-runners", library=Library.default(cwd=Path("/nonexistent")))
    roster = work / "roster-size.csv"
    write_roster(roster, athletes)
    subprocess.run(batch_cmd(roster, "-o", 1, work), cwd=work, check=True, capture_output=True)
    combined = (work / "all.pdf").read_bytes()
    with pikepdf.open(work / "all.pdf") as pdf:
        pages = len(pdf.pages)
        font_files = sum(1 for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
                         and "/FontFile2" in obj)
        base_fonts = {str(obj.get("/BaseFont")) for obj in pdf.objects
                      if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"}
    return [
        {"figure": "card PDF size (upper-body-runners)", "value": len(card), "unit": "bytes",
         "target": "< 60 KB", "ok": len(card) < 60_000},
        {"figure": f"combined PDF, {athletes} athletes", "value": round(len(combined) / pages), "unit": "bytes/page"},
        {"figure": "embedded font programs in the combined PDF", "value": font_files, "unit": "files",
         "target": f"{len(base_fonts)} (each font once)", "ok": font_files == len(base_fonts)},
    ]


def table(rows: list[dict]) -> str:
    lines = ["| figure | value | floor | ratio | target | ok |", "| --- | ---: | ---: | ---: | --- | --- |"]
    for row in rows:
        value = f"{row['value_ms']:.1f} ms" if "value_ms" in row else f"{row['value']} {row['unit']}"
        floor_ = f"{row['floor_ms']:.1f} ms" if "floor_ms" in row else ""
        ratio = f"{row['ratio']:.2f}x" if "ratio" in row else ""
        ok = "" if "ok" not in row else ("yes" if row["ok"] else "NO")
        lines.append(f"| {row['figure']} | {value} | {floor_} | {ratio} | {row.get('target', '')} | {ok} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one repeat")
    parser.add_argument("--json", default=str(HERE / "results.json"), help="where to write the results")
    args = parser.parse_args()
    quick = args.quick
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        rows = bench_cards(3 if quick else 15)
        rows += bench_cold(1 if quick else 15, work)
        rows += bench_batch(6 if quick else 500, 1 if quick else 3, work)
        rows += bench_memory(4 if quick else 100, 8 if quick else 1000, work)
        rows += bench_size(work, 4 if quick else 100)
    result = {"quick": quick, "python": sys.version.split()[0], "cpus": os.cpu_count(), "rows": rows}
    Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
