"""Command line: the commands, each parsing its options, calling one core function and
printing. Only this module and cli_options (what the commands share) import click."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from . import __version__
from .cli_options import (Command, a_path, date_format_option, echo_notes, echo_out, effort_option, font_option,
                          history_option, library_option, load_library, output_option, overrides, paper_option,
                          param_options, reports_problems, scan_marks_option, set_option, sides_options, write_pdf)

EXIT_BAD_INPUT = 1
EXIT_SOME_FAILED = 3


@click.group(cls=type("Group", (click.Group,), {"command_class": Command}), context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="runprint")
def main():
    """Printer-friendly PDF workout cards from exercise and routine templates.

    \b
    Example:
      runprint card upper-body-runners -o card.pdf
      runprint week runner-strength --paper a4
    """


@main.command()
@click.argument("template", required=False)
@click.option("--session", "session_ids", multiple=True, metavar="ID|NAME",
              help="Only these sessions, by id or name. Repeatable.")
@click.option("--weeks", metavar="RANGE", help="One card per week, e.g. 1-4.")
@output_option
@paper_option
@sides_options
@param_options
@effort_option
@scan_marks_option
@history_option
@date_format_option
@set_option
@font_option
@library_option
@reports_problems
def card(template, session_ids, weeks, output, force, paper, two_up, sides, log_weeks, units, effort, scan_marks,
         history, date_format, sets, font, libraries):
    """Print a card per session of TEMPLATE (a name or a .yaml path): one page when it
    fits, else the log and then the steps, to print double-sided.

    Without TEMPLATE, lists the templates there are.

    \b
    Example:
      runprint card upper-body-runners --set athlete="Ana" -o ana.pdf
      runprint card runner-strength --session "full-body integration" --weeks 1-4
      runprint card runner-strength --paper half-letter --2up --log-weeks 3
      runprint card my-531 --effort rir --history log.csv
    """
    from .library import Library
    from .pipeline import Options, Run, load_history, parse_weeks

    library = Library.default(libraries)
    if template is None:  # what can I print? The templates there are.
        from .catalog import template_table

        echo_out(f"Usage: runprint card TEMPLATE [OPTIONS]\n\nTemplates:\n{template_table(library)}", err=True)
        sys.exit(2)
    tpl = library.template(template)
    options = Options(paper, tuple(session_ids), parse_weeks(weeks), sides or "auto", two_up, effort,
                      scan_marks=scan_marks, font=font)
    run = Run(tpl, library, overrides(sets, log_weeks, units), options, load_history(history, library, date_format))
    sheets = run.pages_for()
    suffix = "-".join(dict.fromkeys(card.session_id for card in sheets.cards))
    default = f"{tpl.name}-{suffix}.pdf" if session_ids else f"{tpl.name}.pdf"
    write_pdf(sheets.pages, output, default, sheets.title, force, run.inputs(), font)
    echo_notes(sheets.notes)


@main.command()
@click.argument("template")
@click.option("--weeks", metavar="RANGE", help="One sheet per week, e.g. 1-4.")
@click.option("--2up", "two_up", is_flag=True,
              help="Two half-size weeks to a landscape sheet (with --weeks), with a cut line.")
@output_option
@paper_option
@param_options
@effort_option
@history_option
@date_format_option
@set_option
@font_option
@library_option
@reports_problems
def week(template, weeks, two_up, output, force, paper, log_weeks, units, effort, history, date_format, sets,
         font, libraries):
    """Print the week of TEMPLATE on one page: runs, sessions, tick boxes and notes.

    \b
    Example:
      runprint week runner-strength -o week.pdf
      runprint week runner-strength --weeks 1-4 --paper a5   # a block, a page a week
      runprint week runner-strength --weeks 1-4 --2up        # two weeks to a Letter sheet
    """
    from .pipeline import Options, Run, parse_weeks

    options = Options(paper, weeks=parse_weeks(weeks), two_up=two_up, effort=effort, cards=False, week=True,
                      font=font)
    run = Run.open(template, libraries, overrides(sets, log_weeks, units), history, options, date_format)
    sheets = run.pages_for()
    echo_notes(sheets.notes)
    write_pdf(sheets.pages, output, f"{run.template.name}-week.pdf", sheets.title, force, run.inputs(), font)


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
    echo_out(table(["id", "name", "group", "equipment"],
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
    from .catalog import describe_exercise

    echo_out(describe_exercise(load_library(libraries), exercise))


@main.command()
@click.argument("name", required=False)
@library_option
@reports_problems
def templates(name, libraries):
    """List the templates (title, sessions, params), or show template NAME: its params
    and defaults, each session's exercises and prescriptions, and its schedule.

    \b
    Example:
      runprint templates
      runprint templates runner-strength
    """
    from .catalog import describe_template, template_table

    library = load_library(libraries)
    echo_out(describe_template(library, name) if name else template_table(library))


@main.command()
@click.argument("name")
@click.option("--from", "source", metavar="TEMPLATE", help="Start from a copy of this template.")
@library_option
@reports_problems
def new(name, source, libraries):
    """Write templates/NAME.yaml in this folder to edit: a commented copy of TEMPLATE
    (--from), or a short starter. Never replaces a file.

    \b
    Example:
      runprint new my-plan --from runner-strength
      runprint card my-plan
    """
    from .catalog import new_template

    path = new_template(load_library(libraries), name, source, Path.cwd())
    echo_out(f"wrote {path}; print it with: runprint card {name}", err=True)


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

    summary, notes = check_paths(list(paths), list(libraries))
    echo_notes(notes)
    echo_out(summary)


@main.command()
@click.argument("template")
@click.option("--roster", required=True, type=click.Path(dir_okay=False),
              help="The athletes: CSV, Excel .xlsx or a YAML list, one row per athlete.")
@click.option("--sheet", metavar="NAME", help="The sheet of an .xlsx roster to read (default: the first).")
@click.option("--out-dir", type=click.Path(file_okay=False), callback=a_path,
              help="Write one PDF per athlete into this folder.")
@click.option("-o", "--output", metavar="COMBINED.pdf", callback=a_path,
              help="Write every athlete into one PDF, in roster order.")
@click.option("--jobs", type=click.IntRange(1, 256),
              help="Processes for --out-dir (default: CPUs); a combined -o PDF is drawn by one.")
@click.option("--with-week", is_flag=True, help="Add the weekly sheet after each athlete's cards.")
@click.option("--weeks", metavar="RANGE", help="One card per week for each athlete, e.g. 1-4.")
@click.option("--session", "session_ids", multiple=True, metavar="ID", help="Only these sessions. Repeatable.")
@click.option("--duplex", is_flag=True, help="Pad each athlete to an even page count, for double-sided printing.")
@click.option("--force", is_flag=True, help="Replace files runprint did not write (its own PDFs are replaced anyway).")
@click.option("--split-by", metavar="COLUMN",
              help="With --out-dir: one combined PDF per value of this roster column (a team, a group).")
@paper_option
@sides_options
@param_options
@effort_option
@scan_marks_option
@click.option("--history", metavar="FILE", type=click.Path(dir_okay=False),
              help="CSV or .xlsx of sets done (an athlete column gives each athlete theirs), or a Strong, "
                   "Hevy or FitNotes export: prints each athlete's last numbers.")
@date_format_option
@set_option
@font_option
@library_option
@reports_problems
def batch(template, roster, sheet, out_dir, output, jobs, with_week, weeks, session_ids, duplex, force, split_by, paper,
          two_up, sides, log_weeks, units, effort, scan_marks, history, date_format, sets, font, libraries):
    """Print TEMPLATE for every athlete of a roster: a file each, or one combined PDF.

    Each column of the roster (CSV, .xlsx or YAML) sets a param for its athlete: 'Squat Max'
    sets squat_max (case, spaces, hyphens and dots don't matter); an empty cell keeps the
    default. Exit status 3 when some athletes failed; the others are still written.

    \b
    Example:
      runprint batch runner-strength --roster club.csv --out-dir sheets/
      runprint batch runner-strength --roster club.csv -o club.pdf --with-week
      runprint batch runner-strength --roster club.csv --out-dir teams/ --split-by team
    """
    from .batch import failure_report, prepare, run_batch, summary
    from .pipeline import Options, parse_weeks

    if bool(out_dir) == bool(output):
        raise click.UsageError("give either --out-dir DIR or -o COMBINED.pdf")
    if output == "-":
        raise click.UsageError("batch writes files; give -o a file name such as club.pdf")
    if split_by is not None and not out_dir:
        raise click.UsageError("--split-by writes one PDF per value into a folder: give --out-dir DIR")
    options = Options(paper, tuple(session_ids), parse_weeks(weeks), sides or "auto", two_up, effort, week=with_week,
                      scan_marks=scan_marks, font=font)
    job, table, notes, run = prepare(tuple(libraries), template, Path(roster), sheet, overrides(sets, log_weeks, units),
                                     options, history=history, duplex=duplex, date_format=date_format,
                                     split_by=split_by)
    echo_notes(notes)
    done = []  # outcomes as they come, so failures are reported even if the run stops
    try:
        # Not on a terminal, click hides the bar (its label goes to a buffer nobody reads).
        with click.progressbar(length=len(table.athletes), label="athletes",
                               file=sys.stderr if sys.stderr.isatty() else io.StringIO()) as bar:
            seen = lambda outcome: (bar.update(1), done.append(outcome))  # noqa: E731
            if split_by is not None:
                from .split import run_split

                run_split(job, table.athletes, Path(out_dir), split_by, jobs, force, seen, run)
            else:
                run_batch(job, table.athletes, Path(out_dir) if out_dir else None, output or None, jobs, force, seen,
                          run)
    finally:
        click.echo(failure_report(done), err=True, nl=False)
    click.echo(summary(done, output or out_dir), err=True)
    failed = sum(bool(outcome.problems) for outcome in done)
    sys.exit(0 if not failed else EXIT_SOME_FAILED if failed < len(done) else EXIT_BAD_INPUT)


@main.command("history")
@click.argument("file", type=click.Path(dir_okay=False))
@date_format_option
@library_option
@reports_problems
def history_command(file, date_format, libraries):
    """Show what runprint reads from FILE, a history or a Strong, Hevy or FitNotes export:
    for each exercise the last date and its sets, how many sessions, and what was left out.

    \b
    Example:
      runprint history log.csv
      runprint history strong.csv --library my-lifts
    """
    from .history_report import history_report
    from .pipeline import load_history

    library = load_library(libraries)
    echo_out("\n".join(history_report(load_history(file, library, date_format), library)))


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port to listen on (default: a free one).")
@click.option("--host", metavar="ADDR", help="Serve this address (a club's network) instead of 127.0.0.1; "
                                            "every request must then carry the token the printed URL holds.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
@library_option
@reports_problems
def serve(port, host, open_browser, libraries):
    """A page in the browser: write a template against a live card, or drop in a roster
    and download every athlete's sheets. Ctrl-C stops it.

    \b
    Example:
      runprint serve --open
      runprint serve --library ~/club --host 0.0.0.0 --port 8800
    """
    from . import serve as server

    lacking = server.missing()
    if lacking:
        click.echo(f"error: runprint serve needs the web server packages ({lacking} is not installed)\n"
                   f"  hint: {server.NEEDS}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    load_library(libraries)  # a missing --library folder is said now, not on the first page
    from .serve.door import new_token

    token = new_token() if host else None
    sock = server.listen(host or server.LOCAL, port)
    url = server.url_of(sock, host or server.LOCAL, token)
    click.echo(f"runprint serve: {url}  (Ctrl-C to stop)", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve(sock, tuple(libraries), token)
    except KeyboardInterrupt:
        click.echo("runprint serve: stopped", err=True)
        sys.exit(130)


@main.command("roster")
@click.argument("template")
@click.option("-o", "--output", metavar="FILE.csv|FILE.xlsx", help="Write it here (never over a file already there).")
@library_option
@reports_problems
def roster_command(template, output, libraries):
    """Start a roster for TEMPLATE: a header row (athlete, then every param it reads) and one
    row of its defaults, to fill in one row per athlete in a spreadsheet (CSV on stdout without -o).

    \b
    Example:
      runprint roster runner-strength -o team.xlsx
    """
    from .output import write_atomic
    from .plan import template_param_names
    from .roster import starter

    tpl = load_library(libraries).template(template)
    data = starter(template_param_names(tpl), tpl.params, Path(output) if output else None, tpl.abouts)
    if output is None:
        return echo_out(data.decode(), nl=False)
    write_atomic(Path(output), data, overwrite=False)
    echo_out(f"wrote {output}: fill in a row per athlete, then runprint batch {template} --roster {output}", err=True)
