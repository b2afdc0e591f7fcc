"""The fonts on this system that may draw what the shipped font cannot (Chinese, Japanese,
Korean and the other scripts DejaVu lacks), and the Debian package to suggest when none can.

fontconfig knows every installed font and the characters it has, so `fc-list` is asked once.
Without it (a bare container, macOS, Windows), the usual font folders are listed instead,
and what a file holds is known only once the renderer opens it.
"""

from __future__ import annotations

import bisect
import os
from pathlib import Path
from typing import NamedTuple

FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
           "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts")
# .otf is listed too: some carry TrueType outlines; the renderer skips those it cannot embed.
SUFFIXES = (".ttf", ".ttc", ".otf")

# fontconfig's weights: 80 regular, 200 bold.
BOLD_WEIGHT = 200
FIELDS = "%{file}\t%{index}\t%{fontformat}\t%{family[0]}\t%{weight}\t%{slant}\t%{spacing}\t%{charset}\n"


class FontFile(NamedTuple):
    path: str
    index: int                      # the font's number inside a .ttc collection
    family: str = ""
    bold: bool = False
    starts: tuple[int, ...] = ()    # the characters it has, as ranges: starts[i]..ends[i]
    ends: tuple[int, ...] = ()
    known: bool = False             # False: what it has is known only once opened

    def may_have(self, code: int) -> bool:
        if not self.known:
            return True
        at = bisect.bisect_right(self.starts, code) - 1
        return at >= 0 and code <= self.ends[at]

    @property
    def size(self) -> int:
        return sum(end - start + 1 for start, end in zip(self.starts, self.ends))


def system_fonts() -> list[FontFile]:
    """Every font worth trying, in the order they are tried: the same list for the same
    installed fonts, so a character always gets the same font."""
    listed = _fontconfig()
    return listed if listed is not None else _folders()


def _fontconfig() -> list[FontFile] | None:
    import shutil  # here: most cards never need a font beyond DejaVu, and a cold start stays light
    import subprocess

    command = shutil.which("fc-list")
    if command is None:
        return None
    try:
        out = subprocess.run([command, "--format", FIELDS], capture_output=True, check=True, timeout=60,
                             env={**os.environ, "LC_ALL": "C"}).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return None
    ranked = []
    for line in out.splitlines():
        fields = line.split("\t")
        if len(fields) != 8 or fields[2] != "TrueType":  # reportlab embeds TrueType outlines only, not CFF
            continue
        path, index, _, family, weight, slant, spacing, charset = fields
        if slant not in ("", "0") or not index.isdigit():
            continue  # an italic is never the fallback for upright text
        font = FontFile(path, int(index), family, _number(weight) >= BOLD_WEIGHT, *_ranges(charset), True)
        # Regular before bold, proportional before monospaced (spacing 100, or named so), then the
        # font with the most characters, so that one script stays in one font; then by name, for a fixed order.
        mono = spacing == "100" or "mono" in family.lower()
        ranked.append(((font.bold, mono, -font.size, family, path, font.index), font))
    return [font for _, font in sorted(ranked)]


def _ranges(charset: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts, ends = [], []
    for part in charset.split():
        low, _, high = part.partition("-")
        try:
            starts.append(int(low, 16))
            ends.append(int(high or low, 16))
        except ValueError:
            continue
    return tuple(starts), tuple(ends)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def _folders() -> list[FontFile]:
    found = []
    for folder in FOLDERS:
        root = Path(folder).expanduser()
        if root.is_dir():
            found.extend(str(path) for path in root.rglob("*") if path.suffix.lower() in SUFFIXES)
    return [FontFile(path, 0) for path in sorted(set(found))]


# Free TrueType fonts Debian and Ubuntu ship, by the scripts they cover (first match wins).
# WenQuanYi Zen Hei covers Chinese, Japanese kana and Korean Hangul in one TrueType file;
# Noto CJK would too, but its outlines are CFF, which reportlab cannot embed.
PACKAGES = (
    ((0x1100, 0x11FF), "fonts-wqy-zenhei"),    # Hangul Jamo
    ((0x2E80, 0x9FFF), "fonts-wqy-zenhei"),    # CJK radicals, punctuation, kana, ideographs
    ((0xA960, 0xA97F), "fonts-wqy-zenhei"),    # Hangul Jamo extended
    ((0xAC00, 0xD7FF), "fonts-wqy-zenhei"),    # Hangul syllables
    ((0xF900, 0xFAFF), "fonts-wqy-zenhei"),    # CJK compatibility ideographs
    ((0xFE30, 0xFE4F), "fonts-wqy-zenhei"),    # CJK compatibility forms
    ((0xFF00, 0xFFEF), "fonts-wqy-zenhei"),    # full-width forms
    ((0x20000, 0x3FFFF), "fonts-wqy-zenhei"),  # rarer ideographs
)
OTHER_SCRIPTS = "fonts-noto-core"  # Noto's TrueType fonts for Thai, Devanagari, Ethiopic and many more


def package_for(char: str) -> str:
    """A Debian package with a TrueType font that has `char`."""
    code = ord(char)
    for (low, high), package in PACKAGES:
        if low <= code <= high:
            return package
    return OTHER_SCRIPTS
