"""A video link prints as a QR code a phone can scan.

The card's words, lines and boxes with coordinates are golden tests in test_goldens.py."""

import shutil
import subprocess
from pathlib import Path

import pytest

from runprint.cli import main

DATA = Path(__file__).parent / "data"


@pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
                    reason="needs zbarimg (zbar-tools) and pdftoppm (poppler-utils); .ci/run installs both")
def test_video_prints_as_a_qr_code_that_scans(runner, monkeypatch, tmp_path):
    monkeypatch.chdir(DATA / "good")
    out = tmp_path / "card.pdf"
    result = runner.invoke(main, ["card", "video", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "page")], check=True)
    scan = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "page-1.png")], capture_output=True, text=True)
    assert "https://example.org/wall-sit" in scan.stdout.splitlines()  # beside it, the page code
