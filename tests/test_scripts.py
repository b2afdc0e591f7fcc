"""Issue 22, every script prints: Chinese, Japanese and Korean names, titles, steps and cues are
drawn in a TrueType font found on the system (or given with --font / RUNPRINT_FONT), embedded
as a subset; a character no font has is named with a package that provides one."""

import io
import os
import subprocess
import sys

import pytest

from pdfcheck import assert_printable, open_pdf, text_of
from runprint.cli import main
from runprint.errors import RunprintError
from runprint.fontfiles import package_for, system_fonts
from runprint.render import ReportlabFonts, fonts

CJK = "李小明김민준さくら"
NO_CJK_FONT = ("no TrueType font with Chinese, Japanese and Korean on this machine: install the Debian package "
               "fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei), as .ci/run does")


def _has_cjk_font() -> bool:
    return fonts().missing(CJK) == ""


# .ci/run installs the font and sets RUNPRINT_NEEDS_CJK_FONT=1: there a missing font fails, never skips.
needs_cjk_font = pytest.mark.skipif(not os.environ.get("RUNPRINT_NEEDS_CJK_FONT") and not _has_cjk_font(),
                                    reason=NO_CJK_FONT)

# A Japanese exercise and a template with a Chinese title and a Korean session name, in our own words.
KABE = """name: 壁腕立て伏せ
group: chest
steps:
  - 壁の前に立ち、両手を肩の高さで壁につける。
  - 胸を壁に近づけるように、ゆっくり肘を曲げる。
  - 手のひらで壁を押し、最初の姿勢に戻る。
cues: [体は一直線, 息を吐きながら押す]
"""
TEMPLATE = """title: "跑者力量训练 第{{ week }}周"
params: {athlete: "", week: 1}
sessions:
  - id: a
    name: 상체 운동
    notes: 组间休息一分钟。
    exercises:
      - exercise: kabe
        do: 3x10
      - exercise: push-up
        do: 3x8
"""


@pytest.fixture
def cjk_library(in_tmp):
    (in_tmp / "exercises").mkdir()
    (in_tmp / "exercises" / "kabe.yaml").write_text(KABE, encoding="utf-8")
    (in_tmp / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    return in_tmp


def _card(runner, *args, env=None) -> bytes:
    result = runner.invoke(main, ["card", "t.yaml", "--set", "athlete=李小明", *args, "-o", "card.pdf"], env=env,
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return open("card.pdf", "rb").read()


def _base_fonts(data: bytes) -> list[str]:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return sorted({str(font.BaseFont) for page in pdf.pages for _, font in page.Resources.Font.items()})


@needs_cjk_font
def test_a_card_in_chinese_japanese_and_korean_prints_and_reads_back(runner, cjk_library):
    data = _card(runner)
    page = open_pdf(data).pages[0]
    text = text_of(page)
    for shown in ("跑者力量训练", "상체", "운동", "李小明", "壁腕立て伏せ", "壁の前に立ち", "体は一直線", "组间休息一分钟"):
        assert shown in text
    assert "Push-Up" in text  # the Latin text beside it stays in DejaVu
    assert_printable(page)
    # Every font is embedded as a subset (reportlab's 'AAAAAA+' tag), the CJK one beside DejaVu.
    names = _base_fonts(data)
    assert len(names) >= 3 and all("+" in name for name in names), names
    assert len(data) < 200_000  # a subset: the whole CJK font would be megabytes


@needs_cjk_font
def test_the_cjk_card_is_the_same_bytes_every_time(runner, cjk_library):
    first = _card(runner, "--2up")
    assert _card(runner, "--2up") == first
    fresh = subprocess.run([sys.executable, "-m", "runprint", "card", "t.yaml", "--set", "athlete=李小明", "--2up",
                            "-o", "-"], capture_output=True, check=True,
                           env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}).stdout
    assert fresh == first  # a new process picks the same fonts


@needs_cjk_font
def test_measured_width_is_the_sum_of_the_runs_drawn():
    shown = "Ana 李小明 (RPE)"
    runs = fonts().runs(shown, True)
    assert len(runs) == 3 and runs[1][1] == "李小明"
    assert fonts().width(shown, True, 9) > fonts().width("Ana  (RPE)", True, 9)


def _face_name(font) -> str:
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont("probe", font.path, subfontIndex=font.index).face.name.decode()


@needs_cjk_font
@pytest.mark.parametrize("how", ["--font", "RUNPRINT_FONT"])
def test_a_font_given_by_option_or_environment_is_the_one_embedded(runner, cjk_library, how):
    having = [f for f in system_fonts() if not f.bold and f.index == 0 and f.may_have(ord("李"))]
    given = having[-1]  # the last the system would try: what is embedded can only come from the option
    args, env = (["--font", given.path], None) if how == "--font" else ([], {"RUNPRINT_FONT": given.path})
    names = _base_fonts(_card(runner, *args, env=env))
    assert any(name.endswith("+" + _face_name(given)) for name in names), names


def test_a_file_that_is_not_a_truetype_font_is_refused(runner, in_tmp):
    (in_tmp / "notes.ttf").write_text("not a font")
    result = runner.invoke(main, ["card", "upper-body-runners", "--font", "notes.ttf", "-o", "card.pdf"])
    assert result.exit_code == 1
    assert "error: notes.ttf: --font: not a TrueType font runprint can embed" in result.output
    assert "hint: give a .ttf or .ttc font with TrueType outlines" in result.output
    result = runner.invoke(main, ["card", "upper-body-runners", "--font", "gone.ttf", "-o", "card.pdf"])
    assert result.exit_code == 1 and "error: gone.ttf: --font: no such font file" in result.output
    assert not (in_tmp / "card.pdf").exists()


def test_without_any_font_the_message_names_the_character_and_a_package():
    from runprint.layout.card import layout_session
    from runprint.library import Library
    from runprint.plan import coerce_params, plan_sessions

    library = Library.default()
    template = library.template("upper-body-runners")
    [session] = plan_sessions(template, library, coerce_params(template, {"athlete": "王小明"}))
    with pytest.raises(RunprintError) as exc:
        layout_session(session, "letter", ReportlabFonts(system=False))
    message = str(exc.value)
    assert "athlete: the font cannot print '王' (U+738B), '小' (U+5C0F), '明' (U+660E)\n" in message
    assert message.endswith("hint: no font here has them: install a TrueType font that does (Debian, Ubuntu: "
                            "apt install fonts-wqy-zenhei), or name one with --font FILE or RUNPRINT_FONT")


def test_the_package_suggested_has_the_script():
    assert {package_for(c) for c in "李さカ김ㄱ！"} == {"fonts-wqy-zenhei"}
    assert package_for("ก") == "fonts-noto-core"  # Thai


@needs_cjk_font
def test_a_chinese_name_in_a_roster_prints_like_any_other(runner, in_tmp):
    (in_tmp / "club.csv").write_text("athlete\nAna\n王小明\n", encoding="utf-8")
    result = runner.invoke(main, ["batch", "runner-strength", "--roster", "club.csv", "--out-dir", "out"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["Ana.pdf", "王小明.pdf"]
    assert "Athlete: 王小明" in text_of(open_pdf((in_tmp / "out" / "王小明.pdf").read_bytes()).pages[0])


@needs_cjk_font
def test_without_fontconfig_the_usual_font_folders_are_searched(monkeypatch):
    monkeypatch.setenv("PATH", "")  # no fc-list
    found = ReportlabFonts()
    assert found.missing(CJK) == ""
    assert found.width("李小明", False, 10) > 0
