"""The options people reach for, and what an unknown one suggests."""

import re
from pathlib import Path

import pytest

from pdfcheck import open_pdf, text_of, words
from runprint.cli import main


def run(runner, *args, code=0):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.mark.parametrize("command", ["card", "week", "batch"])
def test_page_and_param_options_are_in_help(runner, command):
    text = run(runner, command, "--help").output
    for option in ("--log-weeks", "--units", "--paper", "half-letter", "a5"):
        assert option in text
    if command != "week":
        for option in ("--2up", "--one-page", "--two-sided"):
            assert option in text


def test_log_weeks_and_units_are_the_params(runner, in_tmp):
    run(runner, "card", "runner-strength", "--session", "day-2", "--log-weeks", "2", "--units", "lb", "-o", "c.pdf")
    text = text_of(open_pdf((in_tmp / "c.pdf").read_bytes()).pages[0])
    assert "Week 1 date Week 2 date" in text and "Week 3" not in text
    assert "lb" in text.split() and "kg" not in text.split()


def test_log_weeks_outside_1_to_8_is_a_usage_error(runner, in_tmp):
    assert "9 is not in the range 1<=x<=8" in run(runner, "card", "runner-strength", "--log-weeks", "9", code=2).output


@pytest.mark.parametrize("wanted", ["Full-body integration", "full-body INTEGRATION", "full-body-integration", "DAY-2"])
def test_session_by_id_or_name_ignoring_case(runner, in_tmp, wanted):
    run(runner, "card", "runner-strength", "--session", wanted, "-o", "c.pdf")
    pdf = open_pdf((in_tmp / "c.pdf").read_bytes())
    assert len(pdf.pages) == 1 and "Full-body integration" in text_of(pdf.pages[0])


def test_an_unknown_session_lists_ids_and_names(runner, in_tmp):
    result = run(runner, "card", "runner-strength", "--session", "legs", code=1)
    assert "no session 'legs' in this template" in result.output
    assert "hint: sessions: day-1 (Upper body strength + core), day-2 (Full-body integration)" in result.output


@pytest.mark.parametrize("args,message", [
    (["--logweeks", "2"], "No such option '--logweeks'. Did you mean '--log-weeks'?"),
    (["--sets", "2"], "No such option '--sets'. To change the param 'sets', write --set sets=2"),
    (["--reps=10"], "No such option '--reps'. To change the param 'reps', write --set reps=10"),
    (["--row-load", "20"], "No such option '--row-load'. To change the param 'row_load', write --set row_load=20"),
])
def test_an_unknown_option_suggests_the_right_one(runner, in_tmp, args, message):
    result = run(runner, "card", "upper-body-runners", *args, code=2)
    assert message in result.output


def test_a_problem_a_set_causes_is_named_once_by_its_set(runner, in_tmp):
    result = run(runner, "card", "upper-body-runners", "--set", "sets=0", code=1)
    assert result.output == ("error: --set sets=0: 0 sets is outside 1-20\n"
                             "  hint: a card logs 1 to 20 sets; check for a typo\n")


def test_card_without_a_template_lists_them(runner, in_tmp):
    result = run(runner, "card", code=2)
    assert "Usage: runprint card TEMPLATE" in result.output
    assert "upper-body-runners" in result.output and "runner-strength" in result.output


def test_week_on_a4_with_units(runner, in_tmp):
    run(runner, "week", "runner-strength", "--paper", "a4", "--units", "lb", "-o", "w.pdf")
    page = open_pdf((in_tmp / "w.pdf").read_bytes()).pages[0]
    assert round(page.width) == 595 and words(page)


def test_templates_name_shows_params_sessions_and_schedule(runner, in_tmp):
    text = run(runner, "templates", "runner-strength").output
    assert text.startswith("Runner strength, week 1 (runner-strength)")
    for expected in ("Params (change one with --set KEY=VALUE)", "  log_weeks ", "  day-2: Full-body integration",
                     "    4   Side Plank                         3 × 30 s/side",
                     "Schedule", "  tue  Easy run 40 min, day-1"):
        assert expected in text


def test_a_param_read_without_a_default_says_so(runner, in_tmp):
    assert "  row_load    (no default: blank unless given)" in run(runner, "templates", "upper-body-runners").output


def test_show_points_a_template_to_templates(runner, in_tmp):
    result = run(runner, "show", "upper-body-runners", code=1)
    assert "'upper-body-runners' is a template, not an exercise" in result.output
    assert "hint: runprint templates upper-body-runners shows it" in result.output


def test_new_copies_a_template_that_checks_and_prints_and_never_overwrites(runner, in_tmp):
    result = run(runner, "new", "my-plan", "--from", "runner-strength")
    path = in_tmp / "templates" / "my-plan.yaml"
    assert f"wrote {Path('templates/my-plan.yaml').resolve()}" in result.output or "my-plan.yaml" in result.output
    text = path.read_text()
    assert text.startswith("# my-plan: a runprint template, copied from the built-in 'runner-strength'.")
    assert "title: \"Runner strength, week {{ week }}\"" in text
    run(runner, "check", "templates/my-plan.yaml")
    run(runner, "card", "my-plan", "-o", "plan.pdf")
    again = run(runner, "new", "my-plan", code=1)
    assert "the file already exists; runprint never replaces it" in again.output
    assert path.read_text() == text


def test_new_without_from_writes_a_starter_that_prints(runner, in_tmp):
    run(runner, "new", "starter")
    assert "exercises:" in (in_tmp / "templates" / "starter.yaml").read_text()
    run(runner, "card", "starter", "-o", "starter.pdf")
    assert len(open_pdf((in_tmp / "starter.pdf").read_bytes()).pages) == 1


@pytest.mark.parametrize("paper,sheet", [("letter", (792, 612)), ("half-letter", (792, 612)),
                                         ("a4", (841.9, 595.3)), ("a5", (841.9, 595.3))])
def test_the_paper_help_says_which_sheet_2up_prints_on(runner, in_tmp, paper, sheet):
    """Issue 22 item 8b: --paper half-letter --2up gives Letter sheets, and the help says so."""
    text = re.sub(r"-\s+", "-", " ".join(run(runner, "card", "--help").output.split()))  # click wraps at hyphens
    assert ("With --2up, letter and half-letter print half-letter cards on Letter sheets, "
            "a4 and a5 print A5 cards on A4 sheets.") in text
    run(runner, "card", "runner-strength", "--paper", paper, "--2up", "-o", "two.pdf")
    page = open_pdf((in_tmp / "two.pdf").read_bytes()).pages[0]
    assert (page.width, page.height) == pytest.approx(sheet, abs=0.1)
