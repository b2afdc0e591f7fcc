"""The barbell lifts and the built-in 5/3/1-style wave, as the README promises them."""

import pytest

from pdfcheck import assert_printable, open_pdf, text_of
from runprint.cli import main
from runprint.library import Library

LIFTS = ("back-squat", "front-squat", "bench-press", "deadlift", "romanian-deadlift", "overhead-press",
         "barbell-row", "hip-thrust")


@pytest.fixture(scope="module")
def library():
    return Library.default(cwd=__import__("pathlib").Path("/nonexistent"))


@pytest.mark.parametrize("lift", LIFTS)
def test_each_weight_room_lift_is_built_in_on_a_barbell(library, lift):
    exercise = library.exercise(lift)
    assert "barbell" in exercise.equipment
    assert 4 <= len(exercise.steps) <= 8 and exercise.cues


def test_main_lifts_uses_the_four_barbell_lifts(library):
    template = library.template("main-lifts")
    firsts = [session.items[0].exercise for session in template.sessions]
    assert firsts == ["back-squat", "bench-press", "deadlift", "overhead-press"]
    for key in ("squat_max", "bench_max", "deadlift_max", "press_max"):
        assert key in template.params


def test_the_readme_command_prints_the_wave(runner, in_tmp):
    result = runner.invoke(main, ["card", "main-lifts", "--set", "squat_max=120", "--weeks", "1-3", "-o", "ml.pdf"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pdf = open_pdf((in_tmp / "ml.pdf").read_bytes())
    assert len(pdf.pages) == 12  # four sessions, three weeks
    squat_days = [text_of(p) for p in pdf.pages if "Squat day" in text_of(p)]
    assert [t.split()[:4] for t in squat_days] == [["Main", "lifts,", "week", str(w)] for w in (1, 2, 3)]
    assert "5 @ 77.5 kg" in squat_days[0] and "5+ @ 102.5 kg" in squat_days[0]
    assert "3 @ 85 kg" in squat_days[1] and "3+ @ 107.5 kg" in squat_days[1]
    week3 = squat_days[2]
    for row in ("5 @ 90 kg", "3 @ 102.5 kg", "1+ @ 115 kg"):
        assert row in week3
    assert "RIR" in week3
    for page in pdf.pages:
        assert_printable(page)


def test_the_readme_pounds_example(runner, in_tmp):
    result = runner.invoke(main, ["card", "main-lifts", "--set", "squat_max=225", "--units", "lb", "--set", "week=3",
                                  "--session", "squat-day", "-o", "lb.pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = text_of(open_pdf((in_tmp / "lb.pdf").read_bytes()).pages[0])
    for row in ("5 @ 170 lb", "3 @ 190 lb", "1+ @ 215 lb"):
        assert row in text


def test_week_four_is_a_deload_without_a_max_set(runner, in_tmp):
    result = runner.invoke(main, ["card", "main-lifts", "--set", "bench_max=100", "--set", "week=4",
                                  "--session", "bench-day", "-o", "d.pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = text_of(open_pdf((in_tmp / "d.pdf").read_bytes()).pages[0])
    assert "Bench Press 3 × 5" in text
    assert "5 @ 40 kg" in text and "5 @ 60 kg" in text and "+ @" not in text


def test_a_blank_max_leaves_the_loads_to_write_in(runner, in_tmp):
    result = runner.invoke(main, ["card", "main-lifts", "--session", "press-day", "-o", "p.pdf"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = text_of(open_pdf((in_tmp / "p.pdf").read_bytes()).pages[0])
    assert "Overhead Press 3 × 5, last set max" in text and " kg" not in text.replace("kg reps", "")
    # the warm-ups say their share of the first work set, to work out by hand
    assert "W 5 @ bar warm-up W 5 @ 40% warm-up W 3 @ 60% warm-up W 2 @ 80% warm-up 1 5 2 5 3 5+" in text
