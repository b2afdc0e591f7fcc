"""A barbell item on the card: plates a side on every set row, warm-up rows, and an e1RM to beat."""

import re
from decimal import Decimal

import pytest

from pdfcheck import assert_printable, grids, open_pdf, text_of, words
from runprint.cli import main

LIFTS = """title: Lifts
params: {athlete: "", week: 1, units: kg, log_weeks: 2, squat_max: "100"}
sessions:
  - name: Squat
    exercises:
      - exercise: back-squat
        do: 5,3,1+
        max: "{{ squat_max }}"
        load: [75%, 85%, 95%]
        warmup: [40%x5, 60%x3, 80%x2]
      - exercise: goblet-squat
        do: 3x10
        load: 24 kg
      - exercise: bench-press
        do: 3x5+
        max: "{{ squat_max }}"
        load: 70%
        warmup: standard
        warmup_log: true
"""
ROW = re.compile(r"^(?P<n>\d+|W) (?P<reps>\d+\+?) @ (?P<load>[\d.]+) (?P<unit>kg|lb)(?: bar)?(?P<plates>.*)$")


@pytest.fixture
def lifts(in_tmp):
    (in_tmp / "templates").mkdir()
    (in_tmp / "templates" / "lifts.yaml").write_text(LIFTS)
    return in_tmp


