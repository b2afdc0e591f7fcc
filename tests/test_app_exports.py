"""The CSV exports of Strong, Hevy and FitNotes, read as the apps write them: the Last line
each exercise gets, what is left out, and the names that map to nothing."""

import shutil
from pathlib import Path

import pytest

from pdfcheck import open_pdf, text_of
from runprint.cli import main
from runprint.errors import RunprintError
from runprint.history import reading_notes
from runprint.last_time import last_session, last_text
from runprint.library import Library
from runprint.pipeline import load_history

APPS = Path(__file__).resolve().parent / "data" / "history"   # names.yaml there maps the apps' own names


@pytest.fixture(scope="module")
def library():
    return Library.default(cwd=APPS)


def lasts(library, name, units="kg"):
    h = load_history(APPS / name, library)
    ids = dict.fromkeys(e.exercise for e in h.entries)
    measures = {ex: library.exercise(ex).measure for ex in ids}
    return h, {ex: last_text(last_session(h, ex), measures[ex], units) for ex in ids}


def test_strong(library):
    h, last = lasts(library, "strong.csv")
    assert h.app == "Strong"
    assert last == {"push-up": "Last (2026-11-24): 16, 14, 11 · RPE 8, 9, 9.5",
                    "lateral-raise": "Last (2026-11-24): 12, 10 @ 8 kg",   # no unit in the file: the card's
                    "plank": "Last (2026-11-24): 45, 40 s"}
    assert dict(h.skipped) == {"warm-up set": 2, "rest timer": 1, "drop set": 1}
    assert reading_notes(h) == [f'{APPS / "strong.csv"}: no exercise is called "Cable Crossover" (2 rows, left out); '
                                'map it in names.yaml: "Cable Crossover": exercise-id']


def test_strong_with_semicolons_a_bom_and_workout_numbers(library):
    h, last = lasts(library, "strong-semicolon.csv", units="lb")
    assert last == {"goblet-squat": "Last (2026-11-23): 10, 9, 8 @ 24 kg",    # the header's kg over the card's lb
                    "farmers-carry": "Last (2026-11-20): 40, 40 m @ 24 kg"}   # 0,04 km
    assert dict(h.skipped) == {"warm-up set": 1, "rest timer": 1} and reading_notes(h) == []


def test_strong_in_pounds_keeps_a_failure_set(library):
    _, last = lasts(library, "strong-lbs.csv")
    assert last == {"pull-up": "Last (2026-11-24): 8, 7",
                    "bent-over-row": "Last (2026-11-24): 10, 10, 9 @ 45 lb · RPE 8, 8.5, 10"}


def test_hevy(library):
    h, last = lasts(library, "hevy.csv")
    assert h.app == "Hevy"
    assert last["goblet-squat"] == ("Last (2026-11-24): 5 @ 28, 3 @ 30, 6 @ 32, 10 @ 20, 10 @ 20, 9 @ 20 kg"
                                    " · RPE 7, 8, 10, –, –, –")
    assert last["side-plank"] == "Last (2026-11-24): 30, 35 s"
    assert dict(h.skipped) == {"warm-up set": 1, "drop set": 1}
    assert [(e.set, e.block) for e in last_session(h, "goblet-squat")][:4] == [(1, 1), (2, 1), (3, 1), (1, 2)]
    assert reading_notes(h) == [f'{APPS / "hevy.csv"}: no exercise is called "Treadmill Run" (1 row, left out); '
                                'map it in names.yaml: "Treadmill Run": exercise-id']


def test_hevy_in_pounds_and_miles(library):
    _, last = lasts(library, "hevy-lbs.csv")
    assert last == {"farmers-carry": "Last (2026-11-24): 40.2, 40.2 m @ 50 lb",
                    "lateral-raise": "Last (2026-11-24): 12, 11 @ 15 lb"}


def test_fitnotes(library):
    h, last = lasts(library, "fitnotes.csv")
    assert h.app == "FitNotes"
    assert last == {"shoulder-press": "Last (2026-11-24): 10, 9, 8 @ 14 kg",
                    "plank": "Last (2026-11-24): 60, 50 s",
                    "farmers-carry": "Last (2026-11-24): 40, 40 m @ 24 kg",
                    "bench-press": "Last (2026-11-24): 5 @ 60 kg"}       # by the exercise's alias
    assert reading_notes(h) == [f'{APPS / "fitnotes.csv"}: no exercise is called "Seated Cable Row" '
                                '(1 row, left out); did you mean band-row? map it in names.yaml: '
                                '"Seated Cable Row": band-row']


def test_fitnotes_with_a_weight_unit_column(library):
    _, last = lasts(library, "fitnotes-units.csv")
    assert last == {"dumbbell-row": "Last (2026-11-24): 10 @ 50, 8 @ 55 lb",
                    "suitcase-carry": "Last (2026-11-24): 30 m @ 40 lb"}


