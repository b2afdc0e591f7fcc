"""The log grid says where its cells are, so that a photo of a filled card can be read back."""

from runprint.layout.geometry import Box, Cell
from runprint.pipeline import Options, Run


def _pages(template="upper-body-runners", **options):
    return Run.open(template, options=Options(**options)).pages_for().pages


def _grids(page):
    return [op for op in page.ops if op.__class__ is Box and op.width == 0.6]


def test_every_cell_lies_inside_a_grid_box_on_its_page():
    for page in _pages() + _pages("main-lifts", two_up=True, paper="letter"):
        boxes = _grids(page)
        cells = [op for op in page.ops if op.__class__ is Cell]
        assert cells
        for cell in cells:
            assert any(b.x - 0.01 <= cell.x and cell.x + cell.w <= b.x + b.w + 0.01
                       and b.y - 0.01 <= cell.y and cell.y + cell.h <= b.y + b.h + 0.01 for b in boxes), cell


def test_each_item_logs_a_cell_per_set_week_and_kind_and_none_overlap():
    page = _pages()[0]
    cells = [op for op in page.ops if op.__class__ is Cell]
    keys = {(c.item, c.set, c.week, c.kind) for c in cells}
    assert len(keys) == len(cells)
    assert {c.week for c in cells} == {1, 2, 3, 4}
    assert {c.kind for c in cells} >= {"reps", "kg"}
    first = [c for c in cells if c.item == "1"]
    assert {c.set for c in first} == {1, 2, 3} and {c.exercise for c in first} == {"superman"}
    for a in cells:
        for b in cells:
            if a is not b:
                overlap_w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
                overlap_h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
                assert overlap_w < 0.01 or overlap_h < 0.01, (a, b)
