"""Geometry without a PDF: what the layout step measures is what it places, inside the margins."""

from pathlib import Path

import pytest

from runprint import layout_card
from runprint.layout import MARGIN_PT, MIN_BODY_PT, Box, Line, Page, Text, wrap
from runprint.library import Library
from runprint.plan import coerce_params, plan_sessions
from runprint.render import fonts

LIBRARY = Library.default(cwd=Path("/nonexistent"))


def sessions():
    for name in ("upper-body-runners", "runner-strength"):
        template = LIBRARY.template(name)
        yield from plan_sessions(template, LIBRARY, coerce_params(template, {}))


def _lowest_pt(op) -> float:
    if isinstance(op, Text):
        return op.y - 0.25 * op.size  # the descenders
    if isinstance(op, Line):
        return min(op.y1, op.y2)
    return op.y  # Box, QR


@pytest.mark.parametrize("style", layout_card.STYLES[::5], ids=str)
def test_an_item_takes_the_height_it_says_and_nothing_more(style):
    """place_item's answer is the room the next item starts below: every mark of the item is
    above it, and the lowest comes within the gap of it."""
    frame = layout_card.Frame(36, 280, 330) if not style.stacked else layout_card.Frame(36, 540, 36)
    for session in sessions():
        for item in session.items:
            ops = []
            height = layout_card.place_item(ops, session, item, frame, 700, style, fonts())
            lowest = min(_lowest_pt(op) for op in ops)
            assert 700 - height <= lowest <= 700 - height + layout_card.ITEM_GAP_PT + 2, item.exercise.id


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_op_inside_the_margins_and_type_at_least_7pt(paper):
    for session in sessions():
        page = layout_card.layout_card(session, paper, fonts())
        for op in page.ops:
            if isinstance(op, Text):
                assert op.size >= MIN_BODY_PT
                width = fonts().width(op.text, op.bold, op.size)
                left = op.x - {"left": 0, "center": width / 2, "right": width}[op.align]
                assert MARGIN_PT - 0.01 <= left and left + width <= page.width - MARGIN_PT + 0.01, op
                assert MARGIN_PT <= op.y <= page.height - MARGIN_PT, op
            elif isinstance(op, (Line, Box)):
                xs = (op.x1, op.x2) if isinstance(op, Line) else (op.x, op.x + op.w)
                assert min(xs) >= MARGIN_PT - 0.01 and max(xs) <= page.width - MARGIN_PT + 0.01, op


def test_the_upper_body_card_is_not_set_smaller_than_it_needs():
    """The fit keeps the most comfortable style that fits: 8 pt on Letter, larger on A4."""
    session = next(sessions())
    letter = min(op.size for op in layout_card.layout_card(session, "letter", fonts()).ops if isinstance(op, Text)
                 and op.text.startswith("1."))
    a4 = min(op.size for op in layout_card.layout_card(session, "a4", fonts()).ops if isinstance(op, Text)
             and op.text.startswith("1."))
    assert letter >= 8.0 and a4 >= letter


def test_wrap_breaks_words_only_when_a_word_is_wider_than_the_line():
    assert wrap("one two three", 40, fonts(), 8) == ("one two", "three")
    assert "".join(wrap("x" * 60, 40, fonts(), 8)) == "x" * 60


@pytest.mark.parametrize("width", [0.0, -8.0, 1.0])
def test_wrap_into_no_room_ends_with_a_character_a_line(width):
    # A column squeezed to nothing (a crowded pocket week) once looped forever here.
    assert wrap("Row it", width, fonts(), 10) == ("R", "o", "w", "i", "t")
