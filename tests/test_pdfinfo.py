"""Telling runprint's own PDFs from anyone else's, by the PDF's document information."""

import pikepdf

from runprint.pdfinfo import made_by_runprint
from runprint.pipeline import render_card


def test_a_runprint_pdf_is_known_by_its_info(tmp_path):
    path = tmp_path / "card.pdf"
    path.write_bytes(render_card("upper-body-runners"))
    assert made_by_runprint(path)


def test_other_pdfs_are_not(tmp_path):
    ours = tmp_path / "card.pdf"
    ours.write_bytes(render_card("upper-body-runners"))
    with pikepdf.open(ours) as pdf:  # the same pages, saved again by another program: a coach's file now
        pdf.save(tmp_path / "resaved.pdf", object_stream_mode=pikepdf.ObjectStreamMode.generate)
    word = pikepdf.new()
    word.add_blank_page()
    word.docinfo["/Creator"] = "runprint 0.1.0"  # a Creator alone is not enough: Author too
    word.save(tmp_path / "word.pdf")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "cut.pdf").write_bytes(ours.read_bytes()[:-200])
    for name in ("resaved.pdf", "word.pdf", "empty.pdf", "cut.pdf", "missing.pdf"):
        assert not made_by_runprint(tmp_path / name), name
    assert not made_by_runprint(tmp_path)  # a folder
