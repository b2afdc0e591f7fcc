"""Meta-tests that keep the shape of the house: data flows one way, one module per outside library."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "runprint"
# Each module may import only modules listed before it (errors and sources are leaves anyone may use).
ORDER = ["errors", "sources", "model", "schema", "library", "roster", "history", "templating", "loads", "prescription", "plan",
         "layout", "layout_card", "layout_pages", "layout_week", "render", "output", "pdfinfo", "sheets", "catalog", "batch", "cli", "__main__",
         "__init__"]
OWNERS = {"yaml": "sources", "jinja2": "templating", "reportlab": "render", "click": "cli", "openpyxl": "roster"}


def imports_of(path: Path) -> tuple[set[str], set[str]]:
    tree = ast.parse(path.read_text())
    local, outside = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                if node.module:
                    local.add(node.module.split(".")[0])
                else:
                    local.update(a.name if (PACKAGE / f"{a.name}.py").exists() else "__init__" for a in node.names)
            elif node.module:
                outside.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            outside.update(alias.name.split(".")[0] for alias in node.names)
    return local, outside


MODULES = sorted(p.stem for p in PACKAGE.glob("*.py"))


def test_every_module_has_a_place_in_the_order():
    assert sorted(ORDER) == MODULES


@pytest.mark.parametrize("module", MODULES)
def test_imports_flow_one_way(module):
    local, outside = imports_of(PACKAGE / f"{module}.py")
    allowed = set(ORDER[: ORDER.index(module)]) | {"errors", "sources", "__init__"}
    assert local - allowed == set(), f"{module} imports from below it: {local - allowed}"
    for library, owner in OWNERS.items():
        if library in outside:
            assert module == owner, f"only {owner}.py may import {library}"


@pytest.mark.parametrize("module", MODULES)
def test_modules_stay_small(module):
    assert len((PACKAGE / f"{module}.py").read_text().splitlines()) <= 400


def test_core_never_exits_or_uses_click():
    for path in PACKAGE.glob("*.py"):
        if path.stem in ("cli", "__main__"):
            continue
        text = path.read_text()
        assert "sys.exit" not in text, path.name
