"""A trainer's course folder: created outside the repository from the kit's ``solutions/``.

Layout (nbgrader's defaults)::

    DIR/nbgrader_config.py     written once by ``humaskit trainer init``; never overwritten
    DIR/gradebook.db           nbgrader's gradebook (or PostgreSQL through ``--db-url``)
    DIR/source/<assignment>/   the source versions (solutions, hidden tests, rubrics)
    DIR/release/<assignment>/  the student versions nbgrader generates
    DIR/submitted/ autograded/ feedback/   nbgrader's folders
    DIR/catatan/<assignment>/<student>.json   the kit's flags per submission (read by the export)
    DIR/cadangan/              backups of anything the kit replaced

The folder is private to its owner (mode 0700): a grading kernel, which runs as another user
(:mod:`humaskit.trainer.sandbox`), cannot reach the gradebook, the sources or other trainees' work.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from humaskit.core.errors import DataError
from humaskit.core.paths import repo_root
from humaskit.core.storage import write_text_atomic

CONFIG = "nbgrader_config.py"
FLAGS_DIR = "catatan"
BACKUP_DIR = "cadangan"
# Files a trainee's notebook writes beside itself; never part of a source version.
TRAINEE_FILES = ("jawaban.json", "jawaban.rusak-*.json", "jawaban.lama-*.json", ".jawaban.json.lock")

CONFIG_TEMPLATE = '''\
"""nbgrader configuration of a humaskit course folder (written by `humaskit trainer init`).

Edit it freely: the kit never overwrites this file. The protections below hold for the kit's
commands, plain `nbgrader autograde` in this folder and formgrader's buttons alike.
"""

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "humaskit"
c.CourseDirectory.db_url = {db_url!r}
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".jawaban.json.lock"]

# What a trainee sees in place of a solution (the same as the kit's own configuration).
c.ClearSolutions.code_stub = {{"python": "...  # ganti ... dengan jawaban Anda"}}
c.ClearSolutions.text_stub = (
    "\\u270f\\ufe0f TULIS JAWABAN ANDA DI SINI (klik dua kali sel ini untuk mengetik)")

# Grading that a submission cannot move (humaskit/trainer/preprocessors.py):
# 1. RebuildFromRelease rebuilds each submitted notebook from the released student version, keeping
#    only the trainee's written answers (answers by click live in jawaban.json), and records every
#    change it undid or suspicious code it found in catatan/ (the export's "catatan" column);
# 2. GuardedExecute runs the kernel as the unprivileged user below in a folder of its own, with a
#    time limit per cell and per notebook and CPU/memory/file-size limits;
# 3. CapOutput caps what one cell may print.
c.Autograde.sanitize_preprocessors = [
    "humaskit.trainer.preprocessors.RebuildFromRelease",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    "humaskit.trainer.preprocessors.GuardedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "humaskit.trainer.preprocessors.CapOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.OverwriteCells.add_missing_cells = True
c.GuardedExecute.timeout = {cell_timeout}            # seconds per cell
c.GuardedExecute.notebook_timeout = {notebook_timeout}   # seconds per notebook, all cells together
c.GuardedExecute.sandbox_user = {user!r}   # "" runs the kernel as yourself (limits still apply)
c.CapOutput.max_chars = 20000              # characters of output kept per cell
c.LimitOutput.max_lines = 200

# Feedback in Indonesian without hidden tests (humaskit/course/feedback.py).
c.GenerateFeedback.exporter_class = "humaskit.course.feedback_html.FeedbackExporter"

# Collecting an LMS or e-mail zip (`nbgrader zip_collect`): tolerant of "(1)", spaces and case.
c.ZipCollectApp.collector_plugin = "humaskit.trainer.collect.TolerantCollector"
c.FileNameCollectorPlugin.valid_ext = [".ipynb", ".json"]
'''


def _now() -> str:
    return f"{dt.datetime.now():%Y%m%d-%H%M%S}"


def backup_copy(path: Path, course: Path | None = None) -> Path:
    """Copy ``path`` (file or folder) to a new, never reused backup name and return it.

    Inside a course folder the copy goes to ``cadangan/``; elsewhere beside the original
    (``NAME.cadangan-YYYYmmdd-HHMMSS[-N]``).
    """
    for n in range(1000):
        suffix = f"{_now()}{f'-{n}' if n else ''}"
        if course is not None:
            target = course / BACKUP_DIR / suffix / path.relative_to(course)
        else:
            target = path.with_name(f"{path.name}.cadangan-{suffix}")
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            shutil.copytree(path, target)
        else:
            shutil.copy2(path, target)
        return target
    raise DataError("terlalu banyak cadangan dengan waktu yang sama; coba lagi sebentar lagi.",
                    file=str(path))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def check_outside_repository(folder: Path, kit: Path | None) -> None:
    folder = folder.resolve()
    if kit is not None and (_inside(folder, kit.resolve()) or _inside(kit.resolve(), folder)):
        raise DataError(f"folder kursus harus di luar repositori kit ({kit}); pilih folder lain, "
                        "misalnya ~/kursus-humaskit.", file=str(folder))


def nbgrader(args: list[str], cwd: Path, timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m nbgrader ARGS`` in the course folder ``cwd`` (its nbgrader_config.py applies)."""
    from humaskit.course.grading import _child_pythonpath

    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "PYTHONPATH": _child_pythonpath()}
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=timeout)


