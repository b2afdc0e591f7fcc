"""Issue 13, inputs: files that are not plain files or are too big, numbers and values too
large, and a library of many files. Each test is one of the issue's reproductions."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from runprint.cli import main

ROOT = Path(__file__).resolve().parent.parent
PLANK = "sessions:\n  - name: A\n    exercises:\n      - exercise: plank\n        do: 3x30s\n"


def run(runner, args):
    result = runner.invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def cli(args, cwd, **kwargs):
    """runprint in its own process: what blocks or crashes there cannot take the suite with it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "runprint", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=20, **kwargs)


@pytest.mark.parametrize("role", ["template", "exercise", "roster"])
def test_a_fifo_is_refused_by_name_without_blocking(tmp_path, role):
    (tmp_path / "exercises").mkdir()
    fifo = {"template": tmp_path / "t.yaml", "exercise": tmp_path / "exercises" / "plank.yaml",
            "roster": tmp_path / "roster.csv"}[role]
    os.mkfifo(fifo)
    if role == "roster":
        args = ["batch", "upper-body-runners", "--roster", "roster.csv", "--out-dir", "out"]
    else:
        if role == "exercise":
            (tmp_path / "t.yaml").write_text("title: T\n" + PLANK)
        args = ["card", "t.yaml", "-o", "x.pdf"]
    result = cli(args, tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"{fifo.relative_to(tmp_path)}: this is a named pipe (FIFO), not a file" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.pdf").exists()


def test_devices_are_refused_whatever_size_they_claim(runner, in_tmp):
    (in_tmp / "zero.yaml").symlink_to("/dev/zero")
    result = run(runner, ["card", "zero.yaml", "-o", "x.pdf"])
    assert result.exit_code == 1 and result.output.startswith("error: zero.yaml: this is a device, not a file\n")
    result = run(runner, ["batch", "upper-body-runners", "--roster", "/dev/urandom", "--out-dir", "out"])
    assert result.exit_code == 1 and "error: /dev/urandom: this is a device, not a file" in result.output
    result = run(runner, ["card", "/dev/null"])
    assert result.exit_code == 1 and "error: /dev/null: this is a device, not a file" in result.output


def test_a_file_is_read_only_to_its_limit(tmp_path, monkeypatch):
    from runprint import sources

    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n" * 100)
    monkeypatch.setattr(os, "fstat", lambda fd, real=os.fstat: real(fd))  # the size is never trusted
    with pytest.raises(sources.RunprintError) as exc:
        sources.read_bytes(path, limit=50)
    assert "over the" in str(exc.value)
    assert sources.read_bytes(path, limit=500) == b"a: 1\n" * 100


def test_a_library_folder_that_is_a_fifo_is_named_for_what_it_is(runner, in_tmp):
    os.mkfifo(in_tmp / "lib")
    result = run(runner, ["card", "upper-body-runners", "--library", "lib", "-o", "x.pdf"])
    assert result.exit_code == 1
    assert result.output.startswith("error: lib: this is a named pipe (FIFO), not a folder\n")


@pytest.mark.parametrize("where", ["template", "roster-yaml", "roster-csv"])
def test_a_5000_digit_number_is_a_value_error_with_file_and_line(runner, in_tmp, where):
    digits = "9" * 5000
    (in_tmp / "t.yaml").write_text(f"title: T\nparams: {{week: 1}}\nnotes_line: 1\n" + PLANK)
    if where == "template":
        (in_tmp / "t.yaml").write_text(f"title: T\nparams: {{week: {digits}}}\n" + PLANK)
        result = run(runner, ["card", "t.yaml", "-o", "x.pdf"])
        assert result.output.startswith("error: t.yaml:2: a number with 5,000 digits, more than the 15 a card")
    elif where == "roster-yaml":
        (in_tmp / "r.yaml").write_text(f"- athlete: Ana\n  week: {digits}\n")
        result = run(runner, ["batch", "upper-body-runners", "--roster", "r.yaml", "--out-dir", "out"])
        assert result.output.startswith("error: r.yaml:2: a number with 5,000 digits")
    else:
        (in_tmp / "r.csv").write_text(f"athlete,week\nAna,{digits[:200]}\n")
        result = run(runner, ["batch", "upper-body-runners", "--roster", "r.csv", "--out-dir", "out"])
        assert "r.csv: week: '99999" in result.output and "is not a whole number of at most 15" in result.output
    assert result.exit_code == 1 and len(result.output) < 400
    assert not (in_tmp / "x.pdf").exists() and not (in_tmp / "out").exists()


def test_a_long_whole_number_from_set_is_refused_without_echoing_it(runner, in_tmp):
    result = run(runner, ["card", "upper-body-runners", "--set", "week=" + "9" * 200, "-o", "x.pdf"])
    assert result.exit_code == 1 and "is not a whole number of at most 15 digits" in result.output
    assert "9" * 60 not in result.output


def test_the_format_filter_width_is_capped(runner, in_tmp):
    (in_tmp / "t.yaml").write_text("title: \"{{ '%03000000000d'|format(1) }}\"\n" + PLANK)
    result = run(runner, ["card", "t.yaml", "-o", "x.pdf"])
    assert result.exit_code == 1
    assert result.output.startswith("error: t.yaml:1: title: template stopped: that format width is too large")
    (in_tmp / "t.yaml").write_text("title: \"{{ '%s %5d'|format('Week', 3) }}\"\n" + PLANK)
    assert run(runner, ["card", "t.yaml", "-o", "x.pdf"]).exit_code == 0


def test_a_huge_set_value_is_too_long_at_once_naming_its_param(runner, in_tmp):
    result = run(runner, ["card", "runner-strength", "--set", "row_load=" + "x" * 100_000, "-o", "x.pdf"])
    assert result.exit_code == 1
    assert result.output == ("error: --set: row_load: the value is too long: 100,000 characters, over the 300 "
                             "a card can print\n  hint: shorten the value of row_load\n")


def test_a_rendered_value_too_long_names_its_key(runner, in_tmp):
    (in_tmp / "t.yaml").write_text("title: T\nparams: {r: ''}\n" + PLANK + "        rest: \"{{ r }}\"\n")
    result = run(runner, ["card", "t.yaml", "--set", "r=" + "x" * 200, "-o", "x.pdf"])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: --set r={'x' * 39}… (200 characters): too long: 200 characters "
                                    "once filled in, over the 80 that can print\n")
    (in_tmp / "t.yaml").write_text("title: T\nparams: {r: ''}\n" + PLANK + "        rest: \"{{ 'x' * 90 }}\"\n")
    result = run(runner, ["card", "t.yaml", "-o", "x.pdf"])
    assert result.output.startswith("error: t.yaml:8: sessions[0].exercises[0].rest: too long: 90 characters "
                                    "once filled in, over the 80 that can print\n")


