"""Shared templates are untrusted: the sandbox refuses escapes and bounds the work."""

import time

import pytest
from conftest import CHECK_EXEC_TIME

from runprint.errors import UNKNOWN_PARAM, RunprintError
from runprint.model import Source
from runprint.templating import names_read, render

SRC = Source("t.yaml", 4, "title")


def fails(text, params=None) -> str:
    start = time.perf_counter()
    with pytest.raises(RunprintError) as exc:
        render(text, params or {"week": 1}, SRC)
    if CHECK_EXEC_TIME:
        assert time.perf_counter() - start < 2.0
    return str(exc.value)


def test_arithmetic_and_default():
    assert render("{{ 8 + 2 * week }}", {"week": 3}, SRC) == "14"
    assert render("{{ row_load | default('') }}", {}, SRC) == ""
    assert render("plain text", {}, SRC) == "plain text"


def test_params_are_data_not_source():
    assert render("Hi {{ athlete }}", {"athlete": "{{ 7*7 }}"}, SRC) == "Hi {{ 7*7 }}"


def test_unknown_param_names_file_line_and_suggests():
    assert fails("{{ wek }}", {"week": 1}) == "t.yaml:4: title: unknown param 'wek'\n  hint: did you mean 'week'?"


def test_unknown_param_without_a_close_match():
    assert fails("{{ zzz }}", {"week": 1}) == (
        "t.yaml:4: title: unknown param 'zzz'\n"
        "  hint: add 'zzz' under params: with a default, or pass --set zzz=VALUE")


def test_syntax_error():
    assert fails("{{ week }") == (
        "t.yaml:4: title: template syntax error: unexpected '}'\n"
        "  hint: check the {{ }} and {% %} pairs in this value")


@pytest.mark.parametrize("attack", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ lipsum.__globals__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ range.__self__ }}",
])
def test_attribute_tricks_are_refused(attack):
    message = fails(attack)
    assert message.startswith("t.yaml:4: title: ")
    assert "forbids" in message or "unknown param" in message or "failed" in message


@pytest.mark.parametrize("bomb", [
    "{{ 'x' * 1000000000 }}",
    "{{ ['x'] * 1000000000 }}",
    "{{ (9 ** 9) ** (9 ** 9) }}",
    "{{ 10 ** 100000 }}",
    "{{ range(10**9) | list }}",
    "{% for i in range(5000) %}{% for j in range(5000) %}{% endfor %}{% endfor %}",
    "{% for c in 'x' * 5000 %}{% for d in 'y' * 5000 %}{% endfor %}{% endfor %}",
    "{{ 'x' | center(1000000000) }}",
    "{{ '%999999999s' % 1 }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ 'x'.ljust(1000000000) }}",
    "{{ '1'.zfill(1000000000) }}",
    "{{ (1).to_bytes(10 ** 9, 'big') }}",
    "{{ [1] | batch(1000000000, 0) | list }}",
    "{{ [1] | slice(1000000000) | list }}",
    "{{ 'a\nb' | indent(1000000000) }}",
    "{{ '%999999999s' | format(1) }}",
    "{% set ns = namespace(x=10) %}{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}",
    "{% for i in range(4000) %}{{ 'abcdefgh' }}{% endfor %}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "{% set ns = namespace(s=[1]) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = [ns.s, ns.s]|join %}{% endfor %}{{ ns.s }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s.replace('x', 'xx') %}{% endfor %}",
    "{% for x in range(100) recursive %}{% if loop.depth < 6 %}{{ loop(range(100)) }}{% endif %}{% endfor %}",
    "{% macro f(n) %}{% for i in range(100) %}{{ f(n) }}{% endfor %}{% endmacro %}{{ f(1) }}",
])
def test_work_is_bounded(bomb):
    message = fails(bomb)
    assert message.startswith("t.yaml:4: title: template ")


@pytest.mark.parametrize("text,params", [
    ("Week {{ week }}", {"week": 3}),
    ("{{ sets }}x{{ reps }}", {"sets": 3, "reps": "8-12"}),
    ("{{ load | default('') }}", {}),
    ('{{load|d("20 kg")}} at {{ week }}', {"week": 2}),
    ("{{ load | default('x') }}", {"load": None}),
    ("{{ flag }} {{ ratio }}", {"flag": True, "ratio": 2.5}),
])
def test_fast_path_matches_jinja(text, params):
    """Plain names skip Jinja2 for speed; the answer must be the one Jinja2 gives."""
    from runprint import templating

    fast = render(text, params, SRC)
    templating._simple_parts.cache_clear()
    original = templating._simple_parts
    templating._simple_parts = lambda text: None
    try:
        slow = render(text, params, SRC)
    finally:
        templating._simple_parts = original
    assert fast == slow


