"""Issue 22, item 9: features that meet. Every built-in template on every paper, as the default
card, --two-sided and --2up, with effort none/rir/rpe, with and without a history, with and
without an athlete's name. Every page must be printable (text 7 pt or more, inside the 0.4 in
margins, no overlapping words, greys only), every exercise with history rows shows its Last
line, and no --2up side has an empty half except the last.

Not the whole product (288 PDFs): each (template, paper, sides) case takes one mix of effort,
history and name, rotating so that every mix meets every paper and every sides mode."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reportlab.pdfbase import pdfmetrics

from pdfcheck import MARGIN_MIN_PT, MIN_TEXT_PT, assert_no_overlaps, assert_printable, open_pdf, text_of
from runprint.errors import RunprintError
from runprint.layout.geometry import QR, Box, Line, Text
from runprint.library import Library
from runprint.pipeline import Options, Run, load_history
from runprint.render import REGULAR, fonts, render_pdf

LIBRARY = Library.default(cwd=Path("/nonexistent"))  # the built-ins only
TEMPLATES = sorted(LIBRARY.template_files)
PAPERS = ["letter", "a4", "a5", "half-letter"]
SIDES = ["auto", "two-sided", "2up"]
MIXES = list(itertools.product(["none", "rir", "rpe"], [False, True], ["", "Ana Lima"]))  # effort, history, athlete
DATE = "2026-11-24"

def cases():
    for t, template in enumerate(TEMPLATES):
        for p, paper in enumerate(PAPERS):
            for s, sides in enumerate(SIDES):
                effort, history, athlete = MIXES[(t + p * 3 + s * 5) % len(MIXES)]  # see the test below
                name = f"{template}-{paper}-{sides}-{effort}" + "-history" * history + "-named" * bool(athlete)
                yield pytest.param(template, paper, sides, effort, history, athlete, id=name)


def test_the_rotation_meets_every_mix_with_every_paper_and_sides():
    seen = [(p.values[1], p.values[2], p.values[3:]) for p in cases()]
    for effort, history, athlete in MIXES:
        assert any(values == (effort, history, athlete) for _, _, values in seen)
    for factor in (0, 1, 2):  # each effort, history and name value on every paper and in every sides mode
        for paper in PAPERS:
            assert {values[factor] for p, _, values in seen if p == paper} == {m[factor] for m in MIXES}
        for sides in SIDES:
            assert {values[factor] for _, s, values in seen if s == sides} == {m[factor] for m in MIXES}


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A history with rows for every exercise of every built-in template: two sets each, done on DATE."""
    rows = ["date,exercise,set,reps,load,time,distance"]
    for exercise_id in sorted({item.exercise for name in TEMPLATES for session in LIBRARY.template(name).sessions
                               for item in session.items}):
        measure = LIBRARY.exercise(exercise_id).measure
        for number in (1, 2):
            reps, time, distance = {"reps": ("10", "", ""), "time": ("", "30", ""), "distance": ("", "", "40")}[measure]
            rows.append(f"{DATE},{exercise_id},{number},{reps},,{time},{distance}")
    path = tmp_path_factory.mktemp("history") / "log.csv"
    path.write_text("\n".join(rows) + "\n")
    return load_history(path, LIBRARY)


def _pages(history, template, paper, sides, effort, with_history, athlete):
    two_up = sides == "2up"
    options = Options(paper, sides="auto" if two_up else sides, two_up=two_up, effort=effort)
    run = Run(LIBRARY.template(template), LIBRARY, {"athlete": athlete} if athlete else {}, options,
              history if with_history else None)
    try:
        sheets = run.pages_for()
    except RunprintError as exc:
        pytest.fail(f"refused: {exc}")
    return sheets.cards, sheets.pages


