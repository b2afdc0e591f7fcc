"""One pipeline: each command parses its template once and plans and lays out each athlete once."""

import pytest

from runprint.cli import main


@pytest.fixture
def counted(monkeypatch):
    """How often the template is parsed, the sessions planned and a session laid out."""
    import runprint.library
    import runprint.pipeline

    counts = {"parse": 0, "plan": 0, "layout": 0}

    def counting(name, module, attr):
        real = getattr(module, attr)

        def wrapper(*args, **kwargs):
            counts[name] += 1
            return real(*args, **kwargs)
        monkeypatch.setattr(module, attr, wrapper)

    counting("parse", runprint.library, "template_from_doc")
    counting("plan", runprint.pipeline, "plan_sessions")
    counting("layout", runprint.pipeline, "layout_session")
    return counts


def test_a_card_with_a_set_is_planned_once(runner, in_tmp, counted):
    result = runner.invoke(main, ["card", "runner-strength", "--set", "week=2", "-o", "c.pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert counted == {"parse": 1, "plan": 1, "layout": 2}  # one plan of both sessions, a layout each


def test_a_set_that_breaks_the_template_is_named_from_the_one_plan(runner, in_tmp, counted):
    result = runner.invoke(main, ["card", "runner-strength", "--set", "sets=0", "-o", "c.pdf"])
    assert result.exit_code == 1
    assert result.output.startswith("error: --set sets=0: 0 sets is outside 1-")
    assert result.output.count("error:") == 1 and counted["plan"] == 1


def test_a_batch_parses_once_and_plans_and_lays_out_each_athlete_once(runner, in_tmp, counted):
    (in_tmp / "club.csv").write_text("athlete,week\nAna,1\nBo,2\nCy,3\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "club.pdf", "--jobs", "1"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert counted == {"parse": 1, "plan": 3, "layout": 6}  # no preflight athlete


def test_a_template_fault_stops_a_batch_on_its_first_row(runner, in_tmp, counted):
    (in_tmp / "templates").mkdir()
    (in_tmp / "templates" / "broken.yaml").write_text(
        "title: Broken\nsessions:\n  - id: a\n    name: A\n    exercises:\n"
        "      - exercise: push-up\n        do: \"{{ 3 + 'x' }}x10\"\n")
    (in_tmp / "club.csv").write_text("athlete\nAna\nBo\nCy\n")
    result = runner.invoke(main, ["batch", "broken", "--roster", "club.csv", "-o", "club.pdf", "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "broken.yaml:7" in result.output and "row" not in result.output.split("\n")[0]
    assert counted["plan"] == 1 and not (in_tmp / "club.pdf").exists()


def test_a_roster_value_that_breaks_an_item_names_its_cell(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete,sets\nAna,3\nBo,0\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "club.pdf", "--jobs", "1"])
    assert result.exit_code == 3, result.output
    assert "club.csv" in result.output and "sets" in result.output and "runner-strength.yaml" not in result.output


def test_the_set_hint_names_only_params_the_template_reads_found_through_library(runner, in_tmp):
    lib = in_tmp / "lib" / "templates"
    lib.mkdir(parents=True)
    (lib / "mine.yaml").write_text("title: Mine\nparams:\n  tempo: 2\nsessions:\n  - id: a\n    name: A\n"
                                   "    exercises:\n      - exercise: push-up\n        do: 3x10\n"
                                   "        note: \"tempo {{ tempo }}\"\n")
    result = runner.invoke(main, ["card", "mine", "--library", "lib", "--tempo", "3"])
    assert result.exit_code == 2 and "To change the param 'tempo', write --set tempo=3" in result.output
    result = runner.invoke(main, ["card", "mine", "--library", "lib", "--sets", "3"])
    assert result.exit_code == 2 and "write --set" not in result.output and "No such option '--sets'" in result.output
