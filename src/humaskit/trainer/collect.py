"""Collecting submissions into a course folder with nbgrader's ``zip_collect``.

A trainer gives a zip from an LMS or e-mail, or a folder, holding one folder per trainee
(``budi/01-klasifikasi-unggahan.ipynb``, ``budi/jawaban.json``; an LMS folder such as
``Budi Santoso_123_assignsubmission_file_`` gives the id ``budi-santoso``) or loose files named
``ID_FILE`` (``budi_01-klasifikasi-unggahan.ipynb``). :class:`TolerantCollector` (configured in
the course's nbgrader_config.py, so plain ``nbgrader zip_collect`` uses it too) matches file names
forgivingly: "(1)" suffixes that browsers add, spaces, underscores and case. Afterwards
:func:`collect` sets aside notebooks whose JSON is damaged and grades the trainee's clicks
(``jawaban.json``) on the released notebook instead, with a reason for the trainer.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from nbgrader.coursedir import CourseDirectory
from nbgrader.plugins import FileNameCollectorPlugin

from humaskit.core.errors import DataError
from humaskit.trainer import course

ANSWERS = "jawaban.json"
_COPY_SUFFIX = re.compile(r"\s*[\(\[]\s*\d+\s*[\)\]]\s*$|\s+-\s*(copy|salinan)(\s*\d+)?\s*$|\s+\d+\s*$", re.I)


def normalise(name: str) -> str:
    """A file name without copy suffixes, spaces, underscores and case (extension kept)."""
    path = Path(name.strip())
    stem = path.stem
    while True:
        shorter = _COPY_SUFFIX.sub("", stem)
        if shorter == stem:
            break
        stem = shorter
    return re.sub(r"[\s_\-\.]+", "-", stem).strip("-").lower() + path.suffix.lower()


def student_id(text: str) -> str:
    """A gradebook-safe student id from a folder or file-name prefix."""
    text = text.split("_")[0] if "_" in text else text
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-") or "tanpa-nama"


class TolerantCollector(FileNameCollectorPlugin):
    """Map each extracted file to (student id, expected file name); see the module doc."""

    def collect(self, submitted_file: str) -> dict | None:
        app = self.parent
        coursedir: CourseDirectory = app.coursedir
        aid = coursedir.assignment_id
        extracted = Path(app._format_collect_path(app.extracted_directory))
        release = Path(coursedir.format_path(coursedir.release_directory, ".", aid))
        expected = {normalise(p.name): p.name for p in release.glob("*.ipynb")}
        expected[normalise(ANSWERS)] = ANSWERS
        path = Path(submitted_file)
        parts = path.relative_to(extracted).parts
        folders = [p for p in parts[:-1]]
        name = parts[-1]
        if folders and not (len(folders) == 1 and folders[0].lower().endswith(".zip")):
            who = folders[-1]
        elif "_" in name:
            who, name = name.split("_", 1)
        else:
            self.log.warning("Tidak tahu milik siapa: %s", submitted_file)
            return None
        wanted = expected.get(normalise(name))
        if wanted is None and path.suffix.lower() == ".ipynb" and len(expected) == 2:
            wanted = next(v for v in expected.values() if v != ANSWERS)  # one notebook: any .ipynb is it
        if wanted is None:
            self.log.warning("Nama file tidak dikenal, dilewati: %s", submitted_file)
            return None
        sid = student_id(who)
        if wanted != name:
            course.add_flags(Path(coursedir.root), aid, sid, f"kumpul:{wanted}",
                             [f"nama file '{name}' dibaca sebagai '{wanted}'"])
        return {"student_id": sid, "file_id": wanted}


def collect(course_dir: Path, aid: str, source: Path) -> dict[str, list[str]]:
    """Copy ``source`` (a zip or a folder) into ``downloaded/<aid>/archive`` and run
    ``nbgrader zip_collect``; earlier submissions it replaces are backed up first.

    Returns ``{student: [files]}`` as collected into ``submitted/``.
    """
    course.require_course(course_dir)
    if aid not in course.assignment_ids(course_dir):
        raise DataError(f"tugas '{aid}' tidak ada di kursus ini; pilihan: "
                        + ", ".join(course.assignment_ids(course_dir)))
    source = source.expanduser()
    if not source.exists():
        raise FileNotFoundError(str(source))
    archive = course_dir / "downloaded" / aid / "archive"
    if archive.exists() and any(archive.iterdir()):
        course.backup_copy(archive, course_dir)
        shutil.rmtree(archive)
    archive.mkdir(parents=True)
    if source.is_dir():
        shutil.copytree(source, archive / source.name)
    else:
        if source.suffix.lower() != ".zip":
            raise DataError("berikan file .zip atau folder berisi satu folder per peserta.", file=str(source))
        shutil.copy2(source, archive / source.name)
    submitted = course_dir / "submitted"
    before = {p.parent.name for p in submitted.glob(f"*/{aid}")}
    if before:
        course.backup_copy(submitted, course_dir)
    result = course.nbgrader(["zip_collect", aid, "--force", "--log-level=WARN"], cwd=course_dir)
    if result.returncode != 0:
        raise DataError(f"nbgrader zip_collect gagal:\n{result.stderr[-2000:]}")
    collected = {}
    release = course_dir / "release" / aid
    for folder in sorted(submitted.glob(f"*/{aid}")):
        student = folder.parent.name
        files = sorted(p.name for p in folder.iterdir() if p.is_file())
        if student in before and not _touched(folder, result.stderr):
            pass
        collected[student] = files
        reasons = []
        for notebook in release.glob("*.ipynb"):
            mine = folder / notebook.name
            if not mine.exists():
                reasons.append(f"notebook {notebook.name} tidak dikumpulkan")
                continue
            try:
                json.loads(mine.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                damaged = mine.with_name(mine.name + ".rusak")
                if not damaged.exists():
                    mine.rename(damaged)
                else:
                    mine.unlink()
                shutil.copy2(notebook, mine)
                reasons.append(f"notebook {notebook.name} rusak (bukan JSON yang sah): disimpan sebagai "
                               f"{damaged.name}; jawaban klik dinilai dari jawaban.json, jawaban tertulis "
                               "perlu dikirim ulang")
        if not (folder / ANSWERS).exists():
            reasons.append("jawaban.json tidak dikumpulkan: jawaban klik tidak bisa dinilai")
        if reasons:
            course.add_flags(course_dir, aid, student, "kumpul", reasons)
    return collected


def _touched(folder: Path, log: str) -> bool:
    return True
