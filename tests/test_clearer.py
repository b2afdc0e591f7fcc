"""Clearer pages: one place per date, a QR code with its quiet zone, long names that wrap,
load cells wide enough for '112.5', and runner-strength's weeks that progress."""

from pathlib import Path

import pytest

from pdfcheck import assert_printable, open_pdf, text_of, words
from runprint.cli import main
from runprint.library import Library
from runprint.pipeline import render_card

DATA = Path(__file__).parent / "data"
LONG_EXERCISE = "Single-Arm Chest-Supported Dumbbell Row with a Three-Second Pause at the Top and Slow Lowering!!!!!!"
LONG_SESSION = "Upper body strength and core stability for trail runners who climb a lot, the long session A!!!!!!!!"


@pytest.fixture(scope="module")
def library():
    return Library.default(cwd=Path("/nonexistent"))


def test_the_qr_code_keeps_a_quiet_zone_of_four_modules(runner, monkeypatch, tmp_path):
    monkeypatch.chdir(DATA / "good")
    # the video code alone: the page code has a quiet zone of its own, checked in test_scan_marks
    result = runner.invoke(main, ["card", "video", "--no-scan-marks", "-o", str(tmp_path / "qr.pdf")],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = open_pdf((tmp_path / "qr.pdf").read_bytes()).pages[0]
    modules = [r for r in page.rects if r["width"] < 3 and r["fill"]]
    x0, x1 = min(r["x0"] for r in modules), max(r["x1"] for r in modules)
    top, bottom = min(r["top"] for r in modules), max(r["bottom"] for r in modules)
    module = min(r["width"] for r in modules)
    quiet = 4 * module - 0.2
    near = [c["text"] for c in page.chars if c["x1"] > x0 - quiet and c["x0"] < x1 + quiet
            and c["bottom"] > top - quiet and c["top"] < bottom + quiet]
    lines = [ln for ln in page.lines if ln["x1"] > x0 - quiet and ln["x0"] < x1 + quiet
             and ln["bottom"] > top - quiet and ln["top"] < bottom + quiet]
    assert near == [] and lines == []


@pytest.mark.parametrize("paper", ["letter", "a5"])
def test_names_of_100_characters_wrap_onto_a_second_line(runner, in_tmp, paper):
    assert len(LONG_EXERCISE) == len(LONG_SESSION) == 100
    (in_tmp / "exercises").mkdir()
    (in_tmp / "templates").mkdir()
    (in_tmp / "exercises" / "long-row.yaml").write_text(
        f"name: {LONG_EXERCISE}\ngroup: back\nequipment: [dumbbell]\nsteps: [Row slowly.]\n")
    (in_tmp / "templates" / "long.yaml").write_text(
        f"title: Long names\nsessions:\n  - name: {LONG_SESSION}\n    exercises:\n"
        "      - exercise: long-row\n        do: 3x10/side\n        load: 12.5 kg\n")
    result = runner.invoke(main, ["card", "long", "--paper", paper, "-o", "c.pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = open_pdf((in_tmp / "c.pdf").read_bytes()).pages[0]
    assert_printable(page)
    text = text_of(page)
    assert LONG_SESSION in text and LONG_EXERCISE in text


def test_every_load_cell_is_at_least_11_mm_wide(library):
    """Under each 'kg' head, the cell reaches from its left rule to the next one: >= 31.2 pt."""
    for name, session in (("upper-body-runners", "upper-body"), ("runner-strength", "day-2")):
        page = open_pdf(render_card(name, library=library, sessions=(session,))).pages[0]
        rules = sorted({round(ln["x0"], 1) for ln in page.lines if ln["x0"] == ln["x1"]})
        boxes = [r for r in page.rects if r["width"] > 100]
        edges = sorted(set(rules) | {round(b["x0"], 1) for b in boxes} | {round(b["x1"], 1) for b in boxes})
        heads = [w for w in words(page) if w["text"] == "kg"]
        assert heads
        for head in heads:
            middle = (head["x0"] + head["x1"]) / 2
            left = max(e for e in edges if e <= middle)
            right = min(e for e in edges if e > middle)
            assert right - left >= 31.2 - 0.05, (name, head, left, right)


def test_runner_strength_adds_reps_then_sets(runner, in_tmp):
    texts = {}
    for week in (1, 2, 3, 4):
        result = runner.invoke(main, ["card", "runner-strength", "--session", "day-1", "--set", f"week={week}",
                                      "-o", f"w{week}.pdf"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        texts[week] = text_of(open_pdf((in_tmp / f"w{week}.pdf").read_bytes()).pages[0])
    assert "1 Push-Up 3 × 12" in texts[1] and "1 Push-Up 3 × 14" in texts[2]
    assert "1 Push-Up 4 × 12" in texts[3] and "1 Push-Up 4 × 14" in texts[4]
    # each week column of the log shows that week's target
    assert "3 × 12 3 × 14 4 × 12 4 × 14" in texts[1]
