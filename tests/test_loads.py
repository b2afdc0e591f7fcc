"""Loads worked out from a training max: the arithmetic, the words around it, and the card."""

from decimal import Decimal
from pathlib import Path

import pytest

from pdfcheck import open_pdf, text_of
from runprint.errors import RunprintError
from runprint.library import Library
from runprint.loads import parse_max, resolve_load
from runprint.model import Source
from runprint.pipeline import render_card

ITEM = Source("t.yaml", 7, "sessions[0].exercises[0]", (("exercise", 7), ("max", 9), ("load", 10)))


@pytest.mark.parametrize("spec,maximum,units,plate,expected", [
    ("75%", "100", "kg", None, "75 kg"),
    ("70%", "142", "kg", None, "100 kg"),           # 99.4 rounds to the nearest 2.5: 100
    ("70%", "142 kg", "KG", "", "100 kg"),
    ("85%", "120", "kg", None, "102.5 kg"),          # a half plate stays: no ".0", no rounding it away
    ("75%", "225lb", "lb", None, "170 lb"),          # 168.75 to the nearest 5 lb
    ("75%", "225 lbs", "lbs", None, "170 lb"),
    ("75%", 102.5, "kg", 1.25, "77.5 kg"),
    ("62.5%", "100", "kg", 1, "63 kg"),              # a half rounds up
    ("75%", "", "kg", None, ""),                     # blank max: written by hand
    ("75%", "0", "kg", None, ""),                    # zero max: the same
    ("12 kg", "", "kg", None, "12 kg"),              # text stays text
    ("bodyweight", "100", "kg", None, "bodyweight"),
    ("40", None, "kg", None, "40 kg"),                # a bare number is in the card's units: it says so
    ("42.5", None, "lbs", None, "42.5 lb"),
    ("40", None, "", None, "40"),                    # no units to name: as written
    ("+10", None, "kg", None, "+10"),                # anything with more than digits stays as written
])
def test_a_share_of_max_to_the_nearest_plate(spec, maximum, units, plate, expected):
    assert resolve_load(spec, maximum, units, plate, ITEM) == expected


@pytest.mark.parametrize("spec,maximum,units,expected", [
    ("75%", "225lb", "kg", "t.yaml:9: sessions[0].exercises[0].max: the max '225lb' is in lb but the units are kg\n"
                           "  hint: write the max in kg, or set units to lb: runprint does not convert"),
    ("75%", "heavy", "kg", "t.yaml:9: sessions[0].exercises[0].max: 'heavy' is not a training max\n"
                           "  hint: write the max as a number, e.g. 100, 100 kg or 225 lb"),
    ("75 %%", "100", "kg", "t.yaml:10: sessions[0].exercises[0].load: cannot read '75 %%' as a share of max\n"
                           "  hint: write a percentage such as 75%"),
    ("750%", "100", "kg", "t.yaml:10: sessions[0].exercises[0].load: 750% of a max is outside 1-150%\n"
                          "  hint: check for a typo, e.g. 75%"),
    ("75%", None, "kg", "t.yaml:10: sessions[0].exercises[0].load: '75%' is a share of max, but this item has "
                        "no max\n  hint: add a line such as 'max: \"{{ squat_max }}\"' to the item"),
])
def test_what_cannot_be_worked_out_is_an_error_at_its_line(spec, maximum, units, expected):
    with pytest.raises(RunprintError) as exc:
        resolve_load(spec, maximum, units, None, ITEM)
    assert str(exc.value) == expected


def test_maxes_as_people_write_them():
    assert parse_max("100", "kg") == Decimal(100)
    assert parse_max(" 102,5 kg ", "kg") == Decimal("102.5")
    assert parse_max("225lb", "lb") == Decimal(225)
    assert parse_max(None, "kg") is None and parse_max("0", "kg") is None


TEMPLATE = """\
title: "Strength, week {{ week }}"
params: {athlete: "", week: 1, units: kg, squat_max: "", row_max: ""}
sessions:
  - id: day
    name: Legs and back
    exercises:
      - exercise: goblet-squat
        do: 3x5
        max: "{{ squat_max }}"
        load: "{{ 60 + 5 * week }}%"
      - exercise: dumbbell-row
        do: 3x10/side
        max: "{{ row_max }}"
        load: 75%
"""


@pytest.fixture
def template(tmp_path) -> Path:
    path = tmp_path / "strength.yaml"
    path.write_text(TEMPLATE)
    return path


def test_each_week_of_the_log_shows_that_weeks_load(template):
    library = Library.default(cwd=Path("/nonexistent"))
    pdf = open_pdf(render_card(str(template), {"squat_max": "100", "row_max": "40 kg"}, library=library))
    text = text_of(pdf.pages[0])
    assert "load 65 kg" in text                                  # week 1: 65% of 100
    for week, load in zip(range(1, 5), ("65", "70", "75", "80")):
        assert f"3 × 5 @ {load} kg" in text, week
    assert "load 30 kg" in text                                  # 75% of 40


def test_blank_maxes_leave_the_loads_to_write_in(template):
    library = Library.default(cwd=Path("/nonexistent"))
    text = text_of(open_pdf(render_card(str(template), {}, library=library)).pages[0])
    assert "load" not in text and "@" not in text
    assert text.count("kg reps") == 8                            # the load cells are there to fill in


def test_a_lb_athlete_rounds_to_5_lb(template):
    library = Library.default(cwd=Path("/nonexistent"))
    params = {"units": "lb", "squat_max": "225 lb", "row_max": "90"}
    text = text_of(open_pdf(render_card(str(template), params, library=library)).pages[0])
    assert "load 145 lb" in text and "load 70 lb" in text        # 146.25 -> 145; 67.5 -> 70


def test_a_max_in_the_wrong_units_names_the_param(template):
    library = Library.default(cwd=Path("/nonexistent"))
    with pytest.raises(RunprintError) as exc:
        render_card(str(template), {"squat_max": "225lb"}, library=library)
    assert str(exc.value) == ("--set: squat_max: the max '225lb' is in lb but the units are kg\n"
                              "  hint: write the max in kg, or set units to lb: runprint does not convert")
