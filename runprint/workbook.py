"""An Excel workbook looked over before openpyxl reads it, so what a file can cost is bounded.

openpyxl reads what a file declares: it walks every row number up to the last one a sheet
names, reads each of six million copies of one row, and lets its XML parser rescan a
95 MB comment from its start with every block it reads. Here each XML part is streamed
out of the zip once, in blocks, with C-speed searches only (bytes.find, bytes.split, a
regex's findall): no run of markup or text between two '<' may be longer than MAX_TOKEN,
nor a comment, CDATA section or processing instruction; a DTD is refused. On the sheet
to be read, the declared dimension, each row's number, and the rows and cells as actually
written are counted against the caller's limits, and the pass stops at the first one over.
The work is then proportional to what was read before refusing, and every token the
parser later meets is short.
"""

from __future__ import annotations

import posixpath
import re
from typing import NamedTuple
from xml.etree import ElementTree
from zipfile import ZipFile

from .errors import Problem, RunprintError

MAX_TOKEN = 256 * 1024     # a tag, or the text between two tags: an Excel cell holds 32,767 characters
MAX_SPECIALS = 1_000       # comments, CDATA sections and processing instructions in one part
BLOCK = 256 * 1024
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>]")
_DIMENSION = re.compile(rb"""dimension\s[^>]*?\bref\s*=\s*["']([^"']{0,40})["']""")
_LAST_ROW = re.compile(rb"(\d+)\s*$")
# A row's number (a cell's r starts with its column's letters): long ones only, the rest are within bounds.
_BIG_ROW = re.compile(rb"""r=["'](\d{6,})["']""")
_SPECIALS = ((b"<!--", b"-->"), (b"<![CDATA[", b"]]>"), (b"<?", b"?>"))
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class Limits(NamedTuple):
    rows: int        # rows written in the sheet, blank ones included
    last_row: int    # the highest row number a sheet may use or declare
    columns: int     # cells a row may hold, on average


class Unreadable(Exception):
    """The workbook is damaged or is not one: the caller says so in the user's words."""


def check(archive: ZipFile, name: str, part: str, limits: Limits, kind: str) -> None:
    """Every XML part of `archive` bounded, and the sheet `part` within `limits`; raises RunprintError."""
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels")) and info.filename != part:
            with archive.open(info) as stream:
                _scan(stream, name, lambda segment: None)
    rows = _Rows(name, limits, kind)
    with archive.open(part) as stream:
        _scan(stream, name, rows.add)


def sheet_parts(archive: ZipFile) -> dict[str, str]:
    """The workbook's sheet names, in order, with the zip part holding each (after `check` of the parts)."""
    try:
        root = _part(archive, "_rels/.rels")
        main = next(r.get("Target", "") for r in root.iter(f"{{{_RELS}}}Relationship")
                    if r.get("Type", "").endswith("/officeDocument"))
        main = main.lstrip("/")
        rels = _part(archive, posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{_RELS}}}Relationship")}
        out = {}
        for sheet in _part(archive, main).iter(f"{{{_MAIN}}}sheet"):
            target = targets[sheet.get(_R_ID)]
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(posixpath.dirname(main), target))
            out[sheet.get("name", "")] = path
        return out
    except (StopIteration, KeyError, ElementTree.ParseError) as exc:
        raise Unreadable from exc


def _part(archive: ZipFile, path: str) -> ElementTree.Element:
    return ElementTree.fromstring(archive.read(path))


