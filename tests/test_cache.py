"""The parse cache: a warm start skips yaml, and it never answers with stale data or fails a command."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from runprint import cache
from runprint.sources import load_yaml

CARD = ("import sys; from runprint.cli import main\n"
        "try:\n    main(['card', 'upper-body-runners', '-o', sys.argv[1]])\n"
        "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "print('yaml' in sys.modules)")


def run_card(tmp_path, cache_dir: str) -> bool:
    """Render a card in a fresh process; True when it had to import yaml."""
    env = {**os.environ, "RUNPRINT_CACHE_DIR": cache_dir, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CARD, str(tmp_path / "card.pdf")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip() == "True"


def test_second_start_skips_the_yaml_parser(tmp_path):
    folder = tmp_path / "cache"
    assert run_card(tmp_path, str(folder)) is True
    assert run_card(tmp_path, str(folder)) is False
    assert len(list(folder.glob("*.marshal"))) == 12  # the template and its 11 exercises


def test_no_cache_when_the_setting_is_empty(tmp_path):
    assert run_card(tmp_path, "") is True
    assert run_card(tmp_path, "") is True


def test_an_edited_file_is_parsed_again(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("name: First\nsteps: [one]\n")
    assert load_yaml(path).data["name"] == "First"
    path.write_text("name: Second\nsteps: [one]\n")
    doc = load_yaml(path)
    assert doc.data["name"] == "Second" and doc.line(("steps",)) == 2


def test_a_broken_or_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    path.write_text("name: Cached\n")
    monkeypatch.setenv("RUNPRINT_CACHE_DIR", str(tmp_path / "cache"))
    load_yaml(path)
    (entry,) = (tmp_path / "cache").glob("*.marshal")
    entry.write_bytes(b"\x00not marshal")
    assert load_yaml(path).data == {"name": "Cached"}
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("RUNPRINT_CACHE_DIR", str(blocker / "cache"))
    assert load_yaml(path).data == {"name": "Cached"}


def test_bad_files_are_never_cached(tmp_path, monkeypatch):
    from runprint.errors import RunprintError

    monkeypatch.setenv("RUNPRINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "a.yaml"
    path.write_text("name: A\nname: B\n")
    for _ in range(2):
        with pytest.raises(RunprintError, match="appears twice"):
            load_yaml(path)
    assert not list((tmp_path / "cache").glob("*.marshal"))


def test_the_key_covers_the_text():
    assert cache.key(b"a: 1") != cache.key(b"a: 2")


def test_no_home_folder_means_no_cache_not_a_failure(tmp_path, monkeypatch):
    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("RUNPRINT_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(cache.Path, "home", staticmethod(no_home))
    assert cache.folder() is None
    path = tmp_path / "a.yaml"
    path.write_text("name: Homeless\n")
    assert load_yaml(path).data == {"name": "Homeless"}


def test_no_parser_file_to_stand_for_the_rules_means_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNPRINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_salt", lambda: None)
    path = tmp_path / "a.yaml"
    path.write_text("name: Frozen\n")
    assert load_yaml(path).data == {"name": "Frozen"}
    assert not (tmp_path / "cache").exists()


def test_rosters_are_never_kept(tmp_path, monkeypatch):
    from runprint.sources import load_rows

    monkeypatch.setenv("RUNPRINT_CACHE_DIR", str(tmp_path / "cache"))
    roster = tmp_path / "club.yaml"
    roster.write_text("- athlete: Ana Lía\n  week: 2\n")
    assert load_rows(roster)[0] == [{"athlete": "Ana Lía", "week": 2}]
    assert not list((tmp_path / "cache").glob("*"))


def test_the_cache_keeps_the_newest_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 10)
    folder = tmp_path / "cache"
    folder.mkdir()
    for i in range(12):
        entry = folder / f"{i:02d}.marshal"
        entry.write_bytes(b"")
        os.utime(entry, (1000 + i, 1000 + i))
    (folder / ".left-by-a-killed-run.tmp").write_bytes(b"")
    os.utime(folder / ".left-by-a-killed-run.tmp", (1000, 1000))
    cache._prune.__wrapped__(folder)
    assert sorted(p.name for p in folder.iterdir()) == [f"{i:02d}.marshal" for i in range(7, 12)]
