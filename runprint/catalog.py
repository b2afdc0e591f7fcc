"""Browsing and checking the library: the text behind `exercises`, `show`, `templates` and `check`."""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path

from .errors import Problem, RunprintError
from .library import Library
from .model import GROUPS, Exercise
from .schema import exercise_from_doc, suggest, template_from_doc
from .sources import load_yaml


def find_exercises(library: Library, query: str | None, group: str | None, equipment: str | None) -> list[Exercise]:
    if group and group not in GROUPS:
        raise RunprintError(Problem(None, None, "--group", f"no group '{group}'",
                                    suggest(group, GROUPS) or f"groups: {', '.join(GROUPS)}"))
    out = []
    for exercise in library.exercises():
        if group and exercise.group != group:
            continue
        if equipment:
            wanted = equipment.lower()
            if wanted in ("none", "bodyweight") and exercise.equipment:
                continue
            if wanted not in ("none", "bodyweight") and not any(wanted in e for e in exercise.equipment):
                continue
        if query and not _matches(exercise, query.lower()):
            continue
        out.append(exercise)
    return out


def _matches(exercise: Exercise, query: str) -> bool:
    words = [exercise.id, exercise.name, *exercise.muscles, *exercise.aliases, *exercise.variations]
    return any(query in w.lower() or query.replace(" ", "-") in w.lower() for w in words)


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    lines = ["  ".join(h.upper().ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def describe(exercise: Exercise) -> str:
    side = ", per side" if exercise.per_side else ""
    lines = [f"{exercise.name} ({exercise.id})",
             f"  group:     {exercise.group}",
             f"  muscles:   {', '.join(exercise.muscles) or '-'}",
             f"  equipment: {', '.join(exercise.equipment) or 'bodyweight'}",
             f"  measure:   {exercise.measure}{side}", "", "Steps"]
    for number, step in enumerate(exercise.steps, 1):
        lines.append(textwrap.fill(step, 78, initial_indent=f"  {number}. ", subsequent_indent="     "))
    if exercise.cues:
        lines += ["", "Cues"] + [f"  - {cue}" for cue in exercise.cues]
    for label, value in (("Easier", exercise.easier), ("Harder", exercise.harder)):
        if value:
            lines += ["", label, textwrap.fill(value, 78, initial_indent="  ", subsequent_indent="  ")]
    for label, values in (("Variations", exercise.variations), ("Also called", exercise.aliases)):
        if values:
            lines += ["", label, "  " + ", ".join(values)]
    if exercise.video:
        lines += ["", "Video", f"  {exercise.video}"]
    lines += ["", f"file: {exercise.file}"]
    return "\n".join(lines)


def template_rows(library: Library) -> list[list[str]]:
    from .plan import coerce_params, template_param_names
    from .sheets import template_title

    rows = []
    for template in library.templates():
        title = template_title(template, coerce_params(template, {}))
        sessions = ", ".join(s.id for s in template.sessions)
        rows.append([template.name, title, sessions, ", ".join(template_param_names(template))])
    return rows


COMMON_PARAMS = ("athlete", "week", "units", "log_weeks", "sets", "reps", "rest")


def unknown_option(name: str, args: list[str], options: list[str]) -> str:
    """The message for an option a command does not have: the closest real option, or, when
    it names a param of the template and the command takes --set, the --set to write."""
    key = name.lstrip("-").replace("-", "_")
    template = next((a for a in args if not a.startswith("-")), None)
    if "--set" in options and key in set(COMMON_PARAMS) | _params_of(template):
        at = next(i for i, a in enumerate(args) if a == name or a.startswith(name + "="))
        value = args[at].partition("=")[2] if "=" in args[at] else (
            args[at + 1] if at + 1 < len(args) and not args[at + 1].startswith("-") else "VALUE")
        return f"No such option '{name}'. To change the param '{key}', write --set {key}={value}"
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return f"No such option '{name}'." + (f" Did you mean '{close[0]}'?" if close else "")


def _params_of(template: str | None) -> set[str]:
    from .plan import template_param_names

    if not template:
        return set()
    try:
        return set(template_param_names(Library.default().template(template)))
    except RunprintError:
        return set()


def check_paths(paths: list[str], libraries: list[str]) -> str:
    """Validate files and folders (or the whole library); a summary line, or every problem raised."""
    roots = [str(Path(p)) for p in paths if Path(p).is_dir()]
    library = Library.default(roots + libraries)
    exercise_files, template_files = _files(paths, library)
    problems = []
    for path in exercise_files:
        try:
            exercise_from_doc(load_yaml(path), path.stem)
        except RunprintError as exc:
            problems.extend(exc.problems)
    for path in template_files:
        try:
            _check_template(path, library)
        except RunprintError as exc:
            problems.extend(exc.problems)
    if problems:
        raise RunprintError(problems)
    return f"ok: {len(exercise_files)} exercises and {len(template_files)} templates checked, no problems"


def _files(paths: list[str], library: Library) -> tuple[list[Path], list[Path]]:
    if not paths:
        return list(library.exercise_files.values()), list(library.template_files.values())
    exercises, templates = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.rglob("*.yaml")) + sorted(path.rglob("*.yml"))
        elif path.exists():
            found = [path]
        else:
            raise RunprintError(Problem(raw, None, "", "no such file or folder", "check the path"))
        for file in found:
            (templates if _is_template(file) else exercises).append(file)
    return exercises, templates


def _is_template(path: Path) -> bool:
    if path.parent.name in ("templates", "exercises"):
        return path.parent.name == "templates"
    try:
        data = load_yaml(path).data
    except RunprintError:
        return False
    return isinstance(data, dict) and "sessions" in data


def _check_template(path: Path, library: Library) -> None:
    from .layout_pages import layout_session
    from .plan import coerce_params, plan_sessions
    from .render import fonts

    library.adopt(path)
    template = template_from_doc(load_yaml(path), path.stem, library.exercise_files)
    params = coerce_params(template, {})
    for session in plan_sessions(template, library, params):
        for paper in ("letter", "a4"):
            layout_session(session, paper, fonts())
    if template.schedule:
        from .plan import plan_week

        plan_week(template, library, params)
