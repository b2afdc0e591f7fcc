"""runprint's benchmark: card speed, cold start, batch throughput, memory and size.

    python bench/run.py            # the full run: about 2 minutes on 2 cores
    python bench/run.py --quick    # tiny sizes, one repeat: keeps the script working in tests

Every time is a median over repeats, and every speed is also a ratio against a floor
measured in the same run (bench/floor.py drawing the same words and lines, or
`python -c pass`), because absolute times on a shared machine drift. Prints a table,
writes bench/results.json and, after a full run, the table in bench/README.md.
Targets are reported, never enforced: the exit status is 0 unless something crashed.
Every runprint process runs the working tree this file sits in (PYTHONPATH), whatever
copy of runprint is installed.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import re
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import floor  # noqa: E402
from runprint.layout.geometry import Box, Line, Text  # noqa: E402
from runprint.library import Library  # noqa: E402
from runprint.render import fonts  # noqa: E402
from runprint.pipeline import Options, Run, render_card  # noqa: E402

SESSIONS = [("upper-body-runners", "upper-body"), ("runner-strength", "day-1"), ("runner-strength", "day-2")]
BATCH_TEMPLATE = "runner-strength"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def runprint_command() -> list[str]:
    """The `runprint` console script next to this Python (what a user types), else -m."""
    script = Path(sysconfig.get_path("scripts")) / "runprint"
    if script.is_file():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "runprint"]


RUNPRINT = runprint_command()


def median_times(fns: list, repeats: int) -> list[float]:
    """The median time of each function, the functions taking turns: a slow spell of the
    shared machine then lands on all of them alike, as it does for the cold starts."""
    for fn in fns:
        fn()  # warm up: caches, first-use imports
    times = [[] for _ in fns]
    for _ in range(repeats):
        for fn, spent in zip(fns, times):
            start = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - start)
    return [statistics.median(spent) for spent in times]


def run(cmd: list[str], cwd: Path) -> None:
    subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def round_robin(commands: dict[str, list[str]], repeats: int, cwd: Path, warm_up: bool = True) -> dict[str, float]:
    """Median wall time of each command, taking turns so a slow spell hits every command alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(repeats + warm_up):
        for name, cmd in commands.items():
            start = time.perf_counter()
            run(cmd, cwd)
            if round_ or not warm_up:
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def floor_page(library: Library, name: str, session: str, params: dict | None = None) -> list[dict]:
    """The words and lines of the laid-out card's pages, as plain lists for the floor to draw."""
    template = library.template(name)
    run = Run(template, library, params or {}, Options(sessions=(session,)), from_command_line=False)
    return [_floor(page) for page in run.pages_for().pages]


def _floor(page) -> dict:
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


def ratio_row(figure: str, value: float, base: float, target: str = "", limit: float | None = None) -> dict:
    row = {"figure": figure, "value_ms": value * 1000, "floor_ms": base * 1000, "ratio": value / base}
    if limit is not None:
        row.update(target=target, ok=value / base <= limit)
    return row


def long_sessions(work: Path) -> Path:
    """A library folder with a template of two long sessions, 16 and 20 exercises of the
    built-in library: they print as a log and steps on several pages."""
    library = Library.default(cwd=Path("/nonexistent"))
    ids = [e.id for e in library.exercises() if e.measure == "reps" and not e.per_side]
    folder = work / "long"
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    (folder / "exercises").mkdir(exist_ok=True)
    sessions = []
    for count in (16, 20):
        items = "".join(f"      - exercise: {ids[k % len(ids)]}\n        sets: 3\n        reps: 10\n"
                        for k in range(count))
        sessions.append(f"  - id: long-{count}\n    name: Long session of {count}\n    exercises:\n{items}")
    (folder / "templates" / "long.yaml").write_text("title: Long sessions\nsessions:\n" + "".join(sessions))
    return folder


