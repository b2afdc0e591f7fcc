"""A roster through one template: a file per athlete or one combined PDF, and failures reported."""

import csv
import os
from pathlib import Path

import pikepdf
import pytest

from pdfcheck import open_pdf, text_of, words
from runprint.batch import file_names, safe_name
from runprint.roster import load_roster
from runprint.cli import main

SCRIPTS = ["Zoë Ångström", "Łukasz Żółć", "Ηλέκτρα Παππά", "Алексей Смирнов", "Mia Jensen", "Ana Lía Núñez"]
NAMES = ["Zoë Ångström", "Ana / Bo", "../../etc/passwd", "CON", ".hidden"] + [
    f"{SCRIPTS[i % len(SCRIPTS)]} {i}" for i in range(54)] + ["Zoë Ångström"]


def write_roster(folder: Path, rows, name="roster.csv") -> Path:
    path = folder / name
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["athlete", "week", "row_load"])
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("name,expected", [
    ("Zoë Ångström", "Zoë-Ångström"), ("Ana / Bo", "Ana-Bo"), ("../../etc/passwd", "etc-passwd"),
    ("CON", "athlete-CON"), (".hidden", "hidden"), ("", "athlete"), ("a\x00b\nc", "a-b-c"), ("..", "athlete"),
])
def test_safe_names(name, expected):
    assert safe_name(name) == expected


def test_same_name_twice_never_overwrites():
    from runprint.roster import Athlete

    athletes = [Athlete(i + 1, n) for i, n in enumerate(["Mia", "mia", "Mia"], 1)]
    assert list(file_names(athletes).values()) == ["Mia.pdf", "mia-2.pdf", "Mia-3.pdf"]


def test_out_dir_writes_a_file_per_athlete_and_nothing_else(runner, in_tmp):
    roster = write_roster(in_tmp, [[n, 1 + i % 3, f"{10 + i} kg"] for i, n in enumerate(NAMES)])
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", str(roster), "--out-dir", "out",
                                  "--jobs", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (in_tmp / "out").iterdir())
    assert len(files) == len(NAMES)
    assert sorted(os.listdir(in_tmp)) == ["out", "roster.csv"]
    names = file_names(load_roster(roster, ["athlete", "week", "row_load"], "runner-strength").athletes)
    assert len(set(names.values())) == 60 and sorted(names.values()) == files
    for i in range(len(NAMES)):  # every file: its name and page count (pikepdf reads no text: quick)
        with pikepdf.open(in_tmp / "out" / names[i + 2]) as pdf:
            assert len(pdf.pages) == 2, names[i + 2]
    # A sample read back as the athlete sees it: the awkward names, the repeated one, every ninth.
    for i in [0, 1, 2, 3, 4, len(NAMES) - 1, *range(5, len(NAMES) - 1, 9)]:
        text = text_of(open_pdf((in_tmp / "out" / names[i + 2]).read_bytes()).pages[0])
        assert f"Athlete: {NAMES[i]}" in text and f"load {10 + i} kg" in text


def test_combined_pdf_in_roster_order_with_week(runner, in_tmp):
    roster = write_roster(in_tmp, [[n, 1, ""] for n in ["Ana", "Bo", "Cy"]])
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", str(roster), "-o", "all.pdf",
                                  "--with-week", "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = open_pdf((in_tmp / "all.pdf").read_bytes()).pages
    assert len(pages) == 3 * 3
    athletes = [text_of(p).split("Athlete: ")[1].split()[0] for p in pages]
    assert athletes == ["Ana"] * 3 + ["Bo"] * 3 + ["Cy"] * 3
    assert "Monday" in text_of(pages[2])


