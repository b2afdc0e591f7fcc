"""Last time's numbers: reading a history file and the Last line it gives each exercise."""

import pytest

from pdfcheck import open_pdf, text_of
from runprint.errors import RunprintError
from runprint.history import for_athlete, read_history
from runprint.last_time import last_session, last_text

KNOWN = {"goblet-squat", "push-up", "plank", "farmers-carry"}


def history(tmp_path, text, name="log.csv"):
    path = tmp_path / name
    path.write_text(text)
    return read_history(path, KNOWN)


def last(h, exercise, measure="reps", units="kg", effort=None):
    return last_text(last_session(h, exercise), measure, units, effort)


def test_the_most_recent_session_of_each_exercise(tmp_path):
    h = history(tmp_path, "date,exercise,set,reps,load\n"
                          "2026-11-17,goblet-squat,1,8,10 kg\n"
                          "2026-11-24,goblet-squat,2,10,12 kg\n"
                          "2026-11-24,goblet-squat,1,10,12 kg\n"
                          "2026-11-24,goblet-squat,3,9,12 kg\n"
                          "2026-11-20,push-up,1,12,\n")
    assert last(h, "goblet-squat") == "Last (2026-11-24): 10, 10, 9 @ 12 kg"
    assert last(h, "push-up") == "Last (2026-11-20): 12"
    assert last(h, "plank") is None


def test_loads_that_differ_per_set_are_each_shown(tmp_path):
    h = history(tmp_path, "Date,Exercise,Set,Reps,Weight,RIR\n"
                          "2026-11-24,goblet-squat,1,5,60,2\n"
                          "2026-11-24,goblet-squat,2,5,65,1\n"
                          "2026-11-24,goblet-squat,3,7,70,0\n")
    assert last(h, "goblet-squat", units="lb", effort="RIR") == \
        "Last (2026-11-24): 5 @ 60, 5 @ 65, 7 @ 70 lb · RIR 2, 1, 0"


def test_headers_match_as_roster_headers_do(tmp_path):
    h = history(tmp_path, " DATE ;Exercise;Set;Reps;Load;Time\n2026-11-24;plank;1;;;45s\n2026-11-24;plank;2;;;1:00\n")
    assert last(h, "plank", measure="time") == "Last (2026-11-24): 45, 60 s"


def test_an_exercise_name_reads_as_its_id(tmp_path):
    h = history(tmp_path, "date,exercise,set,reps\n2026-11-24,Goblet Squat,1,10\n")
    assert last(h, "goblet-squat") == "Last (2026-11-24): 10"


def test_every_bad_row_is_named_with_file_and_row(tmp_path):
    with pytest.raises(RunprintError) as exc:
        history(tmp_path, "date,exercise,set,reps,load\n"
                          "2026-11-24,goblet-squat,1,10,12 kg\n"
                          "2026-11-31,pushup,1,ten,\n"
                          "2026-11-24,goblet-squat,1,10,12 kg\n")
    assert [str(p) for p in exc.value.problems] == [
        f"{tmp_path}/log.csv:3: date: '2026-11-31' is not a date like 2026-11-24\n"
        "  hint: write dates as year-month-day, e.g. 2026-11-24 (11/24/2026 and 24/11/2026 read too)",
        f"{tmp_path}/log.csv:3: exercise: no exercise named 'pushup'\n  hint: did you mean 'push-up'?",
        f"{tmp_path}/log.csv:3: reps: 'ten' is not a number of reps\n"
        "  hint: write the reps done as a whole number, e.g. 10",
        f"{tmp_path}/log.csv:4: set: set 1 of goblet-squat on 2026-11-24 is already on row 2\n"
        "  hint: keep one row per set; for an exercise done twice in a session, a label column (1, A1) "
        "tells the items apart",
    ]


@pytest.mark.parametrize("text,message", [
    ("date,exercise,reps\n2026-11-24,plank,1\n", "no set column"),
    ("date,exercise,set,load\n2026-11-24,plank,1,1\n", "no reps (or time or distance) column"),
    ("date,exercise,set,repz\n2026-11-24,plank,1,1\n", "the column 'repz' is not one runprint reads"),
])
def test_a_missing_or_misspelt_column_is_an_error(tmp_path, text, message):
    with pytest.raises(RunprintError) as exc:
        history(tmp_path, text)
    assert exc.value.problems[0].message == message


