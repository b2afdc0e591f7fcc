"""Finds exercises and templates: --library folders first, then ./, then the built-ins."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

from .errors import Problem, RunprintError, collect
from .model import Exercise, Template
from .naming import suggest
from .schema import exercise_from_doc, template_from_doc
from .sources import file_kind, load_yaml

PACKAGE_DIR = Path(__file__).resolve().parent
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")  # a name looked up as a file name as it is


def builtin_dir(kind: str) -> Path:
    """Where the built-in files live: inside the installed package, or at the source tree's root."""
    installed = PACKAGE_DIR / kind
    return installed if installed.is_dir() else PACKAGE_DIR.parent / kind


def real(path) -> Path:
    """The path with links followed; a loop of links stays as it is (and fails when read)."""
    return Path(os.path.realpath(path))


class Files(Mapping):
    """Id -> file, over folders searched in order. One id is found by its name alone; the
    folders are listed only when every id is wanted, so a library of thousands of files
    costs a card nothing."""

    def __init__(self, folders: list[Path]):
        self.folders = folders
        self._all: dict[str, Path] | None = None
        self._found: dict[str, Path | None] = {}

    def get(self, stem, default=None):
        if self._all is not None or not _PLAIN_NAME.match(str(stem)):
            return self._listed().get(stem, default)
        if stem not in self._found:
            self._found[stem] = next((path for folder in self.folders for path in
                                      (folder / f"{stem}.yaml", folder / f"{stem}.yml") if os.path.lexists(path)),
                                     None)
        found = self._found[stem]
        return default if found is None else found

    def __getitem__(self, stem):
        found = self.get(stem)
        if found is None:
            raise KeyError(stem)
        return found

    def __contains__(self, stem) -> bool:
        return self.get(stem) is not None

    def __iter__(self):
        return iter(self._listed())

    def __len__(self) -> int:
        return len(self._listed())

    def _listed(self) -> dict[str, Path]:
        if self._all is None:
            self._all = {}
            for folder in self.folders:
                for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
                    self._all.setdefault(path.stem, path)
        return self._all


class Library:
    """The folders to search, in order, and what has been loaded from them so far."""

    def __init__(self, roots: list[Path] | None = None):
        self.roots = list(roots or [])
        self._exercise_files: dict[str, Path] | None = None
        self._template_files: dict[str, Path] | None = None
        self._exercises: dict[str, Exercise] = {}
        self._templates: dict[tuple, Template] = {}

    @classmethod
    def default(cls, extra: list[str] | tuple[str, ...] = (), cwd: Path | None = None) -> "Library":
        roots = []
        for folder in extra:
            path = Path(folder)
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                raise RunprintError(Problem(str(path), None, "", "no such folder" if exc.errno == errno.ENOENT
                                            else f"cannot open the folder: {exc.strerror}",
                                            "--library takes a folder holding exercises/ and templates/")) from None
            if not stat.S_ISDIR(mode):
                raise RunprintError(Problem(str(path), None, "", f"this is {file_kind(mode)}, not a folder",
                                            "--library takes a folder holding exercises/ and templates/"))
            roots.append(path)
        roots.append(cwd or Path.cwd())
        return cls(roots)

    def adopt(self, template_file: Path) -> None:
        """A template file under some/templates/ brings some/exercises/ along, searched first."""
        folder = real(template_file).parent
        root = folder.parent
        if folder.name != "templates" or not (root / "exercises").is_dir():
            return
        if real(root / "exercises") not in [real(f) for f in self.folders("exercises")[:-1]]:
            self.roots.insert(0, root)
            self._exercise_files = self._template_files = None

    def folders(self, kind: str) -> list[Path]:
        """Every folder holding `kind` files, the first one winning for a repeated id."""
        found = []
        for root in self.roots:
            if (root / kind).is_dir():
                found.append(root / kind)
            elif kind == "exercises" and root.name == kind:
                found.append(root)
        found.append(builtin_dir(kind))
        unique = []
        for folder in found:
            if real(folder) not in [real(f) for f in unique]:
                unique.append(folder)
        return unique

    def _index(self, kind: str) -> "Files":
        return Files(self.folders(kind))

    @property
    def exercise_files(self) -> "Files":
        if self._exercise_files is None:
            self._exercise_files = self._index("exercises")
        return self._exercise_files

    @property
    def template_files(self) -> "Files":
        if self._template_files is None:
            self._template_files = self._index("templates")
        return self._template_files

    def files_for(self, template: Template, *more) -> tuple[Path, ...]:
        """The files a run of this template reads (none of which it may write over): the
        template, each exercise it names, and `more` (a roster, a history)."""
        names = {item.exercise for session in template.sessions for item in session.items}
        return (Path(template.file), *(p for p in map(self.exercise_files.get, sorted(names)) if p is not None),
                *(Path(m) for m in more if m))

    def exercise(self, exercise_id: str) -> Exercise:
        if exercise_id not in self._exercises:
            path = self.exercise_files.get(exercise_id)
            if path is None:
                hint = suggest(exercise_id, self.exercise_files) or "run 'runprint exercises' to list them"
                raise RunprintError(Problem(None, None, "", f"no exercise named '{exercise_id}'", hint))
            self._exercises[exercise_id] = exercise_from_doc(load_yaml(path), path.stem)
        return self._exercises[exercise_id]

    def exercises(self) -> list[Exercise]:
        """Every exercise, loaded and validated; all problems across files raised together."""
        return collect(sorted(self.exercise_files), self.exercise)

    def template(self, name_or_path: str) -> Template:
        """A template by name, or by path to a .yaml file."""
        path = Path(name_or_path)
        if name_or_path.endswith((".yaml", ".yml")) or (os.path.lexists(path) and not path.is_dir()):
            name = path.stem
            self.adopt(path)
        else:
            name = name_or_path
            path = self.template_files.get(name)
            if path is None:
                hint = suggest(name, self.template_files) or "run 'runprint templates' to list them"
                raise RunprintError(Problem(None, None, "", f"no template named '{name}'", hint))
        try:
            stamp = path.stat()
            key = (str(real(path)), stamp.st_mtime_ns, stamp.st_size)
        except OSError:
            key = None
        if key is None or key not in self._templates:
            template = template_from_doc(load_yaml(path), name, self.exercise_files)
            if key is None:
                return template
            self._templates[key] = template
        return self._templates[key]

    def templates(self) -> list[Template]:
        return collect(sorted(self.template_files), self.template)
