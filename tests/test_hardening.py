"""Bad input of every kind: a clear message naming the file, exit 1 or 2, nothing written, nothing lost."""

import time
from pathlib import Path

import pytest

from conftest import CHECK_EXEC_TIME

from runprint.cli import main

BAD = Path(__file__).parent / "data" / "bad"
BAD_TEMPLATES = sorted((BAD / "templates").glob("*.yaml"))


def invoke(runner, args):
    start = time.perf_counter()
    result = runner.invoke(main, args)
    elapsed = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    if CHECK_EXEC_TIME:
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
    result = invoke(runner, ["card", "upper-body-runners", "--set", "athlete=\U00016a70", "-o", "card.pdf"])
    assert result.exit_code == 1 and "U+16A70" in result.output  # Tangsa: in no font here
    assert (in_tmp / "card.pdf").read_bytes() == b"yesterday's card"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["card.pdf"]


def test_a_session_too_long_for_a_page_says_what_to_change(runner, in_tmp):
    items = "\n".join(f"      - exercise: {e}\n        do: 10x10" for e in
                      ["turkish-get-up", "renegade-row", "triceps-dip", "superman", "up-down-plank"] * 4)
    (in_tmp / "long.yaml").write_text(f"title: Long\nsessions:\n  - name: Everything\n    exercises:\n{items}\n")
    result = invoke(runner, ["card", "long.yaml", "--one-page", "-o", "long.pdf"])
    assert result.exit_code == 1
    assert "long.yaml: session 'everything': 20 exercises with a 4-week log do not fit on one letter page" \
        in result.output
    # fewer log weeks would not help: the hint names what does
    assert "hint: leave out --one-page to print the log and the steps on two sides, or use fewer exercises" \
        in result.output and not (in_tmp / "long.pdf").exists()


@pytest.mark.parametrize("value,message", [
    ("log_weeks=12", "'12' is not a whole number from 1 to 8"),
    ("week=0", "'0' is not a whole number from 1 to 52"),
    ("sets=21", "21 sets is outside 1-20"),
    ("reps=0", "0 reps is outside 1-200"),
])
def test_numbers_out_of_range(runner, in_tmp, value, message):
    result = invoke(runner, ["card", "upper-body-runners", "--set", value, "-o", "x.pdf"])
    assert result.exit_code == 1 and message in result.output and not (in_tmp / "x.pdf").exists()


def hostile_files(folder: Path) -> dict[str, Path]:
    """YAML nobody should write by hand: too big, too deep, duplicated, not UTF-8, not a mapping."""
    files = {
        "too-big": "title: x\nsessions: []\nnotes: '" + "x" * 1_100_000 + "'\n",
        "too-deep": "title: x\nsessions: " + "[" * 5000 + "]" * 5000 + "\n",
        "duplicate-keys": "title: a\ntitle: b\nsessions: []\n",
        "not-a-mapping": "- title: x\n",
        "empty": "",
        "alias-bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(7)),
    }
    out = {}
    for name, text in files.items():
        out[name] = folder / f"{name}.yaml"
        out[name].write_text(text)
    out["not-utf8"] = folder / "not-utf8.yaml"
    out["not-utf8"].write_bytes(b"title: caf\xe9\nsessions: []\n")
    return out


@pytest.mark.parametrize("kind", ["too-big", "too-deep", "duplicate-keys", "not-a-mapping", "empty", "alias-bomb",
                                  "not-utf8"])
@pytest.mark.parametrize("command", ["check", "card", "week", "batch"])
def test_hostile_yaml_is_refused_by_every_command(runner, in_tmp, tmp_path_factory, kind, command):
    path = hostile_files(tmp_path_factory.mktemp("hostile"))[kind]
    (in_tmp / "roster.csv").write_text("athlete\nAna\n")
    args = {"check": ["check", str(path)], "card": ["card", str(path), "-o", "out.pdf"],
            "week": ["week", str(path), "-o", "out.pdf"],
            "batch": ["batch", str(path), "--roster", "roster.csv", "--out-dir", "out"]}[command]
    result = invoke(runner, args)
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {path}")
    assert sorted(p.name for p in in_tmp.iterdir()) == ["roster.csv"]


