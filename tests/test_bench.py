"""The benchmark keeps working (its figures are never asserted here: speed is not a test)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_runs_and_writes_json(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--json", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = json.loads(out.read_text())["rows"]
    figures = {row["figure"] for row in rows}
    assert {"runprint --help", "runprint card (cold)", "card PDF size (upper-body-runners)"} <= figures
    assert any(f.startswith("peak RSS") for f in figures) and any(f.startswith("batch speed-up") for f in figures)
    assert result.stdout.startswith("| figure | value |")


def test_look_names_the_pages_that_differ(tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    for folder in (before, after):
        folder.mkdir()
        (folder / "card-1.png").write_bytes(b"same")
    (before / "card-2.png").write_bytes(b"old")
    (after / "card-2.png").write_bytes(b"new")
    (before / "week-1.png").write_bytes(b"gone")
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "look.py"), "--compare", str(before), str(after)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["card-2.png: differs", f"week-1.png: only in {before}",
                                          "2 of 3 pages differ"]
