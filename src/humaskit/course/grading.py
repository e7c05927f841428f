"""nbgrader workflow helpers: generate student versions, check them, verify the grading.

The repository is the nbgrader course root (``nbgrader_config.py``): source versions live in
``solutions/<assignment>/`` and student versions in ``assignments/<assignment>/``. These helpers
run nbgrader itself (as a subprocess, the way a trainer would) in the course root or in a
temporary copy of it, so that checks never touch a trainer's gradebook.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from humaskit.core.errors import DataError
from humaskit.core.paths import repo_root
from humaskit.core.storage import write_text_atomic
from humaskit.course import markers
from humaskit.course.answers import ANSWERS_FILE

MARKER = re.compile(r"^\s*#*\s*(BEGIN|END) (SOLUTION|HIDDEN TESTS|MARK SCHEME)\s*$")
REGION = re.compile(
    r"^\s*(?:###|<!--)?\s*BEGIN (SOLUTION|HIDDEN TESTS|MARK SCHEME)\b.*?$(.*?)"
    r"^\s*(?:###|<!--)?\s*END \1\b",
    re.S | re.M,
)


def course_root() -> Path:
    root = repo_root()
    if root is None:
        raise DataError("Sumber tugas (solutions/, berisi kunci) tidak ada di sini: perintah ini hanya "
                        "berjalan di repositori pelatih, bukan di distribusi peserta atau paket terpasang.")
    return root


def assignment_ids(root: Path) -> list[str]:
    """The assignments of a course: its source folders, or, in a trainees' distribution (no
    ``solutions/``), its student versions."""
    folder = root / "solutions" if (root / "solutions").is_dir() else root / "assignments"
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


# Files a trainee's notebook writes beside itself: never part of a source version. Running a
# solution notebook in solutions/ writes its key there; generating would hand that key to every
# trainee, and nbgrader's autograde would copy it over every trainee's own answers.
TRAINEE_FILES = (ANSWERS_FILE, "jawaban.rusak-*.json", "jawaban.lama-*.json", f".{ANSWERS_FILE}.lock")


def _child_pythonpath() -> str:
    """PYTHONPATH for the kernels nbgrader starts: this humaskit first, every entry absolute, so
    that a kernel started in another folder imports the code being checked, not another copy."""
    import humaskit

    package_parent = str(Path(humaskit.__file__).resolve().parents[1])
    entries = [str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join(dict.fromkeys([package_parent, *entries]))


def nbgrader(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run an nbgrader command in ``cwd`` (which holds nbgrader_config.py)."""
    cmd = [sys.executable, "-m", "nbgrader", *args]
    # nbgrader calls its helpers (alembic) by name: the environment's bin folder must be on PATH.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PATH": path, "PYTHONPATH": _child_pythonpath(), **(env or {})})


def trainee_files(root: Path) -> list[Path]:
    """Answer files left in solutions/ (by running a solution notebook there): they hold the key."""
    return sorted(p for pattern in TRAINEE_FILES for p in (root / "solutions").glob(f"*/{pattern}"))


def _copy_course(root: Path, target: Path) -> None:
    shutil.copy2(root / "nbgrader_config.py", target / "nbgrader_config.py")
    shutil.copytree(root / "solutions", target / "solutions",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", *TRAINEE_FILES))


def generate(root: Path, assignments: list[str] | None = None, check_markers: bool = True) -> list[str]:
    """(Re)generate the student versions in ``root/assignments`` from ``root/solutions``.

    Refuses while an answer file sits in ``solutions/`` (it holds the key; see TRAINEE_FILES) and,
    with ``check_markers``, while a source has a marker slip (nbgrader would publish that region).
    """
    left = trainee_files(root)
    if left:
        raise RuntimeError("answer files in solutions/ hold the key and would reach every trainee; delete "
                           "them first: " + ", ".join(str(p.relative_to(root)) for p in left))
    chosen = assignments or assignment_ids(root)
    slips = [f"{nb.relative_to(root)}: {slip}" for aid in chosen
             for nb in sorted((root / "solutions" / aid).glob("*.ipynb")) for slip in markers.slips(nb)]
    if slips and check_markers:
        raise DataError("Penanda nbgrader salah ketik, tidak berpasangan, atau di sel yang salah: nbgrader "
                        "akan menerbitkan bagian itu kepada peserta. Tidak ada yang dibuat; perbaiki dulu:\n"
                        + "\n".join(slips))
    done = []
    # The gradebook and log of this run go to a scratch folder: nothing is created in, or deleted
    # from, the repository (a trainer's gradebook lives in a course folder: humaskit trainer init).
    with tempfile.TemporaryDirectory() as scratch:
        private = [f"--CourseDirectory.db_url=sqlite:///{Path(scratch) / 'gradebook.db'}",
                   f"--NbGrader.logfile={Path(scratch) / 'nbgrader.log'}"]
        for aid in chosen:
            result = nbgrader(["generate_assignment", aid, "--force", "--log-level=WARN", *private], cwd=root)
            if result.returncode != 0:
                raise RuntimeError(f"nbgrader generate_assignment {aid} failed:\n{result.stderr}")
            done.append(aid)
    return done


def _canonical(path: Path) -> str:
    if path.suffix == ".ipynb":
        return json.dumps(json.loads(path.read_text(encoding="utf-8")), sort_keys=True, indent=1)
    return path.read_bytes().hex()


def _tree(folder: Path) -> dict[str, Path]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*")
            if p.is_file() and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts}


