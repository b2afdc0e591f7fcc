"""The built-ins ship inside the package: a plain `pip install .` works from any folder."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_exercises_templates_and_fonts(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                    "-q", "-w", str(tmp_path)], check=True, cwd=tmp_path)
    wheel = next(tmp_path.glob("runprint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    exercises = {Path(n).stem for n in names if n.startswith("runprint/exercises/") and n.endswith(".yaml")}
    assert exercises == {p.stem for p in (ROOT / "exercises").glob("*.yaml")}
    assert {"runprint/templates/upper-body-runners.yaml", "runprint/templates/runner-strength.yaml"} <= names
    assert {"runprint/fonts/DejaVuSansCondensed.ttf", "runprint/fonts/DejaVuSansCondensed-Bold.ttf",
            "runprint/fonts/LICENSE-DejaVu.txt"} <= names
    assert {"runprint/serve/static/author.html", "runprint/serve/static/coach.html",
            "runprint/serve/static/author.js", "runprint/serve/static/runprint.css"} <= names  # served offline
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    # every module of the source tree ships, packages inside runprint/ too (layout/, serve/)
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "runprint").rglob("*.py") if "__pycache__" not in p.parts}
    assert modules <= names, sorted(modules - names)


def test_installed_package_finds_built_ins_from_an_unrelated_folder(tmp_path):
    code = ("from runprint.library import Library; lib = Library.default(); "
            "print(len(lib.exercise_files), sorted(lib.template_files))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    count, _, templates = result.stdout.partition(" ")
    assert int(count) >= 39 and "runner-strength" in templates and "upper-body-runners" in templates


def test_ci_runs_exactly_the_readmes_test_command():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("Install and run the tests", 1)[1].split("```sh\n", 1)[1].split("\n```", 1)[0]
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert "--upgrade" in block and ci[-1] == block.strip()
