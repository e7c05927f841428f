"""Autograde a course's submissions: nbgrader's own Autograde, run in-process by long-lived
workers (one per core) so that nbgrader starts once per worker, not once per submission.

Each worker builds nbgrader's API (``NbGraderAPI``) from the course's nbgrader_config.py, so the
kit's preprocessors (rebuild from release, sandboxed kernel, limits) apply exactly as they do to a
plain ``nbgrader autograde``. A submission whose autograde fails is retried once (a busy SQLite
gradebook) and otherwise flagged with the reason in ``catatan/``.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from humaskit.trainer import course

_API = None


def _api(course_dir: Path):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(course.CONFIG, path=str(course_dir)).load_config()
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def _init_worker(course_dir: str) -> None:
    global _API
    import warnings

    from sqlalchemy.exc import SAWarning

    from humaskit.trainer.sandbox import child_pythonpath

    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own, harmless
    os.environ["PYTHONPATH"] = child_pythonpath(os.environ.get("PYTHONPATH", ""))
    os.chdir(course_dir)
    _API = _api(Path(course_dir))


def _grade_one(aid: str, student: str) -> tuple[str, bool, str]:
    assert _API is not None
    error = ""
    for _attempt in range(2):
        result = _API.autograde(aid, student, force=True, create=True)
        if result.get("success"):
            return student, True, ""
        error = (result.get("error") or result.get("log") or "").strip()
    return student, False, error


def students(course_dir: Path, aid: str) -> list[str]:
    return sorted(p.parent.name for p in (course_dir / "submitted").glob(f"*/{aid}") if p.is_dir())


def autograde(course_dir: Path, aid: str, only: list[str] | None = None, jobs: int = 2) -> dict[str, bool]:
    """Autograde every submission of ``aid`` (or ``only`` these students) with ``jobs`` workers.

    Returns ``{student: graded}``; a failure is recorded as a flag for the export.
    """
    course_dir = course.require_course(course_dir.expanduser().resolve())
    todo = [s for s in students(course_dir, aid) if only is None or s in only]
    done: dict[str, bool] = {}
    if not todo:
        return done
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo))), initializer=_init_worker,
                             initargs=(str(course_dir),)) as pool:
        for student, ok, error in pool.map(_grade_one, [aid] * len(todo), todo):
            done[student] = ok
            course.add_flags(course_dir, aid, student, "gagal",
                             [] if ok else [f"penilaian otomatis gagal: {_last_line(error)}"])
    return done


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "sebab tidak diketahui"
