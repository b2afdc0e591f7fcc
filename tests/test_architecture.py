"""Meta-tests that keep the shape of the house: data flows one way, one module per outside library."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "runprint"
# Each module may import only modules listed before it (errors and sources are leaves anyone may use).
ORDER = ["errors", "sources", "memo", "model", "schema", "library", "tables", "roster", "dates", "exercise_names",
         "app_exports", "history", "last_time", "history_report", "sandbox",
         "templating", "loads",
         "prescription", "plan", "layout", "layout_grid", "layout_head", "layout_card", "layout_pages", "layout_week", "render",
         "output", "pdfinfo", "shell", "sheets", "catalog", "batch", "cli_options", "cli", "__main__", "__init__"]
# templating imports jinja2 only through sandbox.py, which it imports on first need.
OWNERS = {"yaml": ("sources",), "jinja2": ("sandbox", "templating"), "reportlab": ("render",), "click": ("cli_options", "cli"),
          "openpyxl": ("tables",), "bidi": ("render",), "arabic_reshaper": ("render",)}


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
    for library, owners in OWNERS.items():
        if library in outside:
            assert module in owners, f"only {' or '.join(owners)} may import {library}"


@pytest.mark.parametrize("module", MODULES)
def test_modules_stay_small(module):
    assert len((PACKAGE / f"{module}.py").read_text().splitlines()) <= 400


CORE = [m for m in MODULES if m not in ("cli_options", "cli", "__main__")]


@pytest.mark.parametrize("module", CORE)
def test_core_never_exits_or_uses_click(module):
    """The core is a library: no click, and no sys.exit/exit/quit/os._exit (errors are raised)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text())
    _, outside = imports_of(PACKAGE / f"{module}.py")
    assert "click" not in outside
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            assert name not in ("exit", "_exit", "quit", "abort"), f"{module}.py:{node.lineno} calls {name}()"
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            assert getattr(raised, "id", getattr(raised, "attr", "")) != "SystemExit", f"{module}.py:{node.lineno}"


LIBRARIES = ("reportlab", "jinja2", "yaml", "click")
# A NamedTuple's own API is spelled with an underscore so it cannot clash with a field.
NAMEDTUPLE_API = {"_replace", "_asdict", "_fields", "_make", "_field_defaults"}


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def names_defined(trees) -> set[str]:
    """Every name runprint defines itself: functions, classes, variables and attributes it assigns."""
    out = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                out.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                out.add(node.attr)
            elif isinstance(node, ast.arg):
                out.add(node.arg)
    return out


def private_uses(tree, own: set[str]) -> list[str]:
    """Private names of reportlab, jinja2, yaml or click that a module reaches."""
    found, library_names = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module.split(".")[0] in LIBRARIES:
            library_names.update(alias.asname or alias.name for alias in node.names)
            parts = node.module.split(".") + [alias.name for alias in node.names]
            found += [f"line {node.lineno}: from {node.module} import {p}" for p in parts if is_private(p)]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in LIBRARIES:
                    library_names.add((alias.asname or alias.name).split(".")[0])
                    found += [f"line {node.lineno}: import {alias.name}" for p in alias.name.split(".") if is_private(p)]
        elif isinstance(node, ast.Attribute) and is_private(node.attr):
            if node.attr not in own and node.attr not in NAMEDTUPLE_API:
                found.append(f"line {node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("getattr", "setattr", "hasattr")
              and len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
              and isinstance(node.args[1].value, str) and is_private(node.args[1].value)):
            found.append(f"line {node.lineno}: {node.func.id}(..., {node.args[1].value!r})")
    # Overriding a library class's private method is reaching its internals too.
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(ast.unparse(b).split(".")[0] in library_names for b in node.bases):
            found += [f"line {item.lineno}: {node.name}.{item.name} overrides a private method"
                      for item in node.body if isinstance(item, ast.FunctionDef) and is_private(item.name)]
    return found


def test_no_module_reaches_a_private_name_of_its_libraries():
    trees = {path.stem: ast.parse(path.read_text()) for path in PACKAGE.glob("*.py")}
    own = names_defined(trees.values())
    found = {module: uses for module, tree in trees.items() if (uses := private_uses(tree, own))}
    assert found == {}


def test_the_private_name_check_bites():
    code = ("from reportlab.pdfgen import canvas\nfrom jinja2.sandbox import ImmutableSandboxedEnvironment\n"
            "from yaml import _private\nc = canvas.Canvas('x')\nc._doc.objectcounter = 1\n"
            "getattr(c, '_code')\nclass E(ImmutableSandboxedEnvironment):\n"
            "    def _parse(self, s, n, f):\n        return super()._parse(s, n, f)\n")
    uses = sorted(private_uses(ast.parse(code), own={"_parse"}))
    assert uses == ["line 3: from yaml import _private", "line 5: ._doc", "line 6: getattr(..., '_code')",
                    "line 8: E._parse overrides a private method"]