def solutions_dir(kit: Path | None = None) -> Path:
    kit = kit or repo_root()
    if kit is None or not (kit / "solutions").is_dir():
        raise DataError("folder solutions/ kit tidak ditemukan: jalankan perintah ini dari salinan "
                        "repositori humaskit milik pelatih (paket pelatih).")
    return kit / "solutions"


def assignment_ids(course: Path) -> list[str]:
    return sorted(p.name for p in (course / "source").iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def init(folder: Path, *, solutions: Path | None = None, db_url: str | None = None,
         user: str = "", cell_timeout: int = 30, notebook_timeout: int = 50,
         only: list[str] | None = None) -> list[str]:
    """Create a course folder at ``folder`` and generate the student versions of every assignment.

    ``only`` limits the course to these assignment ids. Refuses the repository (and any folder
    inside it or holding it) and an existing course folder
    (its configuration and gradebook are the trainer's). Returns the assignment ids.
    """
    folder = folder.expanduser().resolve()
    source = solutions or solutions_dir()
    check_outside_repository(folder, repo_root())
    check_outside_repository(folder, source)
    if (folder / CONFIG).exists() or (folder / "gradebook.db").exists():
        raise DataError("folder ini sudah berisi kursus (nbgrader_config.py atau gradebook.db); kit "
                        "tidak menimpanya. Pakai `humaskit trainer update` untuk memperbarui soal.",
                        file=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    skip = [p.name for p in source.iterdir() if only is not None and p.name not in only]
    shutil.copytree(source, folder / "source", dirs_exist_ok=False,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", *TRAINEE_FILES, *skip))
    db = db_url or f"sqlite:///{folder / 'gradebook.db'}"
    write_text_atomic(folder / CONFIG, CONFIG_TEMPLATE.format(
        root=str(folder), db_url=db, user=user, cell_timeout=cell_timeout,
        notebook_timeout=notebook_timeout))
    os.chmod(folder / CONFIG, 0o600)  # may hold a database password
    ids = assignment_ids(folder)
    for aid in ids:
        generate(folder, aid)
    return ids


def generate(course: Path, aid: str) -> None:
    """``nbgrader generate_assignment`` in the course folder: updates the gradebook, never deletes it."""
    release = course / "release" / aid
    if release.exists():
        backup_copy(release, course)
    result = nbgrader(["generate_assignment", aid, "--force", "--log-level=WARN"], cwd=course)
    if result.returncode != 0:
        raise DataError(f"nbgrader tidak bisa membuat versi peserta tugas {aid}:\n{result.stderr[-2000:]}")


def backup_gradebook(course: Path) -> Path:
    """A consistent copy of the course's gradebook in ``cadangan/`` (made before anything rewrites it).

    A SQLite gradebook is copied with SQLite's own backup API (consistent even while formgrader is
    open); any other database (PostgreSQL) is written out as JSON through nbgrader's ``Gradebook``:
    every grade and comment, with the student, assignment, notebook and cell they belong to.
    """
    url = db_url(course)
    target = course / BACKUP_DIR / _now()
    for n in range(1000):
        candidate = target.with_name(f"{target.name}-{n}") if n else target
        if not candidate.exists():
            target = candidate
            break
    target.mkdir(parents=True)
    if url.startswith("sqlite:///"):
        import sqlite3

        database = Path(url.removeprefix("sqlite:///"))
        copy = target / database.name
        if not database.exists():
            return copy  # nothing graded yet: nothing to save
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            with sqlite3.connect(copy) as out:
                source.backup(out)
            out.close()
        finally:
            source.close()
        return copy
    from nbgrader.api import Gradebook

    rows = []
    with Gradebook(url) as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                for nb in sub.notebooks:
                    rows += [{"student": sub.student.id, "assignment": assignment.name, "notebook": nb.name,
                              "cell": g.name, "kind": "grade", "auto_score": g.auto_score,
                              "manual_score": g.manual_score, "extra_credit": g.extra_credit}
                             for g in nb.grades]
                    rows += [{"student": sub.student.id, "assignment": assignment.name, "notebook": nb.name,
                              "cell": c.name, "kind": "comment", "manual_comment": c.manual_comment}
                             for c in nb.comments]
    copy = target / "gradebook.json"
    write_text_atomic(copy, json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    return copy


def update(course: Path, solutions: Path | None = None) -> tuple[list[str], Path | None]:
    """Copy the course's changed source notebooks from the kit (old ones backed up) and regenerate
    their student versions. The gradebook is backed up first, once, when anything changed; grades
    and manual grades stay (nbgrader keeps them when the graded cells are unchanged).

    Only assignments already in the course are updated (a course made with ``--assignment`` stays
    that way). Returns the updated assignment ids and the gradebook backup (``None``: no change).
    """
    course = course.expanduser().resolve()
    require_course(course)
    source = solutions or solutions_dir()
    present = set(assignment_ids(course))
    changed: list[tuple[Path, Path]] = []
    for notebook in sorted(source.glob("*/*.ipynb")):
        if notebook.parent.name not in present:
            continue
        target = course / "source" / notebook.parent.name / notebook.name
        if not (target.exists() and target.read_bytes() == notebook.read_bytes()):
            changed.append((notebook, target))
    if not changed:
        return [], None
    saved = backup_gradebook(course)
    for notebook, target in changed:
        if target.exists():
            backup_copy(target, course)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(notebook, target)
    ids = sorted({notebook.parent.name for notebook, _ in changed})
    for aid in ids:
        generate(course, aid)
    return ids, saved


def require_course(course: Path) -> Path:
    if not (course / CONFIG).is_file() or not (course / "source").is_dir():
        raise DataError("bukan folder kursus humaskit (tidak ada nbgrader_config.py dan source/); buat "
                        "dulu dengan `humaskit trainer init FOLDER`.", file=str(course))
    return course


def db_url(course: Path) -> str:
    """The gradebook URL the course's configuration names."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG, path=str(course)).load_config()
    return CourseDirectory(config=config).db_url


def flags_path(course: Path, aid: str, student: str) -> Path:
    return course / FLAGS_DIR / aid / f"{student}.json"


def add_flags(course: Path, aid: str, student: str, stage: str, reasons: list[str]) -> None:
    """Record ``reasons`` (Indonesian, for the trainer) for one submission at one ``stage``
    ("kumpul" when collected, "nilai" when graded); a stage's reasons replace its earlier ones."""
    from humaskit.core.storage import locked, write_json_atomic

    path = flags_path(course, aid, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        data[stage] = list(dict.fromkeys(reasons))
        write_json_atomic(path, data)


def read_flags(course: Path, aid: str, student: str) -> list[str]:
    path = flags_path(course, aid, student)
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(dict.fromkeys(reason for stage in sorted(data, key=_stage_order) for reason in data[stage]))


def _stage_order(stage: str) -> tuple[int, str]:
    return ({"kumpul": 0, "nilai": 1, "gagal": 2}.get(stage.split(":")[0], 3), stage)
