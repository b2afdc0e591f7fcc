"""Checks on a rendered PDF that a person would make by eye: margins, type size, overlap, ink."""

from __future__ import annotations

import io
import re

MARGIN_MIN_PT = 28.8  # 0.4 in
MIN_TEXT_PT = 7.0


def open_pdf(data: bytes):
    """Read a PDF back; every PDF a test reads is first checked for structural soundness."""
    import pdfplumber

    assert_structurally_sound(data)
    return pdfplumber.open(io.BytesIO(data))


def words(page):
    return page.extract_words(extra_attrs=["size", "fontname"], use_text_flow=True)


def text_of(page) -> str:
    """The page's words joined by single spaces, in reading order."""
    return " ".join(w["text"] for w in words(page))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_printable(page) -> None:
    """Every mark inside the margins, text at least 7 pt, no overlapping words, only greys."""
    width, height = page.width, page.height
    for char in page.chars:
        assert char["size"] >= MIN_TEXT_PT - 0.01, f"{char['text']!r} at {char['size']} pt"
        assert char["x0"] >= MARGIN_MIN_PT and char["x1"] <= width - MARGIN_MIN_PT, char
        assert char["top"] >= MARGIN_MIN_PT and char["bottom"] <= height - MARGIN_MIN_PT, char
        _assert_grey(char.get("non_stroking_color"))
    for shape in page.lines + page.rects + page.curves:
        assert shape["x0"] >= MARGIN_MIN_PT - 0.5 and shape["x1"] <= width - MARGIN_MIN_PT + 0.5, shape
        assert shape["top"] >= MARGIN_MIN_PT - 0.5 and shape["bottom"] <= height - MARGIN_MIN_PT + 0.5, shape
        _assert_grey(shape.get("stroking_color"))
        if shape.get("stroke") and shape.get("linewidth") is not None:
            assert shape["linewidth"] >= 0.5, shape
    _assert_no_glyph_overlaps(page)
    assert_no_overlaps([(w["x0"], w["top"], w["x1"], w["bottom"], w["text"]) for w in words(page)])


def assert_no_overlaps(boxes) -> None:
    """No two text boxes (x0, y0, x1, y1, text), with y0 < y1 either way up, overlap by more than 0.3 pt."""
    boxes = sorted(boxes)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b[0] >= a[2] - 0.3:
                break
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 0.3 or overlap_y <= 0.3, f"{a[4]!r} overlaps {b[4]!r}"


def _assert_no_glyph_overlaps(page) -> None:
    """Glyphs drawn over each other merge into one 'word', so check the characters too."""
    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: (round(c["bottom"]), c["x0"]))
    for a, b in zip(chars, chars[1:]):
        same_line = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5 * min(a["size"], b["size"])
        if same_line and round(a["bottom"]) == round(b["bottom"]):
            assert b["x0"] >= a["x1"] - 0.6, f"{a['text']!r} and {b['text']!r} overlap at x={b['x0']:.1f}"


def _assert_grey(color) -> None:
    if color is None:
        return
    values = tuple(color) if isinstance(color, (list, tuple)) else (color,)
    if len(values) == 3:
        assert max(values) - min(values) < 0.01, f"colour {values}"
    elif len(values) == 4:
        assert max(values[:3]) < 0.01, f"colour {values}"


def assert_structurally_sound(data: bytes) -> None:
    """pikepdf (qpdf's library) finds no problem; so does `qpdf --check` where installed."""
    import pikepdf
    import shutil
    import subprocess

    with pikepdf.open(io.BytesIO(data)) as pdf:
        problems = pdf.check_pdf_syntax()
        assert problems == [], problems
    if shutil.which("qpdf"):
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(data)
            handle.flush()
            result = subprocess.run(["qpdf", "--check", handle.name], capture_output=True)
        assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


def grids(page):
    """Each log grid, top to bottom: its row labels as printed left of it, the heads over it, and
    where its set column starts (the set numbers, in regular type, mark it)."""
    out = []
    boxes = sorted((r for r in page.rects if r["width"] > 50 and r["height"] >= 14 * 3 - 0.5), key=lambda r: r["top"])
    every = page.extract_words(extra_attrs=["size", "fontname", "non_stroking_color"], use_text_flow=True)
    for box in boxes:
        beside = [w for w in every if w["x1"] <= box["x0"] + 0.5 and box["top"] < middle(w) < box["bottom"]]
        numbers = [w for w in beside if w["text"].isdigit() and "Bold" not in w["fontname"] and _grey(w)]
        if not numbers:
            continue  # the notes box
        start = max(w["x0"] for w in numbers) - 3   # the set numbers are right-aligned: 10 sets at most
        # a row of the grid lies between two of its rules: its number first, then its label and plates, line by line
        rules = sorted({box["top"], box["bottom"]} | {e["top"] for e in page.horizontal_edges
                                                      if box["top"] < e["top"] < box["bottom"]
                                                      and abs(e["x0"] - box["x0"]) < 1 and abs(e["x1"] - box["x1"]) < 1})
        rows = {}
        for w in beside:
            if w["x0"] >= start:
                band = next(k for k in range(len(rules) - 1) if middle(w) < rules[k + 1])
                rows.setdefault(band, []).append(w)
        labels = [" ".join(w["text"] for w in sorted(line, key=lambda w: (not _grey(w), round(w["top"]), w["x0"])))
                  for _, line in sorted(rows.items())]
        heads = [w["text"] for w in sorted(every, key=lambda w: w["x0"])
                 if box["x0"] <= w["x0"] and w["x1"] <= box["x1"] and -1 < box["top"] - w["bottom"] < 8]
        out.append((labels, heads, start))
    return out


def _grey(word) -> bool:
    """The set numbers are grey; a list of plates beside them is black."""
    color = word["non_stroking_color"]
    return any(0 < c < 1 for c in (color if isinstance(color, (tuple, list)) else (color,)))


def middle(word):
    return (word["top"] + word["bottom"]) / 2
