"""The one table reader: spreadsheet shapes that would cost minutes or gigabytes are refused
before openpyxl reads a row, and a workbook written as spreadsheets write them still reads."""

import json
import zipfile

import pytest

from runprint.errors import RunprintError
from runprint.tables import read_table

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
        'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.'
        'org/officeDocument/2006/relationships"><sheets><sheet name="Team" sheetId="1" r:id="rId1"/></sheets>'
        '</workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


def row(number: int, *values: str, prefix: str = "") -> bytes:
    cells = "".join(f'<{prefix}c r="{chr(65 + i)}{number}" t="inlineStr"><{prefix}is><{prefix}t>{v}</{prefix}t>'
                    f'</{prefix}is></{prefix}c>' for i, v in enumerate(values))
    return f'<{prefix}row r="{number}">{cells}</{prefix}row>'.encode()


TEAM = row(1, "athlete", "week") + row(2, "Ana", "1")


def workbook(path, *pieces: bytes, repeat: tuple[bytes, int] = (b"", 0), tail: bytes = b"", prefix=""):
    """A workbook whose sheet is `pieces`, then `repeat[0]` written `repeat[1]` times, then `tail`:
    streamed into the zip, so a shape of 95 MB is a few KB on disk and in memory."""
    ns = f' xmlns:{prefix[:-1]}="{MAIN}"' if prefix else f' xmlns="{MAIN}"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><{prefix}worksheet{ns}>'.encode())
            for piece in pieces:
                sheet.write(piece)
            block, times = repeat
            if block:
                each = max(1, (1 << 20) // len(block))
                for _ in range(times // each):
                    sheet.write(block * each)
                sheet.write(block * (times % each))
            sheet.write(tail + f"</{prefix}worksheet>".encode())
    return path


def refused(path, kind="roster") -> str:
    with pytest.raises(RunprintError) as exc:
        read_table(path, kind=kind)
    return str(exc.value)


def test_a_plain_workbook_reads(tmp_path):
    table = read_table(workbook(tmp_path / "t.xlsx", b"<sheetData>", TEAM, tail=b"</sheetData><!-- kept -->"))
    assert table.header == ("athlete", "week") and table.rows == ((2, ("Ana", "1")),)


def test_names_with_a_prefix_are_counted_too(tmp_path):
    path = workbook(tmp_path / "t.xlsx", b"<x:sheetData>", row(1, "athlete", "week", prefix="x:"),
                    repeat=(b'<x:row r="2"/>', 200_000), tail=b"</x:sheetData>", prefix="x:")
    assert refused(path) == (f"{path}: the sheet has more than 101,000 rows, over the 101,000 rows a roster may use"
                             "\n  hint: keep one row per athlete from the top of the sheet, or split the file")


def test_a_95_mb_comment_is_refused_at_its_start(tmp_path):
    path = workbook(tmp_path / "t.xlsx", b"<sheetData>", TEAM, b"</sheetData><!--", repeat=(b"x", 95_000_000),
                    tail=b"-->")
    assert path.stat().st_size < 500_000
    assert refused(path) == (f"{path}: the workbook holds a run of text or markup far longer than any cell\n"
                             "  hint: open it in your spreadsheet and save it as .xlsx again, or as CSV")


def test_a_long_attribute_is_one_token_too(tmp_path):
    path = workbook(tmp_path / "t.xlsx", b'<sheetData><row r="1" x="', repeat=(b"a>", 5_000_000), tail=b'"/>')
    assert "a run of text or markup far longer than any cell" in refused(path)


def test_six_million_copies_of_one_row_stop_at_the_limit(tmp_path):
    path = workbook(tmp_path / "t.xlsx", b"<sheetData>", TEAM, repeat=(b'<row r="2"/>', 6_000_000),
                    tail=b"</sheetData>")
    assert "the sheet has more than 101,000 rows, over the 101,000 rows a history may use" in refused(path, "history")


def test_a_declared_dimension_far_down_is_refused_before_the_rows(tmp_path):
    path = workbook(tmp_path / "t.xlsx", b'<dimension ref="A1048575:GR1048576"/><sheetData>',
                    row(1048575, "athlete", "week"), row(1048576, "Ana", "1"), tail=b"</sheetData>")
    assert path.stat().st_size < 2_000
    assert refused(path).startswith(f"{path}: the sheet declares rows up to 1,048,576, over the 101,000 rows")


def test_a_row_numbered_past_the_limit_is_refused_not_dropped(tmp_path):
    path = workbook(tmp_path / "t.xlsx", b"<sheetData>", TEAM, row(150_000, "Bo", "2"), tail=b"</sheetData>")
    assert refused(path).startswith(f"{path}: the sheet has a row numbered 150,000, over the 101,000 rows")


def test_a_row_of_a_million_cells_is_refused(tmp_path):
    path = workbook(tmp_path / "t.xlsx", b"<sheetData>", TEAM, b'<row r="3">', repeat=(b"<c/>", 1_000_000),
                    tail=b"</row></sheetData>")
    assert "the sheet's rows hold more than 200 cells each" in refused(path)


def test_a_history_past_the_row_limit_is_refused_before_it_is_read(tmp_path):
    done = row(1, "date", "exercise", "set", "reps") + b"".join(
        row(n, "2026-11-24", "push-up", "1", "10") for n in range(2, 1002))
    path = workbook(tmp_path / "log.xlsx", b"<sheetData>", done, repeat=(b'<row><c t="n"><v>1</v></c></row>', 110_000),
                    tail=b"</sheetData>")
    assert "the sheet has more than 101,000 rows" in refused(path, "history")


def test_a_dtd_is_refused(tmp_path):
    path = workbook(tmp_path / "t.xlsx", b'<!DOCTYPE x [<!ENTITY a "b">]><sheetData>', TEAM, tail=b"</sheetData>")
    assert "the workbook declares a DTD, which no spreadsheet writes" in refused(path)


# --- what runprint writes is text or a number, never a formula ---------------------------------------

HOSTILE = {"link": '=HYPERLINK("http://evil.example/?x","click")', "cmd": "=cmd|' /C calc'!A0", "plus": "+1+2",
           "minus": "-3", "at": "@SUM(A1)", "tab": "\tx", "plain": "easy"}


def hostile_template(folder):
    params = "".join(f"  {key}: {json.dumps(value)}\n" for key, value in HOSTILE.items())   # JSON strings are YAML
    reads = " ".join(f"{{{{ {key} }}}}" for key in HOSTILE)
    (folder / "hostile.yaml").write_text(f"title: Hostile\nparams:\n{params}  week: 1\nsessions:\n  - name: One\n"
                                         f"    notes: \"{reads} {{{{ week }}}}\"\n    exercises:\n"
                                         "      - exercise: push-up\n        do: 3x10\n")
    return folder / "hostile.yaml"


def test_the_csv_roster_neutralises_every_formula(runner, in_tmp):
    import csv

    from runprint.cli import main

    hostile_template(in_tmp)
    result = runner.invoke(main, ["roster", "hostile.yaml", "-o", "team.csv"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    header, example = csv.reader((in_tmp / "team.csv").read_text().splitlines())
    written = dict(zip(header, example))
    assert {key: written[key] for key in HOSTILE} == {
        "link": "'" + HOSTILE["link"], "cmd": "'" + HOSTILE["cmd"], "plus": "'+1+2", "minus": "'-3",
        "at": "'@SUM(A1)", "tab": "'\tx", "plain": "easy"}
    assert written["week"] == "1"
    table = read_table(in_tmp / "team.csv")   # and reads back as the template wrote it
    assert dict(zip(table.header, table.rows[0][1]))["link"] == HOSTILE["link"]


def test_the_xlsx_roster_stores_text_never_a_formula(runner, in_tmp):
    from openpyxl import load_workbook

    from runprint.cli import main

    hostile_template(in_tmp)
    result = runner.invoke(main, ["roster", "hostile.yaml", "-o", "team.xlsx"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(in_tmp / "team.xlsx") as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    sheet = load_workbook(in_tmp / "team.xlsx").worksheets[0]
    cells = {head.value: below for head, below in zip(sheet[1], sheet[2])}
    assert {key: cells[key].value for key in HOSTILE} == {key: value for key, value in HOSTILE.items()}
    assert all(cells[key].data_type == "s" for key in HOSTILE)
    assert {key for key in HOSTILE if cells[key].quotePrefix} == set(HOSTILE) - {"plain"}
    assert cells["week"].value == 1 and cells["week"].data_type == "n"