def test_one_bad_row_leaves_the_others_written(runner, in_tmp):
    write_roster(in_tmp, [["Ana", 1, ""], ["Bo", "two", ""], ["Cy", 2, ""]])
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "roster.csv", "--out-dir", "out"])
    assert result.exit_code == 3
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["Ana.pdf", "Cy.pdf"]
    assert ("error: row 3 (Bo): roster.csv: week: 'two' is not a whole number\n"
            "  hint: give week as a whole number, like the default '1'\n") in result.output
    assert "2 athlete(s) failed" not in result.output and "1 athlete(s) failed: rows 3" in result.output


def test_existing_files_need_force(runner, in_tmp):
    roster = write_roster(in_tmp, [["Ana", 1, ""]])
    (in_tmp / "out").mkdir()
    (in_tmp / "out" / "Ana.pdf").write_bytes(b"keep me")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", str(roster), "--out-dir", "out"])
    assert result.exit_code == 1 and "pass --force" in result.output
    assert (in_tmp / "out" / "Ana.pdf").read_bytes() == b"keep me"
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", str(roster), "--out-dir", "out", "--force"])
    assert result.exit_code == 0
    assert (in_tmp / "out" / "Ana.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("content,message", [
    ("Email,week\nana@example.org,1\n",
     "roster.csv:1: no 'athlete' column\n  hint: name one column 'athlete' (or 'name'; any case) and put each "
     "name in it"),
    ("", "roster.csv:1: the roster is empty\n"),
    ("athlete\n", "roster.csv:1: the roster has no athletes\n"),
])
def test_bad_roster_fails_at_once(runner, in_tmp, content, message):
    (in_tmp / "roster.csv").write_text(content)
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "roster.csv", "-o", "all.pdf"])
    assert result.exit_code == 1
    assert message in result.output
    assert not (in_tmp / "all.pdf").exists()


def test_yaml_roster(runner, in_tmp):
    (in_tmp / "club.yaml").write_text("- athlete: Ana\n  week: 2\n  squat_load: 16 kg\n- athlete: Bo\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.yaml", "--out-dir", "out",
                                  "--session", "day-2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = text_of(open_pdf((in_tmp / "out" / "Ana.pdf").read_bytes()).pages[0])
    assert "Runner strength, week 2" in text and "load 16 kg" in text


def test_roster_values_are_data_not_templates(runner, in_tmp):
    roster = write_roster(in_tmp, [["{{ 7*7 }}", 1, "{{ week }}"]])
    runner.invoke(main, ["batch", "runner-strength", "--roster", str(roster), "-o", "all.pdf"], catch_exceptions=False)
    text = text_of(open_pdf((in_tmp / "all.pdf").read_bytes()).pages[0])
    assert "Athlete: {{ 7*7 }}" in text and "load {{ week }}" in text


def test_batch_weeks_gives_each_athlete_a_card_per_week(runner, in_tmp):
    write_roster(in_tmp, [["Ana", 1, ""]])
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "roster.csv", "-o", "all.pdf",
                                  "--session", "day-1", "--weeks", "1-3"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = open_pdf((in_tmp / "all.pdf").read_bytes()).pages
    assert [text_of(p).split("Athlete:")[0].split(",")[1].split()[1] for p in pages] == ["1", "2", "3"]


def test_no_progress_bar_when_stderr_is_not_a_terminal(runner, in_tmp):
    write_roster(in_tmp, [["Ana", 1, ""]])
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "roster.csv", "-o", "all.pdf"])
    assert result.output == "wrote 1 of 1 athletes to all.pdf\n"


def test_progress_bar_when_stderr_is_a_terminal(in_tmp):
    import pty
    import subprocess
    import sys

    write_roster(in_tmp, [[f"A{i}", 1, ""] for i in range(3)])
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "runprint", "batch", "runner-strength", "--roster",
                             "roster.csv", "-o", "all.pdf", "--jobs", "1"], stderr=follower, stdout=follower,
                            cwd=in_tmp)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    assert proc.wait(timeout=60) == 0
    assert b"athletes" in output and b"100%" in output


