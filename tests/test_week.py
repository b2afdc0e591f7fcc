"""The weekly sheet: seven days, the plan on each, tick boxes, a run log, one page."""

import pytest

from pdfcheck import assert_printable, open_pdf, text_of
from runprint.library import Library
from runprint.pipeline import render_week


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


def test_weeks_prints_a_sheet_for_each_week_of_a_block(runner, in_tmp):
    from runprint.cli import main

    result = runner.invoke(main, ["week", "runner-strength", "--weeks", "1-3", "-o", "block.pdf"],
                           catch_exceptions=False)
    assert result.exit_code == 0 and "(3 pages)" in result.output, result.output
    pages = open_pdf((in_tmp / "block.pdf").read_bytes()).pages
    texts = [text_of(page) for page in pages]
    assert [t.split(",")[1].split()[:2] for t in texts] == [["week", "1"], ["week", "2"], ["week", "3"]]
    assert "Push-Up 3 × 12" in texts[0] and "Push-Up 3 × 14" in texts[1] and "Push-Up 4 × 12" in texts[2]
    result = runner.invoke(main, ["week", "runner-strength", "--weeks", "0-3"])
    assert result.exit_code == 1 and "--weeks: cannot read '0-3' as weeks" in result.output
    assert not (in_tmp / "runner-strength-week.pdf").exists()


def test_a_batch_with_weeks_and_the_week_sheet_gets_a_sheet_per_week(runner, in_tmp):
    from runprint.cli import main

    (in_tmp / "club.csv").write_text("athlete\nAna\nBo\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "club.pdf", "--weeks",
                                  "1-2", "--with-week"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = [text_of(page) for page in open_pdf((in_tmp / "club.pdf").read_bytes()).pages]
    assert len(pages) == 2 * (2 * 2 + 2)  # each athlete: day-1 and day-2 for weeks 1 and 2, then the 2 weeks
    assert "Athlete: Bo" in pages[6] and "Tuesday" in pages[10] and "week 2" in pages[11].split("Monday")[0]


@pytest.mark.parametrize("paper,sheet", [("letter", (792, 612)), ("a4", (841.9, 595.3))])
def test_2up_puts_two_pocket_weeks_on_a_landscape_sheet(runner, in_tmp, paper, sheet):
    from pdfcheck import words
    from runprint.cli import main

    result = runner.invoke(main, ["week", "runner-strength", "--weeks", "1-3", "--2up", "--paper", paper,
                                  "-o", "w.pdf"], catch_exceptions=False)
    assert result.exit_code == 0 and "(2 pages)" in result.output, result.output
    pages = open_pdf((in_tmp / "w.pdf").read_bytes()).pages
    assert (round(pages[0].width, 1), round(pages[0].height, 1)) == pytest.approx(sheet, abs=0.2)
    for page in pages:
        assert_printable(page)
    heads = [(w["x0"] < pages[0].width / 2, page_no, w["text"]) for page_no, page in enumerate(pages)
             for w in words(page) if w["text"] in ("1", "2", "3") and w["size"] == pytest.approx(14)]
    assert heads == [(True, 0, "1"), (False, 0, "2"), (True, 1, "3")]  # 'Runner strength, week N' on each half
    assert text_of(pages[0]).count("Monday") == 2 and text_of(pages[1]).count("Monday") == 1
