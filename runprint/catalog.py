"""Browsing and checking the library: the text behind `exercises`, `show`, `templates` and `check`."""

from __future__ import annotations

import textwrap
from pathlib import Path

from .errors import Problem, RunprintError, printable
from .library import Library
from .model import GROUPS, Exercise
from .naming import suggest
from .schema import exercise_from_doc, template_from_doc
from .sources import load_yaml, read_text


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


def describe_exercise(library: Library, name: str) -> str:
    """`show`: one exercise; a template's name is pointed to `templates NAME`."""
    try:
        return describe(library.exercise(name))
    except RunprintError as exc:
        if name in library.template_files:
            raise RunprintError(Problem(None, None, "show", f"'{name}' is a template, not an exercise",
                                        f"runprint templates {name} shows it")) from exc
        raise


def template_table(library: Library) -> str:
    return table(["template", "title", "sessions", "params"], template_rows(library))


def template_rows(library: Library) -> list[list[str]]:
    from .plan import coerce_params, template_param_names
    from .pipeline import template_title

    rows = []
    for template in library.templates():
        title = template_title(template, coerce_params(template, {}))
        sessions = ", ".join(s.id for s in template.sessions)
        rows.append([template.name, title, sessions, ", ".join(template_param_names(template))])
    return rows


def check_paths(paths: list[str], libraries: list[str]) -> tuple[str, list[str]]:
    """Validate files and folders (or the whole library): a summary line and the notes on what
    is valid but unclear (a training max with no about), or every problem raised."""
    roots = [str(Path(p)) for p in paths if Path(p).is_dir()]
    library = Library.default(roots + libraries)
    exercise_files, template_files = _files(paths, library)
    problems, notes = [], []
    for path in exercise_files:
        try:
            exercise_from_doc(load_yaml(path), path.stem)
        except RunprintError as exc:
            problems.extend(exc.problems)
    for path in template_files:
        try:
            notes += _check_template(path, library)
        except RunprintError as exc:
            problems.extend(exc.problems)
    if problems:
        raise RunprintError(problems)
    if not exercise_files and not template_files:
        where = ", ".join(paths) or "the library"
        raise RunprintError(Problem(where, None, "", "no exercise or template files to check here",
                                    "name .yaml files, or a folder holding exercises/ and templates/"))
    summary = f"ok: {len(exercise_files)} exercises and {len(template_files)} templates checked, no problems"
    return summary, notes


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


def _check_template(path: Path, library: Library) -> list[str]:
    """Raises the template's problems; returns a note for each training max it does not explain."""
    from .layout.card import layout_session
    from .plan import coerce_params, max_param_names, plan_sessions
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
    notes = []
    for key in sorted(max_param_names(template) - set(template.abouts)):
        line = template.param_lines.get(key)
        notes.append(printable(f"{path}:{line}: " if line else f"{path}: ") + printable(
            f"params.{key}: a training max with no about, so a coach must guess its lift; write "
            f"'{key}: {{default: \"\", about: \"training max for the ..., kg or lb\"}}'"))
    return notes


def describe_template(library: Library, name: str) -> str:
    """A template as a reader checks it: title, params and defaults, sessions and their
    items with prescriptions (rendered with the defaults), and the schedule."""
    from .plan import coerce_params, plan_sessions, template_param_names
    from .pipeline import template_title

    template = library.template(name)
    params = coerce_params(template, {})
    lines = [f"{template_title(template, params)} ({template.name})", f"  file: {template.file}"]
    if template.description:
        lines += [textwrap.fill(template.description, 78, initial_indent="  ", subsequent_indent="  ")]
    lines += ["", "Params (change one with --set KEY=VALUE)"]
    names = template_param_names(template)
    width = max(len(n) for n in names) if names else 0
    for key in names:
        shown = repr(template.params[key]) if key in template.params else "(no default: blank unless given)"
        about = f"  {template.abouts[key]}" if key in template.abouts else ""
        lines.append(f"  {key.ljust(width)}  {shown}{about}")
    try:
        planned = {s.session_id: s for s in plan_sessions(template, library, params)}
    except RunprintError:
        planned = {}  # a param only a roster gives: show the items as written
    lines += ["", "Sessions"]
    for session in template.sessions:
        lines.append(f"  {session.id}: {planned[session.id].name if session.id in planned else session.name}")
        if session.id in planned:
            for item in planned[session.id].items:
                load = f"  @ {item.load}" if item.load else ""
                lines.append(f"    {item.label:<3} {item.exercise.name:<34} {item.prescription.text}{load}")
        else:
            lines += [f"    {item.exercise:<38} {item.do or item.reps or item.time or item.distance or ''}"
                      for item in session.items]
    if template.schedule:
        lines += ["", "Schedule"]
        lines += [f"  {entry.day}  {', '.join(entry.entries)}" for entry in template.schedule]
    return "\n".join(lines)


NEW_HEADER = """\
# {name}: a runprint template, copied from the built-in '{source}'.
# Print it with:   runprint card {name}        (from this folder)
# Check it with:   runprint check templates/{name}.yaml
#
# title, and any value below, may use the params: "{{{{ week }}}}" prints the week.
# params:   defaults, changed with --set KEY=VALUE (or a roster column).
# sessions: each has an id (used by --session), a name, notes, and exercises.
#   exercise: an id from `runprint exercises`
#   do:       3x10, 3x8-12, 3x10/side, 3x30s (timed), 3x40m (distance), 12,10,8, 3x5+
#   load, rest, note: printed after the prescription; superset: A puts items in a group.
# schedule: mon..sun, each a run as text or a session id (the weekly sheet).

"""

STARTER = """\
# {name}: a runprint template. Print it with `runprint card {name}` from this folder,
# and check it with `runprint check templates/{name}.yaml`.
title: "My routine, week {{{{ week }}}}"
description: What this routine is for, in a sentence or two.
params:                      # defaults; change one with --set KEY=VALUE
  athlete: ""
  week: 1
  units: kg                  # kg or lb: the load cells
  log_weeks: 4               # weeks in the log grid, 1-8
  sets: 3
sessions:
  - id: day-1                # --session day-1 (or its name) prints only this one
    name: Upper body + core
    notes: Rest 60-90 s between sets.
    exercises:               # ids from `runprint exercises`
      - exercise: push-up
        do: "{{{{ sets }}}}x10"        # 3x10, 3x8-12, 3x10/side, 12,10,8, 3x5+
      - exercise: dumbbell-row
        do: "{{{{ sets }}}}x10/side"
        load: 12 kg
      - exercise: plank
        do: "{{{{ sets }}}}x30s"       # a timed exercise takes seconds
schedule:                    # optional: the weekly sheet
  tue: [Easy run 40 min, day-1]
  sat: Long run
"""


def new_template(library: Library, name: str, source: str | None, folder: Path) -> Path:
    """Write templates/NAME.yaml under `folder`: a commented copy of `source`, or a starter.
    Never replaces a file."""
    from .output import write_atomic
    from .naming import slug

    if slug(name) != name:
        raise RunprintError(Problem(None, None, "NAME", f"'{name}' is not a template name",
                                    f"use lowercase words joined by '-', e.g. {slug(name)}"))
    if source:
        template = library.template(source)
        text = NEW_HEADER.format(name=name, source=template.name) + read_text(Path(template.file))
    else:
        text = STARTER.format(name=name)
    path = folder / "templates" / f"{name}.yaml"
    if path.exists():
        raise RunprintError(Problem(str(path), None, "", "the file already exists; runprint never replaces it",
                                    "choose another NAME, or delete or rename the file first"))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"), overwrite=False)
    return path
