"""Golden text with coordinates for one card, and a QR code a phone can scan.

The golden file holds words and their positions, never PDF bytes (which change with a
reportlab upgrade). Regenerate it after an intended layout change with:
    RUNPRINT_REGOLD=1 python -m pytest tests/test_card_golden.py
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pdfcheck import open_pdf, words
from runprint.cli import main
from runprint.library import Library
from runprint.sheets import render_card

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden" / "upper-body-runners-letter.json"
TOLERANCE_PT = 3.0


def snapshot(data: bytes) -> list[dict]:
    page = open_pdf(data).pages[0]
    return [{"text": w["text"], "x0": round(w["x0"], 1), "top": round(w["top"], 1), "size": round(w["size"], 1)}
            for w in words(page)]


def test_upper_body_card_matches_golden_text_and_positions():
    library = Library.default(cwd=Path("/nonexistent"))
    current = snapshot(render_card("upper-body-runners", library=library))
    if os.environ.get("RUNPRINT_REGOLD"):
        lines = ",\n".join(json.dumps(w, ensure_ascii=False) for w in current)
        GOLDEN.write_text(f"[\n{lines}\n]\n")
    golden = json.loads(GOLDEN.read_text())
    assert [w["text"] for w in current] == [w["text"] for w in golden]
    for now, then in zip(current, golden):
        assert abs(now["x0"] - then["x0"]) <= TOLERANCE_PT, (now, then)
        assert abs(now["top"] - then["top"]) <= TOLERANCE_PT, (now, then)
        assert abs(now["size"] - then["size"]) <= 0.5, (now, then)


@pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
                    reason="needs zbarimg (zbar-tools) and pdftoppm (poppler-utils); .ci/run installs both")
def test_video_prints_as_a_qr_code_that_scans(runner, monkeypatch, tmp_path):
    monkeypatch.chdir(DATA / "good")
    out = tmp_path / "card.pdf"
    result = runner.invoke(main, ["card", "video", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "page")], check=True)
    scan = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "page-1.png")], capture_output=True, text=True)
    assert scan.stdout.strip() == "https://example.org/wall-sit"
