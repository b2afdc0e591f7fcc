"""The README's two screenshots of `runprint serve`, taken in Debian's Chromium.

    runprint serve --port 8700 &            # from a folder holding club.csv
    python3 docs/serve_screenshots.py http://127.0.0.1:8700 club.csv docs/

club.csv: a few athletes with a Week column, one of them with a week that is not a number.
"""

import sys

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(url: str, roster: str, out: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(f"{url}/?template=upper-body-runners")
        page.wait_for_selector("#status[data-state=ok]")
        page.fill("[name='param:athlete']", "Ana Silva")
        page.wait_for_function("document.getElementById('command').value.includes('Ana')")
        page.wait_for_selector("#status[data-state=ok]")
        page.wait_for_timeout(2500)  # the PDF viewer draws its first page
        page.screenshot(path=f"{out}/serve-author.png")
        page.goto(f"{url}/coach")
        page.wait_for_selector("#template option[value=runner-strength]", state="attached")
        page.select_option("#template", "runner-strength")
        page.check("input[name=with_week]")
        page.set_input_files("#roster", roster)
        page.wait_for_selector("#status[data-state=partial]")
        page.screenshot(path=f"{out}/serve-coach.png")
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
