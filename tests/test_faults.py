"""The second sweep's reproductions: each one line naming the file, row or option, never a traceback."""

import pytest

from runprint.cli import main

TEMPLATE = """title: T
params: {{n: 3}}
sessions:
  - id: a
    name: A
    exercises:
      - exercise: push-up
{item}
"""


def run(runner, *args):
    return runner.invoke(main, list(args))


def one_error(result, code=1):
    """The output is error lines (with hints) only, and no traceback reached the user."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.output


def test_a_huge_max_from_set_is_one_line(runner, in_tmp):
    result = run(runner, "card", "runner-strength", "--session", "day-2", "--set", "squat_max=" + "9" * 29,
                 "-o", "x.pdf")
    assert one_error(result) == ("error: --set: squat_max: '99999999999999999999999999999' is not below 10,000: "
                                 "no max or load on a card is that heavy\n"
                                 "  hint: write the athlete's training max, e.g. 100 or 100 kg\n")
    assert not (in_tmp / "x.pdf").exists()


@pytest.mark.parametrize("cell", ["9" * 29, "1e35", "²"])
def test_a_huge_or_foreign_max_in_a_roster_fails_its_row_and_the_batch_goes_on(runner, in_tmp, cell):
    (in_tmp / "r.csv").write_text(f"athlete,squat_max\nAna,{cell}\nBo,100\n")
    result = run(runner, "batch", "runner-strength", "--roster", "r.csv", "--out-dir", "out")
    output = one_error(result, code=3)
    assert output.startswith(f"error: row 2 (Ana): r.csv: squat_max: '{cell}' is not")
    assert (in_tmp / "out" / "Bo.pdf").exists() and not (in_tmp / "out" / "Ana.pdf").exists()


def test_a_max_of_1e35_in_an_xlsx_cell_fails_its_row(runner, in_tmp):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["athlete", "squat_max"])
    book.active.append(["Ana", 1e35])
    book.active.append(["Bo", 100])
    book.save(in_tmp / "r.xlsx")
    result = run(runner, "batch", "runner-strength", "--roster", "r.xlsx", "--out-dir", "out")
    output = one_error(result, code=3)
    assert output.startswith("error: row 2 (Ana): r.xlsx: squat_max: '") and "' is not " in output.splitlines()[0]
    assert (in_tmp / "out" / "Bo.pdf").exists()


@pytest.mark.parametrize("item,message", [
    ("        sets: ²\n        reps: 10", "t.yaml:8: sessions[0].exercises[0].sets: '²' is not a whole number"),
    ("        sets: 3\n        reps: ٣", "t.yaml:9: sessions[0].exercises[0].reps: cannot read '٣' as reps"),
    ("        do: 3x²", "t.yaml:8: sessions[0].exercises[0].do: cannot read '3x²' as sets x reps"),
    ("        do: \"3x{{ '9' * 4400 }}\"", "t.yaml:8: sessions[0].exercises[0].do: '9999"),
    ("        do: \"{{ '9' * 4400 }}x3\"", "t.yaml:8: sessions[0].exercises[0].do: '9999"),
    ("        sets: \"{{ '9' * 4400 }}\"\n        reps: 10", "t.yaml:8: sessions[0].exercises[0].sets: '9999"),
    ("        do: \"{{ '3x1' ~ ' ' * 4990 ~ '!' }}\"", "t.yaml:8: sessions[0].exercises[0].do: cannot read '3x1 "),
    ("        sets: 3\n        reps: \"{{ '1' ~ ' ' * 4990 ~ '!' }}\"",
     "t.yaml:9: sessions[0].exercises[0].reps: cannot read '1 "),
    ("        sets: 3\n        reps: \"{{ 'abc' | truncate(-1) }}\"",
     "t.yaml:9: sessions[0].exercises[0].reps: template failed: truncate(-1) is shorter than its end '...'"),
    ("        sets: 3\n        reps: \"{{ 'abc' | truncate(2) }}\"",
     "t.yaml:9: sessions[0].exercises[0].reps: template failed: truncate(2) is shorter than its end '...'"),
])
def test_numbers_a_template_writes_or_renders(runner, in_tmp, item, message):
    (in_tmp / "t.yaml").write_text(TEMPLATE.format(item=item), encoding="utf-8")
    output = one_error(run(runner, "card", "t.yaml", "-o", "x.pdf"))
    assert output.startswith("error: " + message) and output.count("\n") == 2 and len(output) < 400


def test_unicode_digits_in_a_history_are_named_by_row(runner, in_tmp):
    (in_tmp / "h.csv").write_text("date,exercise,set,reps,load\n2026-11-24,push-up,²,10,12 kg\n"
                                  "2026-11-24,push-up,1,²,12 kg\n", encoding="utf-8")
    output = one_error(run(runner, "card", "upper-body-runners", "--history", "h.csv", "-o", "x.pdf"))
    assert output == ("error: h.csv:2: set: '²' is not a set number from 1 to 20\n"
                      "  hint: number the sets of an exercise 1, 2, 3 ...\n"
                      "error: h.csv:3: reps: '²' is not a number of reps\n"
                      "  hint: write the reps done as a whole number, e.g. 10\n")


def test_a_unicode_digit_from_a_roster_fails_its_row(runner, in_tmp):
    (in_tmp / "t.yaml").write_text(TEMPLATE.format(item='        sets: "{{ n }}"\n        reps: 10'))
    (in_tmp / "r.csv").write_text("athlete,n\nAna,²\nBo,3\n", encoding="utf-8")
    output = one_error(run(runner, "batch", "t.yaml", "--roster", "r.csv", "--out-dir", "out"), code=3)
    assert output.startswith("error: row 2 (Ana): r.csv: n: '²' is not a whole number\n")
    assert (in_tmp / "out" / "Bo.pdf").exists()


@pytest.mark.parametrize("command", [["card", "runner-strength"], ["week", "runner-strength"],
                                     ["batch", "runner-strength", "--roster", "r.csv"]])
def test_a_huge_week_range_is_refused(runner, in_tmp, command):
    (in_tmp / "r.csv").write_text("athlete\nAna\n")
    output = one_error(run(runner, *command, "--weeks", "1-99999999999999999999999", "-o", "x.pdf"))
    assert output == ("error: --weeks: cannot read '1-99999999999999999999999' as weeks\n"
                      "  hint: write a week or a range from 1 to 52, e.g. --weeks 1-4\n")


def test_reps_with_spaces_from_set_is_read_at_once(runner, in_tmp):
    output = one_error(run(runner, "card", "upper-body-runners", "--set", "reps=1" + " " * 290 + "!", "-o", "x.pdf"))
    assert output.startswith("error: --set reps=1 ") and "as sets x reps" in output


ESCAPE_TITLE = 'title: "Plan \\e]0;x\\a"\nsessions:\n  - name: A\n    exercises:\n      - exercise: push-up\n        do: 3x10\n'
RLO_EXERCISE = "name: \"Push \u202eUp\"\ngroup: chest\nsteps: [Push.]\n"


@pytest.mark.parametrize("args", [["templates"], ["templates", "evil"], ["show", "evil-push"]])
def test_terminal_escapes_never_reach_stdout(runner, in_tmp, args):
    (in_tmp / "templates").mkdir()
    (in_tmp / "exercises").mkdir()
    (in_tmp / "templates" / "evil.yaml").write_text(ESCAPE_TITLE, encoding="utf-8")
    (in_tmp / "exercises" / "evil-push.yaml").write_text(RLO_EXERCISE, encoding="utf-8")
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert ("Plan \\x1b]0;x\\x07" in result.output) or ("Push \\u202eUp" in result.output)


def shell(command, cwd):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(["sh", "-c", f"{sys.executable} -m runprint {command}"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["exercises", "templates", "templates runner-strength", "show push-up",
                                     "roster runner-strength", "check templates/t.yaml"])
def test_a_closed_stdout_is_one_error_and_exit_1(tmp_path, command):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.yaml").write_text(TEMPLATE.format(item="        do: 3x10"))
    result = shell(f"{command} >&-", tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("error: -: standard output is closed\n"
                             "  hint: keep standard output open, or send it to a file with >\n")


@pytest.mark.parametrize("command", [["card", "runner-strength", "-o"], ["week", "runner-strength", "-o"],
                                     ["batch", "runner-strength", "--roster", "r.csv", "-o"],
                                     ["batch", "runner-strength", "--roster", "r.csv", "--out-dir"]])
def test_an_empty_output_is_a_usage_error(runner, in_tmp, command):
    (in_tmp / "r.csv").write_text("athlete\nAna\n")
    result = run(runner, *command, "")
    assert result.exit_code == 2
    assert result.output.endswith("is empty; give a file name such as card.pdf (or '-' for standard output)\n")
    assert list(in_tmp.iterdir()) == [in_tmp / "r.csv"]


@pytest.mark.parametrize("value", [
    "{{ '{0:{1}}'.format('x', 999999999) }}",
    "{{ '{0:{1}}'.format('x', 2000000000) }}",
    "{{ '{:{}}'.format('x', 99999) }}",
    "{{ '{0:{1}.{2}f}'.format(1.5, 10, 99999) }}",
    "{{ '{x:>{w}}'.format_map({'x': 1, 'w': 999999999}) }}",
    "{{ '{0:{0}}'.format(999999) }}",
    "{{ '{0:{1}}'.format('x', '9' * 4000) }}",
    "{{ '%(a)99999s' % {'a': 1} }}",
    "{{ '%.99999f' % 1 }}",
    "{{ '%-099999d' % 1 }}",
])
def test_a_width_nested_in_a_format_spec_is_refused_before_padding(value):
    from runprint.errors import RunprintError
    from runprint.model import Source
    from runprint.templating import render

    with pytest.raises(RunprintError) as exc:
        render(value, {}, Source("t.yaml", 4, "title"))
    assert str(exc.value) == ("t.yaml:4: title: template stopped: that format width is too large for a card\n"
                              "  hint: a template value should only fill in params, e.g. '{{ 8 + 2 * week }}'")


def test_format_specs_within_the_cap_still_format():
    from runprint.model import Source
    from runprint.templating import render

    src = Source("t.yaml", 4, "title")
    assert render("{{ '{0:>{1}}|{2:.2f}'.format('a', 3, 2.345) }}", {}, src) == "a|2.35"
    assert render("{{ '{w:0>{n}}'.format_map({'w': 7, 'n': 3}) }}", {}, src) == "007"
    assert render("{{ '%-3d|%5.1f%%' % (2, 9.25) }}", {}, src) == "2  |  9.2%"


def _sessions(count, items):
    session = "    exercises:\n" + "      - exercise: push-up\n        do: 3x10\n" * items
    return "title: Big\nsessions:\n" + "".join(f"  - id: s{i}\n    name: S{i}\n{session}" for i in range(count))


def test_each_yaml_value_is_counted_once(tmp_path):
    from runprint.sources import load_yaml

    (tmp_path / "big.yaml").write_text(_sessions(200, 20))
    doc = load_yaml(tmp_path / "big.yaml")
    assert len(doc.data["sessions"]) == 200 and len(doc.data["sessions"][-1]["exercises"]) == 20


def test_a_file_too_big_without_aliases_does_not_blame_aliases(tmp_path):
    from runprint.errors import RunprintError
    from runprint.sources import load_yaml

    (tmp_path / "big.yaml").write_text(_sessions(500, 20))
    with pytest.raises(RunprintError) as exc:
        load_yaml(tmp_path / "big.yaml")
    assert str(exc.value).startswith(str(tmp_path / "big.yaml") + ":")
    assert str(exc.value).endswith(": the file expands to more than 50,000 values\n  hint: split it up")


def _children(pid):
    from pathlib import Path

    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(n) for n in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid):
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended: only its exit status waits to be collected.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/task"), reason="reads /proc to find the workers")
def test_orphaned_workers_end_quietly_when_their_parent_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    (tmp_path / "r.csv").write_text("athlete\n" + "".join(f"Athlete {i}\n" for i in range(200)))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    parent = subprocess.Popen([sys.executable, "-m", "runprint", "batch", "upper-body-runners", "--roster", "r.csv",
                               "--out-dir", "out", "--jobs", "2"], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()
    for _ in range(600):  # until both workers have written a sheet
        workers = _children(parent.pid)
        if len(workers) >= 2 and len(list((tmp_path / "out").glob("*.pdf"))) >= 2:
            break
        time.sleep(0.05)
    assert len(workers) >= 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for _ in range(600):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)
    stderr = parent.stderr.read().decode()
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert len(list((tmp_path / "out").glob("*.pdf"))) < 200
