"""Geometry without a PDF: a block's height bounds what it draws, everything inside the
margins, and every page used well (grids fill their width, rows grow, logs balance)."""

from pathlib import Path

import pytest

from runprint.layout import card as layout_card
from runprint.layout.blocks import Laid, fit, flow, Frame
from runprint.layout.geometry import flat, MARGIN_PT, MIN_BODY_PT, Box, Line, Page, Text, wrap
from runprint.layout.grid import grid, natural_columns
from runprint.layout.item import ITEM_GAP_PT, WHOLE, item_block, item_text
from runprint.library import Library
from runprint.pipeline import Options, Run
from runprint.plan import coerce_params, plan_sessions
from runprint.render import fonts

LIBRARY = Library.default(cwd=Path("/nonexistent"))


def sessions(**params):
    for name in ("upper-body-runners", "runner-strength"):
        template = LIBRARY.template(name)
        yield from plan_sessions(template, LIBRARY, coerce_params(template, params))


def _lowest_pt(op) -> float:
    if isinstance(op, Text):
        return op.y - 0.25 * op.size  # the descenders
    if isinstance(op, Line):
        return min(op.y1, op.y2)
    return op.y  # Box, QR


@pytest.mark.parametrize("style", layout_card.STYLES[::5], ids=str)
def test_an_item_takes_the_height_it_says_and_nothing_more(style):
    """A laid block's height is the room the next block starts below: every mark of the item is
    above it, and the lowest comes within the gap of it."""
    for session in sessions():
        columns = natural_columns(session, style.cell_pt, fonts())
        text_w = 540.0 if style.stacked else 540.0 - columns.width_pt - 10
        for item in session.items:
            laid_grid = grid(item, columns, style.cell_pt, style.row_pt, session.units, fonts())
            laid = item_block(item_text(item, text_w, style, WHOLE, fonts()), laid_grid, style,
                              0.0 if style.stacked else 540.0 - columns.width_pt)
            lowest = min(_lowest_pt(op) for op in flat(laid.ops))
            assert -laid.height <= lowest <= -laid.height + ITEM_GAP_PT + 2, item.exercise.id


def pages_of(name: str, paper: str = "letter", **options) -> list[Page]:
    template = LIBRARY.template(name)
    return Run(template, LIBRARY, {}, Options(paper, **options), from_command_line=False).pages_for().pages


def assert_inside(page: Page):
    for op in page.ops:
        if isinstance(op, Text):
            assert op.size >= MIN_BODY_PT
            width = fonts().width(op.text, op.bold, op.size)
            left = op.x - {"left": 0, "center": width / 2, "right": width}[op.align]
            assert MARGIN_PT - 0.01 <= left and left + width <= page.width - MARGIN_PT + 0.01, op
            assert MARGIN_PT <= op.y <= page.height - MARGIN_PT, op
        elif isinstance(op, (Line, Box)):
            xs = (op.x1, op.x2) if isinstance(op, Line) else (op.x, op.x + op.w)
            assert min(xs) >= MARGIN_PT * 0.85 - 0.01 and max(xs) <= page.width - MARGIN_PT * 0.85 + 0.01, op


@pytest.mark.parametrize("paper", ["letter", "a4", "a5", "half-letter"])
@pytest.mark.parametrize("name", ["upper-body-runners", "runner-strength"])
def test_every_op_inside_the_margins_and_type_at_least_7pt(name, paper):
    for page in pages_of(name, paper):
        assert_inside(page)


def test_the_upper_body_card_is_not_set_smaller_than_it_needs():
    """The fit keeps the most comfortable style that fits: 8 pt on Letter, larger on A4."""
    def step_size(paper):
        return min(op.size for op in pages_of("upper-body-runners", paper)[0].ops
                   if isinstance(op, Text) and op.text.startswith("1."))
    assert step_size("letter") >= 8.0 and step_size("a4") >= step_size("letter")


def grid_boxes(page: Page) -> list[Box]:
    return [op for op in page.ops if isinstance(op, Box) and op.width == 0.6]


