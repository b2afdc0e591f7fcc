"""Sets that differ: pyramids, 5+ sets, a load per set, effort and split sides, as planned."""

import re
from pathlib import Path

import pytest

from runprint.errors import RunprintError
from runprint.library import Library
from runprint.model import Exercise, Item, Source
from runprint.plan import coerce_params, plan_sessions
from runprint.prescription import prescribe

PLAIN = Exercise("x", "X", "core", ("a",))
SIDED = PLAIN._replace(per_side=True)
TIMED = PLAIN._replace(measure="time")  # a reps exercise given seconds is refused


def presc(do=None, exercise=None, **keys):
    timed = keys.get("time") is not None or re.search(r"\d\s*(s|sec|min)\b", do or "")
    exercise = exercise or (TIMED if timed else PLAIN)
    return prescribe(Item("x", Source("t.yaml", 1, "item"), do=do, **keys), exercise, {})


@pytest.mark.parametrize("do,text,labels", [
    ("3x10", "3 × 10", ["10", "10", "10"]),
    ("3x8-12", "3 × 8–12", ["8–12"] * 3),
    ("12,10,8", "3 sets: 12, 10, 8", ["12", "10", "8"]),
    ("12, 10, 8", "3 sets: 12, 10, 8", ["12", "10", "8"]),
    ("3x5+", "3 × 5, last set max", ["5", "5", "5+"]),
    ("5,5,5+", "3 × 5, last set max", ["5", "5", "5+"]),
    ("5,3,1+", "3 sets: 5, 3, 1+", ["5", "3", "1+"]),
    ("1x5+", "1 set: 5+", ["5+"]),
    ("30,45,60s", "3 sets: 30, 45, 60 s", ["30", "45", "60"]),
    ("12,10,8/leg", "3 sets: 12, 10, 8/leg", ["12", "10", "8"]),
    ("10,10", "2 × 10", ["10", "10"]),
])
def test_set_shapes_read_like_a_coach_writes_them(do, text, labels):
    p = presc(do)
    assert p.text == text
    assert [t.label for t in p.targets] == labels
    assert p.sets == len(labels)


def test_plain_sets_keep_no_shape():
    assert presc("3x10").shape == () and presc("3x8-12").shape == ()


def test_separate_keys_take_the_same_shapes():
    assert presc(sets="3", reps="12,10,8").text == "3 sets: 12, 10, 8"
    assert presc(sets="3", reps="5+").text == "3 × 5, last set max"


@pytest.mark.parametrize("keys,message", [
    ({"do": "3x8-12+"}, "'8-12+' is both a range and 'as many as possible'"),
    ({"do": "12,10,"}, "cannot read '12,10,' as sets x reps"),
    ({"do": "12,0,8"}, "0 reps is outside 1-200"),
    ({"sets": "2", "reps": "12,10,8"}, "3 numbers for 2 sets"),
])
def test_bad_set_shapes_say_what_is_wrong(keys, message):
    with pytest.raises(RunprintError) as exc:
        presc(**keys)
    assert exc.value.problems[0].message == message


@pytest.fixture(scope="module")
def library():
    return Library.default(cwd=Path("/nonexistent"))


def plan(tmp_path, library, text, effort=None, **params):
    path = tmp_path / "t.yaml"
    path.write_text(text)
    template = library.template(str(path))
    return plan_sessions(template, library, coerce_params(template, params), effort=effort)[0].items


PER_SET = """title: T
effort: rir
sessions:
  - name: Main
    effort: rpe
    exercises:
      - exercise: goblet-squat
        do: 5,3,1+
        load: [60 kg, 70 kg, "{{ top }}"]
        effort: none
      - exercise: dumbbell-row
        do: 3x10/side
        load: [20 kg, 20 kg, 20 kg]
        sides: split
      - exercise: push-up
        do: 3x10
  - name: Other
    exercises:
      - exercise: push-up
        do: 3x10
"""


def test_each_set_row_gets_its_target_and_load(tmp_path, library):
    squat, row, push = plan(tmp_path, library, PER_SET, top="80 kg")
    assert squat.set_labels == ("5 @ 60 kg", "3 @ 70 kg", "1+ @ 80 kg")
    assert squat.set_loads == ("60 kg", "70 kg", "80 kg") and squat.load is None
    assert squat.load_text == "60, 70, 80 kg"
    assert row.set_labels is None and row.load == "20 kg"   # the same load every set is one load
    assert push.set_labels is None


def test_effort_nearest_wins_and_the_command_line_wins_over_all(tmp_path, library):
    squat, row, push = plan(tmp_path, library, PER_SET, top="")
    assert (squat.effort, row.effort, push.effort) == (None, "RPE", "RPE")
    squat, row, push = plan(tmp_path, library, PER_SET, effort="rir", top="")
    assert (squat.effort, row.effort, push.effort) == ("RIR", "RIR", "RIR")
    squat, row, push = plan(tmp_path, library, PER_SET, effort="none", top="")
    assert (squat.effort, row.effort, push.effort) == (None, None, None)


def test_the_template_effort_reaches_a_session_without_its_own(tmp_path, library):
    path = tmp_path / "t.yaml"
    path.write_text(PER_SET)
    template = library.template(str(path))
    other = plan_sessions(template, library, coerce_params(template, {"top": ""}))[1]
    assert other.items[0].effort == "RIR"


def test_split_sides(tmp_path, library):
    _, row, push = plan(tmp_path, library, PER_SET, top="")
    assert row.split and not push.split


def test_a_load_per_set_follows_each_week(tmp_path, library):
    text = """title: T
params: {week: 1, log_weeks: 2}
sessions:
  - name: Main
    exercises:
      - exercise: goblet-squat
        do: "{{ ['5,5,5+', '3,3,3+'][week - 1] }}"
        load: ["{{ 50 + week * 10 }} kg", 70 kg, 80 kg]
"""
    (squat,) = plan(tmp_path, library, text)
    assert squat.week_targets == ("5 @ 60, 5 @ 70, 5+ @ 80 kg", "3 @ 70, 3 @ 70, 3+ @ 80 kg")
    assert squat.set_labels is None  # the rows would be right for one week only: each week's head says it


FIVE_THREE_ONE = """title: T
params: {units: kg, squat_max: ""}
sessions:
  - name: Main
    exercises:
      - exercise: goblet-squat
        do: 5,3,1+
        max: "{{ squat_max }}"
        load: [65%, 75%, 85%]
"""


@pytest.mark.parametrize("params,labels", [
    ({"squat_max": "100"}, ("5 @ 65 kg", "3 @ 75 kg", "1+ @ 85 kg")),
    ({"squat_max": "142 kg"}, ("5 @ 92.5 kg", "3 @ 107.5 kg", "1+ @ 120 kg")),
    ({"squat_max": "225", "units": "lb"}, ("5 @ 145 lb", "3 @ 170 lb", "1+ @ 190 lb")),
    ({"squat_max": ""}, ("5", "3", "1+")),   # no max yet: the loads are written in by hand
])
def test_a_share_of_max_per_set_is_worked_out_and_rounded_to_a_plate(tmp_path, library, params, labels):
    (squat,) = plan(tmp_path, library, FIVE_THREE_ONE, **params)
    assert squat.set_labels == labels
