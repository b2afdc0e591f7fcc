"""With --scan-marks, log pages carry corner marks and a page code; without, none; no card grows."""

import shutil
import subprocess

import pytest

from runprint.layout.geometry import QR, Cell, Line
from runprint.layout.marks import MARK_PT, PREFIX, cells_digest, read_page_code
from runprint.pipeline import Options, Run


def _sheets(template="upper-body-runners", **options):
    options = {"scan_marks": True, **options}
    return Run.open(template, overrides={"athlete": "Ana", "week": 2}, options=Options(**options)).pages_for()


def _codes(page):
    return [op for op in page.ops if op.__class__ is QR and op.data.startswith(PREFIX)]


def _marks(page):
    return [op for op in page.ops if op.__class__ is Line and op.width == MARK_PT]


@pytest.mark.parametrize("template", ["upper-body-runners", "main-lifts", "runner-strength"])
def test_every_log_page_has_four_marks_and_a_code_naming_it(template):
    sheets = _sheets(template)
    for card in sheets.cards:
        for number, page in enumerate(card.pages, 1):
            cells = [op for op in page.ops if op.__class__ is Cell]
            if not cells:
                assert not _codes(page) and not _marks(page)
                continue
            assert len(_marks(page)) == 4
            (code,) = _codes(page)
            page_id = read_page_code(code.data)
            assert page_id.template == template and page_id.session == card.session_id
            assert (page_id.athlete, page_id.page, page_id.paper) == ("Ana", number, "letter")
            assert page_id.digest == cells_digest(cells)
            assert code.size <= 72, "a page code over 25 mm"
            # nothing the card draws lies under the code, but the Notes box's frame and lines
            for op in page.ops:
                if op.__class__ is Cell:
                    assert op.y > code.y + code.size or op.x + op.w < code.x


def test_marks_never_add_a_page():
    for template in ("upper-body-runners", "main-lifts", "runner-strength"):
        for paper in ("letter", "a4", "a5"):
            plain = _sheets(template, paper=paper, scan_marks=False)
            marked = _sheets(template, paper=paper)
            assert [len(c.pages) for c in marked.cards] == [len(c.pages) for c in plain.cards]
            assert not any(_marks(p) or _codes(p) for p in plain.pages)


@pytest.mark.parametrize("flag,marked", [(None, False), ("--no-scan-marks", False), ("--scan-marks", True)])
def test_scan_marks_on_the_command_line(tmp_path, flag, marked):
    from click.testing import CliRunner

    from runprint.cli import main

    out = tmp_path / "card.pdf"
    result = CliRunner().invoke(main, ["card", "upper-body-runners", *([flag] if flag else []), "-o", str(out)])
    assert result.exit_code == 0, result.output
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        small = [r for r in pdf.pages[0].rects if r["width"] < 8 and r["fill"]]
        assert bool(small) == marked


@pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("zbarimg") is None,
                    reason="needs pdftoppm and zbarimg to read the printed code back")
def test_the_printed_page_code_reads_back_at_150_dpi(tmp_path):
    from runprint.render import render_pdf

    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(render_pdf(_sheets().pages))
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", *map(str, sorted(tmp_path.glob("page*.png")))],
                           capture_output=True, text=True).stdout
    codes = [line for line in found.splitlines() if line.startswith(PREFIX)]
    assert codes and read_page_code(codes[0]).session == "upper-body"
