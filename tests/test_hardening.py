"""Bad input of every kind: a clear message naming the file, exit 1 or 2, nothing written, nothing lost."""

import time
from pathlib import Path

import pytest

from runprint.cli import main

BAD = Path(__file__).parent / "data" / "bad"
BAD_TEMPLATES = sorted((BAD / "templates").glob("*.yaml"))


def invoke(runner, args):
    start = time.perf_counter()
    result = runner.invoke(main, args)
    elapsed = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    assert elapsed < 5, f"{args} took {elapsed:.1f} s"
    return result


@pytest.mark.parametrize("path", BAD_TEMPLATES, ids=lambda p: p.stem)
@pytest.mark.parametrize("command", ["check", "card", "week", "batch"])
def test_every_command_refuses_bad_templates_cleanly(runner, in_tmp, path, command):
    keep = in_tmp / "keep.pdf"
    keep.write_bytes(b"an earlier card")
    (in_tmp / "roster.csv").write_text("athlete\nAna\n")
    args = {"check": ["check", str(path)],
            "card": ["card", str(path), "-o", "keep.pdf"],
            "week": ["week", str(path), "-o", "keep.pdf"],
            "batch": ["batch", str(path), "--roster", "roster.csv", "-o", "keep.pdf"]}[command]
    result = invoke(runner, args)
    assert result.exit_code in (1, 2, 3), result.output
    assert str(path) in result.output or path.name in result.output
    assert keep.read_bytes() == b"an earlier card"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["keep.pdf", "roster.csv"]


def test_never_writes_over_an_input_file(runner, in_tmp):
    template = in_tmp / "mine.yaml"
    template.write_text((BAD.parent / "good" / "templates" / "progression.yaml").read_text())
    before = template.read_bytes()
    result = invoke(runner, ["card", str(template), "-o", str(template)])
    assert result.exit_code == 1 and "one of the input files" in result.output
    assert template.read_bytes() == before


def test_roster_is_protected_too(runner, in_tmp):
    (in_tmp / "roster.csv").write_text("athlete\nAna\n")
    result = invoke(runner, ["batch", "runner-strength", "--roster", "roster.csv", "-o", "roster.csv"])
    assert result.exit_code == 1 and (in_tmp / "roster.csv").read_text() == "athlete\nAna\n"


def test_a_failed_render_keeps_the_existing_file(runner, in_tmp):
    (in_tmp / "card.pdf").write_bytes(b"yesterday's card")
    result = invoke(runner, ["card", "upper-body-runners", "--set", "athlete=王", "-o", "card.pdf"])
    assert result.exit_code == 1 and "U+738B" in result.output
    assert (in_tmp / "card.pdf").read_bytes() == b"yesterday's card"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["card.pdf"]


def test_a_session_too_long_for_a_page_says_what_to_change(runner, in_tmp):
    items = "\n".join(f"      - exercise: {e}\n        do: 10x10" for e in
                      ["turkish-get-up", "renegade-row", "triceps-dip", "superman", "up-down-plank"] * 4)
    (in_tmp / "long.yaml").write_text(f"title: Long\nsessions:\n  - name: Everything\n    exercises:\n{items}\n")
    result = invoke(runner, ["card", "long.yaml", "-o", "long.pdf"])
    assert result.exit_code == 1
    assert "long.yaml: session 'everything': 20 exercises with a 4-week log do not fit on one letter page" \
        in result.output
    assert "fewer exercises, fewer log weeks" in result.output and not (in_tmp / "long.pdf").exists()


@pytest.mark.parametrize("value,message", [
    ("log_weeks=12", "'12' is not a whole number from 1 to 8"),
    ("week=0", "'0' is not a whole number from 1 to 52"),
    ("sets=11", "11 sets is outside 1-10"),
    ("reps=0", "0 reps is outside 1-200"),
])
def test_numbers_out_of_range(runner, in_tmp, value, message):
    result = invoke(runner, ["card", "upper-body-runners", "--set", value, "-o", "x.pdf"])
    assert result.exit_code == 1 and message in result.output and not (in_tmp / "x.pdf").exists()