ATTACKS = ["{{ 'x' * 1000000000 }}", "{{ (9 ** 9) ** (9 ** 9) }}", "{{ range(10**9) | list }}",
           "{% for i in range(5000) %}{% for j in range(5000) %}{% endfor %}{% endfor %}",
           "{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ 'x' | center(1000000000) }}",
           "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_end_in_an_error(tmp_path, attack):
    """Each attack runs in its own process, so its peak memory can be read back
    (checked with CHECK_EXEC_TIME=1, with the time it took)."""
    import subprocess
    import sys

    path = tmp_path / "attack.yaml"
    path.write_text(f"title: {attack!r}\nsessions:\n  - name: A\n    exercises:\n      - exercise: plank\n"
                    "        do: 3x30s\n")
    code = ("import resource, subprocess, sys; "
            "r = subprocess.run([sys.executable, '-m', 'runprint', 'card', sys.argv[1], '-o', sys.argv[2]], "
            "capture_output=True, text=True, timeout=120); "
            "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(r.stderr)")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, str(path), str(tmp_path / "out.pdf")],
                            capture_output=True, text=True, cwd=tmp_path)
    elapsed = time.perf_counter() - start
    status, peak_kb = map(int, result.stdout.split("\n", 1)[0].split())
    assert status == 1, result.stdout
    assert "attack.yaml:1: title: template" in result.stdout
    if CHECK_EXEC_TIME:
        assert peak_kb < 256 * 1024, f"peak {peak_kb / 1024:.0f} MB"
        assert elapsed < 5
    assert not (tmp_path / "out.pdf").exists()


def test_never_writes_over_an_exercise_file(runner, in_tmp):
    (in_tmp / "exercises").mkdir()
    mine = in_tmp / "exercises" / "push-up.yaml"
    mine.write_text("name: My Push-Up\ngroup: chest\nsteps: [Down, Up]\n")
    result = invoke(runner, ["card", "runner-strength", "-o", "exercises/push-up.yaml"])
    assert result.exit_code == 1 and "one of the input files" in result.output
    assert mine.read_text().startswith("name: My Push-Up")


@pytest.mark.parametrize("target,message", [
    ("/", "/: this is a folder, not a file name"),
    (".", ".: this is a folder, not a file name"),
    ("adir", "adir: this is a folder, not a file name"),
    ("missing/x.pdf", "missing/x.pdf: the folder 'missing' does not exist"),
])
def test_hostile_output_paths(runner, in_tmp, target, message):
    (in_tmp / "adir").mkdir()
    result = invoke(runner, ["card", "upper-body-runners", "-o", target])
    assert result.exit_code == 1 and result.output.startswith(f"error: {message}\n  hint: ")
    assert sorted(p.name for p in in_tmp.iterdir()) == ["adir"] and not any((in_tmp / "adir").iterdir())


@pytest.mark.parametrize("content,message", [
    (b"athlete,week\nAna,1,extra,cells\n", "roster.csv:2: this row has 4 cells but the header has 2"),
    (b"athlete\nZo\xeb\n", "roster.csv:2: byte 0xeb is not UTF-8 text"),
    (b'athlete\n"Ana\n', "roster.csv:2: not valid CSV: unexpected end of data"),
    (b"- just a name\n", "roster.yaml:1: [0]: each athlete must be a mapping of keys"),
])
def test_broken_rosters(runner, in_tmp, content, message):
    name = "roster.yaml" if content.startswith(b"-") else "roster.csv"
    (in_tmp / name).write_bytes(content)
    result = invoke(runner, ["batch", "runner-strength", "--roster", name, "--out-dir", "out"])
    assert result.exit_code in (1, 3), result.output
    assert message in result.output
    assert not (in_tmp / "out").exists() or not any((in_tmp / "out").iterdir())
