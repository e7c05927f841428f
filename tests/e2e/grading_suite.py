"""Grade every simulated submission of one assignment in a real course folder (shared by the
tests/e2e/test_grading_cases_*.py files, one per assignment so that they can run in parallel).

Honest trainees (solution, blank, partial) are collected and graded first; their grades are read
from the gradebook; then the adversarial submissions are collected and graded, and the honest
trainees' grades are read again: they must not have moved.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import simulated

from humaskit.trainer import collect, course, export, grade, sandbox

HONEST = ("solution", "blank", "partial")


@dataclass
class Graded:
    course: Path
    cases: dict[str, simulated.Case]
    table: dict[str, dict]                    # student (= case name) -> export row
    graded: dict[str, bool]
    honest_before: dict[str, list]
    honest_after: dict[str, list]


def grader_user() -> str:
    """The unprivileged grading user when we are root (created if missing), else '' (ourselves)."""
    if os.geteuid() != 0:
        return ""
    sandbox.ensure_user()
    sandbox.allow_python()
    return sandbox.GRADER_USER


def grades(course_dir: Path, students: list[str]) -> dict[str, list]:
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url(course_dir)) as gb:
        return {s: sorted((g.notebook.name, g.name, g.auto_score, g.manual_score, g.max_score)
                          for sub in gb.find_student(s).submissions for nb in sub.notebooks
                          for g in nb.grades)
                for s in students}


def student(name: str) -> str:
    return name.replace("_", "-")


def grade_all(aid: str, workdir: Path) -> Graded:
    course_dir = workdir / "kursus"
    course.init(course_dir, only=[aid], user=grader_user())
    source = next((course_dir / "source" / aid).glob("*.ipynb"))
    release = course_dir / "release" / aid / source.name
    cases = {c.name: c for c in simulated.cases(source, release)}
    honest = {student(n): c for n, c in cases.items() if n in HONEST}
    others = {student(n): c for n, c in cases.items() if n not in HONEST}
    simulated.write_zip(workdir / "jujur.zip", honest)
    collect.collect(course_dir, aid, workdir / "jujur.zip")
    done = grade.autograde(course_dir, aid, list(honest), jobs=2)
    before = grades(course_dir, list(honest))
    simulated.write_zip(workdir / "lainnya.zip", others)
    collect.collect(course_dir, aid, workdir / "lainnya.zip")
    done |= grade.autograde(course_dir, aid, list(others), jobs=2)
    after = grades(course_dir, list(honest))
    frame = export.table(course_dir, [aid])
    rows = {r["peserta"]: r for r in json.loads(frame.to_json(orient="records"))}
    return Graded(course_dir, cases, rows, done, before, after)


def auto_score(row: dict, source: Path) -> float:
    """Autograded points in an export row: the parts whose cells are all autograded."""
    from humaskit.course.grading import grade_kinds

    kinds = grade_kinds(source)
    total = 0.0
    for part in export.parts(source):
        if all(kinds.get(g) == "auto" for g in part.grade_ids):
            head = part.title + (" (opsional)" if part.optional else "") + " [maks"
            label = next(k for k in row if k.startswith(head))
            total += row[label]
    return total


# ---------------------------------------------------------------------------------------------
# The tests; each tests/e2e/test_grading_cases_*.py imports them and names its assignment (`aid`).

import pytest  # noqa: E402


@pytest.fixture(scope="module")
def graded(aid, tmp_path_factory) -> Graded:
    return grade_all(aid, tmp_path_factory.mktemp(f"nilai-{aid}"))


def test_the_suite_covers_every_case(graded):
    assert sorted(graded.cases) == sorted(simulated.CASE_NAMES)


@pytest.mark.parametrize("case", simulated.CASE_NAMES)
def test_case_is_graded_and_earns_exactly_what_it_deserves(graded, case):
    who = student(case)
    assert graded.graded.get(who) is True, graded.table.get(who, {}).get("catatan")
    row = graded.table[who]
    source = next((graded.course / "source").glob("*/*.ipynb"))
    assert auto_score(row, source) == graded.cases[case].expected_auto, row


@pytest.mark.parametrize("case", [c for c in simulated.CASE_NAMES if c not in ("solution", "partial")])
def test_case_is_flagged_with_a_reason_the_trainer_reads(graded, case):
    flag = graded.cases[case].flag
    assert flag and flag in graded.table[student(case)]["catatan"], graded.table[student(case)]["catatan"]


def test_honest_submissions_carry_no_flag(graded):
    assert graded.table["solution"]["catatan"] == ""
    assert graded.table["partial"]["catatan"] == ""


def test_other_trainees_grades_are_intact_after_the_attacks(graded):
    assert graded.honest_before == graded.honest_after
    assert all(graded.honest_before.values())


def test_export_keeps_the_optional_extra_apart(graded):
    source = next((graded.course / "source").glob("*/*.ipynb"))
    parts = export.parts(source)
    row = graded.table["solution"]
    assert row["maks wajib"] == sum(p.max_score for p in parts if not p.optional)
    assert row["maks tambahan"] == sum(p.max_score for p in parts if p.optional)


def test_autograded_notebooks_stay_small(graded):
    for path in (graded.course / "autograded").rglob("*.ipynb"):
        assert path.stat().st_size < 1_000_000, path