def card(runner, *args):
    result = runner.invoke(main, ["card", "lifts", "-o", "card.pdf", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def page(folder):
    return open_pdf((folder / "card.pdf").read_bytes()).pages[0]


def sums(plates: str) -> Decimal:
    """'20 kg bar + 25 + 10 + 2.5' -> 95: the bar and each plate twice, one on each side."""
    bar, *each = plates.split(" + ")
    return Decimal(bar.split()[0]) + 2 * sum((Decimal(p) for p in each), Decimal(0))


def test_every_barbell_set_row_lists_the_plates_that_make_its_load(runner, lifts):
    card(runner)
    squat, goblet, bench = grids(page(lifts))
    assert squat[0] == ["1 5 @ 75 kg 20 kg bar + 25 + 2.5", "2 3 @ 85 kg 20 kg bar + 25 + 5 + 2.5",
                        "3 1+ @ 95 kg 20 kg bar + 25 + 10 + 2.5"]
    for label in squat[0]:
        match = ROW.match(label)
        assert sums(match["plates"].strip()) == Decimal(match["load"])
    assert goblet[0] == ["1", "2", "3"]  # a dumbbell: no plates
    assert bench[0][-3:] == ["1 5 20 kg bar + 25", "2 5 20 kg bar + 25", "3 5+ 20 kg bar + 25"]


def test_plates_print_at_seven_points_or_more_inside_the_page(runner, lifts):
    card(runner)
    sheet = page(lifts)
    plates = [w for w in words(sheet) if w["text"] == "bar"]
    assert len(plates) >= 9 and all(w["size"] >= 7 for w in plates)
    assert_printable(sheet)


def test_warm_ups_are_rows_of_their_own_above_the_work_sets_without_cells(runner, lifts):
    card(runner)
    text = text_of(page(lifts))
    # 40, 60, 80 % of the first work set (75 kg), each to the 2.5 kg: 30, 45, 60
    assert ("W 5 @ 30 kg 20 kg bar + 5 warm-up W 3 @ 45 kg 20 kg bar + 10 + 2.5 warm-up "
            "W 2 @ 60 kg 20 kg bar + 20 warm-up") in text
    assert text.index("W 2 @ 60 kg") < text.index("1 5 @ 75 kg")
    squat = grids(page(lifts))[0][0]
    assert len(squat) == 3  # the box of cells holds the work sets only


def test_warm_ups_with_warmup_log_get_cells(runner, lifts):
    card(runner)
    bench = grids(page(lifts))[2][0]
    # standard: the empty bar, then 40, 60, 80 % of 70 kg, each row with its cells
    assert bench[:4] == ["W 5 @ 20 kg bar", "W 5 @ 27.5 kg 20 kg bar + 2.5 + 1.25",
                         "W 3 @ 42.5 kg 20 kg bar + 10 + 1.25", "W 2 @ 55 kg 20 kg bar + 15 + 2.5"]


def test_a_load_the_plates_cannot_make_prints_the_nearest_marked_with_a_note(runner, lifts):
    result = card(runner, "--set", "plates={25: 2, 10: 2, 5: 2}")
    squat = grids(page(lifts))[0][0]
    # 27.5 kg a side is between 25 and 30; of two as near, the lighter
    assert squat == ["1 5 @ 75 kg *nearest 70 kg: 20 kg bar + 25", "2 3 @ 85 kg *nearest 80 kg: 20 kg bar + 25 + 5",
                     "3 1+ @ 95 kg *nearest 90 kg: 20 kg bar + 25 + 10"]
    assert ("note: back-squat: 75 kg cannot be made with a 20 kg bar and plates of 25, 10, 5 kg; the card shows "
            "the nearest, 70 kg, marked *") in result.stderr


def test_a_bar_and_plates_in_pounds(runner, lifts):
    card(runner, "--units", "lb", "--set", "squat_max=315", "--set", "bar=35")
    squat = grids(page(lifts))[0][0]
    assert squat[2] == "3 1+ @ 300 lb 35 lb bar + 45 + 45 + 35 + 5 + 2.5"
    assert sums("35 lb bar + 45 + 45 + 35 + 5 + 2.5") == 300


@pytest.mark.parametrize("option,message", [
    ("plates=25, heavy", "error: --set plates=25, heavy: cannot read 'heavy' as a plate"),
    ("bar=-5", "error: --set bar=-5: '-5' is not a bar's weight"),
    ("plates=25, 25", "error: --set plates=25, 25: the 25 kg plate is listed twice"),
])
def test_a_bad_bar_or_plates_names_the_set(runner, lifts, option, message):
    result = runner.invoke(main, ["card", "lifts", "-o", "card.pdf", "--set", option])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == message
    assert not (lifts / "card.pdf").exists()


HISTORY = """date,exercise,set,reps,load
2026-11-17,back-squat,1,5,75 kg
2026-11-17,back-squat,3,8,95 kg
2026-11-24,back-squat,1,5,80 kg
2026-11-24,back-squat,3,5,100 kg
2026-11-24,bench-press,3,12,60 kg
2026-11-24,goblet-squat,1,10,24 kg
"""


def test_an_e1rm_to_beat_and_a_suggested_training_max(runner, lifts):
    (lifts / "log.csv").write_text(HISTORY)
    card(runner, "--history", "log.csv")
    text = text_of(page(lifts))
    # Epley: 95 x (1 + 8/30) = 120.3 beats 100 x (1 + 5/30) = 116.7; 90 % of it is 108.3, to the plate 107.5
    assert ("To beat: e1RM 120.3 kg (Epley: 95 x 8, 2026-11-17) · suggested training max 107.5 kg "
            "(90 % of e1RM, to the plate)") in text
    # more than 10 reps: said to be rough
    assert "e1RM 84 kg (Epley: 60 x 12, 2026-11-24, rough: over 10 reps)" in text
    # no + set: no e1RM
    assert text.count("e1RM") == 4  # two lines, each naming it twice


def test_no_suggestion_without_a_training_max(runner, in_tmp):
    (in_tmp / "templates").mkdir()
    (in_tmp / "templates" / "lifts.yaml").write_text(
        "title: Lifts\nsessions:\n  - name: Pull\n    exercises:\n      - exercise: deadlift\n"
        "        do: 3x3+\n        load: 140 kg\n")
    (in_tmp / "log.csv").write_text("date,exercise,set,reps,load\n2026-11-24,deadlift,3,4,150\n")
    card(runner, "--history", "log.csv")
    text = text_of(page(in_tmp))
    assert "To beat: e1RM 170 kg (Epley: 150 x 4, 2026-11-24)" in text and "suggested" not in text
    assert "3 20 kg bar + 25 + 25 + 10" in " ".join(grids(page(in_tmp))[0][0])


README = (__import__("pathlib").Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_the_readme_lifters_card_prints_what_it_says(runner, in_tmp):
    section = README[README.index("## A lifter's card"):]
    start = section.index("```csv\n") + len("```csv\n")
    (in_tmp / "lifts.csv").write_text(section[start:section.index("```", start)])
    command = section[section.index("```sh\n") + 6:].split("\n")[0]
    assert command.startswith("runprint card main-lifts ")
    result = runner.invoke(main, [*command.split()[1:], "-o", "card.pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    sheet = page(in_tmp)
    text = text_of(sheet)
    for quoted in ("Last (2026-11-24): 3 @ 85, 3 @ 97.5, 8 @ 107.5 kg · RIR 3, 2, 0",
                   "e1RM 136.2 kg (Epley: 107.5 x 8, 2026-11-24)",
                   "suggested training max 122.5 kg (90 % of e1RM, to the plate)"):
        assert quoted in section.replace("\n  ", " ") and quoted in text
    squat = grids(sheet)[0][0]
    assert squat == ["1 5 @ 90 kg 20 kg bar + 25 + 10", "2 3 @ 102.5 kg 20 kg bar + 25 + 15 + 1.25",
                     "3 1+ @ 115 kg 20 kg bar + 25 + 20 + 2.5"]
    assert ("W 5 @ 20 kg bar warm-up W 5 @ 35 kg 20 kg bar + 5 + 2.5 warm-up W 3 @ 55 kg 20 kg bar + 15 + 2.5 "
            "warm-up W 2 @ 72.5 kg 20 kg bar + 25 + 1.25 warm-up") in text
    assert_printable(sheet)


@pytest.mark.parametrize("plates", ["{25: 2, 10: 4}", "{default: {25: 2, 10: 4}, about: the club's plates}"])
def test_a_template_counts_its_plates(runner, in_tmp, plates):
    (in_tmp / "templates").mkdir()
    (in_tmp / "templates" / "lifts.yaml").write_text(
        f"title: Lifts\nparams: {{plates: {plates}}}\nsessions:\n  - name: Pull\n    exercises:\n"
        "      - exercise: deadlift\n        do: 3x3\n        load: [90 kg, 100 kg, 110 kg]\n")
    result = card(runner)
    # one 25 and two 10s a side: 100 kg (40 a side) is between 90 and 110, and the lighter is printed
    assert grids(page(in_tmp))[0][0] == ["1 3 @ 90 kg 20 kg bar + 25 + 10",
                                         "2 3 @ 100 kg *nearest 90 kg: 20 kg bar + 25 + 10",
                                         "3 3 @ 110 kg 20 kg bar + 25 + 10 + 10"]
    assert "note: deadlift: 100 kg cannot be made" in result.stderr