def bench_cards(repeats: int, work: Path) -> list[dict]:
    library = Library.default(cwd=Path("/nonexistent"))
    floor.register()
    rows = []
    for name, session in SESSIONS:
        page = floor_page(library, name, session)  # outside the timed region
        card = functools.partial(render_card, name, library=library, sessions=(session,))
        ours, base = median_times([card,
                                   functools.partial(floor.render, page)], repeats)
        rows.append(ratio_row(f"card {name}/{session}", ours, base, "<= 1.5x floor", 1.5))
    long = Library.default([str(long_sessions(work))], cwd=Path("/nonexistent"))
    for count in (16, 20):
        pages = floor_page(long, "long", f"long-{count}")
        card = functools.partial(render_card, "long", library=long, sessions=(f"long-{count}",))
        ours, base = median_times([card, functools.partial(floor.render, pages)], repeats)
        rows.append(ratio_row(f"card of {count} exercises ({len(pages)} pages)", ours, base, "<= 2x floor", 2.0))
    return rows


def bench_cold(repeats: int, work: Path) -> list[dict]:
    # pip byte-compiles what it installs; a source tree may not be compiled yet, and a
    # cold start should not pay for compiling runprint's sources. Compile once, as pip would.
    import compileall

    compileall.compile_dir(ROOT / "runprint", quiet=1)
    library = Library.default(cwd=Path("/nonexistent"))
    (work / "page.json").write_text(json.dumps(floor_page(library, "upper-body-runners", "upper-body")))
    times = round_robin({"python": [sys.executable, "-c", "pass"],
                         "click": [sys.executable, "-c", "import click"],
                         "floor": [sys.executable, str(HERE / "floor.py"), "page.json", "floor.pdf"],
                         "help": RUNPRINT + ["--help"],
                         "card": RUNPRINT + ["card", "upper-body-runners", "-o", "x.pdf"]}, repeats, work)
    return [
        {"figure": "python -c pass", "value_ms": times["python"] * 1000},
        {"figure": "python -c 'import click'", "value_ms": times["click"] * 1000},
        {"figure": "floor.py as a process", "value_ms": times["floor"] * 1000},
        ratio_row("runprint --help", times["help"], times["click"], "<= 1.5x import click", 1.5),
        ratio_row("runprint card (cold)", times["card"], times["floor"], "<= 1.5x floor process", 1.5),
    ]


def write_roster(path: Path, athletes: int) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["athlete", "week", "row_load", "squat_load"])
        for i in range(athletes):
            writer.writerow([f"Athlete {i:04d} Ångström", 1 + i % 4, f"{10 + i % 8} kg", f"{16 + i % 10} kg"])


def batch_cmd(roster: Path, target: str, jobs: int, work: Path) -> list[str]:
    out = ["--out-dir", str(work / "out"), "--force"] if target == "out-dir" else ["-o", str(work / "all.pdf")]
    return RUNPRINT + ["batch", BATCH_TEMPLATE, "--roster", str(roster), "--jobs", str(jobs)] + out


