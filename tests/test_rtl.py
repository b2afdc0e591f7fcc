"""Issue 13, text that prints wrong: right-to-left names print in visual order with Arabic
letters joined, read back in logical order; a name with nothing that prints is an error."""

import subprocess
import unicodedata

import pytest

from runprint.cli import main
from runprint.render import fonts, visual


def read_back(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext marks right-to-left runs (U+202B ... U+202C) and keeps Arabic's joined forms.
    return unicodedata.normalize("NFKC", text.replace("\u202b", "").replace("\u202c", ""))


@pytest.mark.parametrize("name", ["محمد علي", "דוד כהן"], ids=["arabic", "hebrew"])
def test_right_to_left_names_read_back_in_logical_order(runner, in_tmp, name):
    result = runner.invoke(main, ["card", "upper-body-runners", "--set", f"athlete={name}", "-o", "card.pdf"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"Athlete: {name}\n" in read_back(in_tmp / "card.pdf")


def test_arabic_is_drawn_joined_and_right_to_left():
    drawn = visual("محمد")
    assert drawn == "\ufee4\ufea4\ufee4\ufea3"[::-1] or unicodedata.normalize("NFKC", drawn) == "دمحم"
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in drawn)  # presentation forms: letters joined
    assert visual("Ana") == "Ana" and visual("שלום") == "םולש"
    assert fonts().missing("محمد علي דוד") == ""
    assert fonts().width("שלום", False, 10) == fonts().width("םולש", False, 10)  # measured as drawn


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u202e", "\u200b \u2066"])
def test_a_name_with_nothing_that_prints_is_an_error(runner, in_tmp, name):
    result = runner.invoke(main, ["card", "upper-body-runners", "--set", f"athlete={name}", "-o", "card.pdf"])
    assert result.exit_code == 1
    assert "the name has no character that prints (only U+" in result.output
    assert not any(c in result.output for c in name if not c.isspace())  # shown escaped, never raw
    (in_tmp / "r.csv").write_text(f"athlete\nAna\n{name}\n", encoding="utf-8")
    result = runner.invoke(main, ["batch", "upper-body-runners", "--roster", "r.csv", "--out-dir", "out"])
    assert result.exit_code == 3 and "error: row 3" in result.output and "no character that prints" in result.output
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["Ana.pdf"]


HEBREW_EXERCISE = """name: כפיפות בטן
group: core
steps:
  - שכבו על הגב עם ברכיים כפופות.
  - הרימו את הכתפיים מהרצפה לאט.
  - חזרו למטה בשליטה.
cues: [נשימה רגועה, גב תחתון צמוד]
"""
HEBREW_TEMPLATE = """title: אימון כוח לרצים
sessions:
  - id: a
    name: יום א
    notes: מנוחה של דקה בין הסטים.
    exercises:
      - exercise: kfifot
        do: 3x12
      - exercise: push-up
        do: 3x10
"""


def test_hebrew_lines_are_set_right_to_left_and_english_ones_stay_left(runner, in_tmp):
    from pdfcheck import open_pdf, words

    (in_tmp / "exercises").mkdir()
    (in_tmp / "exercises" / "kfifot.yaml").write_text(HEBREW_EXERCISE, encoding="utf-8")
    (in_tmp / "t.yaml").write_text(HEBREW_TEMPLATE, encoding="utf-8")
    result = runner.invoke(main, ["card", "t.yaml", "-o", "card.pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = open_pdf((in_tmp / "card.pdf").read_bytes()).pages[0]
    found = words(page)

    def hebrew(word):
        return any("\u0590" <= c <= "\u05ff" for c in word["text"])

    numbers = [w for w in found if w["text"] in ("1.", "2.", "3.")]
    hebrew_steps = [n for n in numbers if any(hebrew(w) and abs(w["top"] - n["top"]) < 1 for w in found)]
    assert [n["text"] for n in hebrew_steps] == ["1.", "2.", "3."]
    for number in hebrew_steps:  # the number on the right, the step's words to its left
        same_line = [w for w in found if hebrew(w) and abs(w["top"] - number["top"]) < 1]
        assert number["x0"] > max(w["x1"] for w in same_line)
    assert len({round(n["x1"], 1) for n in hebrew_steps}) == 1  # one right edge, however long each step
    english = [n for n in numbers if n not in hebrew_steps]
    assert english and all(n["x0"] == pytest.approx(36, abs=0.5) for n in english)  # Push-Up's steps: left
    title = [w for w in found if hebrew(w) and w["size"] == pytest.approx(14)]
    assert max(w["x1"] for w in title) == pytest.approx(page.width - 36, abs=0.5)  # ends at the right margin
