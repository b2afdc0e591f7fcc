"""Command line: parse options, call one core function, print. The only click import."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import __version__

EXIT_BAD_INPUT = 1
EXIT_SOME_FAILED = 3


def reports_problems(command):
    """Turn a RunprintError into its message on stderr and exit 1: never a traceback."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        from .errors import RunprintError

        try:
            return command(*args, **kwargs)
        except RunprintError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(EXIT_BAD_INPUT)
    return run


library_option = click.option("--library", "libraries", multiple=True, metavar="DIR",
                              type=click.Path(file_okay=False),
                              help="Folder with exercises/ and templates/, searched before the built-ins. Repeatable.")
paper_option = click.option("--paper", type=click.Choice(["letter", "a4"], case_sensitive=False), default="letter",
                            show_default=True, help="Paper size.")
set_option = click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
                          help="Override a template param, e.g. --set week=3. Repeatable.")
output_option = click.option("-o", "--output", metavar="PATH|-", help="Where to write the PDF; '-' for stdout.")


def parse_sets(values: tuple[str, ...]) -> dict:
    out = {}
    for value in values:
        key, sep, raw = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"'{value}' is not KEY=VALUE, e.g. --set week=3", param_hint="--set")
        out[key.strip()] = raw
    return out


def load_library(libraries):
    from .library import Library

    return Library.default(libraries)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="runprint")
def main():
    """Printer-friendly PDF workout cards from exercise and routine templates.

    \b
    Example:
      runprint card upper-body-runners -o card.pdf
      runprint week runner-strength --paper a4
    """


@main.command()
@click.argument("template")
@click.option("--session", "session_ids", multiple=True, metavar="ID", help="Only these sessions. Repeatable.")
@click.option("--weeks", metavar="RANGE", help="One card per week, e.g. 1-4.")
@output_option
@paper_option
@set_option
@library_option
@reports_problems
def card(template, session_ids, weeks, output, paper, sets, libraries):
    """Print one page per session of TEMPLATE (a name or a .yaml path).

    \b
    Example:
      runprint card upper-body-runners --set athlete="Ana" -o ana.pdf
      runprint card runner-strength --session day-2 --weeks 1-4
    """
    from .sheets import card_pages, parse_weeks, template_title
    from .plan import coerce_params

    library = load_library(libraries)
    tpl = library.template(template)
    params = coerce_params(tpl, parse_sets(sets), strict=True)
    pages = card_pages(tpl, library, params, paper.lower(), tuple(session_ids), parse_weeks(weeks))
    suffix = "-".join(session_ids)
    default = f"{tpl.name}-{suffix}.pdf" if suffix else f"{tpl.name}.pdf"
    write_pdf(pages, output, default, template_title(tpl, params), protected=inputs(library, tpl))


@main.command()
@click.argument("template")
@output_option
@paper_option
@set_option
@library_option
@reports_problems
def week(template, output, paper, sets, libraries):
    """Print the week of TEMPLATE on one page: runs, sessions, tick boxes and notes.

    \b
    Example:
      runprint week runner-strength -o week.pdf
    """
    from .plan import coerce_params
    from .sheets import template_title, week_pages

    library = load_library(libraries)
    tpl = library.template(template)
    params = coerce_params(tpl, parse_sets(sets), strict=True)
    pages = week_pages(tpl, library, params, paper.lower())
    write_pdf(pages, output, f"{tpl.name}-week.pdf", template_title(tpl, params), protected=inputs(library, tpl))


def inputs(library, template) -> tuple[Path, ...]:
    """Every file a run reads, none of which it may write over."""
    return (Path(template.file), *library.exercise_files.values(), *library.template_files.values())


def write_pdf(pages, output, default, title, protected=()):
    from .output import write_atomic
    from .render import render_pdf

    data = render_pdf(pages, title=title)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(output or default)
    write_atomic(path, data, protected)
    click.echo(f"wrote {path} ({len(pages)} page{'s' if len(pages) != 1 else ''})", err=True)


@main.command()
@click.argument("query", required=False)
@click.option("--group", help="Only this group, e.g. back or core.")
@click.option("--equipment", help="Only exercises using this, e.g. dumbbell; 'none' for bodyweight.")
@library_option
@reports_problems
def exercises(query, group, equipment, libraries):
    """List exercises, optionally matching QUERY (id, name, muscles or aliases).

    \b
    Example:
      runprint exercises plank
      runprint exercises --group back --equipment dumbbell
    """
    from .catalog import find_exercises, table

    rows = find_exercises(load_library(libraries), query, group, equipment)
    if not rows:
        click.echo("no exercises match", err=True)
        return
    click.echo(table(["id", "name", "group", "equipment"],
                     [[e.id, e.name, e.group, ", ".join(e.equipment) or "bodyweight"] for e in rows]))


@main.command()
@click.argument("exercise")
@library_option
@reports_problems
def show(exercise, libraries):
    """Everything about one EXERCISE: steps, cues, easier and harder versions.

    \b
    Example:
      runprint show push-up
    """
    from .catalog import describe

    click.echo(describe(load_library(libraries).exercise(exercise)))


