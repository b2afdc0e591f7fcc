"""What a run loads and leaves behind: `--help` imports no heavy library, and nothing is
written outside the paths the user names (no ~/.cache)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

# As click's own tests/test_imports.py does: run the command in a fresh interpreter and
# look at sys.modules afterwards.
HELP_IMPORTS = """
import sys
from click.testing import CliRunner
from runprint.cli import main
result = CliRunner().invoke(main, ["--help"])
assert result.exit_code == 0, result.output
print(" ".join(sorted(name for name in sys.modules
                      if name.split(".")[0] in ("reportlab", "jinja2", "yaml", "PIL"))))
"""


HELP_MODULES = """
import sys
before = set(sys.modules)  # what the interpreter itself loads here (site hooks included)
from click.testing import CliRunner
from runprint.cli import main
result = CliRunner().invoke(main, ["--help"])
assert result.exit_code == 0, result.output
print(" ".join(sorted(set(sys.modules) - before)))
"""
# What `runprint --help` may load besides the standard library: click, and of runprint only the
# command line and what its options name (the table of papers). Anything else slows every command.
ALLOWED = {"click", "runprint", "runprint.cli", "runprint.cli_options", "runprint.errors", "runprint.layout",
           "runprint.layout.geometry"}


def test_help_loads_only_an_allow_list_of_modules(tmp_path):
    result = subprocess.run([sys.executable, "-c", HELP_MODULES], capture_output=True, text=True, cwd=tmp_path,
                            env=ENV, check=True)
    loaded = {name for name in result.stdout.split() if name.split(".")[0] not in sys.stdlib_module_names}
    extra = {name for name in loaded if name not in ALLOWED and name.split(".")[0] != "click"}
    assert extra == set()


def test_help_loads_no_reportlab_jinja2_or_yaml(tmp_path):
    result = subprocess.run([sys.executable, "-c", HELP_IMPORTS], capture_output=True, text=True, cwd=tmp_path,
                            env=ENV, check=True)
    assert result.stdout.split() == []


def test_a_card_and_a_batch_write_nothing_under_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "club.csv").write_text("athlete,week\nAna,1\nBo,2\n")
    env = {**ENV, "HOME": str(home)}
    env.pop("XDG_CACHE_HOME", None)
    for args in (["card", "upper-body-runners", "-o", "card.pdf"],
                 ["batch", "runner-strength", "--roster", "club.csv", "-o", "club.pdf", "--jobs", "2"]):
        subprocess.run([sys.executable, "-m", "runprint", *args], cwd=tmp_path, env=env, check=True,
                       capture_output=True)
    assert list(home.rglob("*")) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.pdf", "club.csv", "club.pdf", "home"]