def test_semicolon_roster_from_a_european_spreadsheet(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete;week;row_load\nAna;2;12 kg\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "--out-dir", "out"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = text_of(open_pdf((in_tmp / "out" / "Ana.pdf").read_bytes()).pages[0])
    assert "Runner strength, week 2" in text and "load 12 kg" in text


def test_a_column_named_twice_is_refused(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete,week,week\nAna,1,2\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "all.pdf"])
    assert result.exit_code == 1
    assert "club.csv:1: the column 'week' appears twice in the header" in result.output


def test_a_name_no_font_can_print_is_blamed_on_its_roster_row(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete\nAna\nBo \U00016a70\n", encoding="utf-8")  # Tangsa: in few fonts, none here
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "--out-dir", "out"])
    assert result.exit_code == 3
    assert result.output.count("error: ") == 1
    assert "error: row 3 (Bo \U00016a70): club.csv: athlete: the font cannot print '\U00016a70' (U+16A70)" in result.output
    assert [p.name for p in (in_tmp / "out").iterdir()] == ["Ana.pdf"]


def test_when_every_athlete_fails_nothing_is_written_and_each_is_listed(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete,week\nAna,x\nBo,y\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "all.pdf"])
    assert result.exit_code == 1
    assert "error: row 2 (Ana)" in result.output and "error: row 3 (Bo)" in result.output
    assert "all.pdf: no athlete could be printed" in result.output
    assert not (in_tmp / "all.pdf").exists()


def test_batch_rejects_an_unknown_set(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete\nAna\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "all.pdf",
                                  "--set", "wek=2"])
    assert result.exit_code == 1 and "did you mean 'week'?" in result.output


