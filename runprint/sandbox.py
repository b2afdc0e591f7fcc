"""The Jinja2 sandbox templates run in: immutable, strict, and with bounded work.

Templates are shared between coaches, so a template is untrusted code. It runs in
Jinja2's immutable sandbox with strict undefined names, and every way we know to make
it slow or huge is capped: repeating text, big powers, padding widths, long ranges and
loops. Other numbers are left alone: a distance may be 10,000 m.

Imported by templating only when a value needs Jinja2 (most cards only fill in names),
so importing this module is what imports jinja2.
"""

from __future__ import annotations

import functools
import re
import types

from jinja2 import Environment, StrictUndefined, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from markupsafe import Markup

MAX_TEXT = 5_000          # characters a value may grow to; also the largest width or repeat count
MAX_ITERATIONS = 20_000   # loop turns in one value
MAX_INT_BITS = 4_096
MAX_EXPONENT = 64
_DIGITS = re.compile(r"[0-9]+")
_PRINTF_FLAGS = "-#0 +"

# Filters whose arguments after the value are a width or a count of things to make.
WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice"})
# Methods that pad to a width or make that many bytes.
WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "to_bytes"})


class LimitError(Exception):
    """A template tried to do more work than any card needs."""


def check_size(value):
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_TEXT:
        raise LimitError(f"a value grew past {MAX_TEXT:,} characters")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise LimitError("a number grew too large")
    return value


def check_spec(spec: str) -> None:
    """A format spec as str.format applies it, nested fields already filled in ('>{1}' is '>999'):
    no width or precision in it over MAX_TEXT."""
    for run in _DIGITS.findall(spec):
        if len(run) > len(str(MAX_TEXT)) or int(run) > MAX_TEXT:
            raise LimitError("that format width is too large for a card")


def check_printf(text: str) -> None:
    """Every %-conversion of a printf-style format ('%9999s', '%.*f', '%(x)5d'): no width or
    precision over MAX_TEXT, and none taken from the values ('*'). Read left to right once."""
    at = text.find("%")
    while at >= 0:
        i = at + 1
        if text.startswith("(", i):
            close = text.find(")", i)
            i = close + 1 if close >= 0 else len(text)
        while i < len(text) and text[i] in _PRINTF_FLAGS:
            i += 1
        for part in ("width", "precision"):
            if part == "precision":
                if not text.startswith(".", i):
                    break
                i += 1
            if text.startswith("*", i):
                raise LimitError("a format width taken from the values is not allowed in a template")
            start = i
            while i < len(text) and text[i].isascii() and text[i].isdigit():
                i += 1
            check_spec(text[start:i])
        at = text.find("%", i + 1 if i < len(text) and text[i] == "%" else i)


class _Bounded:
    """str.format and format_map as jinja's sandbox runs them, each field's spec checked once its
    nested fields are filled in: '{0:{1}}'.format('x', 999999999) is refused before padding."""

    def format_field(self, value, format_spec):
        check_spec(format_spec)
        return check_size(super().format_field(value, format_spec))


class BoundedFormatter(_Bounded, SandboxedFormatter):
    pass


class BoundedEscapeFormatter(_Bounded, SandboxedEscapeFormatter):
    pass


def check_widths(args, kwargs) -> None:
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_TEXT:
            raise LimitError(f"the number {arg} is too large for a card")


def check_truncate(args, kwargs) -> None:
    """truncate(length, killwords, end, leeway): jinja asserts that the length holds the end;
    say so in words instead."""
    names = ("length", "killwords", "end", "leeway")
    given = {**dict(zip(names, args)), **kwargs}
    length, end = given.get("length", 255), given.get("end", "...")
    if isinstance(length, int) and isinstance(end, str) and length < len(end):
        raise ValueError(f"truncate({length}) is shorter than its end '{end}': give a length of at least {len(end)}")


