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
