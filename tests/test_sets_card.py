"""Sets that differ, read back from the printed card: each row's label and load, effort and L/R
heads, last time's numbers, on every paper."""

from pathlib import Path

import pytest

from pdfcheck import assert_printable, grids, middle, open_pdf, text_of, words
from runprint.cli import main
from runprint.library import Library
from runprint.pipeline import render_card, render_week

TEMPLATE = """title: Strength block
params: {athlete: "", week: 1, units: kg, log_weeks: 3, squat_max: "100"}
effort: rir
sessions:
  - id: main
    name: Main lift
    exercises:
      - exercise: goblet-squat
        do: 5,3,1+
        max: "{{ squat_max }}"
        load: [65%, 75%, 85%]
      - exercise: push-up
        do: 12,10,8
        effort: rpe
      - exercise: dumbbell-row
        do: 3x5+
      - exercise: bulgarian-split-squat
        do: 3x8/leg
        sides: split
        effort: none
schedule:
  tue: main
"""

HISTORY = """date,exercise,set,reps,load,effort
2026-11-17,goblet-squat,1,5,60,
2026-11-24,goblet-squat,1,5,65 kg,3
2026-11-24,goblet-squat,2,3,75 kg,2
2026-11-24,goblet-squat,3,7,85 kg,0
2026-11-24,push-up,1,12,,
2026-11-24,push-up,2,10,,
2026-11-24,push-up,3,9,,
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("sets")
    (root / "templates").mkdir()
    (root / "templates" / "block.yaml").write_text(TEMPLATE)
    (root / "log.csv").write_text(HISTORY)
    return root


@pytest.fixture(scope="module")
def library(folder):
    return Library.default([str(folder)], cwd=Path("/nonexistent"))


@pytest.mark.parametrize("paper", ["letter", "a4", "a5", "half-letter"])
def test_every_set_row_reads_its_own_target_and_load(library, paper):
    pdf = open_pdf(render_card("block", library=library, paper=paper))
    page = pdf.pages[0]
    for p in pdf.pages:
        assert_printable(p)
    squat, push, row, split = grids(page)
    assert squat[0] == ["1 5 @ 65 kg", "2 3 @ 75 kg", "3 1+ @ 85 kg"]
    assert push[0] == ["1 12", "2 10", "3 8"]
    assert row[0] == ["1 5", "2 5", "3 5+"]
    assert split[0] == ["1", "2", "3"]


def test_effort_and_split_sides_have_headed_cells_in_every_week(library):
    page = open_pdf(render_card("block", library=library)).pages[0]
    squat, push, row, split = grids(page)
    assert squat[1] == ["kg", "reps", "RIR"] * 3
    assert push[1] == ["reps", "RPE"] * 3
    assert row[1] == ["kg", "reps", "RIR"] * 3
    assert split[1] == ["kg", "L", "R"] * 3   # effort: none on the item wins over the template's rir


@pytest.mark.parametrize("effort,heads", [("none", ["kg", "reps"]), ("rpe", ["kg", "reps", "RPE"])])
def test_the_command_line_effort_wins(runner, folder, effort, heads, tmp_path):
    out = tmp_path / "x.pdf"
    result = runner.invoke(main, ["card", "block", "--library", str(folder), "--effort", effort, "-o", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    squat = grids(open_pdf(out.read_bytes()).pages[0])[0]
    assert squat[1] == heads * 3


def test_an_lb_athlete_gets_loads_rounded_to_5_lb(library):
    page = open_pdf(render_card("block", {"units": "lb", "squat_max": "225"}, library=library)).pages[0]
    assert grids(page)[0][0] == ["1 5 @ 145 lb", "2 3 @ 170 lb", "3 1+ @ 190 lb"]


def test_prescriptions_read_naturally(library):
    text = text_of(open_pdf(render_card("block", library=library)).pages[0])
    for expected in ("3 sets: 5, 3, 1+", "3 sets: 12, 10, 8", "3 × 5/side, last set max", "3 × 8/leg"):
        assert expected in text


def test_last_times_numbers_under_the_exercises_they_cover(library, folder):
    page = open_pdf(render_card("block", library=library, history=folder / "log.csv")).pages[0]
    # the item text: every word outside the grids (beside them or, stacked, above them)
    boxes = [r for r in page.rects if r["width"] > 100 and r["height"] >= 14 * 3 - 0.5]
    in_grid = [(r["x0"] - 60, r["top"] - 12, r["bottom"]) for r in boxes]  # set labels, cell heads
    lines = [" ".join(w["text"] for w in line
                      if not any(w["x1"] > x0 and top < middle(w) < bottom for x0, top, bottom in in_grid))
             for line in _lines(page)]
    lines = [line for line in lines if line]
    text = " ".join(lines)
    assert ("1 Goblet Squat 3 sets: 5, 3, 1+ Last (2026-11-24): 5 @ 65, 3 @ 75, 7 @ 85 kg · RIR 3, 2, 0 "
            "To beat: e1RM 104.8 kg (Epley: 85 x 7, 2026-11-24) · suggested training max 95 kg "
            "(90 % of e1RM, to the plate) 1. Hold") in text
    assert "2 Push-Up 3 sets: 12, 10, 8 Last (2026-11-24): 12, 10, 9 1. Hands" in text
    assert sum(t.startswith("Last") for t in lines) == 2   # nothing for the row and the split squat
    assert_printable(page)


def test_no_history_no_last_line(library):
    assert "Last" not in text_of(open_pdf(render_card("block", library=library)).pages[0])


def test_the_week_shows_last_time_beside_the_exercises(library, folder):
    page = open_pdf(render_week("block", library=library, history=folder / "log.csv")).pages[0]
    text = text_of(page)
    assert "Last (2026-11-24): 12, 10, 9" in text
    assert "3 sets: 5, 3, 1+ @ 65, 75, 85 kg" in text
    assert_printable(page)


def test_a_bad_history_row_is_a_clear_error(runner, folder, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,exercise,set,reps\n2026-11-24,pushup,1,10\n")
    result = runner.invoke(main, ["card", "block", "--library", str(folder), "--history", str(bad),
                                  "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert result.output == f"error: {bad}:2: exercise: no exercise named 'pushup'\n  hint: did you mean 'push-up'?\n"
    assert not (tmp_path / "x.pdf").exists()


def _lines(page):
    rows = {}
    for w in words(page):
        rows.setdefault(round(w["bottom"]), []).append(w)
    return [sorted(line, key=lambda w: w["x0"]) for _, line in sorted(rows.items())]


def test_batch_prints_each_athletes_own_last_numbers(runner, folder, tmp_path):
    (tmp_path / "club.csv").write_text("athlete,squat_max\nAna,100\nBen,120\n")
    log = tmp_path / "club-log.csv"
    log.write_text("Athlete,Date,Exercise,Set,Reps,Load\n"
                                           "Ana,2026-11-24,push-up,1,12,\n"
                                           "ben,2026-11-23,push-up,1,20,\n")
    out = tmp_path / "club.pdf"
    result = runner.invoke(main, ["batch", "block", "--library", str(folder), "--roster", str(tmp_path / "club.csv"),
                                  "--history", str(log), "--effort", "none", "-o", str(out),
                                  "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = open_pdf(out.read_bytes()).pages
    ana, ben = (text_of(page) for page in pages)
    assert "Last (2026-11-24): 12" in ana and ana.count("Last") == 1
    assert "Last (2026-11-23): 20" in ben and ben.count("Last") == 1
    assert grids(pages[1])[0][0] == ["1 5 @ 77.5 kg", "2 3 @ 90 kg", "3 1+ @ 102.5 kg"]
    assert "RIR" not in ana and "RPE" not in ben


README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def _block(after: str, fence: str) -> str:
    start = README.index(fence, README.index(after)) + len(fence)
    return README[start:README.index("```", start)]


def test_the_readme_531_example_prints_what_it_says(tmp_path):
    (tmp_path / "templates").mkdir()
    block = _block("cut down to the lines that make the wave", "```yaml\n")
    (tmp_path / "templates" / "main-lifts.yaml").write_text(block)
    library = Library.default([str(tmp_path)], cwd=Path("/nonexistent"))
    kg = open_pdf(render_card("main-lifts", {"squat_max": "120"}, library=library, weeks=[1, 2, 3])).pages
    assert grids(kg[2])[0][0] == ["1 5 @ 90 kg 20 kg bar + 25 + 10", "2 3 @ 102.5 kg 20 kg bar + 25 + 15 + 1.25",
                                  "3 1+ @ 115 kg 20 kg bar + 25 + 20 + 2.5"]
    assert grids(kg[2])[0][1] == ["kg", "reps", "RIR"] and grids(kg[2])[1][1] == ["kg", "L", "R"]
    lb = open_pdf(render_card("main-lifts", {"squat_max": "225", "units": "lb", "week": 3}, library=library)).pages
    assert grids(lb[0])[0][0] == ["1 5 @ 170 lb 45 lb bar + 45 + 10 + 5 + 2.5", "2 3 @ 190 lb 45 lb bar + 45 + 25 + 2.5",
                                  "3 1+ @ 215 lb 45 lb bar + 45 + 35 + 5"]
    for page in kg + lb:
        assert_printable(page)


def test_the_readme_history_example_prints_what_it_says(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(_block("## Last time's numbers", "```csv\n"))
    library = Library.default(cwd=Path("/nonexistent"))
    text = text_of(open_pdf(render_card("runner-strength", library=library, sessions=("day-2",),
                                        history=log)).pages[0])
    assert "Last (2026-11-24): 10, 10, 9 @ 12 kg" in text and text.count("Last") == 1


def test_split_sides_of_a_timed_exercise_say_seconds(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "hold.yaml").write_text(
        "title: Holds\nparams: {log_weeks: 2}\nsessions:\n  - name: Core\n    exercises:\n"
        "      - exercise: side-plank\n        do: 3x30s/side\n        sides: split\n")
    library = Library.default([str(tmp_path)], cwd=Path("/nonexistent"))
    page = open_pdf(render_card("hold", library=library)).pages[0]
    assert grids(page)[0][1] == ["L", "sec", "R", "sec"] * 2