def bench_batch(athletes: int, repeats: int, work: Path) -> list[dict]:
    roster = work / "roster.csv"
    write_roster(roster, athletes)
    library = Library.default(cwd=Path("/nonexistent"))
    sessions = [s for t, s in SESSIONS if t == BATCH_TEMPLATE]
    params = {"athlete": "Athlete 0000 Ångström", "row_load": "10 kg", "squat_load": "16 kg"}
    (work / "batch-pages.json").write_text(json.dumps([page for s in sessions
                                                       for page in floor_page(library, BATCH_TEMPLATE, s, params)]))
    pages = athletes * len(sessions)
    commands = {"floor": [sys.executable, str(HERE / "floor.py"), "batch-pages.json", "floor-all.pdf",
                          str(athletes)]}
    for jobs in (1, 2):
        commands["out-dir", jobs] = batch_cmd(roster, "out-dir", jobs, work)
    commands["-o"] = batch_cmd(roster, "-o", 1, work)  # one process draws a combined PDF, whatever --jobs
    one = work / "roster-1.csv"
    write_roster(one, 1)
    commands["fixed"] = batch_cmd(one, "-o", 1, work)
    times = round_robin(commands, repeats, work, warm_up=False)
    floor_speed = pages / times["floor"]
    rows = [{"figure": f"batch floor: floor.py, {pages} pages into one PDF", "value": round(floor_speed, 1),
             "unit": "pages/s"},
            # What no number of jobs can divide: start-up, roster, preflight, final save.
            {"figure": "batch fixed cost: 1 athlete, --jobs 1, -o", "value_ms": times["fixed"] * 1000}]
    speed = {jobs: pages / times["out-dir", jobs] for jobs in (1, 2)}
    for jobs in (1, 2):
        rows.append({"figure": f"batch {athletes} athletes, --jobs {jobs}, out-dir", "value": round(speed[jobs], 1),
                     "unit": "pages/s", "floor": f"{floor_speed:.1f} pages/s", "ratio": speed[jobs] / floor_speed})
    rows.append({"figure": "batch speed-up, jobs 2 vs 1, out-dir", "value": round(speed[2] / speed[1], 2),
                 "unit": "x", "target": ">= 1.6x", "ok": speed[2] / speed[1] >= 1.6})
    combined = pages / times["-o"]
    rows.append({"figure": f"batch {athletes} athletes, -o (one process)", "value": round(combined, 1),
                 "unit": "pages/s", "floor": f"{floor_speed:.1f} pages/s", "ratio": combined / floor_speed,
                 "target": ">= 0.5x floor", "ok": combined / floor_speed >= 0.5})
    return rows


