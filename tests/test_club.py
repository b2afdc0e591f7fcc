"""Rosters at a club's and a federation's size, and messages in the coach's terms: one PDF per
team, params that say what they are, problems named by the cell or --set that caused them."""

import pikepdf
import pytest

from pdfcheck import open_pdf, text_of
from runprint.cli import main
from runprint.tables import MAX_ROWS, read_table


def bookmarks(path) -> list[str]:
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        return [str(item.title) for item in outline.root]


def test_split_by_writes_a_combined_pdf_per_team_with_its_bookmarks(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete,Team,week,email\nAna,Red,1,a@x\nBo,Blue / B,2,b@x\nCy, red ,3,c@x\n"
                                     "Dee,,1,d@x\nExample Athlete,Red,1,\n")
    result = runner.invoke(main, ["batch", "upper-body-runners", "--roster", "club.csv", "--out-dir", "teams",
                                  "--split-by", "team", "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output == ("note: columns upper-body-runners does not use: email\n"       # Team counts as used
                             "note: row 6 (Example Athlete) is the example 'runprint roster' writes: left out\n"
                             "wrote 4 of 4 athletes to teams\n")
    assert sorted(p.name for p in (in_tmp / "teams").iterdir()) == ["Blue-B.pdf", "Red.pdf", "no-team.pdf"]
    assert bookmarks(in_tmp / "teams" / "Red.pdf") == ["Ana", "Cy"]
    assert bookmarks(in_tmp / "teams" / "Blue-B.pdf") == ["Bo"]
    assert bookmarks(in_tmp / "teams" / "no-team.pdf") == ["Dee"]
    pages = open_pdf((in_tmp / "teams" / "Red.pdf").read_bytes()).pages
    assert "Athlete: Ana" in text_of(pages[0]) and "Athlete: Cy" in text_of(pages[-1])
    again = runner.invoke(main, ["batch", "upper-body-runners", "--roster", "club.csv", "--out-dir", "teams",
                                 "--split-by", "team", "--jobs", "1"], catch_exceptions=False)
    assert again.exit_code == 0, again.output          # runprint's own files are replaced on a second run


def test_split_by_names_a_missing_column_and_needs_a_folder(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete,team\nAna,Red\n")
    result = runner.invoke(main, ["batch", "upper-body-runners", "--roster", "club.csv", "--out-dir", "teams",
                                  "--split-by", "teem"])
    assert result.exit_code == 1
    assert result.output == "error: club.csv:1: --split-by: no column 'teem'\n  hint: did you mean 'team'?\n"
    result = runner.invoke(main, ["batch", "upper-body-runners", "--roster", "club.csv", "-o", "all.pdf",
                                  "--split-by", "team"])
    assert result.exit_code == 2 and "--split-by writes one PDF per value into a folder" in result.output


def test_split_by_refuses_a_file_it_did_not_write_before_writing_any(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete,team\nAna,Red\nBo,Blue\n")
    (in_tmp / "teams").mkdir()
    (in_tmp / "teams" / "Red.pdf").write_text("a coach's own notes")
    result = runner.invoke(main, ["batch", "upper-body-runners", "--roster", "club.csv", "--out-dir", "teams",
                                  "--split-by", "team"])
    assert result.exit_code == 1
    assert "teams/Red.pdf: this file is not a PDF runprint wrote" in result.output
    assert sorted(p.name for p in (in_tmp / "teams").iterdir()) == ["Red.pdf"]


def test_a_roster_is_limited_by_rows_not_by_a_megabyte(tmp_path):
    rows = "".join(f"Athlete number {n:06d},{1 + n % 4},kg,{40 + n % 60},club {n % 7}\n" for n in range(60_000))
    (tmp_path / "big.csv").write_text("athlete,week,units,squat_max,team\n" + rows)
    assert (tmp_path / "big.csv").stat().st_size > 2_000_000
    table = read_table(tmp_path / "big.csv")
    assert len(table.rows) == 60_000
    assert table.rows[-1] == (60_001, ("Athlete number 059999", "4", "kg", "99", "club 2"))
    (tmp_path / "huge.csv").write_text("athlete\n" + "x\n" * (MAX_ROWS + 1))
    with pytest.raises(Exception) as exc:
        read_table(tmp_path / "huge.csv")
    assert str(exc.value) == (f"{tmp_path / 'huge.csv'}: the roster has more than 100,000 rows\n"
                              "  hint: keep one row per athlete, or split the file")


# --- params that explain themselves ------------------------------------------------------------------

ABOUT = """title: Lifts
params:
  squat_max: {default: 0, about: "training max for the goblet squat, kg or lb"}
  row_max: ""
sessions:
  - name: One
    exercises:
      - exercise: goblet-squat
        do: 3x5
        max: "{{ squat_max }}"
        load: 70%
      - exercise: dumbbell-row
        do: 3x8
        max: "{{ row_max }}"
        load: 70%
"""


def test_templates_name_shows_the_about(runner, in_tmp):
    (in_tmp / "templates").mkdir()
    (in_tmp / "templates" / "lifts.yaml").write_text(ABOUT)
    result = runner.invoke(main, ["templates", "lifts"], catch_exceptions=False)
    assert "  squat_max  0  training max for the goblet squat, kg or lb\n" in result.output
    assert "  row_max    ''\n" in result.output


def test_check_notes_a_max_without_an_about(runner, in_tmp):
    (in_tmp / "lifts.yaml").write_text(ABOUT)
    result = runner.invoke(main, ["check", "lifts.yaml"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr == ("note: lifts.yaml:4: params.row_max: a training max with no about, so a coach must "
                             "guess its lift; write 'row_max: {default: \"\", about: \"training max for the ..., "
                             "kg or lb\"}'\n")


def test_every_built_in_max_is_explained(runner, in_tmp):
    result = runner.invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr == ""


def test_an_about_must_be_text_and_keys_are_checked(runner, in_tmp):
    (in_tmp / "lifts.yaml").write_text(ABOUT.replace('about: "training', 'abuot: "training'))
    result = runner.invoke(main, ["check", "lifts.yaml"])
    assert result.exit_code == 1
    assert "lifts.yaml:3: params.squat_max.abuot: unknown key 'abuot'\n  hint: did you mean 'about'?" in result.output


def test_the_starter_roster_says_what_each_max_is(runner, in_tmp):
    from openpyxl import load_workbook

    (in_tmp / "lifts.yaml").write_text(ABOUT)
    result = runner.invoke(main, ["roster", "lifts.yaml"], catch_exceptions=False)
    assert result.stdout.splitlines() == [
        "athlete,squat_max,row_max,week,units,log_weeks,plate",
        "\"# about: the athlete's name, one row each\",\"training max for the goblet squat, kg or lb\",,,,,",
        "Example Athlete,0,,1,kg,4,"]
    runner.invoke(main, ["roster", "lifts.yaml", "-o", "team.xlsx"], catch_exceptions=False)
    about = load_workbook(in_tmp / "team.xlsx")["About"]
    rows = [[cell.value for cell in row] for row in about.iter_rows()]
    assert rows[0] == ["column", "default", "about"]
    assert ["squat_max", 0, "training max for the goblet squat, kg or lb"] in rows


# --- problems named where they were made ------------------------------------------------------------

def test_a_roster_cell_is_named_never_an_installed_template_line(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete,Units,Squat Max,Plate\nAna,stone,100,\nBo,kg,100,nan\nCy,kg,heavy,\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "all.pdf"])
    assert result.exit_code == 1
    assert result.output.splitlines()[:6] == [
        "error: row 2 (Ana): club.csv: Units: a share of max needs units kg or lb, not 'stone'",
        "  hint: set units to kg or lb",
        "error: row 3 (Bo): club.csv: Plate: 'nan' is not a plate size",
        "  hint: give plate as the smallest step you can load, e.g. 2.5",
        "error: row 4 (Cy): club.csv: Squat Max: 'heavy' is not a training max",
        "  hint: write the max as a number, e.g. 100, 100 kg or 225 lb"]
    assert "templates/" not in result.output


@pytest.mark.parametrize("setting,message", [
    ("plate=nan", "error: --set: plate: 'nan' is not a plate size\n"),
    ("units=stone", "error: --set: units: a share of max needs units kg or lb, not 'stone'\n")])
def test_a_set_is_named_never_the_template(runner, in_tmp, setting, message):
    result = runner.invoke(main, ["card", "runner-strength", "--session", "day-2", "--set", "squat_max=100",
                                  "--set", setting, "-o", "c.pdf"])
    assert result.exit_code == 1
    assert result.output.startswith(message)
