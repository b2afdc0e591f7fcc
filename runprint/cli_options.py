"""What the commands share: the boundary that turns whatever stops a command into a message,
the options several commands take, --set parsing, the suggestion for an unknown option,
and writing a sheet with its "wrote" line."""

from __future__ import annotations

import functools
import sys

import click

from .errors import printable, printable_lines
from .layout.geometry import PAPERS_PT


def reports_problems(command):
    """Whatever ends a command early (bad input, an OSError, a signal) as a message: never a traceback."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        from .shell import stop_on_signals, what_stopped

        stop_on_signals()
        try:
            return command(*args, **kwargs)
        except BaseException as exc:
            lines, status = what_stopped(exc)
            if status is None:
                raise
            for line in lines:
                click.echo(f"error: {line}", err=True)
            sys.exit(status)
    return run


library_option = click.option("--library", "libraries", multiple=True, metavar="DIR",
                              type=click.Path(file_okay=False),
                              help="Folder with exercises/ and templates/, searched before the built-ins. Repeatable.")
paper_option = click.option("--paper", type=click.Choice(list(PAPERS_PT), case_sensitive=False),
                            default="letter", show_default=True,
                            help="Paper size; half-letter is 5.5 x 8.5 in. With --2up, letter and half-letter print "
                                 "half-letter cards on Letter sheets, a4 and a5 print A5 cards on A4 sheets.")
font_option = click.option("--font", metavar="FILE", envvar="RUNPRINT_FONT", show_envvar=True,
                           help="A TrueType font (.ttf, .ttc) for characters the card font lacks (Chinese, Japanese, "
                                "Korean...), tried before the system's fonts.")
set_option = click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
                          help="Override a template param, e.g. --set week=3. Repeatable.")


def options(*decorators):
    """Several click options as one decorator, listed in --help in this order."""
    return lambda command: functools.reduce(lambda c, d: d(c), reversed(decorators), command)


param_options = options(
    click.option("--log-weeks", type=click.IntRange(1, 8), metavar="N",
                 help="Weeks in the log grid, 1-8 (the param 'log_weeks')."),
    click.option("--units", type=click.Choice(["kg", "lb"], case_sensitive=False),
                 help="Units of the load cells (the param 'units')."))
sides_options = options(
    click.option("--2up", "two_up", is_flag=True,
                 help="Two half-size cards to a landscape sheet (half-letter on Letter, A5 on A4), with a cut line."),
    click.option("--one-page", "sides", flag_value="one-page",
                 help="Fail when a session does not fit one page, instead of printing more."),
    click.option("--two-sided", "sides", flag_value="two-sided",
                 help="Always print the log on the front and the steps, with easier and harder versions, on the back."))


def overrides(sets: tuple[str, ...], log_weeks: int | None = None, units: str | None = None) -> dict:
    """The params a run changes: every --set, with --log-weeks and --units over them."""
    named = {"log_weeks": log_weeks, "units": units.lower() if units else None}
    return {**parse_sets(sets), **{key: str(value) for key, value in named.items() if value is not None}}


effort_option = click.option("--effort", type=click.Choice(["rir", "rpe", "none"], case_sensitive=False),
                             help="A cell per set to rate the effort (reps in reserve or RPE), over the template's; "
                                  "none: no effort cells.")
scan_marks_option = click.option("--scan-marks/--no-scan-marks", "scan_marks", default=False,
                                 help="Corner marks and a page code on each log page, so a photo of the filled "
                                      "log can be read back (off by default until `runprint scan` ships).")
history_option = click.option("--history", metavar="FILE", type=click.Path(dir_okay=False),
                              help="CSV or .xlsx of sets done (date,exercise,set,reps,load), or a Strong, Hevy "
                                   "or FitNotes export: prints last time's numbers.")
date_format_option = click.option(
    "--date-format", type=click.Choice(["mdy", "dmy", "iso"], case_sensitive=False),
    help="How the history writes dates when the file cannot tell: mdy (11/24/2026), dmy (24/11/2026), "
         "iso (2026-11-24).")
def a_path(ctx, param, value):
    """-o '' (an unset variable in a script) is a usage error, not the default name."""
    if value is not None and not value.strip():
        raise click.BadParameter("is empty; give a file name such as card.pdf (or '-' for standard output)")
    return value


output_option = options(
    click.option("-o", "--output", metavar="PATH|-", callback=a_path, help="Where to write the PDF; '-' for stdout."),
    click.option("--force", is_flag=True, help="Replace a file runprint did not write (its own PDFs are replaced anyway)."))


def parse_sets(values: tuple[str, ...]) -> dict:
    out = {}
    for value in values:
        key, sep, raw = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"'{value}' is not KEY=VALUE, e.g. --set week=3", param_hint="--set")
        out[key.strip()] = raw
    return out


class Command(click.Command):
    """A command whose unknown option names the closest real one, or --set for a param."""

    def parse_args(self, ctx, args):
        given = list(args)  # the parser consumes args as it goes
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            options = [opt for p in self.params for opt in getattr(p, "opts", []) if opt.startswith("--")]
            raise click.UsageError(unknown_option(exc.option_name, given, options), ctx) from None


def unknown_option(name: str, args: list[str], options: list[str]) -> str:
    """The message for an option a command does not have: the closest real option, or, when
    it names a param the template reads and the command takes --set, the --set to write."""
    import difflib

    key = name.lstrip("-").partition("=")[0].replace("-", "_")
    if "--set" in options and key in _params_of(args):
        at = next(i for i, a in enumerate(args) if a == name or a.startswith(name + "="))
        value = args[at].partition("=")[2] if "=" in args[at] else (
            args[at + 1] if at + 1 < len(args) and not args[at + 1].startswith("-") else "VALUE")
        return f"No such option '{name}'. To change the param '{key}', write --set {key}={value}"
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return f"No such option '{name}'." + (f" Did you mean '{close[0]}'?" if close else "")


def _params_of(args: list[str]) -> set[str]:
    """The params of the template the command line names, found through its --library folders too."""
    from .errors import RunprintError
    from .library import Library
    from .plan import template_param_names

    libraries, template, rest = [], None, iter(args)
    for arg in rest:
        if arg == "--library":
            libraries.append(next(rest, ""))
        elif arg.startswith("--library="):
            libraries.append(arg.partition("=")[2])
        elif not arg.startswith("-") and template is None:
            template = arg
    if template is None:
        return set()
    try:
        return set(template_param_names(Library.default(libraries).template(template)))
    except (RunprintError, OSError):
        return set()


def load_library(libraries):
    from .library import Library

    return Library.default(libraries)


def echo_notes(notes: list[str]) -> None:
    """What the person printing should know, a 'note:' line each on stderr."""
    click.echo("".join(f"note: {printable(note)}\n" for note in notes), err=True, nl=False)


def echo_out(text: str, nl: bool = True, err: bool = False) -> None:
    """A command's output, each line escaped (a title can't drive the terminal); on stdout, a closed
    or full stdout is exit 1 with a message."""
    if err:
        return click.echo(printable_lines(text), err=True, nl=nl)
    from .shell import write_text

    write_text(text + ("\n" if nl else ""))



def write_pdf(pages, output, default, title, force, protected=(), font=None):
    from .pipeline import write_pages

    path = write_pages(pages, output or default, title, force, protected, font)
    if path is not None:
        click.echo(f"wrote {printable(path)} ({len(pages)} page{'s' if len(pages) != 1 else ''})", err=True)