PEAK = ("import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_rss_mb(cmd: list[str], cwd: Path) -> float:
    """Peak resident memory of one run of a command: a fresh wrapper process each time, so
    RUSAGE_CHILDREN holds that run alone (Linux reports KB)."""
    out = subprocess.run([sys.executable, "-c", PEAK, *cmd], cwd=cwd, env=ENV, capture_output=True, text=True,
                         check=True)
    return int(out.stdout.strip()) / 1024


def bench_memory(athletes: int, work: Path) -> list[dict]:
    """Peak RSS of a combined PDF: reportlab's Canvas keeps every page until it saves, so
    memory grows with the roster; the target bounds a big club's."""
    roster = work / f"roster-{athletes}.csv"
    write_roster(roster, athletes)
    peak = peak_rss_mb(batch_cmd(roster, "-o", 1, work), work)
    return [{"figure": f"peak RSS, combined PDF of {athletes} athletes ({athletes * 2} pages)",
             "value": round(peak, 1), "unit": "MB", "target": "<= 200 MB", "ok": peak <= 200}]


def font_programs(path: Path) -> tuple[int, dict[str, int]]:
    """Pages, and how many embedded font programs (FontFile/2/3 streams) each font has."""
    import pikepdf

    programs: dict[str, set] = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                name = re.sub(r"^[A-Z]{6}\+", "", str(obj.get("/FontName", "?")).lstrip("/"))
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in obj:
                        programs.setdefault(name, set()).add(obj.get(key).objgen)
        return len(pdf.pages), {name: len(streams) for name, streams in sorted(programs.items())}


def bench_size(work: Path, athletes: int) -> list[dict]:
    card = render_card("upper-body-runners", library=Library.default(cwd=Path("/nonexistent")))
    (work / "card.pdf").write_bytes(card)
    roster = work / "roster-size.csv"
    write_roster(roster, athletes)
    subprocess.run(batch_cmd(roster, "-o", 1, work), cwd=work, env=ENV, check=True, capture_output=True)
    combined = (work / "all.pdf").stat().st_size
    pages, programs = font_programs(work / "all.pdf")
    _, card_programs = font_programs(work / "card.pdf")
    shown = ", ".join(f"{name} x{count}" for name, count in programs.items())
    return [
        {"figure": "card PDF size (upper-body-runners)", "value": len(card), "unit": "bytes",
         "target": "< 60 KB", "ok": len(card) < 60_000},
        {"figure": f"combined PDF, {athletes} athletes, {pages} pages", "value": round(combined / pages),
         "unit": "bytes/page"},
        {"figure": "font programs embedded in the combined PDF", "value": sum(programs.values()),
         "unit": f"({shown})", "target": "each font once", "ok": bool(programs) and set(programs.values()) == {1}},
        {"figure": "font programs embedded in the card PDF", "value": sum(card_programs.values()),
         "unit": "", "target": "each font once", "ok": bool(card_programs) and set(card_programs.values()) == {1}},
    ]


def table(rows: list[dict]) -> str:
    lines = ["| figure | value | floor | ratio | target | pass |", "| --- | ---: | ---: | ---: | --- | --- |"]
    for row in rows:
        value = f"{row['value_ms']:.1f} ms" if "value_ms" in row else f"{row['value']} {row['unit']}".strip()
        floor_ = f"{row['floor_ms']:.1f} ms" if "floor_ms" in row else row.get("floor", "")
        ratio = f"{row['ratio']:.2f}x" if "ratio" in row else ""
        ok = "" if "ok" not in row else ("pass" if row["ok"] else "FAIL")
        lines.append(f"| {row['figure']} | {value} | {floor_} | {ratio} | {row.get('target', '')} | {ok} |")
    return "\n".join(lines)


def machine() -> dict:
    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""

    import reportlab

    return {"python": sys.version.split()[0], "reportlab": reportlab.Version, "cpus": os.cpu_count(),
            "load_average": os.getloadavg(), "commit": git("rev-parse", "--short", "HEAD"),
            "dirty": bool(git("status", "--porcelain", "--", "runprint")), "runprint_command": RUNPRINT[1:]}


def update_readme(path: Path, text: str, result: dict) -> None:
    """Put the table between the markers of bench/README.md."""
    if not path.exists():
        return
    readme = path.read_text()
    start, end = "<!-- results: start -->", "<!-- results: end -->"
    if start not in readme or end not in readme:
        return
    info = result["machine"]
    when = (f"Made by `python bench/run.py` on {time.strftime('%Y-%m-%d', time.gmtime())}, commit "
            f"{info['commit']}{' + uncommitted changes' if info['dirty'] else ''}, {info['cpus']} CPUs, "
            f"Python {info['python']}, reportlab {info['reportlab']}, load average at start "
            f"{info['load_average'][0]:.2f}, in {result['seconds']:.0f} s.")
    head, rest = readme.split(start, 1)
    path.write_text(f"{head}{start}\n{when}\n\n{text}\n{end}{rest.split(end, 1)[1]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one repeat (a few seconds)")
    parser.add_argument("--json", default=str(HERE / "results.json"), help="where to write the results")
    parser.add_argument("--no-readme", action="store_true", help="leave the table in bench/README.md alone")
    args = parser.parse_args()
    quick = args.quick
    began = time.perf_counter()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="runprint-bench-") as folder:
        work = Path(folder)
        rows = bench_cards(1 if quick else 41, work)
        rows += bench_cold(1 if quick else 15, work)
        rows += bench_batch(10 if quick else 500, 1 if quick else 5, work)
        rows += bench_memory(10 if quick else 2000, work)
        rows += bench_size(work, 5 if quick else 100)
    result = {"quick": quick, "machine": info, "seconds": time.perf_counter() - began, "rows": rows}
    Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    text = table(rows)
    print(text)
    if not quick and not args.no_readme:
        update_readme(HERE / "README.md", text, result)
    missed = [row["figure"] for row in rows if row.get("ok") is False]
    print(f"\n{len(missed)} target(s) missed" + (": " + "; ".join(missed) if missed else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