def extra_source_files(root: Path) -> list[Path]:
    """Files in an assignment's source folder other than its notebooks. nbgrader copies every file
    of ``solutions/<assignment>/`` into the student version, so a key, an answer file or a draft
    left there reaches every trainee; a clean source holds notebooks only."""
    found = []
    for aid in assignment_ids(root):
        for path in sorted((root / "solutions" / aid).rglob("*")):
            parts = path.relative_to(root / "solutions" / aid).parts
            if not path.is_file() or {".ipynb_checkpoints", "__pycache__"} & set(parts):
                continue
            if path.suffix != ".ipynb" or len(parts) > 1:  # a notebook in a subfolder is no part either
                found.append(path)
    return found


def differences(root: Path) -> list[str]:
    """How ``assignments/`` differs from what nbgrader generates from a clean ``solutions/`` (its
    notebooks only; empty: equal). A file nbgrader copied from a stray file in ``solutions/`` is
    reported as not generated."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        _copy_course(root, tmp)
        for stray in extra_source_files(tmp):
            stray.unlink()
        generate(tmp, check_markers=False)  # leaks() reports marker slips
        expected, actual = _tree(tmp / "assignments"), _tree(root / "assignments")
        problems = [f"missing from assignments/: {p}" for p in sorted(set(expected) - set(actual))]
        problems += [f"not generated by nbgrader: assignments/{p}"
                     for p in sorted(set(actual) - set(expected))]
        problems += [f"differs from nbgrader's output: assignments/{p}"
                     for p in sorted(set(expected) & set(actual))
                     if _canonical(expected[p]) != _canonical(actual[p])]
    return problems


def hidden_texts(notebook: Path) -> list[str]:
    """Lines of solutions, hidden tests and mark schemes in a source notebook."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    hidden = []
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("task") or (cell["cell_type"] == "markdown" and meta.get("solution")):
            hidden.append(source)  # a mark-scheme or written solution cell as a whole
        for match in REGION.finditer(source):
            hidden.append(match.group(2))
    lines = []
    for block in hidden:
        for line in block.splitlines():
            line = line.strip()
            if len(line) >= 12 and not MARKER.match(line):
                lines.append(line)
    return lines


def leaks(root: Path) -> list[str]:
    """Solution, hidden-test or mark-scheme text that appears in a student version (and answer
    files in solutions/, which would)."""
    found = [f"{p.relative_to(root)}: an answer file in solutions/ holds the key; delete it"
             for p in trainee_files(root)]
    answer_files = set(trainee_files(root))
    found += [f"{p.relative_to(root)}: not a notebook; nbgrader would copy it to every trainee"
              for p in extra_source_files(root) if p not in answer_files]
    for aid in assignment_ids(root):
        for source in sorted((root / "solutions" / aid).glob("*.ipynb")):
            found += [f"{source.relative_to(root)}: {slip}" for slip in markers.slips(source)]
            student = root / "assignments" / aid / source.name
            if not student.exists():
                continue
            found += [f"{student.relative_to(root)}: {slip}" for slip in markers.slips(student)]
            text = student.read_text(encoding="utf-8")
            nb = json.loads(text)
            body = "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                             for c in nb["cells"])
            for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME"):
                if marker in body:
                    found.append(f"{student.relative_to(root)}: contains '{marker}'")
            for line in hidden_texts(source):
                if line in body:
                    found.append(f"{student.relative_to(root)}: reveals {line[:70]!r}")
    return found


@dataclass
class Score:
    student: str
    notebook: str
    auto_score: float
    auto_max: float
    manual_max: float
    cells: dict[str, float] = field(default_factory=dict)  # autograded cell grade_id -> points earned


