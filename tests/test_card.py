"""The session card, read back as a person would see it on paper."""

import pytest

from pdfcheck import assert_printable, open_pdf, squash, text_of, words
from runprint.library import Library
from runprint.plan import coerce_params, plan_sessions
from runprint.pipeline import render_card

BUILT_IN = [("upper-body-runners", "upper-body"), ("runner-strength", "day-1"), ("runner-strength", "day-2"),
            ("main-lifts", "squat-day"), ("main-lifts", "bench-day"), ("main-lifts", "deadlift-day"),
            ("main-lifts", "press-day")]


@pytest.fixture(scope="module")
def library():
    return Library.default(cwd=__import__("pathlib").Path("/nonexistent"))


@pytest.fixture(scope="module")
def cards(library):
    """Every built-in session on both papers, rendered once for the module."""
    out = {}
    for name, session in BUILT_IN:
        for paper in ("letter", "a4"):
            out[name, session, paper] = render_card(name, library=library, paper=paper, sessions=(session,))
    return out


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name,session", BUILT_IN)
def test_every_built_in_session_is_one_printable_page(cards, library, name, session, paper):
    pdf = open_pdf(cards[name, session, paper])
    assert len(pdf.pages) == 1
    page = pdf.pages[0]
    expected = (612, 792) if paper == "letter" else (595.3, 841.9)
    assert (round(page.width, 1), round(page.height, 1)) == pytest.approx(expected, abs=0.2)
    assert_printable(page)


@pytest.mark.parametrize("name,session", BUILT_IN)
def test_every_step_and_cue_is_printed_in_order(cards, library, name, session):
    template = library.template(name)
    planned = plan_sessions(template, library, coerce_params(template, {}), (session,))[0]
    for paper in ("letter", "a4"):
        text = text_of(open_pdf(cards[name, session, paper]).pages[0])
        position = 0
        for item in planned.items:
            for piece in (item.exercise.name, item.prescription.text, *item.exercise.steps, *item.exercise.cues):
                found = text.find(squash(piece), position)
                assert found >= 0, f"{paper}: {piece!r} missing or out of order"
                position = found


def test_card_header_has_title_session_athlete_and_one_place_for_each_date(library):
    pdf = open_pdf(render_card("runner-strength", {"athlete": "Ana Runner", "week": "3"}, library=library,
                               sessions=("day-2",)))
    text = text_of(pdf.pages[0])
    assert text.startswith("Runner strength, week 3 Full-body integration Athlete: Ana Runner Rest 60-90 s")
    assert "Week 3 date Week 4 date Week 5 date Week 6 date" in text
    assert "Date" not in text  # the week columns' date fields are the only ones


def test_prescriptions_read_like_a_coach_writes_them(cards):
    text = text_of(open_pdf(cards["runner-strength", "day-2", "letter"]).pages[0])
    for expected in ("3 × 10", "3 × 8/leg", "3 × 40 m", "3 × 30 s/side", "3 × 20 m/side", "2 × 8"):
        assert expected in text


def test_grid_has_a_row_per_set_and_writable_cells(cards):
    page = open_pdf(cards["upper-body-runners", "upper-body", "letter"]).pages[0]
    cells = [r for r in page.rects if 100 < r["width"] < 400]
    assert len(cells) == 11
    for grid in cells:
        assert grid["height"] >= 3 * 14 - 0.1
    set_labels = [w for w in words(page) if w["text"] in {"1", "2", "3"} and w["x0"] > 300]
    assert len(set_labels) >= 33


def test_bodyweight_items_have_no_load_cell(cards):
    page = open_pdf(cards["runner-strength", "day-1", "letter"]).pages[0]
    kg = [w for w in words(page) if w["text"] == "kg"]
    # dumbbell row, shoulder press with rotation, russian twist (weight): 4 weeks each;
    # the other four items are bodyweight and have no load cell
    assert len(kg) == 3 * 4
    assert len({round(w["x0"]) for w in kg}) == 4 and len({round(w["top"]) for w in kg}) == 3


def test_same_input_same_bytes(library):
    first = render_card("upper-body-runners", {"athlete": "Ana"}, library=library)
    second = render_card("upper-body-runners", {"athlete": "Ana"}, library=library)
    assert first == second


def test_pdf_metadata(cards):
    pdf = open_pdf(cards["upper-body-runners", "upper-body", "letter"])
    assert pdf.metadata["Title"] == "Upper body for runners"
    assert pdf.metadata["Creator"].startswith("runprint ")
    assert pdf.metadata["Subject"]


@pytest.mark.parametrize("name", ["Zoë Ångström", "Łukasz Żółć", "Ηλέκτρα", "Алексей"])
def test_any_european_name_prints(library, name):
    pdf = open_pdf(render_card("upper-body-runners", {"athlete": name}, library=library))
    assert f"Athlete: {name}" in text_of(pdf.pages[0])


def test_markup_in_user_text_prints_as_written(library):
    pdf = open_pdf(render_card("upper-body-runners", {"athlete": "<b>Al & Bo</b> <img src=x>"}, library=library))
    assert "<b>Al & Bo</b> <img src=x>" in text_of(pdf.pages[0])


def test_text_is_real_embedded_unicode(cards):
    import pikepdf
    import io

    pdf = pikepdf.open(io.BytesIO(cards["upper-body-runners", "upper-body", "letter"]))
    fonts = pdf.pages[0].Resources.Font
    assert len(fonts.keys()) >= 2
    for key in fonts.keys():
        descriptor = fonts[key].get("/FontDescriptor")
        assert descriptor is not None and "/FontFile2" in descriptor
        assert "/ToUnicode" in fonts[key]


def test_a_roomy_card_also_prints_easier_and_harder(cards, library):
    text = text_of(open_pdf(cards["runner-strength", "day-2", "letter"]).pages[0])
    goblet = library.exercise("goblet-squat")
    assert f"Easier: {goblet.easier}" in text and f"Harder: {goblet.harder}" in text


def test_a_crowded_card_gives_up_the_extras_before_shrinking_type(cards):
    text = text_of(open_pdf(cards["upper-body-runners", "upper-body", "letter"]).pages[0])
    assert "Easier:" not in text


def test_a_packed_heading_with_load_and_cues_never_overlaps(library):
    """Eight log weeks push the grid under the text and pack the steps; the heading then
    carries name, prescription, load and cues at two sizes."""
    data = render_card("runner-strength", {"log_weeks": "8", "row_load": "12.5 kg"}, library=library,
                       sessions=("day-1",))
    page = open_pdf(data).pages[0]
    assert_printable(page)
    assert "load 12.5 kg Cues: Flat back" in text_of(page)
