"""`runprint serve` through its HTTP calls: the same bytes as the CLI, and a door only the right
people open (Host, token, upload limits, private folders, no paths, two tabs, Ctrl-C)."""

from __future__ import annotations

import base64
import io
import json
import os
import shlex
import signal
import socket
import stat
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from serving import live_server, make_library

httpx = pytest.importorskip("httpx")

from pdfcheck import open_pdf, text_of  # noqa: E402
from runprint.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ROSTER = "athlete,week\nAna,2\nBo,two\nCy,3\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One server for the module, with a library of the user's own and an empty upload folder."""
    base = tmp_path_factory.mktemp("site")
    library = make_library(base / "lib")
    workdir = base / "work"
    workdir.mkdir(mode=0o700)
    with live_server((str(library),), base, workdir) as url:
        yield {"url": url, "library": library, "workdir": workdir}


def sheet(site, **choices):
    return httpx.post(f"{site['url']}/api/sheet", json=choices, timeout=60)


def cli_bytes(runner, folder: Path, command: str) -> bytes:
    """What the command the page shows writes, run in `folder`."""
    words = shlex.split(command)
    assert words[0] == "runprint"
    os.chdir(folder)
    result = runner.invoke(main, [*words[1:], "-o", "out.pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return (folder / "out.pdf").read_bytes()


@pytest.mark.parametrize("choices", [
    {"template": "upper-body-runners", "sets": {"athlete": "Ana"}},
    {"template": "runner-strength", "sessions": ["day-2"], "paper": "a5", "sides": "two-sided", "effort": "rpe",
     "log_weeks": "3", "units": "lb", "sets": {"week": "2", "athlete": "Bo Li"}},
    {"template": "runner-strength", "two_up": True},
    {"template": "short", "kind": "week", "paper": "a4", "sets": {"athlete": "Cy"}},
])
def test_the_pdf_is_the_clis_bytes_for_the_command_the_page_shows(site, runner, in_tmp, choices):
    answer = sheet(site, **choices)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    pdf = base64.b64decode(body["pdf"])
    assert pdf == cli_bytes(runner, in_tmp, body["command"])
    assert body["pages"] == len(open_pdf(pdf).pages)
    if "athlete" in choices.get("sets", {}):
        assert choices["sets"]["athlete"] in text_of(open_pdf(pdf).pages[0])


def test_the_command_names_only_what_differs(site):
    body = sheet(site, template="upper-body-runners", sets={"athlete": "Ana Silva"}).json()
    assert body["command"] == f"runprint card upper-body-runners --set 'athlete=Ana Silva' --library {site['library']}"
    assert body["file_name"] == "upper-body-runners.pdf" and body["title"] == "Upper body for runners"


def test_a_problem_reads_as_the_cli_prints_it(site, runner, in_tmp):
    answer = sheet(site, template="short", sets={"sets": "many"})
    assert answer.status_code == 422
    os.chdir(in_tmp)
    result = runner.invoke(main, shlex.split(answer.json()["command"])[1:])
    assert result.exit_code == 1
    assert "\n".join(answer.json()["errors"]) == result.output.strip()


def test_templates_lists_the_built_ins_and_the_library(site):
    listed = {t["name"]: t for t in httpx.get(f"{site['url']}/api/templates").json()}
    assert {"upper-body-runners", "runner-strength", "short"} <= set(listed)
    assert listed["short"]["origin"] == str(site["library"] / "templates")
    assert listed["short"]["params"][:3] == [{"name": "athlete", "default": "", "about": ""},
                                             {"name": "week", "default": "1", "about": ""},
                                             {"name": "sets", "default": "3", "about": ""}]
    squat = next(p for p in listed["main-lifts"]["params"] if p["name"] == "squat_max")
    assert squat == {"name": "squat_max", "default": "", "about": "training max for the barbell back squat, kg or lb"}
    assert listed["runner-strength"]["sessions"][1]["id"] == "day-2"


def test_the_stamp_changes_when_a_file_changes(site, tmp_path):
    before = httpx.get(f"{site['url']}/api/stamp").json()["stamp"]
    extra = site["library"] / "templates" / "other.yaml"
    extra.write_text((site["library"] / "templates" / "short.yaml").read_text())
    try:
        assert httpx.get(f"{site['url']}/api/stamp").json()["stamp"] != before
    finally:
        extra.unlink()
    assert httpx.get(f"{site['url']}/api/stamp").json()["stamp"] == before


def test_a_path_from_the_browser_is_never_opened(site, tmp_path):
    own = tmp_path / "templates" / "elsewhere.yaml"
    own.parent.mkdir()
    own.write_text((site["library"] / "templates" / "short.yaml").read_text())
    for name in (str(own), "../templates/elsewhere.yaml", "elsewhere.yaml", "/etc/hostname"):
        answer = sheet(site, template=name)
        assert answer.status_code == 422
        assert answer.json()["errors"][0].startswith(f"error: no template named '{name}'")


def test_a_request_no_page_sends_is_refused_plainly(site):
    assert sheet(site, template="short", paper="b5").json() == {
        "errors": ["error: paper must be one of letter, a4, a5, half-letter"]}
    assert httpx.post(f"{site['url']}/api/sheet", content=b"[1]").status_code == 400


def post_roster(site, data: bytes, name="club.csv", **fields):
    return httpx.post(f"{site['url']}/api/batch", data={"template": "runner-strength", **fields},
                      files={"roster": (name, data, "text/csv")}, timeout=60)


def test_a_roster_with_one_bad_row_shows_that_row_and_prints_the_others(site, runner, in_tmp):
    body = post_roster(site, ROSTER.encode()).json()
    assert [(r["row"], r["athlete"]) for r in body["rows"]] == [(2, "Ana"), (3, "Bo"), (4, "Cy")]
    assert body["rows"][1]["problems"] == ["error: row 3 (Bo): club.csv: week: 'two' is not a whole number\n"
                                           "  hint: give week as a whole number, like the default '1'"]
    assert body["columns"] == [{"param": "week", "header": "week"}, {"param": "athlete", "header": "athlete"}]
    assert body["printed"] == 2 and body["command"] == "runprint batch runner-strength --roster club.csv " \
                                                       "-o runner-strength.pdf --library " + str(site["library"])
    (in_tmp / "club.csv").write_text(ROSTER)
    result = runner.invoke(main, shlex.split(body["command"])[1:])
    assert result.exit_code == 3 and body["rows"][1]["problems"][0] in result.output
    assert base64.b64decode(body["data"]) == (in_tmp / "runner-strength.pdf").read_bytes()


def test_a_zip_holds_the_clis_files(site, runner, in_tmp):
    body = post_roster(site, b"Athlete,Week\nAna,2\nBo,3\n", "team.csv", output="zip", duplex="on").json()
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(body["data"])))
    (in_tmp / "team.csv").write_text("Athlete,Week\nAna,2\nBo,3\n")
    result = runner.invoke(main, shlex.split(body["command"])[1:], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = in_tmp / "runner-strength-sheets"
    assert archive.namelist() == ["Ana.pdf", "Bo.pdf"]
    assert all(archive.read(name) == (written / name).read_bytes() for name in archive.namelist())


def test_an_upload_name_is_shown_never_used_as_a_path(site, tmp_path):
    body = post_roster(site, b"athlete,week\nAna,x\n", name="../../evil.csv").json()
    assert body["rows"][0]["problems"][0].startswith("error: row 2 (Ana): evil.csv: week:")
    assert "../" not in body["command"] and "--roster evil.csv" in body["command"]
    assert not (site["workdir"].parent / "evil.csv").exists() and not Path("evil.csv").exists()
    assert post_roster(site, b"x", name="roster.exe").json() == {
        "errors": ["error: roster.exe: a roster is a .csv, .xlsx or .yaml file"]}


def test_uploads_live_in_a_private_folder_that_goes_with_the_request(site):
    assert stat.S_IMODE(os.stat(site["workdir"]).st_mode) == 0o700
    post_roster(site, ROSTER.encode())
    assert os.listdir(site["workdir"]) == []


def test_a_malformed_upload_gets_the_clis_message(site):
    body = post_roster(site, b"PK\x03\x04 not really a workbook", name="club.xlsx").json()
    assert body["errors"][0].startswith("error: club.xlsx: ")


def raw_request(url: str, head: str) -> str:
    """Send a request's head only, and read what comes back before any body is sent."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(head.encode())
        reply = b""
        while b"\r\n\r\n" not in reply or len(reply.split(b"\r\n\r\n", 1)[1]) < length_of(reply):
            chunk = conn.recv(4096)
            if not chunk:
                break
            reply += chunk
        return reply.decode("latin-1")


def length_of(reply: bytes) -> int:
    head = reply.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower()
    return next((int(line.split(":")[1]) for line in head.split("\r\n") if line.startswith("content-length:")), 0)


def test_an_oversized_upload_is_refused_before_it_is_read(site):
    reply = raw_request(site["url"], "POST /api/batch HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Content-Type: multipart/form-data; boundary=x\r\n"
                                     "Content-Length: 900000000\r\n\r\n")
    from runprint.serve.door import MAX_BODY_BYTES

    assert reply.startswith("HTTP/1.1 413") and f"over the {MAX_BODY_BYTES / 1e6:.0f} MB runprint reads" in reply
    reply = raw_request(site["url"], "POST /api/batch HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Transfer-Encoding: chunked\r\n\r\n")
    assert reply.startswith("HTTP/1.1 411")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", ""])
def test_another_host_name_gets_nothing(site, host):
    reply = raw_request(site["url"], f"GET /api/templates HTTP/1.1\r\nHost: {host}\r\n\r\n")
    assert reply.startswith("HTTP/1.1 400") and "upper-body" not in reply


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:8000", "[::1]:8000"])
def test_this_machine_by_any_of_its_names_is_served(site, host):
    assert raw_request(site["url"], f"GET /api/stamp HTTP/1.1\r\nHost: {host}\r\n\r\n").startswith("HTTP/1.1 200")


def test_another_sites_page_cannot_post_here(site):
    answer = httpx.post(f"{site['url']}/api/sheet", json={"template": "short"}, headers={"Origin": "http://evil.example"})
    assert answer.status_code == 403 and answer.json() == {"errors": ["error: forbidden"]}
    same = httpx.post(f"{site['url']}/api/sheet", json={"template": "short"}, headers={"Origin": site["url"]})
    assert same.status_code == 200


def test_two_tabs_at_once_each_get_their_own_pdf(site):
    names = ["Ana", "Bo", "Cy", "Dee"]
    with ThreadPoolExecutor(len(names)) as pool:
        answers = list(pool.map(lambda n: sheet(site, template="short", sets={"athlete": n}), names))
    for name, answer in zip(names, answers):
        assert text_of(open_pdf(base64.b64decode(answer.json()["pdf"])).pages[0]).startswith(f"Short day for {name}")


def test_nothing_in_the_library_is_written(site):
    before = {p: p.read_bytes() for p in site["library"].rglob("*") if p.is_file()}
    sheet(site, template="short", sets={"athlete": "Ana"})
    post_roster(site, ROSTER.encode())
    assert {p: p.read_bytes() for p in site["library"].rglob("*") if p.is_file()} == before


def test_with_a_token_every_request_must_carry_it(tmp_path):
    (tmp_path / "work").mkdir()
    with live_server((), tmp_path, tmp_path / "work", token="s3cret-token") as url:
        for attempt in (f"{url}/", f"{url}/api/templates", f"{url}/static/author.js", f"{url}/?token=wrong"):
            answer = httpx.get(attempt)
            assert answer.status_code == 403 and answer.json() == {"errors": ["error: forbidden"]}
        assert httpx.get(f"{url}/api/templates", headers={"Host": "anything.example"}).status_code == 403
        opened = httpx.get(f"{url}/?token=s3cret-token")
        assert opened.status_code == 200 and "runprint" in opened.text
        assert "HttpOnly" in opened.headers["set-cookie"]
        assert httpx.get(f"{url}/api/templates", cookies={"runprint_token": "s3cret-token"}).status_code == 200
        assert httpx.get(f"{url}/api/templates", headers={"X-Runprint-Token": "s3cret-token"}).status_code == 200


def test_serve_without_the_extra_says_how_to_install_it(runner, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now raises ImportError
    result = runner.invoke(main, ["serve"])
    assert result.exit_code == 1
    assert result.output == ("error: runprint serve needs the web server packages (uvicorn is not installed)\n"
                             "  hint: pip install 'runprint[serve]'\n")


def start_serve(tmp_path, *options):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "runprint", "serve", *options], cwd=tmp_path, env=env,
                               stderr=subprocess.PIPE, text=True)
    return process, process.stderr.readline()


def test_ctrl_c_stops_it_with_one_line_and_leaves_nothing(tmp_path):
    process, first = start_serve(tmp_path)
    try:
        url = first.split()[2]
        assert first.startswith("runprint serve: http://127.0.0.1:") and first.endswith("(Ctrl-C to stop)\n")
        assert httpx.get(f"{url}api/stamp").status_code == 200
        assert [p.name for p in tmp_path.iterdir()][0].startswith("runprint-serve-")  # the uploads' folder
        process.send_signal(signal.SIGINT)
        rest = process.stderr.read()
        assert process.wait(30) == 130
    finally:
        process.kill()  # a no-op once it has ended; never left serving if an assert fails
        process.wait()
    assert rest == "runprint serve: stopped\n"
    assert list(tmp_path.iterdir()) == []


def test_host_serves_only_with_the_printed_token(tmp_path):
    process, first = start_serve(tmp_path, "--host", "127.0.0.1")
    try:
        url = first.split()[2]
        assert "?token=" in url
        assert httpx.get(url.split("?")[0]).status_code == 403
        assert httpx.get(url).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        finally:
            process.kill()


def test_a_port_in_use_is_said_plainly(runner):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: --port {port}: cannot listen on 127.0.0.1 port {port}: ")
    assert json.dumps(result.output)  # one readable message, no traceback
    assert "Traceback" not in result.output


HISTORY = "date,athlete,exercise,set,reps,load\n2026-11-24,Ana,push-up,1,12,\n2026-11-24,Ana,push-up,2,11,\n"


def test_a_history_prints_last_times_numbers_as_the_cli_does(site, runner, in_tmp):
    answer = httpx.post(f"{site['url']}/api/batch", data={"template": "runner-strength"}, timeout=60,
                        files={"roster": ("team.csv", b"athlete\nAna\nBo\n", "text/csv"),
                               "history": ("log.csv", HISTORY.encode(), "text/csv")})
    body = answer.json()
    assert "--history log.csv" in body["command"] and body["notes"] == ["log.csv has no rows for Bo"]
    pdf = base64.b64decode(body["data"])
    assert "Last (2026-11-24): 12, 11" in text_of(open_pdf(pdf).pages[0])
    (in_tmp / "team.csv").write_text("athlete\nAna\nBo\n")
    (in_tmp / "log.csv").write_text(HISTORY)
    result = runner.invoke(main, shlex.split(body["command"])[1:], catch_exceptions=False)
    assert result.exit_code == 0 and "note: log.csv has no rows for Bo" in result.output
    assert pdf == (in_tmp / "runner-strength.pdf").read_bytes()


def test_the_sheet_of_a_workbook_is_the_one_chosen(site, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Old"
    book.active.append(["athlete", "week"])
    book.active.append(["Zed", 1])
    spring = book.create_sheet("Spring")
    spring.append(["Athlete", "Week"])
    spring.append(["Ana", 2])
    spring.append(["Bo", 3])
    data = io.BytesIO()
    book.save(data)
    body = post_roster(site, data.getvalue(), name="club.xlsx", sheet="Spring").json()
    assert [r["athlete"] for r in body["rows"]] == ["Ana", "Bo"] and body["rows"][1]["values"] == {"week": "3"}
    assert "--sheet Spring" in body["command"]
    missing = post_roster(site, data.getvalue(), name="club.xlsx", sheet="Winter").json()
    assert missing["errors"][0].startswith("error: club.xlsx: ") and "Winter" in missing["errors"][0]