@contextmanager
def scratch_course(root: Path, aid: str, submissions: dict[str, dict[str, Path]]) -> Iterator[Path]:
    """A temporary copy of the course with ``submissions`` autograded; removed afterwards.

    ``submissions`` maps a student id to ``{file name: path of the submitted copy}``: the notebooks
    and any file submitted with them (a trainee's ``jawaban.json``).
    """
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        _copy_course(root, tmp)
        generate_in_place = nbgrader(["generate_assignment", aid, "--force", "--log-level=WARN"], cwd=tmp)
        if generate_in_place.returncode != 0:
            raise RuntimeError(generate_in_place.stderr)
        for student, files in submissions.items():
            target = tmp / "submitted" / student / aid
            target.mkdir(parents=True)
            for name, path in files.items():
                shutil.copy2(path, target / name)
            result = nbgrader(["autograde", aid, f"--student={student}", "--force",
                               "--log-level=WARN"], cwd=tmp)
            if result.returncode != 0:
                raise RuntimeError(f"autograde {aid} for {student} failed:\n{result.stderr}")
        yield tmp


def autograde(root: Path, aid: str, submissions: dict[str, dict[str, Path]]) -> list[Score]:
    """Autograde submissions in a temporary copy of the course and return the autograded scores.

    ``submissions`` maps a student id to ``{notebook file name: path of the submitted copy}``.
    Only autograded cells count in ``auto_score``; manually graded cells are reported by max.
    """
    from nbgrader.api import Gradebook

    with scratch_course(root, aid, submissions) as tmp:
        scores = []
        with Gradebook(f"sqlite:///{tmp / 'gradebook.db'}") as gb:
            for student, files in submissions.items():
                for name in (n for n in files if n.endswith(".ipynb")):  # jawaban.json travels along
                    kinds = grade_kinds(tmp / "solutions" / aid / name)
                    sub = gb.find_submission_notebook(Path(name).stem, aid, student)
                    auto = [g for g in sub.grades if kinds.get(g.name) == "auto"]
                    manual = [g for g in sub.grades if kinds.get(g.name) != "auto"]
                    scores.append(Score(
                        student, name,
                        sum(g.auto_score or 0 for g in auto),
                        sum(g.max_score for g in auto),
                        sum(g.max_score for g in manual),
                        {g.name: g.auto_score or 0 for g in auto},
                    ))
        return scores


@dataclass
class Marking:
    """What a trainer enters in the formgrader for one answer: a comment and, optionally, a score."""

    student: str
    notebook: str  # file name, e.g. "00-latihan-orientasi.ipynb"
    grade_id: str
    comment: str = ""
    score: float | None = None


def feedback(root: Path, aid: str, submissions: dict[str, dict[str, Path]],
             marking: list[Marking] | None = None) -> dict[str, dict[str, str]]:
    """The feedback pages nbgrader makes for ``submissions`` after autograding and ``marking``.

    Runs ``nbgrader generate_feedback`` in a temporary copy of the course (so with the course's
    nbgrader_config.py) and returns ``{student: {notebook file name: HTML}}``.
    """
    from nbgrader.api import Gradebook

    with scratch_course(root, aid, submissions) as tmp:
        with Gradebook(f"sqlite:///{tmp / 'gradebook.db'}") as gb:
            for m in marking or []:
                notebook = Path(m.notebook).stem
                if m.comment:
                    gb.find_comment(m.grade_id, notebook, aid, m.student).manual_comment = m.comment
                if m.score is not None:
                    gb.find_grade(m.grade_id, notebook, aid, m.student).manual_score = m.score
            gb.db.commit()
        result = nbgrader(["generate_feedback", aid, "--force", "--log-level=WARN"], cwd=tmp)
        if result.returncode != 0:
            raise RuntimeError(f"generate_feedback {aid} failed:\n{result.stderr}")
        return {student: {name: (tmp / "feedback" / student / aid / Path(name).with_suffix(".html").name)
                          .read_text(encoding="utf-8") for name in files}
                for student, files in submissions.items()}


