"""Rosters as coaches keep them: exported CSVs and Excel workbooks, read back sheet by sheet."""

import datetime
import re
import zipfile
from pathlib import Path

import pytest

from pdfcheck import open_pdf, text_of
from runprint.cli import main
from runprint.tables import header_key


@pytest.mark.parametrize("header,key", [
    ("Squat Max", "squat_max"), (" WEEK ", "week"), ("Athlete", "athlete"), ("log-weeks", "log_weeks"),
    ("Split.Squat  Max", "split_squat_max"), ("row_load", "row_load"),
])
def test_headers_read_as_params(header, key):
    assert header_key(header) == key


def sheets(folder: Path) -> dict[str, str]:
    """Every PDF in a folder: file name -> the text of all its pages."""
    return {p.name: " ".join(text_of(page) for page in open_pdf(p.read_bytes()).pages)
            for p in sorted(folder.glob("*.pdf"))}


def week_of(text: str) -> int:
    return int(re.search(r"Runner strength, week (\d+)", text).group(1))


def loads_of(text: str) -> list[str]:
    return re.findall(r"load (\d+(?:\.\d+)? (?:kg|lb))", text)


EXPORT = (
    " Name ,WEEK,Squat Max,Row-Load,Units,Email,Phone\n"
    "Ana Lía,2,100,16 kg,,ana@example.org,555-0100\n"
    "\n"                                                   # a blank row: the next one is still row 4
    "Bo,,,,,bo@example.org,\n"
    "Cy,2w,80,,,cy@example.org,\n"
    "Dee,3,225lb,,lb,,\n"
)


def test_a_spreadsheet_export_as_it_comes(runner, in_tmp):
    (in_tmp / "team.csv").write_text(EXPORT)
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "team.csv", "--out-dir", "out",
                                  "--jobs", "1"])
    assert result.exit_code == 3, result.output
    assert result.output.count("note: columns runner-strength does not use: Email, Phone\n") == 1
    assert ("error: row 5 (Cy): team.csv: WEEK: '2w' is not a whole number\n"
            "  hint: give week as a whole number, like the default '1'\n") in result.output
    assert "1 athlete(s) failed: rows 5" in result.output
    printed = sheets(in_tmp / "out")
    assert sorted(printed) == ["Ana-Lía.pdf", "Bo.pdf", "Dee.pdf"]
    assert week_of(printed["Ana-Lía.pdf"]) == 2 and week_of(printed["Bo.pdf"]) == 1 and week_of(printed["Dee.pdf"]) == 3
    # Ana: her row load as written, her squat at 70% of 100; Bo: every load left to write in.
    assert loads_of(printed["Ana-Lía.pdf"]) == ["16 kg", "70 kg"]
    assert loads_of(printed["Bo.pdf"]) == []
    assert loads_of(printed["Dee.pdf"]) == ["160 lb"]            # 70% of 225 lb is 157.5: 160 to the 5 lb


