"""The commands as a user types them."""

from pathlib import Path

import pytest

from runprint import __version__
from runprint.cli import main

DATA = Path(__file__).parent / "data"
SPEC_IDS = """superman band-pull-apart suspension-row bent-over-row push-up close-grip-push-up
single-arm-chest-press up-down-plank renegade-row triceps-dip lateral-raise shoulder-press pull-up inverted-row
dumbbell-row band-row shoulder-press-rotation plank side-plank plank-shoulder-tap plank-reach-through
plank-to-down-dog chest-fly chest-press russian-twist farmers-carry suitcase-carry cat-cow thread-the-needle
arm-circles scapular-push-up goblet-squat bulgarian-split-squat down-dog-plank-flow marching-kettlebell-press
plyometric-push-up bear-crawl turkish-get-up band-shoulder-mobility""".split()


def run(runner, *args, code=0):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def test_version(runner):
    assert run(runner, "--version").output.strip() == f"runprint, version {__version__}"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(runner, command):
    output = run(runner, command, "--help").output
    assert "Example:" in output and f"runprint {command}" in output


def test_exercises_lists_the_whole_library(runner, in_tmp):
    lines = run(runner, "exercises").output.splitlines()
    assert lines[0].split() == ["ID", "NAME", "GROUP", "EQUIPMENT"]
    ids = {line.split()[0] for line in lines[1:]}
    assert set(SPEC_IDS) <= ids


def test_exercises_query_and_filters(runner, in_tmp):
    plank = {line.split()[0] for line in run(runner, "exercises", "plank").output.splitlines()[1:]}
    assert {"plank", "side-plank", "plank-shoulder-tap", "up-down-plank"} <= plank
    back = run(runner, "exercises", "--group", "back", "--equipment", "dumbbell").output.splitlines()[1:]
    assert back and all(" back " in line and "dumbbell" in line for line in back)
    none = run(runner, "exercises", "--equipment", "none").output.splitlines()[1:]
    assert none and all(line.rstrip().endswith("bodyweight") for line in none)


def test_exercises_by_muscle_and_alias(runner, in_tmp):
    assert "triceps-dip" in run(runner, "exercises", "triceps").output
    assert "farmers-carry" in run(runner, "exercises", "farmer").output


def test_show_prints_steps_and_cues(runner, in_tmp):
    output = run(runner, "show", "push-up").output
    assert output.startswith("Push-Up (push-up)")
    assert "Steps\n  1. " in output and "Cues\n  - " in output


def test_show_unknown_suggests(runner, in_tmp):
    result = run(runner, "show", "push-ups", code=1)
    assert result.output == "error: no exercise named 'push-ups'\n  hint: did you mean 'push-up'?\n"


def test_templates_lists_both_with_sessions(runner, in_tmp):
    output = run(runner, "templates").output
    assert "upper-body-runners" in output and "upper-body" in output
    assert "runner-strength" in output and "day-1, day-2" in output


def test_check_the_whole_library(runner, in_tmp):
    output = run(runner, "check").output
    assert output.startswith("ok: ") and "no problems" in output


def test_card_default_name_and_stdout(runner, in_tmp):
    run(runner, "card", "runner-strength", "--session", "day-1")
    assert (in_tmp / "runner-strength-day-1.pdf").read_bytes().startswith(b"%PDF-")
    result = runner.invoke(main, ["card", "upper-body-runners", "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"%PDF-")


def test_card_writes_one_page_per_session(runner, in_tmp):
    import pdfplumber

    run(runner, "card", "runner-strength", "-o", "both.pdf")
    assert len(pdfplumber.open(in_tmp / "both.pdf").pages) == 2


def test_unknown_session_suggests(runner, in_tmp):
    result = run(runner, "card", "runner-strength", "--session", "day-3", code=1)
    assert "no session 'day-3' in this template" in result.output and "did you mean 'day-2'?" in result.output


def test_usage_errors_exit_2(runner, in_tmp):
    assert runner.invoke(main, ["card"]).exit_code == 2
    assert runner.invoke(main, ["card", "x", "--paper", "a3"]).exit_code == 2
    assert runner.invoke(main, ["card", "upper-body-runners", "--set", "week"]).exit_code == 2


def test_user_folder_overrides_built_in(runner, in_tmp):
    (in_tmp / "exercises").mkdir()
    mine = "name: Coach's Push-Up\ngroup: chest\nsteps: [Go down, Come up]\n"
    (in_tmp / "exercises" / "push-up.yaml").write_text(mine)
    assert run(runner, "show", "push-up").output.startswith("Coach's Push-Up (push-up)")


def test_library_option_comes_first(runner, in_tmp, tmp_path_factory):
    other = tmp_path_factory.mktemp("lib")
    (other / "exercises").mkdir()
    (other / "exercises" / "plank.yaml").write_text("name: Library Plank\ngroup: core\nsteps: [Hold]\n")
    (in_tmp / "exercises").mkdir()
    (in_tmp / "exercises" / "plank.yaml").write_text("name: Local Plank\ngroup: core\nsteps: [Hold]\n")
    assert run(runner, "show", "plank", "--library", str(other)).output.startswith("Library Plank")
    assert run(runner, "show", "plank").output.startswith("Local Plank")


def test_set_takes_the_type_of_the_default(runner, in_tmp):
    result = run(runner, "card", "runner-strength", "--set", "week=three", code=1)
    assert result.output == ("error: --set: week: 'three' is not a whole number\n"
                             "  hint: give week as a whole number, like the default '1'\n")


def test_a_template_file_brings_its_sibling_exercises(runner, in_tmp, tmp_path_factory):
    project = tmp_path_factory.mktemp("project")
    (project / "exercises").mkdir()
    (project / "templates").mkdir()
    (project / "exercises" / "wall-sit.yaml").write_text("name: Wall Sit\ngroup: lower\nmeasure: time\nsteps: [Hold]\n")
    (project / "templates" / "legs.yaml").write_text(
        "title: Legs\nsessions:\n  - name: Legs\n    exercises:\n      - exercise: wall-sit\n        do: 3x45s\n")
    template = str(project / "templates" / "legs.yaml")
    assert run(runner, "check", template).output.startswith("ok: ")
    run(runner, "card", template, "-o", "legs.pdf")
    assert (in_tmp / "legs.pdf").exists()


def test_set_of_an_unknown_param_is_an_error(runner, in_tmp):
    result = run(runner, "card", "runner-strength", "--set", "wek=3", code=1)
    assert result.output == ("error: --set: wek: 'wek' is not a param of this template\n"
                             "  hint: did you mean 'week'?\n")
    assert not list(in_tmp.iterdir())


def test_set_of_an_optional_load_is_accepted(runner, in_tmp):
    run(runner, "card", "runner-strength", "--set", "row_load=12 kg", "-o", "x.pdf")