def _scan(stream, name: str, markup) -> None:
    """Feed `markup` the part outside comments, CDATA and processing instructions, in pieces
    that end before a '<'; refuse anything of unbounded length on the way.

    A piece ends at the last '<' of a block and what follows is carried into the next, so
    no run between two '<' is longer than MAX_TOKEN + BLOCK without being refused."""
    carry, closer, inside, specials = b"", None, 0, 0
    while True:
        block = stream.read(BLOCK)
        buf, pos = carry + block, 0
        carry = b""
        while pos < len(buf):
            if closer is not None:      # inside a comment, CDATA or instruction: find its end
                end = buf.find(closer, pos)
                stop = len(buf) - len(closer) + 1 if end < 0 else end + len(closer)
                inside += max(stop - pos, 0)
                if inside > MAX_TOKEN:
                    raise _too_long(name)
                if end < 0:
                    carry, pos = buf[max(stop, pos):], len(buf)
                    break
                closer, pos = None, stop
                continue
            special = min((i for i in (buf.find(b"<!", pos), buf.find(b"<?", pos)) if i >= 0), default=-1)
            if special < 0:             # keep an unfinished tag (or a text run) for the next block
                cut = buf.rfind(b"<", pos) if block else len(buf)
                cut = len(buf) if cut < 0 and not block else (pos if cut < 0 else cut)
                markup(buf[pos:cut])
                carry, pos = buf[cut:], len(buf)
                break
            markup(buf[pos:special])
            if block and len(buf) - special < len(b"<![CDATA["):
                carry, pos = buf[special:], len(buf)
                break
            closer = next((c for o, c in _SPECIALS if buf.startswith(o, special)), None)
            if closer is None:
                raise RunprintError(Problem(name, None, "", "the workbook declares a DTD, which no spreadsheet writes",
                                            "open it in your spreadsheet and save it as .xlsx again, or as CSV"))
            specials += 1
            if specials > MAX_SPECIALS:
                raise _too_long(name)
            inside, pos = 0, special + 2
        if len(carry) > MAX_TOKEN:
            raise _too_long(name)
        if not block:
            return


def _too_long(name: str) -> RunprintError:
    return RunprintError(Problem(name, None, "", "the workbook holds a run of text or markup far longer than "
                                 "any cell", "open it in your spreadsheet and save it as .xlsx again, or as CSV"))


class _Rows:
    """The rows and cells of a sheet as written, counted against the limits as they stream by."""

    def __init__(self, name: str, limits: Limits, kind: str):
        self.name, self.limits, self.kind = name, limits, kind
        self.rows = self.cells = 0
        self.row_tag = self.cell_tag = None   # b"<row", or b"<x:row" when the sheet's names carry a prefix

    def add(self, segment: bytes) -> None:
        if self.row_tag is None:
            root = _ROOT.search(segment)
            if root is None:
                return
            prefix = root[1] or b""
            self.row_tag, self.cell_tag = b"<" + prefix + b"row", b"<" + prefix + b"c"
            segment = segment[root.start():]
        if self.rows == 0 and (found := _DIMENSION.search(segment)):   # the dimension comes before any row
            last = _LAST_ROW.search(found[1])
            if last and (len(last[1]) > 9 or int(last[1]) > self.limits.last_row):
                raise self.over(f"the sheet declares rows up to {int(last[1]):,}")
        # rowBreaks is the one other element whose name starts with 'row'; '<c' counts <col> and the like
        # as cells too, which errs on the safe side.
        self.rows += segment.count(self.row_tag) - segment.count(self.row_tag + b"Breaks")
        if self.rows > self.limits.rows:
            raise self.over(f"the sheet has more than {self.limits.rows:,} rows")
        big = max((int(n) for n in _BIG_ROW.findall(segment)), default=0)
        if big > self.limits.last_row:
            raise self.over(f"the sheet has a row numbered {big:,}")
        self.cells += segment.count(self.cell_tag)
        if self.cells > (self.rows + 1) * self.limits.columns:
            raise self.over(f"the sheet's rows hold more than {self.limits.columns:,} cells each")

    def over(self, what: str) -> RunprintError:
        each = {"roster": "athlete", "history": "set done"}.get(self.kind, "row")
        return RunprintError(Problem(self.name, None, "", f"{what}, over the {self.limits.last_row:,} rows a "
                                     f"{self.kind} may use", f"keep one row per {each} from the top of the sheet, "
                                     "or split the file"))

