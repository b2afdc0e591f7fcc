"""Every session prints: long sessions as log pages then steps pages, pocket sizes, two to a sheet."""

import re
from pathlib import Path

import pytest

from pdfcheck import assert_printable, open_pdf, squash, text_of, words
from runprint.cli import main
from runprint.library import Library
from runprint.plan import coerce_params, plan_sessions

IDS = """superman band-pull-apart suspension-row bent-over-row push-up close-grip-push-up single-arm-chest-press
up-down-plank renegade-row triceps-dip lateral-raise shoulder-press pull-up inverted-row dumbbell-row band-row
shoulder-press-rotation plank-shoulder-tap plank-reach-through plank-to-down-dog chest-fly chest-press
russian-twist goblet-squat bulgarian-split-squat""".split()
SIZES_PT = {"letter": (612, 792), "a4": (595.3, 841.9), "a5": (419.5, 595.3), "half-letter": (396, 612)}


def write_long(folder: Path, count: int) -> Path:
    items = "".join(f"      - exercise: {e}\n        do: 3x10\n" for e in IDS[:count])
    path = folder / f"long-{count}.yaml"
    path.write_text(f"title: Long session\nsessions:\n  - id: long\n    name: Everything at once\n"
                    f"    notes: Rest 60 s between sets.\n    exercises:\n{items}")
    return path