def test_a_header_close_to_a_param_stops_the_run_before_anything_is_written(runner, in_tmp):
    (in_tmp / "team.csv").write_text("Athlete,Week,Squat Mx,Email\nAna,1,100,a@b\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "team.csv", "--out-dir", "out"])
    assert result.exit_code == 1
    assert result.output == (
        "error: team.csv:1: the column 'Squat Mx' is not a param runner-strength reads\n"
        "  hint: did you mean 'squat_max'? (headers match params ignoring case, with spaces, hyphens and dots "
        "read as '_')\n")
    assert not (in_tmp / "out").exists()


def test_a_bad_max_fails_its_row_naming_the_column(runner, in_tmp):
    (in_tmp / "team.csv").write_text("athlete,Squat Max,units\nAna,100,kg\nBo,heavy,kg\nCy,225lb,kg\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "team.csv", "-o", "all.pdf"])
    assert result.exit_code == 3
    assert ("error: row 3 (Bo): team.csv: Squat Max: 'heavy' is not a training max\n"
            "  hint: write the max as a number, e.g. 100, 100 kg or 225 lb\n") in result.output
    assert ("error: row 4 (Cy): team.csv: Squat Max: the max '225lb' is in lb but the units are kg\n"
            "  hint: write the max in kg, or set units to lb: runprint does not convert\n") in result.output
    assert len(open_pdf((in_tmp / "all.pdf").read_bytes()).pages) == 2


def test_a_yaml_roster_names_lines(runner, in_tmp):
    (in_tmp / "club.yaml").write_text("- Name: Ana\n  Week: 2\n- name: Bo\n  week: soon\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.yaml", "-o", "all.pdf"])
    assert result.exit_code == 3
    assert "error: line 3 (Bo): club.yaml: week: 'soon' is not a whole number" in result.output
    assert week_of(text_of(open_pdf((in_tmp / "all.pdf").read_bytes()).pages[0])) == 2


# --- Excel -------------------------------------------------------------------------------------------

def write_workbook(path: Path, rows, *, sheet="Team", first=None, formats=None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    if first:
        book.active.title = first
        book.active.append(["something else"])
        sheet_ = book.create_sheet(sheet)
    else:
        sheet_ = book.active
        sheet_.title = sheet
    for row in rows:
        sheet_.append(row)
    for cell, number_format in (formats or {}).items():
        sheet_[cell].number_format = number_format
    book.save(path)
    return path


def cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """Give formulas the values Excel would have saved with them (openpyxl saves none)."""
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/"):
            text = data.decode()
            for cell, value in values.items():
                text = re.sub(rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?', rf"\1<f>\2</f><v>{value}</v>",
                              text)
            parts[name] = text.encode()
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)


def test_an_excel_roster_with_headers_as_typed(runner, in_tmp):
    rows = [
        ["Athlete ", "Week", "Squat Max", "Squat Load", "Row Max", "Units", "Start Date", "Notes"],
        ["Ana", 2.0, 100, 0.75, "=C2*0.4", None, datetime.date(2026, 11, 24), "new"],
        [None, None, None, None, None, None, None, None],
        ["Bo", 3, None, None, None, "lb", None, None],
        ["Cy", 1, "heavy", None, None, None, None, None],
        ["Dee", 4, 142, 0.7, 60, "kg", datetime.datetime(2026, 12, 1), None],
    ]
    write_workbook(in_tmp / "team.xlsx", rows, first="Read me", formats={"D2": "0%", "D6": "0%"})
    cache_formula_values(in_tmp / "team.xlsx", {"E2": "40"})
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "team.xlsx", "--sheet", "Team",
                                  "--out-dir", "out", "--jobs", "1"])
    assert result.exit_code == 3, result.output
    assert "note: columns runner-strength does not use: Start Date, Notes\n" in result.output
    assert ("error: row 5 (Cy): team.xlsx: Squat Max: 'heavy' is not a training max\n") in result.output
    printed = sheets(in_tmp / "out")
    assert sorted(printed) == ["Ana.pdf", "Bo.pdf", "Dee.pdf"]
    assert [week_of(printed[n]) for n in ("Ana.pdf", "Bo.pdf", "Dee.pdf")] == [2, 3, 4]
    # Ana: row max from a formula (40: 70% is 28, so 27.5), squat at the 75% her cell shows.
    assert loads_of(printed["Ana.pdf"]) == ["27.5 kg", "75 kg"]
    assert loads_of(printed["Bo.pdf"]) == []
    assert loads_of(printed["Dee.pdf"]) == ["42.5 kg", "100 kg"]   # 70% of 60 is 42; 70% of 142 is 99.4
    assert "lb" in printed["Bo.pdf"] and " kg " not in printed["Bo.pdf"]


def test_the_first_sheet_by_default_and_an_unknown_sheet_is_named(runner, in_tmp):
    write_workbook(in_tmp / "team.xlsx", [["athlete", "week"], ["Ana", 2]])
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "team.xlsx", "-o", "all.pdf"])
    assert result.exit_code == 0, result.output
    assert week_of(text_of(open_pdf((in_tmp / "all.pdf").read_bytes()).pages[0])) == 2
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "team.xlsx", "--sheet", "Teem",
                                  "-o", "all.pdf"])
    assert result.exit_code == 1
    assert result.output == "error: team.xlsx: --sheet: no sheet named 'Teem'\n  hint: did you mean 'Team'?\n"


@pytest.mark.parametrize("content,name", [(b"athlete,week\nAna,1\n", "team.xlsx"), (b"PK\x03\x04junk", "team.xlsx")])
def test_a_file_that_is_not_a_workbook(runner, in_tmp, content, name):
    (in_tmp / name).write_bytes(content)
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", name, "-o", "all.pdf"])
    assert result.exit_code == 1
    assert result.output == ("error: team.xlsx: this is not an Excel workbook (.xlsx) runprint can read\n"
                             "  hint: open it in your spreadsheet and save it as .xlsx (Excel Workbook) or CSV\n")


