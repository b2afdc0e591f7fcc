"""Jinja2 over template values, in a sandbox with bounded work (the only jinja2 import).

Templates are shared between coaches, so a template is untrusted code: it runs in the
immutable sandbox with strict undefined names, and every way we know to make it
slow or huge (repetition, big powers, long loops, padding filters) is capped.
"""

from __future__ import annotations

import functools
import re
from functools import lru_cache

from .errors import UNKNOWN_PARAM, Problem, RunprintError
from .model import Source

MAX_TEXT = 5_000
MAX_ITERATIONS = 20_000
MAX_INT_BITS = 4_096
_WIDE_FORMAT = re.compile(r"[%{:][^%{}]*?\d{4,}|\*")


class LimitError(Exception):
    """A template tried to do more work than any card needs."""


def _check_size(value):
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_TEXT:
        raise LimitError(f"a value grew past {MAX_TEXT:,} characters")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise LimitError("a number grew too large")
    return value


def _check_args(args, kwargs):
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_TEXT:
            raise LimitError(f"the number {arg} is too large for a card")


def _guarded(filter_func):
    @functools.wraps(filter_func)
    def run(*args, **kwargs):
        _check_args(args, kwargs)
        return _check_size(filter_func(*args, **kwargs))
    return run


@lru_cache(maxsize=1)
def environment():
    """The sandboxed environment, built on first use: most cards only fill in names, and
    the fast path below serves those without importing Jinja2 at all."""
    from jinja2 import StrictUndefined, nodes
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class _Counter:
        def __init__(self):
            self.steps = 0

        def tick(self):
            self.steps += 1
            if self.steps > MAX_ITERATIONS:
                raise LimitError(f"loops ran more than {MAX_ITERATIONS:,} times")


    class BoundedEnvironment(ImmutableSandboxedEnvironment):
        """The immutable sandbox, plus caps on size, numbers and loop iterations."""

        intercepted_binops = frozenset(["*", "**", "+", "%", "//", "/"])
        intercepted_unops = frozenset(["-"])

        def __init__(self):
            super().__init__(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
            self.counter = _Counter()
            self.filters = {name: _guarded(f) for name, f in self.filters.items()}
            self.globals = {"range": self._range, "_rp_iter": self._iter, "_rp_part": _check_size,
                            "namespace": self.globals["namespace"]}

        def _range(self, *args):
            _check_args(args, {})
            items = range(*args)
            if len(items) > MAX_ITERATIONS:
                raise LimitError(f"range() of {len(items):,} numbers is too long")
            return items

        def _iter(self, iterable):
            for value in iterable:
                self.counter.tick()
                yield value

        def _parse(self, source, name, filename):
            # Route every {% for %} through _rp_iter so loops count toward the budget,
            # whatever they iterate over; and size-check every part of a '~' join, which
            # Jinja compiles to a plain str join that no sandbox hook sees.
            tree = super()._parse(source, name, filename)
            for loop in tree.find_all(nodes.For):
                if loop.recursive:
                    raise LimitError("recursive loops are not allowed in a template value")
                loop.iter = nodes.Call(nodes.Name("_rp_iter", "load"), [loop.iter], [], None, None)
            for concat in tree.find_all(nodes.Concat):
                concat.nodes = [nodes.Call(nodes.Name("_rp_part", "load"), [part], [], None, None)
                                for part in concat.nodes]
            return tree

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64 and abs(left) > 1:
                raise LimitError("a power that large cannot be printed")
            if operator == "*" and isinstance(left, (str, list, tuple)) != isinstance(right, (str, list, tuple)):
                seq, times = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
                if isinstance(times, int) and len(seq) * max(times, 0) > MAX_TEXT:
                    raise LimitError("repeating text that many times is too long for a card")
            if operator == "*" and isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise LimitError("a number grew too large")
            if operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
                raise LimitError("that format width is too large for a card")
            return _check_size(super().call_binop(context, operator, left, right))

        def wrap_str_format(self, value):
            if _WIDE_FORMAT.search(str(getattr(value, "__self__", ""))):
                raise LimitError("that format width is too large for a card")
            return super().wrap_str_format(value)

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - jinja's signature
            _check_args(args, kwargs)
            return _check_size(super().call(__context, __obj, *args, **kwargs))

    return BoundedEnvironment()


@lru_cache(maxsize=4096)
def _compile(text: str):
    return environment().from_string(text)


def is_template(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


_PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}", re.S)
_SIMPLE = re.compile(r"""^([A-Za-z_]\w*)(?:\s*\|\s*(?:default|d)\(\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\))?$""")


@lru_cache(maxsize=4096)
def _simple_parts(text: str) -> tuple | None:
    """Split 'Week {{ week }}' into literal text and names, or None if it needs Jinja."""
    if "{%" in text or "{#" in text:
        return None
    parts, last = [], 0
    for match in _PLACEHOLDER.finditer(text):
        literal = text[last:match.start()]
        expr = _SIMPLE.match(match.group(1))
        if expr is None or "{{" in literal or "}}" in literal:
            return None
        default = expr.group(2) if expr.group(2) is not None else expr.group(3)
        parts += [literal, (expr.group(1), default)]
        last = match.end()
    tail = text[last:]
    if "{{" in tail or "}}" in tail:
        return None
    return tuple(parts + [tail])


def _render_simple(parts: tuple, params: dict, source: Source, where: str) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif part[0] in params:
            out.append(str(params[part[0]]))
        elif part[1] is not None:
            out.append(part[1])
        else:
            raise RunprintError(_unknown(part[0], params, source, where))
    return "".join(out).strip()


def render(text: str | None, params: dict, source: Source, key: str = "") -> str | None:
    """Render one template value with the params, or raise a RunprintError naming file and line."""
    if text is None or not is_template(text):
        return text
    where = f"{source.where}.{key}" if key and source.where else (key or source.where)
    source = Source(source.file, source.line_of(key) if key else source.line, where)
    parts = _simple_parts(text)
    if parts is not None:
        return _render_simple(parts, params, source, where)
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateError

    env = environment()
    env.counter.steps = 0
    try:
        template = _compile(text)
        out, size = [], 0
        for chunk in template.generate(**params):
            size += len(chunk)
            if size > MAX_TEXT:
                raise LimitError(f"the value grew past {MAX_TEXT:,} characters")
            out.append(chunk)
        return "".join(out).strip()
    except TemplateSyntaxError as exc:
        line = (source.line or 1) + (exc.lineno or 1) - 1
        raise RunprintError(Problem(source.file, line, where, f"template syntax error: {exc.message}",
                                    "check the {{ }} and {% %} pairs in this value")) from None
    except UndefinedError as exc:
        raise RunprintError(_undefined(exc, params, source, where)) from None
    except LimitError as exc:
        raise RunprintError(Problem(source.file, source.line, where, f"template stopped: {exc}",
                                    "a template value should only fill in params, e.g. '{{ 8 + 2 * week }}'")) from None
    except SecurityError:
        raise RunprintError(Problem(source.file, source.line, where, "template tried something the sandbox forbids",
                                    "use only params, arithmetic and filters such as default()")) from None
    except (TemplateError, ArithmeticError, TypeError, ValueError, RecursionError) as exc:
        raise RunprintError(Problem(source.file, source.line, where, f"template failed: {_plain(exc)}",
                                    "check the expression in this value")) from None


def _plain(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text[:200]


def _undefined(exc: Exception, params: dict, source: Source, where: str) -> Problem:
    match = re.search(r"'([^']+)' is undefined", str(exc))
    if not match:
        return Problem(source.file, source.line, where, f"template failed: {_plain(exc)}",
                       "check the names used in this value")
    return _unknown(match.group(1), params, source, where)


def _unknown(name: str, params: dict, source: Source, where: str) -> Problem:
    import difflib

    close = difflib.get_close_matches(name, list(params), n=1, cutoff=0.6)
    hint = (f"did you mean '{close[0]}'?" if close else
            f"add '{name}' under params: with a default, or pass --set {name}=VALUE")
    return Problem(source.file, source.line, where, f"unknown param '{name}'", hint, kind=UNKNOWN_PARAM, name=name)
