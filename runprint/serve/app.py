"""The web app: the author's and the coach's pages, and the few JSON calls behind them.

Each call gets a fresh Library (so an edited file is read again) and, for uploads, a
private folder of its own that is removed when the call ends. Builds take turns on one
lock that the app owns: two tabs at once each get their own PDF, one after the other.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
import threading
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import RunprintError
from ..library import Library, builtin_dir
from . import build
from .door import Door

STATIC = Path(__file__).parent / "static"
UPLOAD_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".yaml", ".yml")
MAX_SESSIONS = 50


class BadRequest(Exception):
    """A request no page of ours sends (a script's, or a tampered one): 400, said plainly."""


def make_app(libraries: tuple[str, ...], cwd: Path, workdir: Path, token: str | None = None):
    """The whole server as an ASGI app; `workdir` is the private folder uploads live in."""
    lock = threading.Lock()

    def library() -> Library:
        return Library.default(libraries, cwd)

    def page(name: str):
        return lambda request: FileResponse(STATIC / name, headers={"cache-control": "no-store"})

    def listing() -> list[dict]:
        found = library()
        return [template_info(found, name) for name in sorted(found.template_files)]

    async def templates(request: Request):
        return JSONResponse(await run_in_threadpool(listing))

    async def stamp(request: Request):
        return JSONResponse({"stamp": await run_in_threadpool(files_stamp, library())})

    async def sheet(request: Request):
        try:
            choices = choices_from(await json_body(request))
        except BadRequest as exc:
            return JSONResponse({"errors": [f"error: {exc}"]}, status_code=400)
        answer = {"command": build.command(choices, libraries)}

        def run():
            with lock:
                return build.build_sheet(library(), choices)
        try:
            made = await run_in_threadpool(run)
        except (RunprintError, OSError) as exc:
            return JSONResponse({**answer, "errors": error_lines(exc)}, status_code=422)
        return JSONResponse({**answer, "title": made.title, "pages": made.pages, "notes": made.notes,
                             "file_name": made.file_name, "pdf": base64.b64encode(made.pdf).decode()})

    async def batch(request: Request):
        try:
            async with request.form(max_files=2, max_fields=20) as form:
                choices = batch_choices_from(form)
                with tempfile.TemporaryDirectory(dir=workdir) as folder:
                    roster, roster_name = await save_upload(form.get("roster"), Path(folder), "roster", True)
                    history, history_name = await save_upload(form.get("history"), Path(folder), "history", False)
                    names = {str(roster): roster_name, str(history): history_name}
                    answer = {"command": build.batch_command(choices, roster_name, history_name, libraries)}

                    def run():
                        with lock:
                            return build.build_batch(libraries, choices, roster, history, Path(folder))
                    try:
                        made = await run_in_threadpool(run)
                    except (RunprintError, OSError) as exc:
                        return JSONResponse({**answer, "errors": shown(error_lines(exc), names)}, status_code=422)
                    return JSONResponse({**answer, **batch_report(made, names)})
        except BadRequest as exc:
            return JSONResponse({"errors": [f"error: {exc}"]}, status_code=400)

    routes = [Route("/", page("author.html")), Route("/coach", page("coach.html")),
              Route("/api/templates", templates), Route("/api/stamp", stamp),
              Route("/api/sheet", sheet, methods=["POST"]), Route("/api/batch", batch, methods=["POST"]),
              Mount("/static", StaticFiles(directory=STATIC))]
    return Door(Starlette(routes=routes), token)


def template_info(library: Library, name: str) -> dict:
    """What the author's form needs of a template: its sessions and params, or its problems."""
    from ..pipeline import template_title
    from ..plan import coerce_params, template_param_names

    path = library.template_files[name]
    origin = "built-in" if Path(path).parent == builtin_dir("templates") else str(Path(path).parent)
    try:
        template = library.template(name)
        title = template_title(template, coerce_params(template, {}))
    except (RunprintError, OSError) as exc:
        return {"name": name, "origin": origin, "errors": error_lines(exc)}
    params = [{"name": key, "default": "" if template.params.get(key) is None else str(template.params[key]),
               "about": template.abouts.get(key, "")} for key in template_param_names(template)]
    return {"name": name, "origin": origin, "title": title, "description": template.description or "",
            "sessions": [{"id": s.id, "name": s.name} for s in template.sessions], "params": params}


def files_stamp(library: Library) -> str:
    """Changes when any template or exercise file is added, removed or edited."""
    seen = []
    for kind in ("templates", "exercises"):
        for folder in library.folders(kind):
            try:
                with os.scandir(folder) as entries:
                    seen += [(entry.path, entry.stat().st_mtime_ns, entry.stat().st_size) for entry in entries
                             if entry.name.endswith((".yaml", ".yml"))]
            except OSError:
                seen.append((str(folder), "gone"))
    return hashlib.sha256(repr(sorted(seen)).encode()).hexdigest()[:16]


def error_lines(exc: BaseException) -> list[str]:
    """The lines the CLI prints for the same problem, 'error: ' and all."""
    from ..shell import what_stopped

    lines, _ = what_stopped(exc)
    return [f"error: {line}" for line in lines]


def shown(lines: list[str], names: dict) -> list[str]:
    """Lines naming an upload by the name the browser gave it, not by its private copy."""
    for path, name in names.items():
        if name:
            lines = [line.replace(path, name) for line in lines]
    return lines


def batch_report(made: build.Batch, names: dict) -> dict:
    rows = [{"row": athlete.row, "athlete": athlete.name, "problems": shown(made.problems.get(athlete.row, []), names),
             "values": {key: str(value) for key, value in athlete.values.items()}} for athlete in made.athletes]
    report = {"columns": [{"param": p, "header": h} for p, h in made.columns.items()], "unused": made.unused,
              "rows": rows, "notes": shown(made.notes, names), "word": made.athletes[0].word if made.athletes else "row",
              "file_name": made.file_name, "printed": len(rows) - len(made.problems)}
    if made.data is not None:
        report["data"] = base64.b64encode(made.data).decode()
    return report


async def json_body(request: Request) -> dict:
    try:
        data = await request.json()
    except ValueError:
        raise BadRequest("the request is not JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("the request is not a JSON object")
    return data


def pick(data, key: str, choices: tuple, default: str) -> str:
    value = data.get(key, default)
    if value not in choices:
        raise BadRequest(f"{key} must be one of {', '.join(c or '(blank)' for c in choices)}")
    return value


def text(data, key: str, longest: int = 200) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or len(value) > longest:
        raise BadRequest(f"{key} must be text of at most {longest} characters")
    return value


def choices_from(data: dict) -> build.Choices:
    sessions, sets = data.get("sessions", []), data.get("sets", {})
    if not isinstance(sessions, list) or len(sessions) > MAX_SESSIONS or not all(isinstance(s, str) for s in sessions):
        raise BadRequest("sessions must be a list of session ids")
    if not isinstance(sets, dict) or not all(isinstance(k, str) and k.strip() and isinstance(v, str)
                                             for k, v in sets.items()):
        raise BadRequest("sets must map param names to text")
    log_weeks = text(data, "log_weeks", 2).strip()
    if log_weeks and not (log_weeks.isdigit() and 1 <= int(log_weeks) <= 8):
        raise BadRequest("log_weeks must be a whole number from 1 to 8")
    return build.Choices(template=text(data, "template"), kind=pick(data, "kind", build.KINDS, "card"),
                         sessions=tuple(sessions), paper=pick(data, "paper", build.PAPERS, "letter"),
                         sides=pick(data, "sides", build.SIDES, "auto"), two_up=data.get("two_up") is True,
                         effort=pick(data, "effort", build.EFFORTS, ""), log_weeks=log_weeks,
                         units=pick(data, "units", build.UNITS, ""), sets=tuple(sets.items()))


def batch_choices_from(form) -> build.BatchChoices:
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    return build.BatchChoices(template=text(fields, "template"), sheet=text(fields, "sheet"),
                              paper=pick(fields, "paper", build.PAPERS, "letter"),
                              two_up=fields.get("two_up") == "on", duplex=fields.get("duplex") == "on",
                              with_week=fields.get("with_week") == "on", zip=fields.get("output") == "zip")


async def save_upload(upload, folder: Path, role: str, required: bool) -> tuple[Path | None, str | None]:
    """The uploaded file copied into the request's private folder under a name of ours: the
    browser's file name is only shown, never used as a path."""
    if upload is None or isinstance(upload, str) or not upload.filename:
        if required:
            raise BadRequest(f"choose a {role} file")
        return None, None
    shown_name = Path(upload.filename.replace("\\", "/")).name or role
    suffix = Path(shown_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise BadRequest(f"{shown_name}: a {role} is a .csv, .xlsx or .yaml file")
    path = folder / f"{role}{suffix}"
    with open(path, "wb") as out:
        while chunk := await upload.read(1 << 16):
            out.write(chunk)
    return path, shown_name
