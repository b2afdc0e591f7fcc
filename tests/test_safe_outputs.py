"""Issue 13, outputs: every OS error a clear message, nothing replaced that should not be,
and honest exit codes. Each test is one of the issue's reproductions."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from runprint.cli import main
from runprint.errors import RunprintError
from runprint.output import atomic_open, identity, write_atomic

ROOT = Path(__file__).resolve().parent.parent


def run(runner, args):
    result = runner.invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def shell(command, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(["sh", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=30)


def test_a_250_byte_name_works_and_a_252_one_is_a_message(runner, in_tmp):
    legal = "a" * 246 + ".pdf"
    assert run(runner, ["card", "upper-body-runners", "-o", legal]).exit_code == 0
    assert (in_tmp / legal).read_bytes().startswith(b"%PDF")
    result = run(runner, ["card", "upper-body-runners", "-o", "b" * 252 + ".pdf"])
    assert result.exit_code == 1
    assert result.output.endswith(".pdf: cannot write here: File name too long\n  hint: use a shorter file name\n")
    assert sorted(p.name for p in in_tmp.iterdir()) == [legal]


def test_a_symlink_loop_is_a_message(runner, in_tmp):
    (in_tmp / "a").symlink_to("b")
    (in_tmp / "b").symlink_to("a")
    result = run(runner, ["card", "a/x.yaml"])
    assert result.exit_code == 1
    assert result.output.startswith("error: a/x.yaml: cannot read the file: Too many levels of symbolic links")
    result = run(runner, ["card", "upper-body-runners", "-o", "a/x.pdf"])
    assert result.exit_code == 1
    assert result.output.startswith("error: a/x.pdf: cannot write here: Too many levels of symbolic links")
    result = run(runner, ["card", "upper-body-runners", "--library", "a"])
    assert result.exit_code == 1 and "Too many levels of symbolic links" in result.output


def test_any_os_error_reaching_the_cli_is_a_message(runner, in_tmp, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "locked/x.yaml")
    monkeypatch.setattr("runprint.library.Library.template", denied)
    result = run(runner, ["card", "upper-body-runners"])
    assert result.exit_code == 1
    assert result.output.startswith("error: locked/x.yaml: Permission denied\n  hint: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_without_permission_is_a_message(runner, in_tmp):
    (in_tmp / "locked").mkdir()
    (in_tmp / "locked").chmod(0)
    result = run(runner, ["card", "locked/x.yaml"])
    assert result.exit_code == 1 and "Permission denied" in result.output


def test_stdout_full_or_closed_is_a_message(tmp_path):
    full = shell(f"{sys.executable} -m runprint card upper-body-runners -o - >/dev/full", tmp_path)
    assert full.returncode == 1
    assert full.stderr == ("error: -: cannot write the PDF to standard output: No space left on device\n"
                           "  hint: check the free space where it goes, or write to a file with -o\n")
    closed = shell(f"{sys.executable} -m runprint card upper-body-runners -o - >&-", tmp_path)
    assert closed.returncode == 1
    assert closed.stderr.startswith("error: -: standard output is closed\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("target", ["nodir/", "adir", "adir/"])
def test_a_folder_as_output_asks_for_a_file_name(runner, in_tmp, target):
    (in_tmp / "adir").mkdir()
    result = run(runner, ["card", "upper-body-runners", "-o", target])
    assert result.exit_code == 1
    assert result.output == (f"error: {target}: this is a folder, not a file name\n"
                             "  hint: give a file name such as card.pdf\n")
    assert sorted(p.name for p in in_tmp.iterdir()) == ["adir"]


def test_symlinks_and_devices_are_never_written_through(runner, in_tmp):
    (in_tmp / "real.pdf").write_bytes(b"keep")
    (in_tmp / "link.pdf").symlink_to("real.pdf")
    (in_tmp / "dangling.pdf").symlink_to("nowhere.pdf")
    for target in ("link.pdf", "dangling.pdf"):
        result = run(runner, ["card", "upper-body-runners", "-o", target])
        assert result.exit_code == 1
        assert result.output.startswith(f"error: {target}: this is a symbolic link; runprint never writes through")
    assert (in_tmp / "real.pdf").read_bytes() == b"keep" and not (in_tmp / "nowhere.pdf").exists()
    assert os.readlink(in_tmp / "link.pdf") == "real.pdf"
    result = run(runner, ["card", "upper-body-runners", "-o", "/dev/null"])
    assert result.exit_code == 1
    assert result.output.startswith("error: /dev/null: this is a device; runprint only replaces plain files")
    os.mkfifo(in_tmp / "fifo.pdf")
    result = run(runner, ["card", "upper-body-runners", "-o", "fifo.pdf"])
    assert result.exit_code == 1 and "this is a named pipe (FIFO); runprint only replaces" in result.output


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_batch_never_replaces_links_or_its_own_roster(runner, in_tmp, force):
    (in_tmp / "out").mkdir()
    (in_tmp / "out" / "Ana.pdf").symlink_to("nowhere")
    (in_tmp / "out" / "Bo.pdf").write_text("athlete\nAna\nBo\n")
    result = run(runner, ["batch", "upper-body-runners", "--roster", "out/Bo.pdf", "--out-dir", "out", *force])
    assert result.exit_code == 1
    assert "out/Ana.pdf: this is a symbolic link" in result.output
    assert "out/Bo.pdf: this is one of the input files" in result.output
    assert (in_tmp / "out" / "Bo.pdf").read_text() == "athlete\nAna\nBo\n"
    assert os.readlink(in_tmp / "out" / "Ana.pdf") == "nowhere"
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["Ana.pdf", "Bo.pdf"]


def test_no_replace_is_decided_at_the_moment_of_writing(tmp_path):
    target = tmp_path / "card.pdf"
    with pytest.raises(RunprintError) as exc:
        with atomic_open(target, overwrite=False) as handle:
            target.write_bytes(b"another run's")  # appears while this one draws
            handle.write(b"mine")
    assert "the file already exists" in str(exc.value)
    assert target.read_bytes() == b"another run's" and os.listdir(tmp_path) == ["card.pdf"]
    with pytest.raises(RunprintError):
        with atomic_open(tmp_path / "b.pdf") as handle:
            (tmp_path / "b.pdf").symlink_to("card.pdf")  # a link put in its place is never replaced
            handle.write(b"mine")
    assert target.read_bytes() == b"another run's"
    write_atomic(tmp_path / "c.pdf", b"new", overwrite=False)
    assert sorted(os.listdir(tmp_path)) == ["b.pdf", "c.pdf", "card.pdf"]
    seen = identity(os.stat(tmp_path / "c.pdf"))  # a rerun may replace the file it saw, and only that one
    with pytest.raises(RunprintError):
        with atomic_open(tmp_path / "c.pdf", overwrite=seen) as handle:
            os.replace(tmp_path / "card.pdf", tmp_path / "c.pdf")  # another run's file, meanwhile
            handle.write(b"mine")
    assert (tmp_path / "c.pdf").read_bytes() == b"another run's"
    write_atomic(tmp_path / "c.pdf", b"rerun", overwrite=identity(os.stat(tmp_path / "c.pdf")))
    assert (tmp_path / "c.pdf").read_bytes() == b"rerun"


def test_two_batches_into_one_folder_never_both_write_a_file(tmp_path):
    names = [f"Athlete {i}" for i in range(24)]
    for which in ("a", "b"):
        (tmp_path / f"{which}.csv").write_text("athlete,week\n" + "".join(f"{n},{1 if which == 'a' else 2}\n"
                                                                          for n in names))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.Popen([sys.executable, "-m", "runprint", "batch", "upper-body-runners", "--roster",
                              f"{which}.csv", "--out-dir", "out", "--jobs", "1"], cwd=tmp_path, env=env,
                             stderr=subprocess.PIPE, text=True) for which in ("a", "b")]
    outputs = [p.communicate(timeout=60)[1] for p in runs]
    wrote = []
    for output in outputs:
        assert "Traceback" not in output
        line = next((x for x in output.splitlines() if x.startswith("wrote ")), "wrote 0")
        wrote.append(int(line.split()[1]))
        if wrote[-1] < len(names):  # the rest reported: refused at the start, or one by one as it wrote
            assert "file(s) already exist" in output or \
                output.count("the file already exists") == len(names) - wrote[-1], output
    assert sum(wrote) == len(names), outputs
    assert len(list((tmp_path / "out").iterdir())) == len(names)


def test_a_batch_where_nobody_could_be_written_exits_1_and_creates_nothing(runner, in_tmp):
    (in_tmp / "r.csv").write_text("athlete,week\nAna,99\nBo,77\n")
    result = run(runner, ["batch", "upper-body-runners", "--roster", "r.csv", "--out-dir", "out"])
    assert result.exit_code == 1 and "wrote 0 of 2 athletes" in result.output
    assert not (in_tmp / "out").exists()
    result = run(runner, ["batch", "upper-body-runners", "--roster", "r.csv", "-o", "all.pdf"])
    assert result.exit_code == 1 and sorted(p.name for p in in_tmp.iterdir()) == ["r.csv"]


def test_check_with_nothing_to_check_is_an_error(runner, in_tmp):
    (in_tmp / "empty").mkdir()
    result = run(runner, ["check", "empty"])
    assert result.exit_code == 1
    assert result.output.startswith("error: empty: no exercise or template files to check here\n")


def test_control_characters_are_shown_escaped(runner, in_tmp):
    (in_tmp / "r.csv").write_text("athlete,week\n\x1b]0;owned\x07Ana,99\n")
    result = run(runner, ["batch", "upper-body-runners", "--roster", "r.csv", "--out-dir", "out"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "row 2 (\\x1b]0;owned\\x07Ana)" in result.output
    result = run(runner, ["card", "upper-body-runners", "--set", "wek\x1b[2J=1"])
    assert "\x1b" not in result.output and "wek\\x1b[2J" in result.output


@pytest.mark.parametrize("command", [["card", "upper-body-runners"], ["week", "runner-strength"]])
def test_a_card_replaces_its_own_pdf_but_asks_before_anyone_elses(runner, in_tmp, command):
    """Running the same command again refreshes the PDF; a file of the user's with that name
    (an essay.pdf, a spreadsheet) is kept unless they say --force."""
    assert run(runner, [*command, "-o", "sheet.pdf"]).exit_code == 0
    first = (in_tmp / "sheet.pdf").stat().st_ino
    assert run(runner, [*command, "-o", "sheet.pdf", "--set", "athlete=Ana"]).exit_code == 0
    assert (in_tmp / "sheet.pdf").stat().st_ino != first  # replaced, in one step
    (in_tmp / "essay.pdf").write_bytes(b"%PDF-1.7 a coach's own file")
    result = run(runner, [*command, "-o", "essay.pdf"])
    assert result.exit_code == 1
    assert result.output == ("error: essay.pdf: this file is not a PDF runprint wrote\n"
                             "  hint: choose another name, or pass --force to replace it\n")
    assert (in_tmp / "essay.pdf").read_bytes() == b"%PDF-1.7 a coach's own file"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["essay.pdf", "sheet.pdf"]  # no temp file left
    assert run(runner, [*command, "-o", "essay.pdf", "--force"]).exit_code == 0
    assert (in_tmp / "essay.pdf").read_bytes().startswith(b"%PDF-1.3")
