"""Golden pages: every word, line and rectangle of five built-in outputs, with coordinates.

These are the safety net for layout work: a page that changes shows up as the page and the
word or shape that moved. The goldens hold text and geometry read back with pdfplumber,
never PDF bytes (which change with a reportlab upgrade).

When a change to the pages is intended, regenerate the goldens and say why in the commit
that changes them:
    PYTHONPATH=$PWD python3 tests/test_goldens.py --update
(or RUNPRINT_REGOLD=1 python3 -m pytest tests/test_goldens.py).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
GOLDEN_DIR = HERE / "data" / "golden"
TOLERANCE_PT = 1.5
SIZE_TOLERANCE_PT = 0.25
REGENERATE = "PYTHONPATH=$PWD python3 tests/test_goldens.py --update  (say why in the commit)"

# name -> what the command line would be; each is rendered in-process through the library API.
CASES = {
    "card-letter": ("card upper-body-runners", "card", "upper-body-runners", {}),
    "card-a5": ("card upper-body-runners --paper a5", "card", "upper-body-runners", {"paper": "a5"}),
    "card-two-sided": ("card upper-body-runners --two-sided", "card", "upper-body-runners", {"sides": "two-sided"}),
    "week-letter": ("week runner-strength", "week", "runner-strength", {}),
    "card-2up": ("card runner-strength --2up", "card", "runner-strength", {"two_up": True}),
}


def render(name: str) -> bytes:
    from runprint.library import Library
    from runprint.pipeline import render_card, render_week

    _, kind, template, options = CASES[name]
    library = Library.default(cwd=Path("/nonexistent"))  # only the built-in library, wherever the test runs
    render_kind = render_card if kind == "card" else render_week
    return render_kind(template, library=library, **options)


def _box(shape) -> list[float]:
    return [round(shape["x0"], 1), round(shape["top"], 1), round(shape["x1"], 1), round(shape["bottom"], 1)]


def snapshot(data: bytes) -> list[dict]:
    """Per page: its size, its words (text, x0, top, size, bold) in reading order, and the
    boxes (x0, top, x1, bottom) of its lines and rectangles."""
    from pdfcheck import open_pdf, words

    pages = []
    for page in open_pdf(data).pages:
        pages.append({
            "size": [round(page.width, 1), round(page.height, 1)],
            "words": [{"text": w["text"], "x0": round(w["x0"], 1), "top": round(w["top"], 1),
                       "size": round(w["size"], 2), "bold": "Bold" in w["fontname"]} for w in words(page)],
            "lines": sorted(_box(line) for line in page.lines),
            "rects": sorted(_box(rect) for rect in page.rects),
        })
    return pages


def golden_path(name: str) -> Path:
    return GOLDEN_DIR / f"{name}.json"


def write_golden(name: str, pages: list[dict]) -> None:
    """One word or shape per line, so a diff of a regenerated golden reads as what moved."""
    out = ["{", f'"command": {json.dumps("runprint " + CASES[name][0])},', '"pages": [']
    for number, page in enumerate(pages):
        out.append("{" + f'"size": {json.dumps(page["size"])},')
        for key in ("words", "lines", "rects"):
            items = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in page[key])
            out.append(f'"{key}": [\n{items}\n]' + ("," if key != "rects" else ""))
        out.append("}" + ("," if number < len(pages) - 1 else ""))
    out += ["]", "}"]
    golden_path(name).write_text("\n".join(out) + "\n", encoding="utf-8")


def differences(current: list[dict], golden: list[dict]) -> list[str]:
    """What changed, page by page, as a reader would say it; [] when within tolerance."""
    if len(current) != len(golden):
        return [f"{len(current)} pages, the golden has {len(golden)}"]
    found = []
    for number, (now, then) in enumerate(zip(current, golden), start=1):
        where = f"page {number}"
        if now["size"] != then["size"]:
            found.append(f"{where}: size {now['size']}, the golden has {then['size']}")
            continue
        found += _word_differences(where, now["words"], then["words"])
        for key in ("lines", "rects"):
            found += _shape_differences(f"{where} {key}", now[key], then[key])
    return found


def _word_differences(where: str, now: list[dict], then: list[dict]) -> list[str]:
    texts_now, texts_then = [w["text"] for w in now], [w["text"] for w in then]
    if texts_now != texts_then:
        first = next((i for i, (a, b) in enumerate(zip(texts_now, texts_then)) if a != b),
                     min(len(texts_now), len(texts_then)))
        return [f"{where}: the words differ from word {first + 1}: now {' '.join(texts_now[first:first + 8])!r}, "
                f"golden {' '.join(texts_then[first:first + 8])!r}"]
    found = []
    for index, (a, b) in enumerate(zip(now, then), start=1):
        moved = abs(a["x0"] - b["x0"]) > TOLERANCE_PT or abs(a["top"] - b["top"]) > TOLERANCE_PT
        if moved or abs(a["size"] - b["size"]) > SIZE_TOLERANCE_PT or a["bold"] != b["bold"]:
            found.append(f"{where}: word {index} {a['text']!r} is at ({a['x0']}, {a['top']}) {a['size']} pt"
                         f"{' bold' if a['bold'] else ''}; golden ({b['x0']}, {b['top']}) {b['size']} pt"
                         f"{' bold' if b['bold'] else ''}")
    return found


def _shape_differences(where: str, now: list[list], then: list[list]) -> list[str]:
    """Shapes have no order a reader cares about: each golden box is matched to a current box
    within the tolerance, and whatever is left over on either side is reported."""
    left = list(now)
    missing = []
    for box in then:
        match = next((i for i, other in enumerate(left)
                      if all(abs(p - q) <= TOLERANCE_PT for p, q in zip(box, other))), None)
        if match is None:
            missing.append(box)
        else:
            left.pop(match)
    found = [f"{where}: gone from (x0, top, x1, bottom) {box}" for box in missing[:10]]
    found += [f"{where}: new at (x0, top, x1, bottom) {box}" for box in left[:10]]
    return found


@pytest.mark.parametrize("name", list(CASES))
def test_pages_match_golden(name):
    current = snapshot(render(name))
    if os.environ.get("RUNPRINT_REGOLD"):
        write_golden(name, current)
    golden = json.loads(golden_path(name).read_text(encoding="utf-8"))
    found = differences(current, golden["pages"])
    shown = "\n  ".join(found[:25])
    more = f"\n  ... and {len(found) - 25} more" if len(found) > 25 else ""
    assert not found, (f"runprint {CASES[name][0]} no longer matches {golden_path(name).name}:\n  {shown}{more}\n"
                       f"If the change is intended, regenerate with:\n  {REGENERATE}")


def test_a_moved_word_is_named_with_its_page():
    golden = [{"size": [612, 792], "words": [{"text": "Plank", "x0": 36.0, "top": 100.0, "size": 9, "bold": True}],
               "lines": [[36, 50, 576, 50]], "rects": []}]
    moved = [{**golden[0], "words": [{**golden[0]["words"][0], "top": 104.0}], "lines": [[36, 50.5, 576, 50]]}]
    assert differences(moved, golden) == [
        "page 1: word 1 'Plank' is at (36.0, 104.0) 9 pt bold; golden (36.0, 100.0) 9 pt bold"]
    assert differences(golden, golden) == []


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(f"usage: {REGENERATE}")
    sys.path.insert(0, str(HERE.parent))
    for case in CASES:
        write_golden(case, snapshot(render(case)))
        print(f"wrote {golden_path(case).relative_to(HERE.parent)}")