@main.command()
@library_option
@reports_problems
def templates(libraries):
    """List the templates: title, session ids, and the params each one reads.

    \b
    Example:
      runprint templates
    """
    from .catalog import table, template_rows

    click.echo(table(["template", "title", "sessions", "params"],
                     template_rows(load_library(libraries))))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@library_option
@reports_problems
def check(paths, libraries):
    """Validate exercise and template files (the whole library when no PATH is given).

    Templates are rendered with their default params and laid out on Letter and A4,
    so a session too long for one page is caught here too.

    \b
    Example:
      runprint check
      runprint check templates/my-plan.yaml
    """
    from .catalog import check_paths

    summary = check_paths(list(paths), list(libraries))
    click.echo(summary)


@main.command()
@click.argument("template")
@click.option("--roster", required=True, type=click.Path(dir_okay=False),
              help="The athletes: CSV, Excel .xlsx or a YAML list, one row per athlete.")
@click.option("--sheet", metavar="NAME", help="The sheet of an .xlsx roster to read (default: the first).")
@click.option("--out-dir", type=click.Path(file_okay=False), help="Write one PDF per athlete into this folder.")
@click.option("-o", "--output", metavar="COMBINED.pdf", help="Write every athlete into one PDF, in roster order.")
@click.option("--jobs", type=click.IntRange(1, 256), help="Processes to render with (default: CPUs).")
@click.option("--with-week", is_flag=True, help="Add the weekly sheet after each athlete's cards.")
@click.option("--weeks", metavar="RANGE", help="One card per week for each athlete, e.g. 1-4.")
@click.option("--session", "session_ids", multiple=True, metavar="ID", help="Only these sessions. Repeatable.")
@click.option("--force", is_flag=True, help="Replace files already in --out-dir.")
@paper_option
@set_option
@library_option
@reports_problems
def batch(template, roster, sheet, out_dir, output, jobs, with_week, weeks, session_ids, force, paper, sets, libraries):
    """Print TEMPLATE for every athlete of a roster: a file each, or one combined PDF.

    Each roster column (besides 'athlete' or 'name') sets the param it names for that
    athlete, over the template's defaults and --set; headers match ignoring case, with
    spaces, hyphens and dots read as '_' ('Squat Max' sets squat_max). An empty cell
    keeps the default. Exit status 3 when some athletes failed; the others are still
    written.

    \b
    Example:
      runprint batch runner-strength --roster club.csv --out-dir sheets/
      runprint batch runner-strength --roster club.csv -o club.pdf --with-week
    """
    from .batch import Job, run_batch
    from .plan import coerce_params, template_param_names
    from .roster import load_roster
    from .sheets import parse_weeks, template_title

    if bool(out_dir) == bool(output):
        raise click.UsageError("give either --out-dir DIR or -o COMBINED.pdf")
    if output == "-":
        raise click.UsageError("batch writes files; give -o a file name such as club.pdf")
    library = load_library(libraries)
    tpl = library.template(template)
    table = load_roster(Path(roster), template_param_names(tpl), tpl.name, sheet)
    athletes = table.athletes
    if table.unused:
        click.echo(f"note: columns {tpl.name} does not use: {', '.join(table.unused)}", err=True)
    week_list = parse_weeks(weeks)
    job = Job(template=tpl.file if template.endswith((".yaml", ".yml")) else template, libraries=tuple(libraries),
              cwd=str(Path.cwd()), base=parse_sets(sets), paper=paper.lower(), sessions=tuple(session_ids),
              weeks=tuple(week_list) if week_list else None, with_week=with_week, roster=str(roster),
              title=template_title(tpl, coerce_params(tpl, parse_sets(sets), strict=True)))
    protected = (*inputs(library, tpl), Path(roster))
    failures = []  # kept as they come, so they are reported even if the run stops

    def progress(outcome):
        bar.update(1)
        if outcome.problems:
            failures.append(outcome)

    try:
        with click.progressbar(length=len(athletes), label="athletes", file=sys.stderr) if sys.stderr.isatty() \
                else _quiet() as bar:
            outcomes = run_batch(job, athletes, Path(out_dir) if out_dir else None, Path(output) if output else None,
                                 jobs, force, protected, progress)
    finally:
        for outcome in failures:
            name = outcome.athlete.name or "no name"
            who = f"{outcome.athlete.place} ({name if len(name) <= 40 else name[:39] + '…'})"
            for problem in outcome.problems:
                click.echo(f"error: {who}: {problem}", err=True)
    target = output or out_dir
    done = len(outcomes) - len(failures)
    click.echo(f"wrote {done} of {len(athletes)} athletes to {target}", err=True)
    if failures:
        click.echo(f"{len(failures)} athlete(s) failed: {failures[0].athlete.word}s "
                   + ", ".join(str(o.athlete.row) for o in failures), err=True)
        sys.exit(EXIT_SOME_FAILED)


class _quiet:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass
