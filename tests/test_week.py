"""The weekly sheet: seven days, the plan on each, tick boxes, a run log, one page."""

import pytest

from pdfcheck import assert_printable, open_pdf, text_of
from runprint.library import Library
from runprint.sheets import render_week


@pytest.fixture(scope="module")
def library():
    return Library.default(cwd=__import__("pathlib").Path("/nonexistent"))


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_runner_strength_week_is_one_printable_page(library, paper):
    pdf = open_pdf(render_week("runner-strength", library=library, paper=paper))
    assert len(pdf.pages) == 1
    assert_printable(pdf.pages[0])


def test_week_shows_days_runs_sessions_and_log(library):
    page = open_pdf(render_week("runner-strength", {"athlete": "Ana"}, library=library)).pages[0]
    text = text_of(page)
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    positions = [text.find(day) for day in days]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    tuesday = text[positions[1]:positions[2]]
    assert "Easy run 40 min" in tuesday and "Strength: Upper body strength + core" in tuesday
    assert "Push-Up" in tuesday and "3 × 12" in tuesday
    friday = text[positions[4]:positions[5]]
    assert "Goblet Squat" in friday and "3 × 40 m" in friday
    assert text.count("Distance") == 7 and text.count("Felt") == 7
    assert "Athlete: Ana" in text
    ticks = [r for r in page.rects if 6.5 <= r["width"] <= 11 and abs(r["width"] - r["height"]) < 0.1]
    sets = 3 * 5 + 2 * 2 + 3 * 5 + 2  # day-1: five 3-set items + two 2-set; day-2: five 3-set + one 2-set
    assert len(ticks) == sets


def test_week_without_schedule_lists_sessions_to_place(library):
    page = open_pdf(render_week("upper-body-runners", library=library)).pages[0]
    text = text_of(page)
    assert "Sessions this week" in text and "Done on:" in text and "Superman" in text and "Shoulder Press" in text
    assert_printable(page)
