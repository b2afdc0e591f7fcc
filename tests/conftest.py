import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MARGIN_MIN_PT = 28.8  # 0.4 in
# Wall-time and peak-memory checks run only when asked (CHECK_EXEC_TIME=1, as fpdf2 does):
# the machine is shared and the clock lies. bench/run.py measures speed and memory.
CHECK_EXEC_TIME = bool(os.environ.get("CHECK_EXEC_TIME"))



@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run from an empty folder so ./exercises and ./templates of the repo are not picked up.

    Afterwards every PDF the test left there must pass the structural check."""
    from pdfcheck import assert_structurally_sound

    monkeypatch.chdir(tmp_path)
    yield tmp_path
    for pdf in tmp_path.rglob("*.pdf"):
        if not pdf.is_file():  # a test's FIFO or dangling link, never read
            continue
        data = pdf.read_bytes()
        if data.startswith(b"%PDF"):
            assert_structurally_sound(data)


def pdf_pages(data: bytes):
    """Read a PDF back: a list of pdfplumber pages (the document stays open for the test)."""
    import pdfplumber

    return pdfplumber.open(io.BytesIO(data)).pages


def page_words(page):
    return page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=True)