def test_a_batch_history_is_split_by_athlete(tmp_path):
    h = history(tmp_path, "athlete,date,exercise,set,reps\n"
                          "Ana,2026-11-24,push-up,1,10\n"
                          "Ben ,2026-11-23,push-up,1,20\n")
    assert last(for_athlete(h, "ana"), "push-up") == "Last (2026-11-24): 10"
    assert last(for_athlete(h, "Ben"), "push-up") == "Last (2026-11-23): 20"
    assert last(for_athlete(h, "Cleo"), "push-up") is None
    with pytest.raises(RunprintError) as exc:
        for_athlete(h, "")
    assert exc.value.problems[0].hint == "name the athlete: --set athlete=NAME"


def test_an_excel_history_reads_like_the_csv(tmp_path):
    import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Exercise", "Set", "Reps", "Notes", "Weight"])
    sheet.append([datetime.datetime(2026, 11, 24), "goblet-squat", 1, 10, "felt good", 12.5])
    sheet.append([datetime.datetime(2026, 11, 24), "goblet-squat", 2, 9.0, None, 12.5])
    book.save(tmp_path / "log.xlsx")
    h = read_history(tmp_path / "log.xlsx", KNOWN)
    assert last(h, "goblet-squat") == "Last (2026-11-24): 10, 9 @ 12.5 kg"
    assert [e.row for e in h.entries] == [2, 3]


def test_an_empty_history_says_what_to_put_in_it(tmp_path):
    with pytest.raises(RunprintError) as exc:
        history(tmp_path, "\n")
    assert exc.value.problems[0].message == "the history is empty"
    assert exc.value.problems[0].hint == \
        "put a header row such as 'date,exercise,set,reps,load' and one row per set done"


def test_a_date_with_a_time_of_day_counts_as_that_day(tmp_path):
    h = history(tmp_path, "date,exercise,set,reps\n2026-11-24 07:30,push-up,1,10\n2026-11-24T18:05:00,push-up,2,9\n")
    assert last(h, "push-up") == "Last (2026-11-24): 10, 9"


def test_a_history_made_in_python_is_split_by_athlete_too():
    from runprint.history import Entry, History

    h = History("log", (Entry("2026-11-24", "push-up", 1, 10, athlete="Ana"),
                        Entry("2026-11-23", "push-up", 1, 20, athlete="Ben")))
    assert last(for_athlete(h, "Ben"), "push-up") == "Last (2026-11-23): 20"


def test_sets_logged_a_side_at_a_time_show_each_side(tmp_path):
    # For `sides: split`: a side column (L, R, left, right) keeps each side's numbers apart.
    h = history(tmp_path, "date,exercise,set,side,reps,load\n"
                          "2026-11-24,farmers-carry,1,R,10,12 kg\n"
                          "2026-11-24,farmers-carry,1,left,10,12 kg\n"
                          "2026-11-24,farmers-carry,2,L,9,12 kg\n"
                          "2026-11-24,farmers-carry,2,r,8,12 kg\n"
                          "2026-11-24,push-up,1,,12,\n")
    assert last(h, "farmers-carry") == "Last (2026-11-24): L 10, 9 · R 10, 8 @ 12 kg"
    assert last(h, "push-up") == "Last (2026-11-24): 12"
    with pytest.raises(RunprintError) as exc:
        history(tmp_path, "date,exercise,set,side,reps\n"
                          "2026-11-24,farmers-carry,1,L,10\n"
                          "2026-11-24,farmers-carry,1,L,9\n"
                          "2026-11-24,farmers-carry,2,both,9\n")
    assert [str(p) for p in exc.value.problems] == [
        f"{tmp_path}/log.csv:3: set: set 1 (L) of farmers-carry on 2026-11-24 is already on row 2\n"
        "  hint: keep one row per set and side; for an exercise done twice in a session, a label column (1, A1) "
        "tells the items apart",
        f"{tmp_path}/log.csv:4: side: 'both' is not a side\n"
        "  hint: write L or R for a set of one side, or leave it empty"]


