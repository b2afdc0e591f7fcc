"""One way to read a number: ASCII digits, length before conversion, the same bounds everywhere;
and no pattern in runprint/ that can backtrack over a run of spaces."""

import ast
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest

from runprint.loads import UNITS
from runprint.numbers import BOUNDS, NumberError, decimal, quantity, week_list, weight, whole

PACKAGE = Path(__file__).resolve().parent.parent / "runprint"


@pytest.mark.parametrize("text", ["²", "٣", "1_000", "1.5", "", " ", "1e3", "0x10", "+", "--1", "１"])
def test_only_ascii_digits_make_a_whole_number(text):
    with pytest.raises(NumberError) as exc:
        whole(text)
    assert exc.value.message == f"'{text.strip()}' is not a whole number"


def test_whole_numbers_are_read_from_text_and_spreadsheet_cells():
    assert whole("12") == 12 and whole(" 12 ") == 12 and whole(12) == 12 and whole(12.0) == 12
    assert whole("-3") == -3 and whole("+3") == 3


def test_a_long_number_is_refused_by_its_length_before_int_sees_it():
    with pytest.raises(NumberError) as exc:
        whole("9" * 5000)
    assert exc.value.message == "'999999999999999999999999999999999999999… (5,000 characters)' is not a whole " \
                                "number of at most 15 digits"
    with pytest.raises(NumberError):
        whole(10 ** 40)
    with pytest.raises(NumberError):
        whole(1e35)


@pytest.mark.parametrize("what,low,high", [("reps", 1, 200), ("sets", 1, 20), ("week", 1, 52)])
def test_the_bounds_are_one_table(what, low, high):
    assert BOUNDS[what] == (low, high)
    assert whole(str(high), what) == high
    with pytest.raises(NumberError) as exc:
        whole(str(high + 1), what)
    assert exc.value.message == f"{high + 1} {what} is outside {low}-{high}"


def test_decimals_and_numbers_with_units():
    assert decimal("102,5") == Decimal("102.5") and decimal(".5") == Decimal("0.5") and decimal(40) == 40
    assert decimal("²") is None and decimal("1e5") is None and decimal("nan") is None and decimal(1e35) is None
    assert decimal(float("inf")) is None and decimal("9" * 400) is None
    assert quantity("12.5 kg") == ("12.5", "kg") and quantity("40") == ("40", "")
    assert quantity("225lbs.") == ("225", "lbs.") and quantity("red band") is None and quantity("12 kg x") is None


def test_a_weight_is_below_ten_thousand_in_any_unit():
    assert weight("9999.99 kg", UNITS) == (Decimal("9999.99"), "kg")
    assert weight("225 pounds", UNITS) == (Decimal(225), "lb")
    assert weight("12 bananas", UNITS) is None
    for text in ("10000", "10000 lb", "9" * 29, "0" * 30 + "10000", "1." + "5" * 400):
        with pytest.raises(NumberError) as exc:
            weight(text, UNITS)
        assert "is not below 10,000: no max or load on a card is that heavy" in exc.value.message


def test_week_ranges():
    assert week_list("1-4,6") == [1, 2, 3, 4, 6]
    for text in ("1-99999999999999999999999", "0-3", "4-1", "1-52,1-52", "²", "1-"):
        with pytest.raises(NumberError):
            week_list(text)


def _patterns():
    """Every pattern written in runprint/: re.compile(...) and re.<function>(pattern, ...)."""
    for path in sorted(PACKAGE.glob("*.py")):
        module = f"runprint.{path.stem}"
        tree = ast.parse(path.read_text())
        names = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                names[node.targets[0].id] = node.value
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
                continue
            yield f"{path.name}:{node.lineno}", module, node


def _compiled(module, node):
    """The pattern object the call makes, evaluated in its module (so f-strings and parts resolve)."""
    import importlib

    namespace = dict(vars(importlib.import_module(module)))
    pattern = eval(compile(ast.Expression(node.args[0]), "<pattern>", "eval"), namespace)
    if node.func.attr == "compile" and len(node.args) > 1:
        return re.compile(pattern, eval(compile(ast.Expression(node.args[1]), "<flags>", "eval"), namespace))
    return re.compile(pattern)


PATTERNS = list(_patterns())


def test_the_sweep_finds_the_patterns():
    assert len(PATTERNS) >= 20


@pytest.mark.parametrize("place,module,node", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_no_pattern_backtracks_over_ten_thousand_spaces(place, module, node):
    """Each pattern given 10,000 spaces, in the shapes that made the old ones cubic: alone, after
    a number or a brace, and before a character that fails the match. A generous bound, in process."""
    try:
        pattern = _compiled(module, node)
    except (NameError, SyntaxError, TypeError):
        pytest.skip(f"{place}: the pattern is built at run time")
    spaces = " " * 10_000
    is_bytes = isinstance(pattern.pattern, bytes)
    started = time.perf_counter()
    for prefix in ("", "3x1", "1", "{{", "12.5", "3 x 8 -", "a", "1 "):
        text = prefix + spaces + "!"
        text = text.encode() if is_bytes else text
        pattern.match(text)
        pattern.search(text)
        pattern.fullmatch(text)
    assert time.perf_counter() - started < 5, f"{place}: {pattern.pattern!r} backtracks"