def grade_kinds(notebook: Path) -> dict[str, str]:
    """grade_id -> 'auto' (a test cell) or 'manual' (a graded answer or task) for a source notebook."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    kinds = {}
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") or meta.get("task"):
            auto = meta.get("grade") and not meta.get("solution") and cell["cell_type"] == "code"
            kinds[meta["grade_id"]] = "auto" if auto else "manual"
    return kinds


def verify(root: Path, aid: str) -> dict[str, Score]:
    """Grade the blank student version and the solution; the first must earn 0, the second all."""
    notebooks = sorted(p.name for p in (root / "solutions" / aid).glob("*.ipynb"))
    subs = {
        "blank": {n: root / "assignments" / aid / n for n in notebooks},
        "solution": {n: root / "solutions" / aid / n for n in notebooks},
    }
    results = autograde(root, aid, subs)
    return {f"{s.student}:{s.notebook}": s for s in results}


def release(root: Path, exchange: Path, assignment_dir: Path | None = None) -> list[str]:
    """Release the student versions to an nbgrader exchange for self-study (Binder, a laptop).

    Writes the exchange location into the user's nbgrader config so that the Assignments tab
    can fetch and submit (an existing, different config is backed up first as
    ``nbgrader_config.py.cadangan-<time>``); with ``assignment_dir`` (an absolute folder, e.g. the trainee's
    ``kerja/assignments``), fetched assignments go there instead of JupyterLab's root folder.
    """
    exchange.mkdir(parents=True, exist_ok=True)
    os.chmod(exchange, 0o777)
    user_config = Path.home() / ".jupyter" / "nbgrader_config.py"
    user_config.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# written by `humaskit assignments release`",
        "c = get_config()  # noqa: F821",
        f"c.Exchange.root = {str(exchange)!r}",
        "c.CourseDirectory.course_id = 'humaskit'",
    ]
    if assignment_dir is not None:
        lines.append(f"c.Exchange.assignment_dir = {str(assignment_dir.resolve())!r}")
    text = "\n".join(lines) + "\n"
    if user_config.exists() and user_config.read_text(encoding="utf-8") != text:
        # the trainer's own configuration: kept beside it before it is replaced
        stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
        backup = user_config.with_name(f"{user_config.name}.cadangan-{stamp}")
        n = 0
        while backup.exists():
            n += 1
            backup = user_config.with_name(f"{user_config.name}.cadangan-{stamp}-{n}")
        shutil.copy2(user_config, backup)
    write_text_atomic(user_config, text)
    released = []
    for aid in assignment_ids(root):
        result = nbgrader(["release_assignment", aid, "--force", f"--Exchange.root={exchange}",
                           "--log-level=WARN"], cwd=root)
        if result.returncode != 0:
            raise RuntimeError(f"nbgrader release_assignment {aid} failed:\n{result.stderr}")
        released.append(aid)
    return released


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _first_line(source: str) -> str:
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    return (lines[0] if lines else "(sel kosong)")[:100]


def _error_summary(raw: str) -> str:
    """The line of nbgrader's error text a trainee needs: the checker's message."""
    lines = [line.strip() for line in _ANSI.sub("", raw).splitlines() if line.strip()]
    if not lines:
        return "Sel ini gagal."
    last = lines[-1]
    if last == "You did not provide a response.":
        return "Sel jawaban ini belum diisi."
    if last.startswith("Partial credit"):
        return "Sebagian pemeriksaan lulus, sebagian belum."
    name, _, message = last.partition(": ")
    if name == "AssertionError":
        return message or "Pemeriksaan tidak lulus."
    if name.isidentifier() and message:
        return f"Galat {name}: {message}"
    return last


def describe_validation(results: dict) -> tuple[bool, list[str]]:
    """nbgrader's validation results (``Validator.validate``) as Indonesian lines for a trainee."""
    if results.get("type_changed"):
        cells = results["type_changed"]
        lines = [f"Jenis {len(cells)} sel berubah (misalnya sel kode menjadi sel teks). Tugas bisa gagal "
                 "dinilai: kembalikan jenis selnya (menu di bilah alat notebook)."]
        lines += [f"  - sel {c['old_type']} yang diawali: {_first_line(c['source'])}" for c in cells]
        return False, lines
    if results.get("changed"):
        cells = results["changed"]
        lines = [f"Isi {len(cells)} sel pemeriksa berubah. Tugas bisa gagal dinilai: jangan mengubah sel "
                 "pemeriksa. Minta salinan tugas yang baru, lalu salin jawaban Anda ke sana."]
        lines += [f"  - sel yang diawali: {_first_line(c['source'])}" for c in cells]
        return False, lines
    if results.get("failed"):
        cells = results["failed"]
        lines = [f"Pemeriksaan gagal pada {len(cells)} sel. Bila dikumpulkan seperti ini, nilai Anda belum "
                 "penuh. Perbaiki lalu periksa lagi (bagian opsional boleh dibiarkan):"]
        for c in cells:
            lines.append(f"  - sel yang diawali: {_first_line(c['source'])}")
            lines.append(f"    pesan: {_error_summary(c.get('raw_error', ''))}")
        return False, lines
    return True, ["Berhasil: semua sel berjalan dan semua pemeriksaan lulus. Tugas siap dikumpulkan."]


def validate(notebook: Path) -> dict:
    """Run nbgrader's validation (the Validate button) on ``notebook`` and return its results."""
    from nbgrader.validator import Validator
    from traitlets.config import Config

    config = Config()
    config.Execute.timeout = 120
    config.Execute.interrupt_on_timeout = True
    return Validator(config=config).validate(str(notebook))
