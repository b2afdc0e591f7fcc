"""Every built-in output as PNGs, to compare the pages before and after a change by eye or byte.

    PYTHONPATH=$PWD python3 bench/look.py before/          # render into before/
    (change the code)
    PYTHONPATH=$PWD python3 bench/look.py after/
    python3 bench/look.py --compare before/ after/         # names the pages that differ

Each built-in template is printed as a card on Letter, A4, A5 and half-letter, two-sided,
2-up, and as a week on Letter and A5, through the command line of this source tree, and
each page becomes `<output>-<page>.png` at 70 dpi (pdftoppm, from poppler-utils). Equal
pixels give equal files here, so `cmp` is the comparison; --compare also says how many
pixels differ when Pillow is installed. Exit status 1 when anything differs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DPI = "70"

# output name suffix -> the command after the template name
OUTPUTS = {
    "card-letter": ["card", "--paper", "letter"],
    "card-a4": ["card", "--paper", "a4"],
    "card-a5": ["card", "--paper", "a5"],
    "card-half-letter": ["card", "--paper", "half-letter"],
    "card-two-sided": ["card", "--two-sided"],
    "card-2up": ["card", "--2up"],
    "week-letter": ["week", "--paper", "letter"],
    "week-a5": ["week", "--paper", "a5"],
}


def render_all(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    templates = sorted(path.stem for path in (ROOT / "templates").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as empty:  # no ./templates or ./exercises but the built-in ones
        for template in templates:
            for suffix, (command, *options) in OUTPUTS.items():
                name = f"{template}-{suffix}"
                pdf = folder / f"{name}.pdf"
                run = subprocess.run([sys.executable, "-m", "runprint", command, template, *options, "-o", str(pdf)],
                                     cwd=empty, env=env, capture_output=True, text=True)
                if run.returncode != 0:
                    print(f"{name}: runprint failed ({run.returncode}): {run.stderr.strip()}")
                    continue
                subprocess.run(["pdftoppm", "-r", DPI, "-png", str(pdf), str(folder / name)], check=True)
                pdf.unlink()
                print(f"{name}: {len(list(folder.glob(name + '-*.png')))} page(s)")


def pixels_differing(a: Path, b: Path) -> str:
    try:
        from PIL import Image, ImageChops
    except ImportError:
        return ""
    try:
        with Image.open(a) as one, Image.open(b) as two:
            if one.size != two.size:
                return f" (size {one.size} -> {two.size})"
            diff = ImageChops.difference(one.convert("L"), two.convert("L"))
            changed = diff.point(lambda v: 255 if v else 0).histogram()[255]
            return f" ({changed} pixels differ)"
    except OSError:  # not a picture Pillow can read: the bytes alone have spoken
        return ""


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.png")} | {p.name for p in after.glob("*.png")})
    differ = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {before if a.exists() else after}")
            differ += 1
        elif a.read_bytes() != b.read_bytes():
            print(f"{name}: differs{pixels_differing(a, b)}")
            differ += 1
    print(f"{differ} of {len(names)} pages differ")
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "--compare":
        return compare(Path(argv[1]), Path(argv[2]))
    if len(argv) == 1 and not argv[0].startswith("-"):
        render_all(Path(argv[0]))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
