"""The PDF writer: every offset in the cross-reference table is right, and a page leaves
next to nothing behind in memory, however many are written."""

import io
import re
import tracemalloc

import pytest

from runprint.layout import Page, Text
from runprint.pdffile import PdfFile
from runprint.render import Document, drawn, render_pdf


def xref_offsets(data: bytes) -> dict[int, int]:
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    head, _, body = data[start:].partition(b"\n")
    assert head == b"xref"
    count = int(body.split(b"\n", 1)[0].split()[1])
    rows = body.split(b"\n", 1)[1][: 20 * count]
    return {n: int(rows[20 * n: 20 * n + 10]) for n in range(1, count)}


def test_every_xref_entry_points_at_its_object():
    page = Page(612, 792, ops=[Text(72, 700, "Goblet squat", 12, bold=True), Text(72, 680, "3 × 10", 10)])
    data = render_pdf([page, page, page], title="three")
    offsets = xref_offsets(data)
    assert len(offsets) >= 3 * 2 + 2
    for number, offset in offsets.items():
        assert data[offset:].startswith(b"%d 0 obj\n" % number), number


def test_an_object_reserved_but_never_written_is_an_error():
    file = PdfFile(io.BytesIO())
    file.reserve()
    with pytest.raises(ValueError, match="never written"):
        file.close(lambda size, start: b"trailer")


def test_pages_leave_nothing_behind():
    page = drawn(Page(612, 792, ops=[Text(72, 700 - i, f"line {i % 40}", 9) for i in range(60)]))

    class Sink:
        def write(self, data):
            pass

    document = Document(Sink())
    document.add([page] * 50)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    document.add([page] * 1000)
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    document.close()
    # Two offsets (8 bytes each) and a page number (4 bytes) a page, and array slack.
    assert grown < 1000 * 64, grown