def test_fast_path_unknown_name_is_the_same_error():
    assert fails("{{ wek }}x{{ reps }}", {"week": 1, "reps": 2}) == (
        "t.yaml:4: title: unknown param 'wek'\n  hint: did you mean 'week'?")


def test_big_numbers_that_are_not_widths_are_fine():
    # A distance may be 10,000 m: the caps are on repeats, powers, widths and ranges only.
    assert render("{{ dist | round | int }} m", {"dist": 10000}, SRC) == "10000 m"
    assert render("{{ dist * 2 }}", {"dist": 10000}, SRC) == "20000"
    assert render("{{ [dist, 20000] | max }}", {"dist": 10000}, SRC) == "20000"
    assert render("{{ 'Run' | center(11) }}", {}, SRC) == "Run"
    assert render("{{ 2 ** 10 }}", {}, SRC) == "1024"


def test_unknown_param_carries_its_kind_and_name():
    with pytest.raises(RunprintError) as exc:
        render("{{ wek + 1 }}", {"week": 1}, SRC)
    (problem,) = exc.value.problems
    assert (problem.kind, problem.name) == (UNKNOWN_PARAM, "wek")


@pytest.mark.parametrize("text,names", [
    ("Week {{ week }}", {"week"}),
    ("{{ load | default('') }}", {"load"}),
    ("{% set n = 3 %}{{ n * week }}", {"week"}),
    ("{{ note | truncate(length=10) }}", {"note"}),
    ("{% for i in range(sets) %}{{ i }}{% endfor %}", {"sets"}),
    ("{{ 'a.b' }} {{ athlete.upper() }}", {"athlete"}),
    ("{% if week > 2 %}{{ heavy }}{% else %}{{ light }}{% endif %}", {"week", "heavy", "light"}),
    ("plain text", set()),
    ("{{ broken }", set()),
])
def test_names_a_value_reads(text, names):
    assert names_read(text) == names


def test_a_value_renders_for_each_params_it_is_given():
    # A batch renders the same value for athlete after athlete; each gets its own params' result.
    text = "{{ 3 if week < 3 else 4 }}x{{ reps }}"
    assert [render(text, {"week": w, "reps": r}, SRC) for w, r in [(1, 12), (3, 12), (1, 14), (1, 12)]] == [
        "3x12", "4x12", "3x14", "3x12"]
    assert [render("{{ w * 1 }}", {"w": v}, SRC) for v in (1, 1.0, True, 1)] == ["1", "1.0", "1", "1"]
    assert render("{{ 8 + week }}", {"week": 1, "athlete": "Ana"}, SRC) == render(
        "{{ 8 + week }}", {"week": 1, "athlete": "Bo"}, SRC) == "9"
    assert [render("{{ loads | join(', ') }}", {"loads": v}, SRC) for v in ([60, 70], [65])] == ["60, 70", "65"]


def test_a_value_that_failed_fails_again_with_its_own_message():
    assert fails("{{ 10 // week }}", {"week": 0}).startswith("t.yaml:4: title: template failed")
    assert render("{{ 10 // week }}", {"week": 2}, SRC) == "5"
    assert fails("{{ 10 // week }}", {"week": 0}).startswith("t.yaml:4: title: template failed")


def test_no_random_values_same_params_same_card():
    message = fails("{{ [1, 2] | random }}")
    assert "No filter named 'random'" in message and "use the filters runprint allows" in message


def test_params_that_share_a_name_with_a_global_or_print_differently_are_kept_apart():
    # A param named like the sandbox's globals hides them; -0.0 == 0.0 but prints "-0.0".
    assert [render("3x{{ range + 2 }}", {"range": r}, SRC) for r in (8, 12, 8)] == ["3x10", "3x14", "3x10"]
    assert [render("{{ namespace ~ '' }}", {"namespace": n}, SRC) for n in ("a", "b")] == ["a", "b"]
    assert [render("{{ '%+.1f' % adj }}", {"adj": a}, SRC) for a in (0.0, -0.0, 0.0)] == ["+0.0", "-0.0", "+0.0"]
    assert [render("{{ x * 2 }}", {"x": v}, SRC) for v in (float("nan"), float("nan"))] == ["nan", "nan"]