def test_columns_runprint_does_not_read_are_named_once(runner, in_tmp):
    # A lifter's own log may carry notes; they are not lost silently, nor an error.
    from runprint.cli import main

    (in_tmp / "log.csv").write_text("date,exercise,set,reps,Notes,Felt\n2026-11-24,push-up,1,12,easy,good\n")
    (in_tmp / "club.csv").write_text("athlete\nAna\n")
    for args in (["card", "runner-strength", "--session", "day-1", "-o", "c.pdf"],
                 ["week", "runner-strength", "-o", "w.pdf"],
                 ["batch", "runner-strength", "--roster", "club.csv", "-o", "b.pdf"]):
        result = runner.invoke(main, [*args, "--history", "log.csv"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert result.output.count("note: log.csv: columns runprint does not read: Notes, Felt\n") == 1, args
    assert "Last (2026-11-24): 12" in " ".join(text_of(p) for p in open_pdf((in_tmp / "c.pdf").read_bytes()).pages)


def test_rows_that_name_nobody_are_everyones(tmp_path):
    h = history(tmp_path, "athlete,date,exercise,set,reps\n"
                          "Ana,2026-11-24,push-up,1,10\n"
                          ",2026-11-20,plank,1,5\n")
    assert last(for_athlete(h, "Cleo"), "plank") == "Last (2026-11-20): 5"
    assert last(for_athlete(h, "Ana"), "push-up") == "Last (2026-11-24): 10"


RIR_LOG = "date,exercise,set,reps,load,RIR\n" + "".join(
    f"2026-11-24,push-up,{n},{reps},,{rir}\n" for n, reps, rir in ((1, 12, 3), (2, 10, 2), (3, 9, 0)))


def test_rir_and_rpe_keep_their_own_names(tmp_path):
    h = history(tmp_path, RIR_LOG)
    assert last(h, "push-up", effort="RPE") == "Last (2026-11-24): 12, 10, 9 · RIR 3, 2, 0"
    h = history(tmp_path, "date,exercise,set,reps,rpe\n2026-11-24,push-up,1,5,8.5\n", "rpe.csv")
    assert last(h, "push-up", effort="RIR") == "Last (2026-11-24): 5 · RPE 8.5"
    h = history(tmp_path, "date,exercise,set,reps,effort\n2026-11-24,push-up,1,5,2\n", "effort.csv")
    assert last(h, "push-up", effort="RIR") == "Last (2026-11-24): 5 · RIR 2"   # the card's own scale


PUSHES = "title: Pushes\nparams: {athlete: '', week: 1}\nsessions:\n  - id: main\n    name: Main\n    " \
         "exercises:\n      - exercise: push-up\n        do: 3x10\n        effort: rpe\n"


@pytest.fixture
def pushes(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "pushes.yaml").write_text(PUSHES)
    return tmp_path


def card_text(runner, folder, *args):
    from runprint.cli import main

    out = folder / "card.pdf"
    result = runner.invoke(main, ["card", "pushes", "--library", str(folder), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return text_of(open_pdf(out.read_bytes()).pages[0]), result.stderr


def test_a_history_without_athletes_reaches_a_named_card(runner, pushes):
    (pushes / "log.csv").write_text(RIR_LOG)
    text, err = card_text(runner, pushes, "--history", str(pushes / "log.csv"), "--set", "athlete=Ana")
    assert "Last (2026-11-24): 12, 10, 9 · RIR 3, 2, 0" in text
    assert "RPE 3" not in text and "note" not in err


def test_an_athlete_without_rows_is_told(runner, pushes):
    (pushes / "log.csv").write_text("athlete,date,exercise,set,reps\nBen,2026-11-24,push-up,1,10\n")
    text, err = card_text(runner, pushes, "--history", str(pushes / "log.csv"), "--set", "athlete=Ana")
    assert "Last" not in text
    assert err.splitlines()[-1] == f"note: {pushes / 'log.csv'} has no rows for Ana"


def test_batch_names_the_athletes_without_rows_once(runner, pushes):
    from runprint.cli import main

    (pushes / "log.csv").write_text("athlete,date,exercise,set,reps\nBen,2026-11-24,push-up,1,10\n")
    (pushes / "club.csv").write_text("athlete\nAna\nBen\nCy\n")
    result = runner.invoke(main, ["batch", "pushes", "--library", str(pushes), "--roster", str(pushes / "club.csv"),
                                  "--history", str(pushes / "log.csv"), "--out-dir", str(pushes / "out"),
                                  "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert f"note: {pushes / 'log.csv'} has no rows for Ana, Cy\n" in result.stderr
    assert "Last (2026-11-24): 10" in text_of(open_pdf((pushes / "out" / "Ben.pdf").read_bytes()).pages[0])


def dated(tmp_path, *dates, date_format=None, name="log.csv"):
    path = tmp_path / name
    path.write_text("date,exercise,set,reps\n" + "".join(f"{d},push-up,{n},10\n" for n, d in enumerate(dates, 1)))
    return [e.date for e in read_history(path, KNOWN, date_format).entries]


@pytest.mark.parametrize("dates,days", [
    (("11/24/2026", "3/4/2026"), ["2026-11-24", "2026-03-04"]),          # a day above 12 second: US order
    (("24/11/2026", "3/4/2026"), ["2026-11-24", "2026-04-03"]),          # a day above 12 first: day first
    (("24.11.2026", "03.04.2026"), ["2026-11-24", "2026-04-03"]),
    (("2026-11-24", "05/05/2026"), ["2026-11-24", "2026-05-05"]),        # reads the same both ways
    (('"07 Jan 2024, 17:15"', "2024-01-08 17:15:00"), ["2024-01-07", "2024-01-08"]),
])
def test_dates_as_spreadsheets_write_them(tmp_path, dates, days):
    assert dated(tmp_path, *dates) == days


def test_a_file_that_cannot_tell_day_from_month_asks(tmp_path):
    with pytest.raises(RunprintError) as exc:
        dated(tmp_path, "03/04/2026", "05/06/2026")
    assert str(exc.value.problems[0]) == (
        f"{tmp_path}/log.csv:2: date: '03/04/2026' could be March 4 or 4 April, and no date in the file has a day "
        "above 12 to tell which\n  hint: say how the file writes dates: --date-format mdy (month/day/year) "
        "or --date-format dmy (day/month/year)")
    assert dated(tmp_path, "03/04/2026", date_format="dmy") == ["2026-04-03"]
    assert dated(tmp_path, "03/04/2026", date_format="mdy") == ["2026-03-04"]


def test_two_orders_in_one_file_is_an_error(tmp_path):
    with pytest.raises(RunprintError) as exc:
        dated(tmp_path, "24/11/2026", "2026-11-25", "11/26/2026")
    assert str(exc.value.problems[0]) == (
        f"{tmp_path}/log.csv:4: date: '11/26/2026' and '24/11/2026' (row 2) put the day and the month in different "
        "orders\n  hint: write every date of the file the same way; year-month-day (2026-11-24) is safest")


def test_a_date_against_the_given_order_names_its_row(tmp_path):
    with pytest.raises(RunprintError) as exc:
        dated(tmp_path, "11/24/2026", date_format="dmy")
    assert str(exc.value.problems[0]) == (
        f"{tmp_path}/log.csv:2: date: '11/24/2026' is not a date like 24/11/2026\n"
        "  hint: this file writes dates day/month/year, e.g. 24/11/2026; or year-month-day, e.g. 2026-11-24")


def test_the_date_patterns_stay_fast_on_long_input():
    from runprint.dates import iso_day

    for text in (" " * 10_000, "1" * 10_000, "1/" * 5_000, "07 " + "a" * 10_000):
        assert iso_day(text, "mdy") is None
    assert iso_day("٢٠٢٦-١١-٢٤", None) is None and iso_day("2026-11-24", None) == "2026-11-24"   # ASCII digits only


def test_the_date_format_option_decides_for_the_file(runner, pushes):
    (pushes / "log.csv").write_text("date,exercise,set,reps\n03/04/2026,push-up,1,10\n")
    from runprint.cli import main

    result = runner.invoke(main, ["card", "pushes", "--library", str(pushes), "--history", str(pushes / "log.csv"),
                                  "-o", str(pushes / "x.pdf")])
    assert result.exit_code == 1 and "--date-format mdy" in result.stderr
    text, _ = card_text(runner, pushes, "--history", str(pushes / "log.csv"), "--date-format", "dmy")
    assert "Last (2026-04-03): 10" in text


TWICE = """title: Squats
params: {athlete: '', week: 1}
sessions:
  - id: heavy
    name: Heavy
    exercises:
      - exercise: goblet-squat
        do: 5,3,1+
      - exercise: push-up
        do: 2x10
      - exercise: goblet-squat
        do: 5x10
"""


@pytest.fixture
def twice(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "squats.yaml").write_text(TWICE)
    return tmp_path


def squat_lines(runner, folder, log, *args):
    from runprint.cli import main

    out = folder / "card.pdf"
    result = runner.invoke(main, ["card", "squats", "--library", str(folder), "--history", str(log), "-o", str(out),
                                  *args])
    assert result.exit_code == 0, result.output
    text = text_of(open_pdf(out.read_bytes()).pages[0])
    return [line for line in text.split("Last ")[1:]], result.stderr


TOP_AND_BACK = [(5, 30), (3, 32), (6, 34), (10, 20), (10, 20), (10, 20), (9, 20), (8, 20)]


def test_an_exercise_done_twice_shows_each_items_own_sets_by_label(runner, twice):
    log = twice / "log.csv"
    log.write_text("date,exercise,label,set,reps,load\n" + "".join(
        f"2026-11-24,goblet-squat,{'1' if n <= 3 else '3'},{n if n <= 3 else n - 3},{reps},{load}\n"
        for n, (reps, load) in enumerate(TOP_AND_BACK, 1)))
    lines, err = squat_lines(runner, twice, log)
    assert lines[0].startswith("(2026-11-24): 5 @ 30, 3 @ 32, 6 @ 34 kg ")
    assert lines[1].startswith("(2026-11-24): 10, 10, 10, 9, 8 @ 20 kg ")
    assert "note" not in err


def test_without_labels_the_sets_go_to_the_items_in_order_and_a_note_says_so(runner, twice):
    log = twice / "log.csv"
    log.write_text("date,exercise,set,reps,load\n" + "".join(
        f"2026-11-24,goblet-squat,{n},{reps},{load}\n" for n, (reps, load) in enumerate(TOP_AND_BACK, 1)))
    lines, err = squat_lines(runner, twice, log)
    assert lines[0].startswith("(2026-11-24): 5 @ 30, 3 @ 32, 6 @ 34 kg ")
    assert lines[1].startswith("(2026-11-24): 10, 10, 10, 9, 8 @ 20 kg ")
    assert err.splitlines()[-1] == (
        f"note: {log}: goblet-squat is in heavy 2 times and its sets of 2026-11-24 have no label, so they are "
        "matched to its items in order (a label column, 1 or A1, says which is which)")


def test_an_apps_two_blocks_go_one_to_each_item(runner, twice):
    from pathlib import Path

    hevy = Path(__file__).resolve().parent / "data" / "history" / "hevy.csv"
    lines, err = squat_lines(runner, twice, hevy)
    assert lines[0].startswith("(2026-11-24): 5 @ 28, 3 @ 30, 6 @ 32 kg · RPE 7, 8, 10 ")
    assert lines[1].startswith("(2026-11-24): 10, 10, 9 @ 20 kg ")
    assert "matched to its items in order" in err


def test_batch_says_once_that_unlabelled_sets_go_to_the_items_in_order(runner, twice):
    from runprint.cli import main

    log = twice / "log.csv"
    log.write_text("athlete,date,exercise,set,reps,load\n" + "".join(
        f"{who},2026-11-24,goblet-squat,{n},{reps},{load}\n" for who in ("Ana", "Ben")
        for n, (reps, load) in enumerate(TOP_AND_BACK, 1)))
    (twice / "club.csv").write_text("athlete\nAna\nBen\n")
    result = runner.invoke(main, ["batch", "squats", "--library", str(twice), "--roster", str(twice / "club.csv"),
                                  "--history", str(log), "-o", str(twice / "club.pdf"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("note:") == 1 and (
        f"note: {log}: goblet-squat is in heavy 2 times and sets of it have no label, so they are matched to its "
        "items in order (a label column, 1 or A1, says which is which)\n") in result.stderr
    for page in open_pdf((twice / "club.pdf").read_bytes()).pages:
        assert "Last (2026-11-24): 10, 10, 10, 9, 8 @ 20 kg" in text_of(page)


def test_an_exercise_is_found_by_its_name_or_alias_too(tmp_path):
    from runprint.library import Library
    from runprint.pipeline import load_history

    path = tmp_path / "log.csv"
    path.write_text("date,exercise,set,reps\n2026-11-24,Farmer's Carry,1,1\n2026-11-24,press-up,1,10\n")
    h = load_history(path, Library.default(cwd=tmp_path))
    assert [e.exercise for e in h.entries] == ["farmers-carry", "push-up"]