def test_combined_pdf_is_the_same_bytes_with_one_or_two_jobs(runner, in_tmp):
    # One process draws a combined PDF whatever --jobs, on one Canvas, in roster order.
    from conftest import DATA

    template = str(DATA / "good" / "templates" / "roster-mix.yaml")
    chosen = NAMES[:11]  # the awkward names and each script once
    roster = write_roster(in_tmp, [[n, 1, ""] for n in chosen])
    outputs = []
    for jobs in ("1", "2"):
        result = runner.invoke(main, ["batch", template, "--roster", str(roster), "-o", f"all-{jobs}.pdf",
                                      "--jobs", jobs], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outputs.append((in_tmp / f"all-{jobs}.pdf").read_bytes())
    assert outputs[0] == outputs[1]
    pages = open_pdf(outputs[1]).pages
    assert len(pages) == 2 * len(chosen)
    for i, name in enumerate(chosen):
        legs, push = text_of(pages[2 * i]), text_of(pages[2 * i + 1])
        assert f"{name.upper()}: hold it, {name.lower()}" in " ".join(legs.split())
        assert f"Go, {name.upper()}" in " ".join(push.split())


@pytest.mark.parametrize("name,expected", [
    ("Nguyen, Bao", "Nguyen-Bao"), ("Liam O'Brien", "Liam-OBrien"), ("Zoë d’Arc", "Zoë-dArc"),
    ("J.R. Smith", "J-R-Smith"), ("Anne-Marie  Lund", "Anne-Marie-Lund"), ("李 小明", "李-小明"),
])
def test_file_names_keep_letters_digits_and_hyphens(name, expected):
    assert safe_name(name) == expected


def foreign_pdf(path: Path) -> bytes:
    """A real PDF another program made: one blank page, Creator 'Microsoft Word'."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Creator"] = "Microsoft Word"
    pdf.save(path)
    return path.read_bytes()


def test_fix_a_row_and_rerun_the_same_command(runner, in_tmp):
    """The coach's loop: a bad row fails, the others are written; fixed, the same command
    rewrites every sheet without --force; a file runprint did not write is never touched."""
    (in_tmp / "out").mkdir()
    notes = foreign_pdf(in_tmp / "out" / "notes.pdf")
    (in_tmp / "club.csv").write_text("athlete,week\nAna,1\nBo,2w\nCy,3\n")
    command = ["batch", "runner-strength", "--roster", "club.csv", "--out-dir", "out", "--jobs", "2"]
    result = runner.invoke(main, command)
    assert result.exit_code == 3 and "error: row 3 (Bo): club.csv: week: '2w' is not a whole number" in result.output
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["Ana.pdf", "Cy.pdf", "notes.pdf"]
    before = (in_tmp / "out" / "Ana.pdf").stat().st_mtime_ns
    (in_tmp / "club.csv").write_text("athlete,week\nAna,2\nBo,2\nCy,3\n")
    result = runner.invoke(main, command)
    assert result.exit_code == 0, result.output
    assert result.output == "wrote 3 of 3 athletes to out\n"
    weeks = {p.name: text_of(open_pdf(p.read_bytes()).pages[0]).split("week ")[1].split()[0]
             for p in (in_tmp / "out").glob("[ABC]*.pdf")}
    assert weeks == {"Ana.pdf": "2", "Bo.pdf": "2", "Cy.pdf": "3"}
    assert (in_tmp / "out" / "Ana.pdf").stat().st_mtime_ns >= before
    assert (in_tmp / "out" / "notes.pdf").read_bytes() == notes


def test_a_foreign_file_under_an_athletes_name_is_refused_by_name(runner, in_tmp):
    (in_tmp / "out").mkdir()
    theirs = foreign_pdf(in_tmp / "out" / "Bo.pdf")
    (in_tmp / "club.csv").write_text("athlete\nAna\nBo\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "--out-dir", "out"])
    assert result.exit_code == 1
    assert result.output == ("error: out: this file is not a PDF runprint wrote: Bo.pdf\n"
                             "  hint: move them away, or pass --force to replace them\n")
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["Bo.pdf"]
    assert (in_tmp / "out" / "Bo.pdf").read_bytes() == theirs


def test_combined_pdf_has_a_bookmark_per_athlete_and_the_templates_title(runner, in_tmp):
    import pikepdf

    (in_tmp / "club.csv").write_text("athlete,week\n\"Nguyen, Bao\",2\nLiam O'Brien,3\nAna,2\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "all.pdf",
                                  "--session", "day-1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with pikepdf.open(in_tmp / "all.pdf") as pdf:
        with pdf.open_outline() as outline:
            entries = [(item.title, pdf.pages.index(item.destination[0])) for item in outline.root]
        assert entries == [("Nguyen, Bao", 0), ("Liam O'Brien", 1), ("Ana", 2)]
        assert pdf.Root.PageMode == "/UseOutlines"  # the viewer opens on the list of athletes
        assert str(pdf.docinfo["/Title"]) == "Runner strength"


def test_duplex_pads_each_athlete_to_an_even_page_count(runner, in_tmp):
    import pikepdf

    (in_tmp / "club.csv").write_text("athlete,week\nAna,2\nBo,2\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "all.pdf", "--duplex",
                                  "--with-week"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = open_pdf((in_tmp / "all.pdf").read_bytes()).pages
    texts = [text_of(page) for page in pages]
    assert len(pages) == 8 and texts[3] == "" and texts[7] == ""        # 3 pages each, and a blank
    assert "Athlete: Ana" in texts[0] and "Athlete: Bo" in texts[4]
    with pikepdf.open(in_tmp / "all.pdf") as pdf, pdf.open_outline() as outline:
        assert [pdf.pages.index(item.destination[0]) for item in outline.root] == [0, 4]
        assert str(pdf.docinfo["/Title"]) == "Runner strength, week 2"


def test_a_combined_pdf_replaces_its_own_last_run_but_not_a_foreign_file(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete\nAna\n")
    command = ["batch", "runner-strength", "--roster", "club.csv", "-o", "all.pdf"]
    assert runner.invoke(main, command).exit_code == 0
    assert runner.invoke(main, command).exit_code == 0
    mine = foreign_pdf(in_tmp / "mine.pdf")
    result = runner.invoke(main, command[:-1] + ["mine.pdf"])
    assert result.exit_code == 1 and "mine.pdf: this file is not a PDF runprint wrote" in result.output
    assert (in_tmp / "mine.pdf").read_bytes() == mine


def test_two_athletes_a_sheet_each_keep_a_bookmark(runner, in_tmp):
    import pikepdf

    (in_tmp / "club.csv").write_text("athlete\nAna\nBo\nCy\n")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "all.pdf", "--2up",
                                  "--paper", "half-letter", "--session", "day-1", "--duplex"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with pikepdf.open(in_tmp / "all.pdf") as pdf, pdf.open_outline() as outline:
        entries = [(item.title, pdf.pages.index(item.destination[0])) for item in outline.root]
        assert [title for title, _ in entries] == ["Ana", "Bo", "Cy"]
        assert entries[0][1] == entries[1][1] == 0 and entries[2][1] % 2 == 0 and len(pdf.pages) % 2 == 0


def test_a_link_to_a_runprint_pdf_is_not_runprints_to_replace(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete\nAna\n")
    assert runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "-o", "kept.pdf"]).exit_code == 0
    (in_tmp / "out").mkdir()
    (in_tmp / "out" / "Ana.pdf").symlink_to(in_tmp / "kept.pdf")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "--out-dir", "out"])
    assert result.exit_code == 1 and "out/Ana.pdf: this is a symbolic link; runprint never writes through" \
        in result.output
    assert (in_tmp / "out" / "Ana.pdf").is_symlink()
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "--out-dir", "out", "--force"])
    assert result.exit_code == 1 and (in_tmp / "out" / "Ana.pdf").is_symlink()  # not even with --force


def test_each_page_of_a_combined_pdf_is_the_athletes_own_card(runner, in_tmp):
    """A batch reuses what it measured for one athlete when laying out the next; the pages
    must still be the ones each athlete's card gets alone, in a fresh process. Long loads
    push some cards to tighter type, and the athletes alternate with short ones."""
    import subprocess
    import sys

    long_load = "12 kg dumbbell in each hand, lowered slowly, a pause at the top of every rep"
    rows = [["Ana", 1, "12", "kg"], ["Bo", 3, long_load, "kg"], ["Cy", 1, "12", "lb"], ["Di", 2, long_load, "kg"],
            ["Ed", 1, "12", "kg"]]  # Cy: the same items as Ana's but for the units in the load and cell heads
    with (in_tmp / "roster.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows([["athlete", "week", "row_load", "units"], *rows])
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "roster.csv", "-o", "all.pdf"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    combined = open_pdf((in_tmp / "all.pdf").read_bytes()).pages
    assert len(combined) == 2 * len(rows)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    sizes = set()
    for i, (name, week, load, units) in enumerate(rows):
        subprocess.run([sys.executable, "-m", "runprint", "card", "runner-strength", "--set", f"athlete={name}",
                        "--set", f"week={week}", "--set", f"row_load={load}", "--units", units, "-o", f"{name}.pdf"],
                       cwd=in_tmp, env=env, check=True, capture_output=True)
        alone = open_pdf((in_tmp / f"{name}.pdf").read_bytes()).pages
        for page, own in zip(combined[2 * i:2 * i + 2], alone, strict=True):
            placed = [(w["text"], round(w["x0"], 2), round(w["top"], 2), round(w["size"], 2)) for w in words(page)]
            assert placed == [(w["text"], round(w["x0"], 2), round(w["top"], 2), round(w["size"], 2))
                              for w in words(own)], name
            sizes.add(max(w[3] for w in placed if w[0] == "1."))  # the step numbers' size
    assert len(sizes) > 1, "the long loads should have needed a tighter style"
