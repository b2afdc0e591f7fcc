"""Template values rendered with the params: plain names directly, the rest by Jinja2.

Templates are shared between coaches, so a template is untrusted code: anything beyond
plain `{{ name }}` values runs in the bounded sandbox of sandbox.py. That module, and
with it jinja2, is imported only when a value needs it: most cards only fill in names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .errors import UNKNOWN_PARAM, Problem, RunprintError
from .model import Source
from .naming import suggest


@lru_cache(maxsize=1)
def environment():
    """The one sandboxed environment of this process, made on first use."""
    from .sandbox import BoundedEnvironment

    return BoundedEnvironment()


@lru_cache(maxsize=4096)
def _compile(text: str):
    return environment().from_string(text)


def is_template(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


_SIMPLE = re.compile(r"""^([A-Za-z_]\w*)(?:\s*\|\s*(?:default|d)\(\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\))?$""")


@lru_cache(maxsize=4096)
def _simple_parts(text: str) -> tuple | None:
    """Split 'Week {{ week }}' into literal text and names, or None if it needs Jinja.

    Found with str.find, not a pattern: '{{' and a long run of spaces made the old one cubic."""
    if "{%" in text or "{#" in text:
        return None
    parts, last = [], 0
    while (start := text.find("{{", last)) >= 0:
        end = text.find("}}", start + 2)
        literal = text[last:start]
        if end < 0 or "}}" in literal:
            return None
        expr = _SIMPLE.match(text[start + 2:end].strip())
        if expr is None or "{{" in text[start + 2:end]:
            return None
        default = expr.group(2) if expr.group(2) is not None else expr.group(3)
        parts += [literal, (expr.group(1), default)]
        last = end + 2
    tail = text[last:]
    if "}}" in tail:
        return None
    return tuple(parts + [tail])


def _render_simple(parts: tuple, params: dict, source: Source, key: str) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif part[0] in params:
            out.append(str(params[part[0]]))
        elif part[1] is not None:
            out.append(part[1])
        else:
            source = _at(source, key)
            raise RunprintError(_unknown(part[0], params, source, source.where))
    return "".join(out).strip()


def _at(source: Source, key: str) -> Source:
    """Where a value's problem is reported: the key's own line and dotted place."""
    where = f"{source.where}.{key}" if key and source.where else (key or source.where)
    return Source(source.file, source.line_of(key) if key else source.line, where)


def render(text: str | None, params: dict, source: Source, key: str = "") -> str | None:
    """Render one template value with the params, or raise a RunprintError naming file and line."""
    if text is None or not is_template(text):
        return text
    parts = _simple_parts(text)
    if parts is not None:
        return _render_simple(parts, params, source, key)
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateAssertionError, TemplateError

    from .sandbox import MAX_TEXT, LimitError

    source = _at(source, key)
    where = source.where
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
        hint = "check the {{ }} and {% %} pairs in this value"
        if isinstance(exc, TemplateAssertionError):  # an unknown filter or test, which jinja finds when compiling
            hint = "use the filters runprint allows, e.g. round, int, default, upper"
        raise RunprintError(Problem(source.file, line, where, f"template syntax error: {exc.message}", hint)) from None
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
    hint = suggest(name, params) or f"add '{name}' under params: with a default, or pass --set {name}=VALUE"
    return Problem(source.file, source.line, where, f"unknown param '{name}'", hint, kind=UNKNOWN_PARAM, name=name)


def names_read(text: str | None) -> set[str]:
    """The params a template value reads: names it uses that it does not set itself."""
    if text is None or not is_template(text):
        return set()
    parts = _simple_parts(text)
    if parts is not None:
        return {part[0] for part in parts if not isinstance(part, str)}
    from jinja2 import TemplateSyntaxError, meta

    env = environment()
    try:
        return meta.find_undeclared_variables(env.parse(text)) - set(env.globals)
    except TemplateSyntaxError:
        return set()  # reported, with its line, when the value is rendered
