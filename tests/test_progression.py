"""Progression printed: each week column is headed by that week's own target."""

from pathlib import Path

import pytest

from pdfcheck import open_pdf, text_of, words
from runprint.cli import main

TEMPLATE = str(Path(__file__).parent / "data" / "good" / "templates" / "progression.yaml")


def test_week_columns_show_each_weeks_target(runner, in_tmp):
    result = runner.invoke(main, ["card", TEMPLATE, "-o", "card.pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = open_pdf((in_tmp / "card.pdf").read_bytes()).pages[0]
    text = text_of(page)
    for target in ("3 × 10 @ 20.0 kg", "3 × 12 @ 22.5 kg", "3 × 14 @ 25.0 kg", "3 × 16 @ 27.5 kg"):
        assert target in text
    for target in ("2 × 30 s/side", "2 × 40 s/side", "2 × 50 s/side", "2 × 60 s/side"):
        assert target in text
    found = words(page)
    heads = sorted((w["x0"], w["top"]) for w in found if w["text"] == "Week")
    assert len(heads) == 4 and len({top for _, top in heads}) == 1, heads
    top = heads[0][1]
    numbers = [[w["text"] for w in found if w["top"] == top and x < w["x0"] < x + 40] for x, _ in heads]
    assert numbers == [["1"], ["2"], ["3"], ["4"]]
    # Each week's target sits in its own column, under its own head.
    for (x, _), reps, load in zip(heads, ("10", "12", "14", "16"), ("20.0", "22.5", "25.0", "27.5")):
        column = [w["text"] for w in found if x - 20 < w["x0"] < x + 44 and top < w["top"] < top + 40]
        assert reps in column and load in column, (reps, load, column)


def test_targets_start_from_the_current_week(runner, in_tmp):
    runner.invoke(main, ["card", TEMPLATE, "--set", "week=3", "-o", "card.pdf"], catch_exceptions=False)
    text = text_of(open_pdf((in_tmp / "card.pdf").read_bytes()).pages[0])
    assert "Week 3" in text and "3 × 14" in text and "3 × 20" in text and "3 × 12" not in text


def test_fixed_items_get_no_target_row(runner, in_tmp):
    runner.invoke(main, ["card", TEMPLATE, "-o", "card.pdf"], catch_exceptions=False)
    text = text_of(open_pdf((in_tmp / "card.pdf").read_bytes()).pages[0])
    # the squat heading (week 1), its week-1 target, and the push-up, which has no target row
    assert text.count("3 × 10") == 3 and text.count("3 × 10 @") == 1


@pytest.mark.parametrize("weeks,expected", [("1-4", [1, 2, 3, 4]), ("2,5", [2, 5])])
def test_card_weeks_renders_a_card_per_week(runner, in_tmp, weeks, expected):
    result = runner.invoke(main, ["card", TEMPLATE, "--weeks", weeks, "-o", "cards.pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = open_pdf((in_tmp / "cards.pdf").read_bytes()).pages
    assert [text_of(p).split(",")[1].split()[1] for p in pages] == [str(w) for w in expected]


def test_bad_weeks_is_a_clear_error(runner, in_tmp):
    result = runner.invoke(main, ["card", TEMPLATE, "--weeks", "four", "-o", "cards.pdf"])
    assert result.exit_code == 1
    assert "cannot read 'four' as weeks" in result.output and not (in_tmp / "cards.pdf").exists()
