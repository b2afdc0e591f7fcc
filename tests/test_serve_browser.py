"""The pages of `runprint serve` in a real browser (Debian's Chromium, driven by Playwright):
what an author and a coach do, and what they get, compared with the CLI's bytes."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import pytest

from serving import SHORT_TEMPLATE, live_server, make_library

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright: pip install '.[test]'")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("needs Debian's chromium (apt-get install chromium); .ci/run installs it", allow_module_level=True)

from pdfcheck import open_pdf, text_of  # noqa: E402
from runprint.cli import main  # noqa: E402

# One browser for the module's tests: xdist keeps them on one worker.
pytestmark = pytest.mark.xdist_group("browser")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROSTER = "athlete,week\nAna,2\nBo,two\nCy,3\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    library = make_library(base / "lib")
    (base / "work").mkdir()
    with live_server((str(library),), base, base / "work") as url:
        yield {"url": url, "library": library, "base": base}


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def blob_bytes(page) -> bytes:
    """The bytes behind the page's download link, as the browser holds them."""
    return bytes(page.evaluate("""async () => {
        const answer = await fetch(document.getElementById('download').href);
        return Array.from(new Uint8Array(await answer.arrayBuffer()));
    }"""))


def cli_output(runner, folder: Path, command: str, *more) -> tuple[int, str]:
    os.chdir(folder)
    result = runner.invoke(main, [*shlex.split(command)[1:], *more])
    return result.exit_code, result.output


def test_the_author_sets_the_athlete_and_downloads_the_clis_bytes(site, page, runner, in_tmp):
    page.goto(f"{site['url']}/?template=short")
    page.wait_for_selector("#status[data-state=ok]")
    assert page.text_content("#status").startswith("Short day for you: 1 page")
    page.fill("[name='param:athlete']", "Ana Silva")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Short day for Ana Silva')")
    assert text_of(open_pdf(blob_bytes(page)).pages[0]).startswith("Short day for Ana Silva")
    command = page.input_value("#command")
    assert command == f"runprint card short --set 'athlete=Ana Silva' --library {site['library']}"
    with page.expect_download() as download:
        page.click("#download")
    assert download.value.suggested_filename == "short.pdf"
    status, _ = cli_output(runner, in_tmp, command, "-o", "cli.pdf")
    assert status == 0 and Path(download.value.path()).read_bytes() == (in_tmp / "cli.pdf").read_bytes()


def test_a_param_says_what_it_is(site, page):
    page.goto(f"{site['url']}/?template=main-lifts")
    page.wait_for_selector("[name='param:squat_max']", state="attached")
    label = page.locator("label", has=page.locator("[name='param:squat_max']"))
    assert label.locator("small").text_content() == "training max for the barbell back squat, kg or lb"


def test_the_week_sheet_and_the_options_show_in_the_command(site, page):
    page.goto(f"{site['url']}/?template=runner-strength")
    page.wait_for_selector("#status[data-state=ok]")
    page.check("input[name=kind][value=week]")
    page.select_option("select[name=paper]", "a5")
    page.wait_for_function("document.getElementById('command').value.startsWith('runprint week runner-strength')")
    page.wait_for_function("document.getElementById('command').value.includes('--paper a5')")
    page.wait_for_selector("#status[data-state=ok]")
    assert page.text_content("#status").startswith("Runner strength, week 1: 1 page")
    assert not page.is_visible("input[name=two_up]")  # a card's option, hidden for the week


def test_a_file_broken_on_disk_shows_the_clis_error_then_the_preview_returns(site, page, runner, in_tmp):
    template = site["library"] / "templates" / "short.yaml"
    page.goto(f"{site['url']}/?template=short")
    page.wait_for_selector("#status[data-state=ok]")
    try:
        template.write_text(SHORT_TEMPLATE.replace("do: 3x30s", "do: 3 by 30s"))
        page.wait_for_selector("#errors:not([hidden])")
        status, output = cli_output(runner, in_tmp, page.input_value("#command"))
        assert status == 1 and page.text_content("#errors") == output.strip()
        assert page.text_content("#errors").startswith(f"error: {template}:10: ")
        assert page.get_attribute("#status", "data-state") == "error" and not page.is_visible("#download")
    finally:
        template.write_text(SHORT_TEMPLATE)
    page.wait_for_selector("#errors", state="hidden")
    page.wait_for_selector("#status[data-state=ok]")
    assert page.is_visible("#download")


def test_the_coach_sees_the_bad_row_and_downloads_the_clis_pdf(site, page, runner, in_tmp):
    (in_tmp / "club.csv").write_text(ROSTER)
    page.goto(f"{site['url']}/coach")
    page.wait_for_selector("#template option[value=runner-strength]", state="attached")
    page.select_option("#template", "runner-strength")
    page.set_input_files("#roster", str(in_tmp / "club.csv"))
    page.wait_for_selector("#status[data-state=partial]")
    assert page.text_content("#status") == "2 of 3 athletes printed; 1 with problems"
    bad = page.text_content("tr[data-row='3'] td.problem")
    assert bad == ("error: row 3 (Bo): club.csv: week: 'two' is not a whole number\n"
                   "  hint: give week as a whole number, like the default '1'")
    assert page.text_content("#columns") == "Columns read: week, athlete"
    with page.expect_download() as download:
        page.click("#download")
    status, output = cli_output(runner, in_tmp, page.input_value("#command"))
    assert status == 3 and bad in output
    assert Path(download.value.path()).read_bytes() == (in_tmp / "runner-strength.pdf").read_bytes()


def test_with_a_token_the_page_opens_only_from_the_printed_url(page, tmp_path):
    (tmp_path / "work").mkdir()
    with live_server((), tmp_path, tmp_path / "work", token="club-token") as url:
        answer = page.goto(f"{url}/")
        assert answer.status == 403 and "forbidden" in page.content() and "runprint card" not in page.content()
        page.goto(f"{url}/?token=club-token&template=upper-body-runners")
        page.wait_for_selector("#status[data-state=ok]")
        page.goto(f"{url}/coach")  # the link between the pages: the cookie carries the token
        page.wait_for_selector("#template option[value=runner-strength]", state="attached")