def test_an_old_xls_is_named_for_what_it_is(runner, in_tmp):
    (in_tmp / "team.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "team.xls", "-o", "all.pdf"])
    assert result.exit_code == 1
    assert "team.xls: this is the old Excel format (.xls), which runprint cannot read" in result.output


# --- runprint roster --------------------------------------------------------------------------------

def test_a_roster_to_start_from_on_stdout(runner, in_tmp):
    result = runner.invoke(main, ["roster", "upper-body-runners"], catch_exceptions=False)
    assert result.exit_code == 0
    header, example = result.stdout.splitlines()
    assert header.startswith("athlete,week,units,log_weeks,") and header.endswith(",row_load")
    assert example.startswith("Example Athlete,1,kg,4,")


@pytest.mark.parametrize("name,example_row", [("team.csv", 3), ("team.xlsx", 2)])
def test_the_starter_roster_prints_without_its_example(runner, in_tmp, name, example_row):
    result = runner.invoke(main, ["roster", "runner-strength", "-o", name], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    if name.endswith(".csv"):
        with (in_tmp / name).open("a") as handle:
            handle.write("Ana\n")
    else:
        from openpyxl import load_workbook

        book = load_workbook(in_tmp / name)
        book.worksheets[0].append(["Ana"])
        book.save(in_tmp / name)
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", name, "-o", "all.pdf"],
                           catch_exceptions=False)
    assert result.output == (f"note: row {example_row} (Example Athlete) is the example 'runprint roster' writes: "
                             "left out\nwrote 1 of 1 athletes to all.pdf\n")     # every column is a param
    text = text_of(open_pdf((in_tmp / "all.pdf").read_bytes()).pages[0])
    assert "Athlete: Ana" in text and week_of(text) == 1


def test_a_starter_left_as_it_is_has_no_athletes(runner, in_tmp):
    runner.invoke(main, ["roster", "runner-strength", "-o", "team.csv"], catch_exceptions=False)
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "team.csv", "-o", "all.pdf"])
    assert result.exit_code == 1
    assert result.output == ("error: team.csv:1: the roster has no athletes besides the example 'runprint roster' "
                             "writes\n  hint: add one row per athlete under the header\n")


def test_the_starter_never_replaces_a_file(runner, in_tmp):
    (in_tmp / "team.csv").write_text("athlete\nAna\n")
    result = runner.invoke(main, ["roster", "runner-strength", "-o", "team.csv"])
    assert result.exit_code == 1
    assert result.output == ("error: team.csv: the file already exists\n"
                             "  hint: choose another name: runprint never writes over a roster\n")
    assert (in_tmp / "team.csv").read_text() == "athlete\nAna\n"


def test_a_damaged_workbook_is_named_not_a_traceback(runner, in_tmp):
    path = write_workbook(in_tmp / "team.xlsx", [["athlete"], ["Ana"]])
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:150]  # cut short, as by a bad copy
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "team.xlsx", "-o", "all.pdf"])
    assert result.exit_code == 1
    assert result.output.startswith("error: team.xlsx: this is not an Excel workbook (.xlsx) runprint can read\n")


def test_excel_cells_read_as_the_sheet_shows_them(in_tmp):
    from runprint.tables import read_table

    rows = [["athlete", "week", "plate", "start", "at", "share", "note", "max"],
            ["Ana", 7.0, 2.5, datetime.date(2026, 11, 24), datetime.datetime(2026, 11, 24, 18, 30), 0.625, True,
             "=B2*10"]]
    write_workbook(in_tmp / "team.xlsx", rows, formats={"F2": "0.0%"})
    cache_formula_values(in_tmp / "team.xlsx", {"H2": "70"})
    table = read_table(in_tmp / "team.xlsx")
    assert table.header_row == 1 and table.rows == (
        (2, ("Ana", 7, 2.5, "2026-11-24", "2026-11-24 18:30", "62.5%", True, 70)),)


def test_an_athlete_named_with_a_hash_is_an_athlete_not_a_comment(runner, in_tmp):
    from runprint.tables import read_table

    (in_tmp / "club.csv").write_text("athlete,week\n# about: names,\n#23 Smith,2\nAna,1\n")
    table = read_table(in_tmp / "club.csv")
    assert [row[1][0] for row in table.rows] == ["#23 Smith", "Ana"]
