"""Meta-tests that keep the shape of the house: data flows one way, one module per outside library."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "runprint"
# The layers, top to bottom: a module imports only from its own layer or the layers above it.
# Data flows down: files -> validated model -> values -> layout -> drawing and files -> one
# pipeline -> the front doors -> the command line.
LAYERS = {
    "input": ["__init__", "errors", "sources", "numbers", "model", "naming", "schema", "library", "workbook", "tables",
              "roster", "dates", "exercise_names",
              "app_exports", "history", "last_time", "history_report", "fontfiles"],
    "values": ["sandbox", "templating", "loads", "plates", "prescription", "barbell", "plan"],
    "layout": ["layout", "layout.geometry", "layout.blocks", "layout.header", "layout.grid", "layout.item",
               "layout.card", "layout.marks", "layout.week", "layout.impose"],
    "output": ["render", "output", "pdfinfo", "shell"],
    "pipeline": ["pipeline"],
    "front doors": ["catalog", "batch", "split", "serve", "serve.door", "serve.build", "serve.app"],
    "cli": ["cli_options", "cli", "__main__"],
}
LAYER_OF = {module: k for k, modules in enumerate(LAYERS.values()) for module in modules}
# Each outside library has one owner, so a change of library touches one module.
OWNERS = {"yaml": ("sources",), "jinja2": ("sandbox", "templating"), "reportlab": ("render",),
          "click": ("cli_options", "cli"), "openpyxl": ("tables",), "bidi": ("render",),
          "arabic_reshaper": ("render",), "starlette": ("serve.app",), "uvicorn": ("serve",)}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> tuple[set[str], set[str]]:
    """The runprint modules a file imports (dotted, from the package root) and the outside libraries."""
    tree = ast.parse(path.read_text())
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" and len(here) > 1 else here[:-1]
    local, outside = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                if node.module:
                    local.add(_known(".".join(base + node.module.split("."))))
                else:
                    local.update(_known(".".join(base + [a.name])) for a in node.names)
            elif node.module:
                outside.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            outside.update(alias.name.split(".")[0] for alias in node.names)
    return {m or "__init__" for m in local}, outside


def _known(dotted: str) -> str:
    """The module a dotted name is, or the module that holds it (`layout.card.Card` -> layout.card)."""
    while dotted and dotted not in LAYER_OF:
        dotted = dotted.rpartition(".")[0]
    return dotted


FILES = sorted(PACKAGE.rglob("*.py"))
MODULES = [module_name(p) for p in FILES]


def test_every_module_has_a_layer():
    assert sorted(set(MODULES) - set(LAYER_OF)) == []


@pytest.mark.parametrize("path", FILES, ids=MODULES)
def test_imports_flow_down_the_layers(path):
    module = module_name(path)
    local, outside = imports_of(path)
    above = {m for m in local if LAYER_OF.get(m, 99) > LAYER_OF[module]}
    assert above == set(), f"{module} imports from a layer below it: {above}"
    for library, owners in OWNERS.items():
        if library in outside:
            assert module in owners, f"only {' or '.join(owners)} may import {library}"


def test_the_layer_check_bites(tmp_path):
    assert LAYER_OF["plan"] < LAYER_OF["layout.card"] < LAYER_OF["pipeline"] < LAYER_OF["cli"]
    assert _known("layout.card.Card") == "layout.card"


@pytest.mark.parametrize("path", FILES, ids=MODULES)
def test_modules_stay_small(path):
    assert len(path.read_text().splitlines()) <= 400


CORE = [p for p, m in zip(FILES, MODULES) if m not in ("cli_options", "cli", "__main__")]


@pytest.mark.parametrize("path", CORE, ids=[module_name(p) for p in CORE])
def test_core_never_exits_or_uses_click(path):
    """The core is a library: no click, and no sys.exit/exit/quit/os._exit (errors are raised)."""
    tree = ast.parse(path.read_text())
    _, outside = imports_of(path)
    assert "click" not in outside
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            assert name not in ("exit", "_exit", "quit", "abort"), f"{path.name}:{node.lineno} calls {name}()"
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            assert getattr(raised, "id", getattr(raised, "attr", "")) != "SystemExit", f"{path.name}:{node.lineno}"


def test_no_process_wide_memo():
    """A cache a batch needs belongs to the run that fills it: no module-level dict that fills as
    the program runs (a constant table is fine: it is never written to after import)."""
    for path in FILES:
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(getattr(node, "value", None), ast.Call):
                called = ast.unparse(node.value.func)
                assert called not in ("Memo", "dict", "OrderedDict", "WeakValueDictionary"), \
                    f"{path.name}:{node.lineno}: a module-level {called}() is process-wide state"


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
    trees = {module_name(path): ast.parse(path.read_text()) for path in FILES}
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
