"""Reading a user's files safely, and YAML text -> plain data with the line of every value.

This is the only module that imports yaml. We compose the node tree and build the
data ourselves so that we can refuse what a person never means (duplicate keys, alias
bombs, arbitrary tags) and read scalars the way a coach writes them: `no` and `off`
stay text, `1:30` stays text, `010` is ten. yaml is imported when the first file is
parsed, so commands that read no YAML (`--help`) never pay for it.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import Problem, RunprintError
from .numbers import MAX_DIGITS

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 50_000

_INT = re.compile(r"[-+]?[0-9]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+)$")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value",
    "tag:yaml.org,2002:merge",
}


class Doc:
    """A loaded file: its data and the 1-based line of every key path."""

    def __init__(self, path: str, data: object, lines: dict[tuple, int] | None = None):
        self.path, self.data = path, data
        self.lines: dict[tuple, int] = lines if lines is not None else {}

    def line(self, where: tuple) -> int | None:
        """The line of a key path, or of its nearest parent that has one."""
        where = tuple(where)
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return self.lines.get((), None)


def dotted(where: tuple) -> str:
    """('sessions', 0, 'do') -> 'sessions[0].do'."""
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def shorten(text: str, most: int = 40) -> str:
    """A long value as it may be echoed in a message: its start, and how long it was."""
    text = str(text)
    return text if len(text) <= most else f"{text[:most - 1]}… ({len(text):,} characters)"


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """Read a user's file as UTF-8 text, refusing what cannot be read or is bigger than `limit`."""
    raw = read_bytes(path, limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RunprintError(Problem(str(path), line, "", f"byte 0x{raw[exc.start]:02x} is not UTF-8 text",
                                    "save the file as UTF-8")) from None


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them.

    The file is opened first and then looked at, so what is checked is what is read: a
    FIFO (opened without blocking), a device or a socket is refused by name, and no
    more than limit + 1 bytes are read whatever size the file claims (a device says 0).
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise RunprintError(Problem(name, None, "", "this is a folder, not a file", "name a file"))
        if not stat.S_ISREG(info.st_mode):
            raise RunprintError(Problem(name, None, "", f"this is {file_kind(info.st_mode)}, not a file",
                                        "name a plain file saved on disk"))
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    finally:
        os.close(fd)
    if size > limit:
        raise RunprintError(Problem(name, None, "", f"the file is over the {limit // 1_000_000} MB limit",
                                    "split it into smaller files"))
    return b"".join(chunks)


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words: 'a named pipe (FIFO)', 'a device', ..."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "a file"
    return "not a regular file"


def _unreadable(name: str, exc: OSError) -> RunprintError:
    if isinstance(exc, FileNotFoundError):
        return RunprintError(Problem(name, None, "", "no such file", "check the path"))
    if isinstance(exc, IsADirectoryError):
        return RunprintError(Problem(name, None, "", "this is a folder, not a file", "name a file"))
    return RunprintError(Problem(name, None, "", f"cannot read the file: {exc.strerror or exc}",
                                 "check that the file exists and is readable"))


def load_yaml(path: Path, text: str | None = None, *, want: type = dict) -> Doc:
    """Parse one YAML file into a Doc whose top level is a mapping (or `want`)."""
    name = str(path)
    if text is None:
        text = read_text(Path(path))
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_BYTES:
        raise RunprintError(Problem(name, None, "", "the text is over the 1 MB limit", "split it into smaller files"))
    if not text.strip():
        raise RunprintError(Problem(name, 1, "", "the file is empty",
                                    "write the keys this file needs, e.g. 'name: ...'"))
    doc = _parse(name, text)
    kind = {dict: "mapping of keys", list: "list"}[want]
    if not isinstance(doc.data, want):
        raise RunprintError(Problem(name, doc.lines.get((), 1), "", f"expected a {kind} at the top level",
                                    "start the file with 'key: value' lines" if want is dict
                                    else "start each entry with '- '"))
    return doc


def _parse(name: str, text: str) -> Doc:
    import yaml

    doc = Doc(name, None)
    try:
        doc.data = _Builder(doc, yaml).build(yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = f", column {mark.column + 1}" if mark else ""
        raise RunprintError(Problem(name, line, "", f"not valid YAML{col}: {exc.problem or exc.context}",
                                    "check the indentation and quoting on this line and the one above")) from None
    except yaml.YAMLError as exc:
        raise RunprintError(Problem(name, None, "", f"not valid YAML: {exc}", "check the file's syntax")) from None
    if doc.data is _NOTHING or doc.data is None:
        raise RunprintError(Problem(name, 1, "", "the file is empty",
                                    "write the keys this file needs, e.g. 'name: ...'"))
    return doc


_NOTHING = object()


class _Frame:
    __slots__ = ("value", "where", "anchor", "key", "size")

    def __init__(self, value, where, anchor):
        self.value, self.where, self.anchor, self.key, self.size = value, where, anchor, _NOTHING, 1


class _Builder:
    """Builds plain data straight from parser events: no recursion, so no depth can crash it,
    and aliases are counted by what they expand to."""

    def __init__(self, doc: Doc, yaml):
        self.doc, self.yaml = doc, yaml  # the yaml module, imported by whoever parses
        self.count = 0
        self.anchors: dict[str, tuple[object, int]] = {}

    def fail(self, event, message, hint):
        raise RunprintError(Problem(self.doc.path, event.start_mark.line + 1, "", message, hint))

    def build(self, events):
        yaml = self.yaml
        stack: list[_Frame] = []
        root = _NOTHING
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent) and root is not _NOTHING:
                self.fail(event, "the file holds more than one YAML document", "remove the '---' line")
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentStartEvent,
                                  yaml.DocumentEndEvent)):
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                value, size = frame.value, frame.size
                if frame.anchor:
                    self.anchors[frame.anchor] = (value, size)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    self.fail(event, f"'*{event.anchor}' refers to no anchor", f"define '&{event.anchor}' first")
                value, size = self.anchors[event.anchor]
            else:
                where = self.where(stack, event)
                self.count += 1
                if self.count > MAX_NODES:
                    self.fail(event, f"the file expands to more than {MAX_NODES:,} values", "split it up")
                if event.tag and event.tag not in _PLAIN_TAGS and event.tag != "!":
                    self.fail(event, f"the tag {event.tag} is not allowed",
                              "remove the '!' tag; plain values are enough")
                if where is not None:
                    self.doc.lines.setdefault(where, event.start_mark.line + 1)
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    if len(stack) >= MAX_DEPTH:
                        self.fail(event, "the file is nested too deeply", f"keep nesting under {MAX_DEPTH} levels")
                    stack.append(_Frame({} if isinstance(event, yaml.MappingStartEvent) else [], where, event.anchor))
                    continue
                value, size = self.scalar(event), 1
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
            if not stack:
                root = value
                continue
            self.attach(stack[-1], value, size, event)
        return root

    def where(self, stack, event):
        yaml = self.yaml
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.value, list):
            return frame.where + (len(frame.value),)
        if frame.key is _NOTHING:
            if not isinstance(event, yaml.ScalarEvent):
                self.fail(event, "a key must be plain text", "write keys as 'name: value'")
            return None
        return frame.where + (frame.key,)

    def attach(self, frame: _Frame, value, size: int, event) -> None:
        # Each value read was counted as its event came; an alias adds all it stands for again.
        if isinstance(event, self.yaml.AliasEvent):
            self.count += size
            if self.count > MAX_NODES:
                self.fail(event, f"the file expands to more than {MAX_NODES:,} values (aliases repeated too often)",
                          "write the values out instead of nesting '*alias' references")
        frame.size += size
        if isinstance(frame.value, list):
            frame.value.append(value)
        elif frame.key is _NOTHING:
            key = str(value)
            if key == "<<":
                self.fail(event, "'<<' merge keys are not supported", "write the keys out in full")
            if key in frame.value:
                first = self.doc.lines.get(frame.where + (key,))
                self.fail(event, f"the key '{key}' appears twice (first on line {first})",
                          "keep one of them; the second would silently replace the first")
            self.doc.lines[frame.where + (key,)] = event.start_mark.line + 1
            frame.key = key
        else:
            frame.value[frame.key] = value
            frame.key = _NOTHING

    def scalar(self, event):
        value = event.value
        if event.style or event.tag == "tag:yaml.org,2002:str" or event.tag == "!":
            return value
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.match(value):
            if len(value.lstrip("+-")) > MAX_DIGITS:
                self.fail(event, f"a number with {len(value.lstrip('+-')):,} digits, more than the {MAX_DIGITS} "
                                 "a card can use",
                          "write a smaller number, or quote it to keep it as text")
            return int(value, 10)
        if _FLOAT.match(value):
            return float(value)
        return value
