"""The README is tested (issue 22, item 8): every `runprint` command in its code blocks runs, as
written, in a fresh folder holding only the data files the README shows (log.csv, the roster);
a command piped to a printer runs up to the pipe; and every YAML block the README presents as
a file passes `runprint check`. Commands run in this process, through click's CliRunner."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from runprint.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
TEXT = README.read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


class Block:
    def __init__(self, lang: str, body: str, before: str, line: int):
        self.lang, self.body, self.before, self.line = lang, body, before, line


def blocks() -> list[Block]:
    """The fenced blocks in order, each with the prose between it and the block before."""
    out, end = [], 0
    for match in FENCE.finditer(TEXT):
        out.append(Block(match[1], match[2], TEXT[end:match.start()], TEXT.count("\n", 0, match.start()) + 1))
        end = match.end()
    return out


def data_files() -> dict[str, str]:
    """The files a reader makes from the README before running its commands: each history or
    roster CSV it shows, saved under the name the next command reads it by (`--history log.csv`,
    `--roster team.csv`); the roster also as club.csv, the name the tour of the commands uses."""
    files, waiting = {}, []
    for block in blocks():
        if block.lang == "csv":
            header = block.body.splitlines()[0].lower()
            roster = header.startswith("athlete,") and "example athlete" not in block.body.lower()
            if header.startswith("date,") or roster:
                waiting.append(block.body)
            continue
        if block.lang in ("sh", "console") and waiting:
            named = re.search(r"--(?:history|roster) (\S+\.csv)", block.body)
            if named:
                files[named[1]] = waiting.pop()
                waiting = []
    files.setdefault("club.csv", files.get("team.csv", ""))
    assert {"log.csv", "team.csv"} <= set(files), "the README no longer shows its history and roster"
    return files


class Command(tuple):
    """One command line: its argv after 'runprint', where it sits, and what the README says it prints."""

    line: int
    piped: bool
    expected: list[str]


def _command(text: str, line: int, expected=()) -> Command | None:
    text, piped = (text.split(" | ", 1)[0], True) if " | " in text else (text, False)
    words = shlex.split(text, comments=True)
    if not words or words[0] != "runprint":
        return None
    command = Command(words[1:])
    command.line, command.piped, command.expected = line, piped, list(expected)
    return command


def commands() -> list[Command]:
    """Every runprint command of the shell and console blocks, in order, and the inline one the
    README gives as a full example (`runprint card main-lifts ...`): an inline command with an
    argument and no placeholder (PATH, QUERY, ~/...)."""
    found = []
    for block in blocks():
        if block.lang not in ("sh", "console"):
            continue
        lines = block.body.splitlines()
        for number, raw in enumerate(lines):
            line = block.line + 1 + number
            if block.lang == "console":
                if raw.startswith("$ "):
                    output = [out for out in lines[number + 1:] if not out.startswith("$ ")]
                    found.append(_command(raw[2:], line, output))
                continue
            for part in raw.split(" && "):  # `pip install . && runprint card ...`: the runprint part
                found.append(_command(part.strip(), line))
    for match in re.finditer(r"(?<!`)`(runprint [^`]+)`", TEXT):
        words = match[1].split()
        if len(words) > 2 and re.fullmatch("[a-z]+", words[1]) and not any(w.isupper() or w.startswith("~")
                                                                           for w in words):
            found.append(_command(match[1], TEXT.count("\n", 0, match.start()) + 1))
    return [command for command in found if command is not None]


def _id(command: Command) -> str:
    return f"L{command.line}:" + " ".join(command)[:70]


COMMANDS = commands()


def test_the_readme_has_the_commands_it_shows():
    said = {" ".join(c[:2]) for c in COMMANDS}
    assert {"card upper-body-runners", "week runner-strength", "batch runner-strength", "roster runner-strength",
            "card main-lifts", "exercises plank", "show push-up", "check"} <= said
    assert any(c.piped for c in COMMANDS) and any(c.expected for c in COMMANDS)


def _outputs(command: Command) -> set[str]:
    for option in ("-o", "--output"):
        if option in command:
            return {command[command.index(option) + 1]}
    return set()


def _run(runner, command: Command):
    result = runner.invoke(main, list(command), catch_exceptions=False)
    assert result.exit_code == 0, f"README line {command.line}: runprint {' '.join(command)}\n{result.output}"
    return result


@pytest.mark.parametrize("command", [pytest.param(c, id=_id(c)) for c in COMMANDS])
def test_every_readme_command_runs(runner, in_tmp, command):
    for name, body in data_files().items():
        (in_tmp / name).write_text(body, encoding="utf-8")
    # A file an earlier command writes is made first: by that command, or, for the roster that
    # `runprint roster -o club.xlsx` starts for the coach to fill in, as the coach fills it in:
    # with the athletes of the README's roster.
    for earlier in COMMANDS[:COMMANDS.index(command)]:
        made = _outputs(earlier) & set(command)
        if not made or (in_tmp / next(iter(made))).exists():
            continue
        if earlier[0] == "roster":
            _filled_in(in_tmp / next(iter(made)), data_files()["team.csv"])
        else:
            _run(runner, earlier)
    if command[0] == "serve":  # a server runs until stopped: its command line is parsed, not started
        served = Command([*command, "--help"])
        served.line, served.piped, served.expected = command.line, False, []
        command = served
    result = _run(runner, command)
    if command.piped:  # `runprint card ... -o - | lp`: the PDF is what goes down the pipe
        assert result.stdout_bytes.startswith(b"%PDF-") and result.stdout_bytes.rstrip().endswith(b"%%EOF")
    for line in command.expected:  # a console block shows what the command prints
        assert line in result.output, f"README line {command.line} shows {line!r}; it printed:\n{result.output}"


def _filled_in(path: Path, roster_csv: str) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(roster_csv)))
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        path.write_text(roster_csv, encoding="utf-8")


def yaml_files() -> list[tuple[str, str, int]]:
    """(path, text, line) of each YAML block the README presents as a whole file: one starting at
    its first column, named by the last exercises/... or templates/... path the prose before it gives."""
    out = []
    for block in blocks():
        if block.lang != "yaml" or block.body[:1].isspace():
            continue  # an indented block is a fragment of an item, not a file
        named = re.findall(r"\b((?:exercises|templates)/[\w-]+\.yaml)", block.before)
        kind = "templates" if re.search(r"^sessions:", block.body, re.M) else "exercises"
        path = named[-1] if named and named[-1].startswith(kind) else f"{kind}/readme-line-{block.line}.yaml"
        out.append((path, block.body, block.line))
    return out


def test_the_readme_presents_its_exercise_and_templates_as_files():
    paths = [path for path, _, _ in yaml_files()]
    assert "exercises/wall-sit.yaml" in paths
    assert sum(p.startswith("templates/") for p in paths) >= 2


@pytest.mark.parametrize("path,body,line", yaml_files(), ids=[f"L{line}:{path}" for path, _, line in yaml_files()])
def test_every_readme_yaml_file_passes_check(runner, in_tmp, path, body, line):
    target = in_tmp / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    result = runner.invoke(main, ["check", path], catch_exceptions=False)
    assert result.exit_code == 0, f"README line {line} ({path}):\n{result.output}"


@pytest.mark.parametrize("code", [b.body for b in blocks() if b.lang == "python"],
                         ids=[f"L{b.line}" for b in blocks() if b.lang == "python"])
def test_every_readme_python_example_runs(in_tmp, code):
    scope: dict = {}
    exec(compile(code, f"{README}:python", "exec"), scope)
    made = [value for value in scope.values() if isinstance(value, bytes)]
    made += [path.read_bytes() for path in in_tmp.glob("*.pdf")]
    assert made and all(data.startswith(b"%PDF-") for data in made)