def card(runner, *args, code=0):
    result = runner.invoke(main, ["card", *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def assert_complete(pages, template: str, library=None):
    """Every name, prescription, step and cue somewhere on the card; easier and harder too
    when it has more than one page."""
    library = library or Library.default()
    tpl = library.template(template)
    text = " ".join(text_of(page) for page in pages)
    for session in plan_sessions(tpl, library, coerce_params(tpl, {})):
        for item in session.items:
            ex = item.exercise
            extras = (ex.easier or "", ex.harder or "") if len(pages) > 1 else ()
            for piece in (ex.name, item.prescription.text, *ex.steps, *ex.cues, *extras):
                assert squash(piece) in text, piece


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("count,most", [(12, 3), (16, 3), (20, 4)])
def test_a_long_session_prints_log_first_then_steps(runner, in_tmp, count, most, paper):
    path = write_long(in_tmp, count)
    result = card(runner, str(path), "--paper", paper, "-o", "card.pdf")
    pages = open_pdf((in_tmp / "card.pdf").read_bytes()).pages
    assert 1 <= len(pages) <= most
    for page in pages:
        assert (round(page.width, 1), round(page.height, 1)) == pytest.approx(SIZES_PT[paper], abs=0.2)
        assert_printable(page)
    assert_complete(pages, str(path))
    if len(pages) > 1:
        assert "note: long (Everything at once) is" in result.output and "print double-sided" in result.output
        first, last = text_of(pages[0]), text_of(pages[-1])
        assert first.startswith("Long session Everything at once Athlete:")
        assert "1 Superman 3 × 10" in first and "Lie face down" not in first   # the log: no steps
        assert "how to do each exercise" in last and "Easier:" in last          # the steps, with the extras


def test_two_sided_prints_the_back_even_when_the_front_fits(runner, in_tmp):
    result = card(runner, "upper-body-runners", "--two-sided", "-o", "card.pdf")
    pages = open_pdf((in_tmp / "card.pdf").read_bytes()).pages
    assert len(pages) == 2
    assert "is a two-sided card: the log on the front, the steps on the back" in result.output
    front, back = text_of(pages[0]), text_of(pages[1])
    assert "Cues: Long neck" in front and "Easier:" not in front and "1. Lie face down" not in front
    assert "1. Lie face down" in back and "Easier: Lift only the arms" in back
    for page in pages:
        assert_printable(page)
    assert_complete(pages, "upper-body-runners")


def test_a_card_without_room_for_the_extras_says_how_to_get_them(runner, in_tmp):
    result = card(runner, "upper-body-runners", "-o", "card.pdf")
    assert len(open_pdf((in_tmp / "card.pdf").read_bytes()).pages) == 1
    assert "no room for the easier and harder versions on the one-page card of upper-body; " \
           "--two-sided prints them on the back" in result.output


def test_one_page_makes_not_fitting_an_error(runner, in_tmp):
    path = write_long(in_tmp, 16)
    result = card(runner, str(path), "--one-page", "-o", "card.pdf", code=1)
    assert "16 exercises with a 4-week log do not fit on one letter page, even at 7 pt" in result.output
    assert "log_weeks=2" not in result.output and not (in_tmp / "card.pdf").exists()


@pytest.mark.parametrize("paper", ["a5", "half-letter"])
def test_pocket_sizes_keep_the_printing_rules(runner, in_tmp, paper):
    card(runner, "runner-strength", "--paper", paper, "-o", "card.pdf")
    pages = open_pdf((in_tmp / "card.pdf").read_bytes()).pages
    assert len(pages) >= 2  # a pocket card goes two-sided sooner
    for page in pages:
        assert (round(page.width, 1), round(page.height, 1)) == pytest.approx(SIZES_PT[paper], abs=0.2)
        assert_printable(page)
    assert_complete(pages, "runner-strength")


@pytest.mark.parametrize("paper", ["a5", "half-letter"])
def test_the_week_fits_pocket_paper_with_the_run_log_under_each_day(runner, in_tmp, paper):
    result = runner.invoke(main, ["week", "runner-strength", "--paper", paper, "-o", "week.pdf"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = open_pdf((in_tmp / "week.pdf").read_bytes()).pages
    assert len(pages) == 1
    page = pages[0]
    assert (round(page.width, 1), round(page.height, 1)) == pytest.approx(SIZES_PT[paper], abs=0.2)
    assert_printable(page)
    text = squash(text_of(page))
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        assert day in text
    for name in ("Single-Arm Dumbbell Row 3 × 10/side", "A2 Thread the Needle 2 × 8/side", "Suitcase Carry 3 × 20 m/side"):
        assert name in text
    found = words(page)
    # One log line per day, each under that day's plan and across the plan's width.
    distance = [w for w in found if w["text"] == "Distance"]
    assert len(distance) == 7 and len({round(w["x0"]) for w in distance}) == 1
    felt = [w for w in found if w["text"] == "Felt"]
    assert all(f["x0"] > page.width / 2 for f in felt)
    assert min(w["size"] for w in found) >= 7 - 0.01


@pytest.mark.parametrize("paper,crowd", [
    ("a5", ["sets=8", "week=3", "row_max=40", "squat_max=100", "carry_max=32", "press_load=8 kg dumbbells"]),
    ("half-letter", ["row_load=16 kg dumbbell, slow lowering"]),  # this one once never finished
])
def test_a_crowded_pocket_week_keeps_names_apart_from_prescriptions(runner, in_tmp, paper, crowd):
    args = ["week", "runner-strength", "--paper", paper, *[a for s in crowd for a in ("--set", s)], "-o", "w.pdf"]
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = open_pdf((in_tmp / "w.pdf").read_bytes()).pages[0]
    assert_printable(page)  # which also finds words that overlap
    touching = [w["text"] for w in words(page) if re.search(r"[a-z][0-9]", w["text"])]  # 'Row9' of 'Row' '9 × 10'
    assert touching == []


@pytest.mark.parametrize("paper,sheet", [("letter", (792, 612)), ("half-letter", (792, 612)), ("a4", (841.9, 595.3))])
def test_2up_puts_day_1_and_day_2_side_by_side_with_a_cut_line(runner, in_tmp, paper, sheet):
    result = card(runner, "runner-strength", "--2up", "--paper", paper, "-o", "sheet.pdf")
    pages = open_pdf((in_tmp / "sheet.pdf").read_bytes()).pages
    first = pages[0]
    assert (round(first.width, 1), round(first.height, 1)) == pytest.approx(sheet, abs=0.2)
    middle = first.width / 2
    left = [w["text"] for w in words(first) if w["x1"] < middle]
    right = [w["text"] for w in words(first) if w["x0"] > middle]
    assert "Upper body strength + core" in " ".join(left) and "Full-body" not in " ".join(left)
    assert "Full-body integration" in " ".join(right)
    cut = [line for line in first.lines if abs(line["x0"] - middle) < 0.5 and abs(line["x1"] - middle) < 0.5]
    assert len(cut) == 1 and cut[0]["dash"][0] and cut[0]["stroking_color"] in (0.6, (0.6,))
    for page in pages:
        assert page.width > page.height
        assert_printable(page)
        for word in words(page):  # each half keeps its own 0.4 in margins
            assert word["x1"] <= middle - 28.8 or word["x0"] >= middle + 28.8, word
    assert_complete(pages, "runner-strength")
    assert "flipping on the short edge" in result.output or len(pages) == 1


def test_batch_2up_puts_two_athletes_on_a_sheet(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete,week\nAna,1\nBo,2\nCy,3\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "--session", "day-2",
                                  "--2up", "-o", "club.pdf", "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = open_pdf((in_tmp / "club.pdf").read_bytes()).pages
    first = pages[0]
    assert first.width > first.height
    middle = first.width / 2
    left = " ".join(w["text"] for w in words(first) if w["x1"] < middle)
    right = " ".join(w["text"] for w in words(first) if w["x0"] > middle)
    assert "Athlete: Ana" in left and "Athlete: Bo" in right
    assert any("Athlete: Cy" in text_of(page) for page in pages[1:])
    for page in pages:
        assert_printable(page)


def test_a_pocket_card_says_how_many_log_weeks_fit(runner, in_tmp):
    result = card(runner, "runner-strength", "--paper", "a5", "--log-weeks", "8", code=1)
    assert "log_weeks: a card on a5 paper has room to log 5 weeks, not 8" in result.output
    assert "hint: use --log-weeks 5, or a larger paper" in result.output