def test_a_card_never_lists_the_library_folders(runner, in_tmp, monkeypatch):
    """Only the files a card reads are opened or looked at: a --library of 100,000 files costs nothing."""
    (in_tmp / "lib" / "exercises").mkdir(parents=True)
    (in_tmp / "lib" / "exercises" / "zz-1.yaml").write_text("not read")

    import runprint.pdfinfo
    import runprint.pipeline  # noqa: F401  the modules find their own folder once, as they are imported

    def listing(*args):
        raise AssertionError("a folder was listed")
    monkeypatch.setattr(Path, "glob", listing)
    monkeypatch.setattr(Path, "resolve", listing)
    result = run(runner, ["card", "upper-body-runners", "--library", "lib", "-o", "x.pdf"])
    assert result.exit_code == 0, result.output
    args = ["card", "upper-body-runners", "--library", "lib", "-o", "lib/exercises/zz-1.yaml"]
    result = run(runner, args)  # not an input of this card, but not runprint's either: asks for --force
    assert result.exit_code == 1 and "not a PDF runprint wrote" in result.output
    assert run(runner, [*args, "--force"]).exit_code == 0


def test_a_library_exercise_file_read_is_still_protected(runner, in_tmp):
    (in_tmp / "exercises").mkdir()
    (in_tmp / "exercises" / "plank.yaml").write_text("name: My Plank\ngroup: core\nmeasure: time\nsteps: [Hold]\n")
    (in_tmp / "t.yaml").write_text("title: T\n" + PLANK)
    (in_tmp / "link.yaml").symlink_to(in_tmp / "exercises" / "plank.yaml")
    os.link(in_tmp / "exercises" / "plank.yaml", in_tmp / "hard.yaml")
    for target in ("exercises/plank.yaml", "hard.yaml"):
        result = run(runner, ["card", "t.yaml", "-o", target])
        assert result.exit_code == 1 and "one of the input files" in result.output, result.output
    assert (in_tmp / "exercises" / "plank.yaml").read_text().startswith("name: My Plank")


def test_cr_only_csv_is_read(runner, in_tmp):
    (in_tmp / "r.csv").write_bytes(b"athlete,week\rAna,1\rBo,2\r")
    result = run(runner, ["batch", "upper-body-runners", "--roster", "r.csv", "--out-dir", "out"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["Ana.pdf", "Bo.pdf"]


def test_a_huge_cell_names_its_size_and_row(runner, in_tmp):
    (in_tmp / "r.csv").write_text("athlete,note\nAna,1\nBo," + "x" * 900_000 + "\n")
    result = run(runner, ["batch", "upper-body-runners", "--roster", "r.csv", "--out-dir", "out"])
    assert result.exit_code == 1
    assert result.output.startswith("error: r.csv:3: cell too large (878 KB) in row 3\n")


@pytest.mark.skipif(not os.environ.get("CHECK_EXEC_TIME"), reason="timing check: set CHECK_EXEC_TIME=1")
def test_a_library_of_100000_files_costs_a_card_little(tmp_path):
    import time

    folder = tmp_path / "lib" / "exercises"
    folder.mkdir(parents=True)
    for i in range(100_000):
        (folder / f"ex-{i}.yaml").touch()
    start = time.perf_counter()
    result = cli(["card", "upper-body-runners", "--library", "lib", "-o", "x.pdf"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - start < 3
