"""--2up: half-size pages two to a sheet, no half left empty while pages remain, and cut
halves that stack back into each card in page order."""

from pathlib import Path

import pytest

from runprint.layout.geometry import Page, Text
from runprint.layout.impose import leaves, two_up
from runprint.library import Library
from runprint.pipeline import Options, Run

LIBRARY = Library.default(cwd=Path("/nonexistent"))


def page(name: str) -> Page:
    return Page(396.0, 612.0, ops=[Text(40, 500, name, 9)])


def halves(sheet: Page) -> tuple[str | None, str | None]:
    left = [op.text for op in sheet.ops if isinstance(op, Text) and op.x < sheet.width / 2]
    right = [op.text for op in sheet.ops if isinstance(op, Text) and op.x >= sheet.width / 2]
    return (left[0] if left else None, right[0] if right else None)


def test_a_card_of_four_pages_takes_one_sheet_and_stacks_back_in_order():
    sheets = two_up([[page("1"), page("2"), page("3"), page("4")]], "letter").sheets
    front, back = [halves(s) for s in sheets]
    assert front == ("1", "3") and back == ("4", "2")  # behind 1 is 2, behind 3 is 4
    # Cut on the line: the left pile (1 over 2) on the right pile (3 over 4) reads 1, 2, 3, 4.


def test_two_cards_of_three_pages_take_three_sides_not_four():
    day1, day2 = [page("a1"), page("a2"), page("a3")], [page("b1"), page("b2"), page("b3")]
    sheets = [halves(s) for s in two_up([day1, day2], "letter").sheets]
    assert sheets == [("a1", "b1"), ("b2", "a2"), ("a3", "b3")]  # cut and stacked: 3 sides, not 4


def test_one_page_cards_sit_side_by_side_in_reading_order():
    sheets = [halves(s) for s in two_up([[page("1")], [page("2")], [page("3")]], "letter").sheets]
    assert sheets == [("1", "2"), ("3", None)]


def test_a_lone_two_sided_card_prints_two_copies_on_its_sheet():
    imposed = two_up([[page("front"), page("back")]], "a4")
    assert imposed.copies and [halves(s) for s in imposed.sheets] == [("front", "front"), ("back", "back")]


def test_leaves_pair_each_front_with_its_back():
    assert [(leaf.front.ops[0].text, leaf.back and leaf.back.ops[0].text)
            for leaf in leaves([[page("1"), page("2"), page("3")]])] == [("1", "2"), ("3", None)]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_upper_body_2up_fills_both_halves_of_every_side(paper):
    template = LIBRARY.template("upper-body-runners")
    sheets = Run(template, LIBRARY, {}, Options(paper, two_up=True)).pages_for().pages
    assert len(sheets) == {"letter": 2, "a4": 3}[paper]  # it took 4 and 5 sides; A5 takes 5 half pages
    for sheet in sheets[:-1]:
        assert all(side is not None for side in halves(sheet))


def test_a_pocket_card_whose_default_weeks_do_not_fit_logs_fewer_and_says_so(runner, in_tmp):
    from runprint.cli import main

    result = runner.invoke(main, ["card", "runner-strength", "--session", "day-2", "--paper", "half-letter", "--2up",
                                  "--effort", "rpe", "-o", "c.pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "note: the log of day-2 holds 3 weeks, as many as fit on half-letter paper" in result.output
    given = runner.invoke(main, ["card", "runner-strength", "--session", "day-2", "--paper", "half-letter", "--2up",
                                 "--effort", "rpe", "--log-weeks", "4", "-o", "d.pdf"])
    assert given.exit_code == 1 and "room to log 3 weeks, not 4" in given.output


def test_a_two_sided_card_on_2up_says_it_prints_two_copies(runner, in_tmp):
    from runprint.cli import main

    result = runner.invoke(main, ["card", "upper-body-runners", "--paper", "a4", "--two-sided", "--2up", "-o", "c.pdf"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    if "(2 pages)" in result.output:
        assert "two copies" in result.output