@pytest.mark.parametrize("paper", ["a5", "half-letter"])
def test_a_grid_under_the_text_fills_the_width_of_a_pocket_page(paper):
    pages = pages_of("upper-body-runners", paper)
    right = pages[0].width - MARGIN_PT
    for page in pages:
        for box in grid_boxes(page):
            assert box.x + box.w == pytest.approx(right, abs=0.5)


def test_a_one_week_log_is_not_a_narrow_box_in_a_wide_column():
    template = LIBRARY.template("upper-body-runners")
    page = Run(template, LIBRARY, {"log_weeks": 1}, Options()).pages_for().pages[0]
    content = page.width - 2 * MARGIN_PT
    assert all(box.w + 13 >= 0.4 * content - 0.5 for box in grid_boxes(page))  # the set column is 13 pt


def row_heights(page: Page) -> set[float]:
    """The height of a grid's rows: its box over its rows, read from its inner lines."""
    out = set()
    for box in grid_boxes(page):
        ys = sorted({op.y1 for op in page.ops if isinstance(op, Line) and op.y1 == op.y2
                     and box.x <= op.x1 < box.x + box.w and box.y < op.y1 < box.y + box.h})
        if ys:
            out.add(round(ys[0] - box.y, 1))
    return out


def test_log_pages_share_the_items_and_grow_their_rows_into_the_room():
    pages = pages_of("upper-body-runners", "a5")
    card = [p for p in pages if "how to do" not in " ".join(op.text for op in p.ops if isinstance(op, Text))]
    counts = [len(grid_boxes(page)) for page in card]
    assert len(card) == 3 and max(counts) - min(counts) <= 1, counts
    assert min(min(row_heights(page)) for page in card) > 14.0  # grown from the tightest style's rows


def test_later_pages_carry_the_athlete_and_the_weeks():
    template = LIBRARY.template("upper-body-runners")
    pages = Run(template, LIBRARY, {"athlete": "Ana"}, Options("a5")).pages_for().pages
    assert len(pages) > 2
    for page in pages[1:]:
        small = [op.text for op in page.ops if isinstance(op, Text) and op.size == 8.0 and op.align == "right"]
        assert any(text.startswith("Ana · weeks 1-4") for text in small), small


def test_a_hebrew_title_is_set_right_to_left_on_the_card_and_the_week(tmp_path):
    from runprint.layout.header import Heading, heading

    laid = heading(Heading("כוח לרצים", "The week", "", "Week of"), 500.0, fonts())
    title = next(op for op in laid.ops if isinstance(op, Text) and op.size == 14)
    assert title.align == "right" and title.x == 500.0


def test_flow_moves_to_a_new_page_and_fit_stops_at_the_fewest_pages():
    made = []

    def new_page(number):
        made.append(number)
        return Page(100, 100), [Frame(0, 100, 100, 0)]

    blocks = [lambda w: Laid(40.0, (Text(0, -10, "x", 8),))] * 5
    assert len(flow(blocks, new_page).pages) == 3 and made == [0, 1, 2]
    assert flow(blocks, new_page, max_pages=2) is None
    assert flow([lambda w: Laid(120.0)], new_page) is None  # taller than an empty frame
    tried = []

    def attempt(style, fewest):
        tried.append(style)
        return [None] * {"roomy": 3, "middle": 2, "tight": 2}[style]

    assert fit(["roomy", "middle", "tight"], attempt) == ("middle", [None, None])
    assert tried == ["tight", "roomy", "middle"]  # the tightest says how few; then the first to reach it


def test_wrap_breaks_words_only_when_a_word_is_wider_than_the_line():
    assert wrap("one two three", 40, fonts(), 8) == ("one two", "three")
    assert "".join(wrap("x" * 60, 40, fonts(), 8)) == "x" * 60


@pytest.mark.parametrize("width", [0.0, -8.0, 1.0])
def test_wrap_into_no_room_ends_with_a_character_a_line(width):
    # A column squeezed to nothing (a crowded pocket week) once looped forever here.
    assert wrap("Row it", width, fonts(), 10) == ("R", "o", "w", "i", "t")