def bounded_filter(name: str, filter_func):
    """The filter, its result size-checked; a width filter's width checked first."""

    @functools.wraps(filter_func)
    def run(*args, **kwargs):
        # A filter is called as (value, *args) or, when it asks for one, (environment, value, *args).
        value_at = 1 if args and isinstance(args[0], Environment) else 0
        if name in WIDTH_FILTERS:
            check_widths(args[value_at + 1:], kwargs)
        if name == "truncate":
            check_truncate(args[value_at + 1:], kwargs)
        if name == "format" and len(args) > value_at:
            check_printf(str(args[value_at]))
        return check_size(filter_func(*args, **kwargs))

    return run


class LoopCounter:
    def __init__(self):
        self.steps = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_ITERATIONS:
            raise LimitError(f"loops ran more than {MAX_ITERATIONS:,} times")


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox, plus caps on size, repeats, powers, widths and loop turns.

    `counter` counts loop turns; reset it before rendering each value.
    """

    intercepted_binops = frozenset(["*", "**", "+", "%", "//", "/"])
    intercepted_unops = frozenset(["-"])

    def __init__(self):
        super().__init__(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
        self.counter = LoopCounter()
        # No `random`: the same template with the same params prints the same card, every time.
        self.filters = {name: bounded_filter(name, f) for name, f in self.filters.items() if name != "random"}
        self.globals = {"range": self.bounded_range, "rp_iter": self.counted, "rp_part": check_size,
                        "namespace": self.globals["namespace"]}

    def bounded_range(self, *args):
        check_widths(args, {})
        items = range(*args)
        if len(items) > MAX_ITERATIONS:
            raise LimitError(f"range() of {len(items):,} numbers is too long")
        return items

    def counted(self, iterable):
        for value in iterable:
            self.counter.tick()
            yield value

    def from_string(self, source, globals=None, template_class=None):
        """Compile text with every loop counted and every '~' part size-checked."""
        if isinstance(source, str):
            source = self.bounded(self.parse(source))
        return super().from_string(source, globals, template_class)

    def bounded(self, tree: nodes.Template) -> nodes.Template:
        # Route every {% for %} through rp_iter so loops count toward the budget, whatever
        # they iterate over; and size-check every part of a '~' join, which Jinja compiles
        # to a plain str join that no sandbox hook sees.
        for loop in tree.find_all(nodes.For):
            if loop.recursive:
                raise LimitError("recursive loops are not allowed in a template value")
            loop.iter = nodes.Call(nodes.Name("rp_iter", "load"), [loop.iter], [], None, None)
        for concat in tree.find_all(nodes.Concat):
            concat.nodes = [nodes.Call(nodes.Name("rp_part", "load"), [part], [], None, None)
                            for part in concat.nodes]
        return tree

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT and abs(left) > 1:
            raise LimitError("a power that large cannot be printed")
        if operator == "*" and isinstance(left, (str, list, tuple)) != isinstance(right, (str, list, tuple)):
            seq, times = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
            if isinstance(times, int) and len(seq) * max(times, 0) > MAX_TEXT:
                raise LimitError("repeating text that many times is too long for a card")
        if operator == "*" and isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise LimitError("a number grew too large")
        if operator == "%" and isinstance(left, str):
            check_printf(left)
        return check_size(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value):
        """jinja's own wrapper for a str's format or format_map, with a formatter that checks
        every field's spec (see _Bounded)."""
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or value.__name__ not in (
                "format", "format_map") or not isinstance(value.__self__, str):
            return None
        text, is_map = value.__self__, value.__name__ == "format_map"
        formatter = BoundedEscapeFormatter(self, escape=text.escape) if isinstance(text, Markup) else \
            BoundedFormatter(self)

        def wrapper(*args, **kwargs):
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one mapping")
                args, kwargs = (), args[0]
            return check_size(type(text)(formatter.vformat(text, args, kwargs)))

        return functools.update_wrapper(wrapper, value)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - jinja's signature
        if getattr(__obj, "__name__", None) in WIDTH_METHODS:
            check_widths(args, kwargs)
        return check_size(super().call(__context, __obj, *args, **kwargs))