def test_a_card_from_an_app_export_names_what_it_left_out(runner, tmp_path):
    shutil.copy(APPS / "names.yaml", tmp_path / "names.yaml")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "upper.yaml").write_text(
        "title: Upper\nsessions:\n  - name: Upper\n    exercises:\n      - exercise: push-up\n        do: 3x12\n"
        "      - exercise: lateral-raise\n        do: 2x12\n")
    out = tmp_path / "card.pdf"
    result = runner.invoke(main, ["card", "upper", "--library", str(tmp_path), "--history", str(APPS / "strong.csv"),
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = text_of(open_pdf(out.read_bytes()).pages[0])
    assert "Last (2026-11-24): 16, 14, 11 · RPE 8, 9, 9.5" in text and "Last (2026-11-24): 12, 10 @ 8 kg" in text
    assert sum("Cable Crossover" in line for line in result.stderr.splitlines()) == 1


def test_a_name_mapped_to_no_exercise_is_an_error(tmp_path):
    (tmp_path / "names.yaml").write_text('"Push Up": push-up\n"Lateral Raise (Dumbbell)": lateral-rise\n')
    with pytest.raises(RunprintError) as exc:
        load_history(APPS / "strong.csv", Library.default(cwd=tmp_path))
    assert [str(p) for p in exc.value.problems] == [
        f"{tmp_path / 'names.yaml'}:2: Lateral Raise (Dumbbell): 'lateral-rise' is not an exercise id\n"
        "  hint: did you mean 'lateral-raise'?"]


def test_a_bad_number_in_an_export_names_its_row_and_column(tmp_path, library):
    bad = tmp_path / "strong.csv"
    bad.write_text((APPS / "strong.csv").read_text().replace("Push Up,2,0,12,", "Push Up,2,0,twelve,"))
    with pytest.raises(RunprintError) as exc:
        load_history(bad, library)
    assert [str(p) for p in exc.value.problems] == [
        f"{bad}:3: Reps: 'twelve' is not a number\n  hint: write a number here, as the app does, e.g. 10 or 102.5"]


def test_the_history_command_shows_what_was_read_and_what_was_left_out(runner, tmp_path):
    shutil.copy(APPS / "names.yaml", tmp_path / "names.yaml")
    result = runner.invoke(main, ["history", str(APPS / "hevy.csv"), "--library", str(tmp_path)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{APPS / 'hevy.csv'}: a Hevy export, 11 sets read",
        "goblet-squat  last 2026-11-24: 5 @ 28, 3 @ 30, 6 @ 32 kg · RPE 7, 8, 10; then 10, 10, 9 @ 20 kg  (2 sessions)",
        "side-plank    last 2026-11-24: 30, 35 s  (1 session)",
        "left out: 1 warm-up set, 1 drop set",
        'left out: "Treadmill Run" (1 row): no exercise by that name (map it in names.yaml)']


def test_the_history_command_groups_a_clubs_file_by_athlete(runner, tmp_path):
    log = tmp_path / "club.csv"
    log.write_text("athlete,date,exercise,set,reps,load,notes\nAna,2026-11-24,push-up,1,10,,easy\n"
                   "Ben,2026-11-20,goblet-squat,1,8,12,\nBen,2026-11-24,goblet-squat,1,9,12,\n")
    result = runner.invoke(main, ["history", str(log)], catch_exceptions=False)
    assert result.stdout.splitlines() == [
        f"{log}: a runprint history, 3 sets read", "Ana:", "  push-up  last 2026-11-24: 10  (1 session)",
        "Ben:", "  goblet-squat  last 2026-11-24: 9 @ 12  (2 sessions)",
        "loads without units take the card's units (--units, or the template's)",
        "not read: the columns notes"]


def test_the_history_command_asks_for_the_date_format_when_it_must(runner, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,set,reps\n03/04/2026,push-up,1,10\n")
    result = runner.invoke(main, ["history", str(log)])
    assert result.exit_code == 1 and "--date-format mdy" in result.stderr
    result = runner.invoke(main, ["history", str(log), "--date-format", "mdy"])
    assert "push-up  last 2026-03-04: 10  (1 session)" in result.stdout


def test_a_log_of_runprints_own_with_an_apps_column_is_read_as_runprints(tmp_path, library):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,category,set,reps\n2026-11-24,push-up,chest,1,10\n")
    h = load_history(log, library)
    assert h.app == "" and h.unused == ("category",)


def test_sets_past_the_twentieth_are_left_out_and_counted(tmp_path, library):
    export = tmp_path / "strong.csv"
    export.write_text("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n" + "".join(
        f"2026-11-24 07:00:00,Grease the groove,3h,Pull Up,{n},0,2,0,0,\n" for n in range(1, 23)))
    h = load_history(export, library)
    assert len(last_session(h, "pull-up")) == 20
    assert dict(h.skipped) == {"set after the 20th of an exercise in a workout": 2}


def test_the_history_command_keeps_each_labelled_items_sets_apart(runner, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,label,set,reps,load\n2026-11-24,goblet-squat,1,1,5,30 kg\n"
                   "2026-11-24,goblet-squat,1,2,3,32 kg\n2026-11-24,goblet-squat,3,1,10,20 kg\n")
    result = runner.invoke(main, ["history", str(log)], catch_exceptions=False)
    assert result.stdout.splitlines()[1] == \
        "goblet-squat  last 2026-11-24: item 1: 5 @ 30, 3 @ 32 kg; item 3: 10 @ 20 kg  (1 session)"


def test_fitnotes_in_pounds_and_yards(library):
    _, last = lasts(library, "fitnotes-lbs.csv")
    assert last == {"goblet-squat": "Last (2026-11-22): 12 @ 45, 10 @ 50 lb",
                    "suitcase-carry": "Last (2026-11-22): 54.9 m @ 35 lb"}


def test_an_apps_name_with_its_words_in_another_order_finds_the_exercise(tmp_path):
    export = tmp_path / "hevy.csv"
    export.write_text("title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,"
                      "set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n"
                      "Pull,2026-11-24 17:15:00,,,Deadlift (Barbell),,,0,normal,140,5,,,\n"
                      "Pull,2026-11-24 17:15:00,,,Lateral Raise (Dumbbell),,,0,normal,8,12,,,\n")
    h = load_history(export, Library.default(cwd=tmp_path))   # no names.yaml: the exercises' aliases do it
    assert [(e.exercise, e.load) for e in h.entries] == [("deadlift", "140 kg"), ("lateral-raise", "8 kg")]
    assert h.unmapped == ()
