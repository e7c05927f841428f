"""The trainees' distribution: the kit without its keys, built from the trainer's repository.

The repository is the trainer's: ``solutions/`` holds every answer, hidden test and rubric, and
``tests/``, ``benchmarks/`` and ``scripts/`` read them. What trainees get (the clone the README
tells them to make, the Binder image, a hub's nbgitpuller link) is built from it by
``humaskit assignments bundle``: the same tree without those folders, committed to its own git
branch (``peserta``) that Binder and nbgitpuller point at. In it, ``paths.repo_root()`` finds no
course root, so nothing a trainee runs is led to the keys; the trainer's key pack is the
repository itself (``solutions/``), never sent to trainees.

:func:`key_lines` lists, per assignment, the lines a trainee must never see (solution regions,
hidden tests, mark schemes and model answers, the answers a solution records); :func:`scan` looks
for them in a folder or a wheel.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from humaskit.core.errors import DataError
from humaskit.course import grading

# Trainer-only parts of the repository (top-level folders and files, as git paths). The two
# modules write keys and hidden tests (cohort variants and their hidden-test builders): trainees
# never need them, and the wheel leaves them out too (pyproject.toml).
TRAINER_ONLY = ("solutions/", "tests/", "benchmarks/", "scripts/", ".ci/",
                "src/humaskit/course/variants.py", "src/humaskit/course/hidden.py")
BRANCH = "peserta"
MARK = ".humaskit-peserta"  # a file at the top of a trainee distribution
# A key line is long, or names something (a string, a number): shorter or bare code lines
# (``except ValueError:``, ``a, b = list(a), list(b)``) are ordinary Python, not an answer.
MIN_KEY = 16
MIN_BARE_KEY = 40
_IMPORT = re.compile(r"^(from \S+ )?import \S+( as \S+)?(, \S+( as \S+)?)*$")
TEXT_SUFFIXES = {".py", ".ipynb", ".md", ".txt", ".json", ".yaml", ".yml", ".csv", ".html", ".cfg",
                 ".toml", ".j2", ".tpl", ".css", ".js", ".sh", ""}


def _git(root: Path, *args: str, env: dict | None = None, input_: str | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, input=input_,
                            env={**os.environ, **(env or {})})
    if result.returncode != 0:
        raise DataError(f"git {' '.join(args[:2])} gagal: {result.stderr.strip()[:300]}")
    return result.stdout


def repository_files(root: Path) -> list[str]:
    """The repository's files as git paths: tracked and new ones, not ignored ones (``kerja/``,
    gradebooks, answer files); every file under ``root`` when it is no git checkout."""
    if (root / ".git").exists():
        listed = _git(root, "ls-files", "-z", "-co", "--exclude-standard").split("\0")
        return sorted(p for p in listed if p and (root / p).is_file())
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and not {".git", ".venv", "__pycache__", ".ipynb_checkpoints"}
                  & set(p.relative_to(root).parts))


def trainee_files(root: Path) -> list[str]:
    """The repository's files that belong in the trainees' distribution."""
    return [p for p in repository_files(root) if not p.startswith(TRAINER_ONLY)]


def build(root: Path, out: Path) -> list[str]:
    """Copy the trainees' files of the repository at ``root`` into the new folder ``out``.

    ``out`` must not exist or be empty: nothing there is overwritten. Returns the copied paths.
    """
    if out.exists() and any(out.iterdir()):
        raise DataError(f"Folder {out} sudah berisi file; pilih folder baru atau kosong (tidak ada yang "
                        "ditimpa).")
    if out.resolve().is_relative_to(root.resolve()) and not out.resolve().is_relative_to(root / "build"):
        raise DataError(f"Folder {out} ada di dalam repositori; pilih folder di luar repositori.")
    files = trainee_files(root)
    for rel in files:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, target)
    (out / MARK).write_text(
        "Distribusi peserta humaskit: tanpa kunci jawaban, tes tersembunyi, dan rubrik.\n"
        "Dibuat dengan `humaskit assignments bundle` dari repositori pelatih.\n", encoding="utf-8")
    return [*files, MARK]


def commit_branch(root: Path, folder: Path, branch: str = BRANCH, message: str | None = None) -> str:
    """Commit the tree of ``folder`` as the next commit of ``branch`` in the repository at ``root``.

    Uses a temporary index, so the trainer's working tree, index and current branch are left
    alone. The branch's history grows one commit per bundle (nothing is force-overwritten).
    Returns the new commit id.
    """
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index"), "GIT_WORK_TREE": str(folder.resolve())}
        _git(root, "add", "-A", "-f", ".", env=env)
        tree = _git(root, "write-tree", env=env).strip()
    parent = subprocess.run(["git", "rev-parse", "--verify", "-q", f"refs/heads/{branch}"], cwd=root,
                            capture_output=True, text=True).stdout.strip()
    source = _git(root, "rev-parse", "--short", "HEAD").strip()
    text = message or f"Distribusi peserta dari {source} (humaskit assignments bundle)"
    commit = _git(root, "commit-tree", tree, *(["-p", parent] if parent else []), "-m", text).strip()
    _git(root, "update-ref", f"refs/heads/{branch}", commit, *([parent] if parent else []))
    return commit


# -- what must never reach a trainee ----------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def key_lines(root: Path, aid: str) -> list[str]:
    """The lines of an assignment's source that trainees must never see: its solution regions,
    hidden tests, mark schemes and model answers (written solutions), normalised; imports, short
    lines and bare code lines are left out (they name no answer; see MIN_KEY)."""
    lines = []
    for notebook in sorted((root / "solutions" / aid).glob("*.ipynb")):
        for line in grading.hidden_texts(notebook):
            line = _norm(line)
            names_something = bool(re.search(r"[\"'0-9]", line))
            if (len(line) >= MIN_BARE_KEY or (len(line) >= MIN_KEY and names_something)) \
                    and not _IMPORT.match(line):
                lines.append(line)
    return sorted(set(lines))


def _texts(location: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every text file in a folder or a wheel (notebooks as their cells' text)."""
    def as_text(name: str, data: bytes) -> str | None:
        if Path(name).suffix not in TEXT_SUFFIXES:
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if name.endswith(".ipynb"):
            try:
                cells = json.loads(text).get("cells", [])
                return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                                 for c in cells)
            except (ValueError, KeyError, AttributeError):
                return text
        return text

    if location.is_file() and location.suffix in {".whl", ".zip"}:
        with zipfile.ZipFile(location) as archive:
            for name in archive.namelist():
                text = as_text(name, archive.read(name))
                if text is not None:
                    yield name, text
        return
    for path in sorted(location.rglob("*")):
        if path.is_file() and ".git" not in path.relative_to(location).parts:
            text = as_text(path.name, path.read_bytes())
            if text is not None:
                yield path.relative_to(location).as_posix(), text


def scan(location: Path, keys: dict[str, list[str]]) -> list[str]:
    """Where any key line (``{assignment: lines}``) appears in a folder or wheel: one finding per
    file and assignment, ``'<file>: <assignment> key <line...>'``; empty when nothing leaks."""
    found = []
    for name, text in _texts(location):
        flat = _norm(text)
        for aid, lines in keys.items():
            hit = next((line for line in lines if line in flat), None)
            if hit:
                found.append(f"{name}: {aid} key {hit[:70]!r}")
    found += [f"{name}: a source folder of the trainer's repository" for name in _trainer_paths(location)]
    return found


def _trainer_paths(location: Path) -> list[str]:
    if location.is_file():
        with zipfile.ZipFile(location) as archive:
            names = archive.namelist()
    else:
        names = [p.relative_to(location).as_posix() for p in location.rglob("*") if p.is_file()]
    return sorted({n.split("/")[0] + "/" for n in names if n.startswith(("solutions/", "tests/"))}
                  | {n for n in names if "/solutions/" in n})


def all_keys(root: Path) -> dict[str, list[str]]:
    """:func:`key_lines` of every assignment."""
    return {aid: key_lines(root, aid) for aid in grading.assignment_ids(root)}