@pytest.mark.parametrize("template,paper,sides,effort,with_history,athlete", list(cases()))
def test_every_page_of_every_combination_prints(history, template, paper, sides, effort, with_history, athlete):
    """Checked on the laid-out pages, which render draws as they are, with the metrics it draws
    with: 24 PDFs read back would take a minute (the test below reads two back, to keep this honest)."""
    cards, pages = _pages(history, template, paper, sides, effort, with_history, athlete)
    for number, page in enumerate(pages):
        assert_page_printable(page)
        if sides == "2up" and number < len(pages) - 1:
            middle = page.width / 2
            halves = {box[0] >= middle for box in text_boxes(page)}
            assert halves == {False, True}, f"sheet {number + 1} of {len(pages)} has an empty half"
    drawn = [op.text for page in pages for op in page.ops if isinstance(op, Text)]
    items = sum(len(card_session.items) for card_session in _sessions(LIBRARY.template(template), cards))
    assert sum(f"Last ({DATE})" in text for text in drawn) == (items if with_history else 0)
    if athlete:
        assert athlete in drawn  # beside 'Athlete:' in the header


@pytest.mark.parametrize("template,paper,sides,effort,with_history,athlete",
                         [("runner-strength", "letter", "2up", "rpe", True, "Ana Lima"),
                          ("upper-body-runners", "a5", "two-sided", "rir", True, "")], ids=["2up", "a5"])
def test_the_pdf_agrees_with_the_pages_checked(history, template, paper, sides, effort, with_history, athlete):
    """The checks above read the laid-out pages; read two of them back from a PDF to see that
    the PDF says the same (a sheet of two halves, and a pocket page)."""
    _, pages = _pages(history, template, paper, sides, effort, with_history, athlete)
    page = open_pdf(render_pdf(pages[:1])).pages[0]
    assert_printable(page)
    assert text_of(page).count(f"Last ({DATE})") == sum(f"Last ({DATE})" in op.text for op in pages[0].ops
                                                        if isinstance(op, Text)) > 0


def _sessions(template, cards):
    by_id = {session.id: session for session in template.sessions}
    return [by_id[card.session_id] for card in cards]


# What pdfplumber would measure, from the ops: a character's box is `size` tall, from the
# font's descent under the baseline (as pdfminer makes it); its width is what render draws.
FONTS = fonts()
DESCENT = pdfmetrics.getFont(REGULAR).face.descent / 1000


def text_boxes(page) -> list[tuple[float, float, float, float, str]]:
    """(x0, bottom, x1, top, text) of each text op's ink, in PDF coordinates, spaces at either end left out."""
    boxes = []
    for op in page.ops:
        if not isinstance(op, Text) or not op.text.strip():
            continue
        width = FONTS.width(op.text, op.bold, op.size)
        x = op.x - (width if op.align == "right" else width / 2 if op.align == "center" else 0)
        lead = FONTS.width(op.text[:len(op.text) - len(op.text.lstrip())], op.bold, op.size)
        x0, x1 = x + lead, x + lead + FONTS.width(op.text.strip(), op.bold, op.size)
        bottom = op.y + DESCENT * op.size
        boxes.append((x0, bottom, x1, bottom + op.size, op.text))
    return boxes


def assert_page_printable(page) -> None:
    """Every mark inside the 0.4 in margins, text at least 7 pt, no overlapping text, greys only."""
    low_x, high_x, low_y, high_y = MARGIN_MIN_PT, page.width - MARGIN_MIN_PT, MARGIN_MIN_PT, page.height - MARGIN_MIN_PT
    for op in page.ops:
        if isinstance(op, Text):
            assert op.size >= MIN_TEXT_PT - 0.01, f"{op.text!r} at {op.size} pt"
        if isinstance(op, (Text, Line, Box)):
            assert 0 <= op.grey <= 1, op  # a grey level: the ops cannot carry a colour
        if isinstance(op, Line):
            assert low_x - 0.5 <= min(op.x1, op.x2) and max(op.x1, op.x2) <= high_x + 0.5, op
            assert low_y - 0.5 <= min(op.y1, op.y2) and max(op.y1, op.y2) <= high_y + 0.5, op
        elif isinstance(op, Box):
            assert low_x - 0.5 <= op.x and op.x + op.w <= high_x + 0.5, op
            assert low_y - 0.5 <= op.y and op.y + op.h <= high_y + 0.5, op
        elif isinstance(op, QR):
            assert low_x <= op.x and op.x + op.size <= high_x and low_y <= op.y and op.y + op.size <= high_y, op
    boxes = sorted(text_boxes(page))
    for x0, bottom, x1, top, text in boxes:
        assert low_x <= x0 and x1 <= high_x and low_y <= bottom and top <= high_y, f"{text!r} outside the margins"
    assert_no_overlaps(boxes)
