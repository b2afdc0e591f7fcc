"""YAML is read the way a coach means it, and what no coach means is refused with file and line."""

import pytest

from runprint.cli import main
from runprint.errors import RunprintError
from runprint.sources import MAX_BYTES, load_yaml


def load(tmp_path, text, name="x.yaml"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return load_yaml(path)


def error(tmp_path, text, name="x.yaml") -> str:
    with pytest.raises(RunprintError) as exc:
        load(tmp_path, text, name)
    return str(exc.value).replace(str(tmp_path) + "/", "")


def test_yaml_11_surprises_stay_text(tmp_path):
    doc = load(tmp_path, "a: no\nb: on\nc: off\nd: 1:30\ne: 010\nf: yes\ng: true\nh: 3.5\ni: '7'\nj: ~\n")
    assert doc.data == {"a": "no", "b": "on", "c": "off", "d": "1:30", "e": 10, "f": "yes", "g": True,
                        "h": 3.5, "i": "7", "j": None}


def test_lines_are_kept_for_every_key_path(tmp_path):
    doc = load(tmp_path, "title: x\nsessions:\n  - name: a\n    exercises:\n      - exercise: push-up\n")
    assert doc.line(("sessions", 0, "exercises", 0, "exercise")) == 5
    assert doc.line(("sessions", 0, "name")) == 3
    assert doc.line(("sessions", 0, "missing")) == 3


def test_duplicate_key(tmp_path):
    assert error(tmp_path, "name: a\ngroup: core\nname: b\n") == (
        "x.yaml:3: the key 'name' appears twice (first on line 1)\n"
        "  hint: keep one of them; the second would silently replace the first")


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    message = error(tmp_path, "\n".join(lines) + "\n")
    assert "expands to more than 50,000 values" in message
    assert message.startswith("x.yaml:")


def test_deep_nesting(tmp_path):
    message = error(tmp_path, "a: " + "[" * 100 + "]" * 100 + "\n")
    assert "nested too deeply" in message


def test_very_deep_nesting_is_a_clear_error(runner, in_tmp):
    # Our depth guard or PyYAML's own (6.0.4 stops at "exceeded maximum nesting depth"),
    # whichever fires first: the user sees the file, the line, a word about nesting, exit 1.
    (in_tmp / "deep.yaml").write_text("a: " + "[" * 50_000 + "]" * 50_000 + "\n")
    result = runner.invoke(main, ["check", "deep.yaml"])
    assert result.exit_code == 1, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("error: deep.yaml:1: ") and "nest" in first, first
    assert "Traceback" not in result.output


def test_too_big(tmp_path):
    message = error(tmp_path, "a: '" + "x" * MAX_BYTES + "'\n")
    assert "over the 1 MB limit" in message


def test_not_utf8(tmp_path):
    assert error(tmp_path, b"name: a\nsteps: \xff\n") == (
        "x.yaml:2: byte 0xff is not UTF-8 text\n  hint: save the file as UTF-8")


def test_empty(tmp_path):
    assert error(tmp_path, "\n\n") == (
        "x.yaml:1: the file is empty\n  hint: write the keys this file needs, e.g. 'name: ...'")


def test_top_level_must_be_a_mapping(tmp_path):
    assert error(tmp_path, "- a\n- b\n") == (
        "x.yaml:1: expected a mapping of keys at the top level\n  hint: start the file with 'key: value' lines")


def test_python_tags_are_refused(tmp_path):
    message = error(tmp_path, 'name: !!python/object/apply:os.system ["echo hi"]\n')
    assert message.startswith("x.yaml:1: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed")


def test_syntax_error_keeps_line_and_column(tmp_path):
    message = error(tmp_path, "a:\n  - b\n - c\n")
    assert message.startswith("x.yaml:3: not valid YAML, column 2:")

