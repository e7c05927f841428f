"""`humaskit assignments check` catches authoring slips: misspelled, unbalanced or misplaced
nbgrader markers, and stray files in solutions/ that nbgrader would copy to every trainee."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import ROOT

from humaskit.course import grading, markers

AID = "00-latihan-orientasi"


def code(source: str, **meta) -> dict:
    return {"cell_type": "code", "source": source, "metadata": {"nbgrader": meta}, "outputs": [],
            "execution_count": None}


def markdown(source: str, **meta) -> dict:
    return {"cell_type": "markdown", "source": source, "metadata": {"nbgrader": meta}}


TEST_CELL = {"grade": True, "solution": False, "locked": True, "grade_id": "cek", "points": 1}
ANSWER_CELL = {"grade": False, "solution": True, "locked": False, "grade_id": "jawab"}
TASK_CELL = {"grade": False, "solution": False, "task": True, "grade_id": "tugas", "points": 2}


def test_correct_regions_are_no_slip():
    assert markers.cell_slips(code("x = 1\n### BEGIN HIDDEN TESTS\nassert x\n### END HIDDEN TESTS\n",
                                   **TEST_CELL)) == []
    assert markers.cell_slips(code("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", **ANSWER_CELL)) == []
    assert markers.cell_slips(markdown("Tugas\n=== BEGIN MARK SCHEME ===\nRubrik\n=== END MARK SCHEME ===",
                                       **TASK_CELL)) == []
    # prose that starts with "End"/"Begin" but names no marker is no slip
    assert markers.cell_slips(markdown("End of the week report.\nBeginning: 3 posts", grade_id="t")) == []


@pytest.mark.parametrize("line", [
    "### BEGIN HIDDN TESTS", "### BEGIN HIDDEN TEST", "### begin hidden tests", "# BEGIN HIDEN TESTS",
    "### BEGIN SOLUTON", "### Begin Solution", "<!-- BEGIN MARK SCHEM -->", "### BEGIN_HIDDEN_TESTS",
])
def test_a_misspelled_begin_is_a_slip(line):
    found = markers.cell_slips(code(f"x = 1\n{line}\nassert x == 2\n", **TEST_CELL))
    assert len(found) == 1 and "misspelled marker" in found[0], found


def test_a_misspelled_end_is_a_slip_and_leaves_the_region_open():
    found = markers.cell_slips(code("### BEGIN HIDDEN TESTS\nassert x\n### END HIDEN TESTS\n", **TEST_CELL))
    assert any("misspelled marker" in f for f in found)
    assert any("BEGIN HIDDEN TESTS without an END" in f for f in found)


@pytest.mark.parametrize(("source", "expected"), [
    ("### BEGIN HIDDEN TESTS\nassert x\n", "without an END HIDDEN TESTS"),
    ("assert x\n### END HIDDEN TESTS\n", "END HIDDEN TESTS without a BEGIN"),
    ("### BEGIN HIDDEN TESTS\nassert x\n### END SOLUTION\n", "closes a BEGIN HIDDEN TESTS"),
    ("### BEGIN HIDDEN TESTS\n### BEGIN HIDDEN TESTS\nassert x\n### END HIDDEN TESTS\n", "inside an open"),
    ("x = 1  ### BEGIN HIDDEN TESTS ### END HIDDEN TESTS\n", "more than one marker"),
])
def test_unbalanced_markers_are_slips(source, expected):
    assert any(expected in f for f in markers.cell_slips(code(source, **TEST_CELL)))


@pytest.mark.parametrize(("cell", "kind"), [
    (markdown("### BEGIN HIDDEN TESTS\nkunci: C\n### END HIDDEN TESTS", grade_id="teks", locked=True),
     "HIDDEN TESTS"),  # hidden tests in a markdown cell
    (code("### BEGIN HIDDEN TESTS\nassert x\n### END HIDDEN TESTS", grade_id="kode", locked=True),
     "HIDDEN TESTS"),  # in a locked cell that is no test cell
    (code("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", **TEST_CELL), "SOLUTION"),  # in a test cell
    (markdown("### BEGIN MARK SCHEME\nrubrik\n### END MARK SCHEME", **ANSWER_CELL), "MARK SCHEME"),
])
def test_a_marker_in_the_wrong_kind_of_cell_is_a_slip(cell, kind):
    found = markers.cell_slips(cell)
    assert any(f"BEGIN {kind} in a cell nbgrader does not clear" in f for f in found), found


# -- the check on a course ------------------------------------------------------------------------


@pytest.fixture
def course(tmp_path) -> Path:
    """A copy of the kit's course (sources and student versions) to plant slips in."""
    shutil.copy2(ROOT / "nbgrader_config.py", tmp_path)
    for folder in ("solutions", "assignments"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def _notebook(course: Path, folder: str) -> Path:
    return course / folder / AID / f"{AID}.ipynb"


def _edit_first_hidden_test(path: Path, old: str, new: str) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        if old in text:
            cell["source"] = text.replace(old, new, 1)
            break
    else:
        raise AssertionError(f"{old!r} not in {path}")
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_the_kits_own_course_has_no_slip():
    assert grading.leaks(ROOT) == []
    assert grading.extra_source_files(ROOT) == []


def test_leaks_reports_a_misspelled_hidden_test_marker_in_the_source(course):
    _edit_first_hidden_test(_notebook(course, "solutions"), "### BEGIN HIDDEN TESTS", "### BEGIN HIDDN TESTS")
    found = grading.leaks(course)
    assert any("solutions/" in f and "misspelled marker" in f for f in found), found


def test_leaks_reports_a_marker_left_in_the_student_version(course):
    _edit_first_hidden_test(_notebook(course, "assignments"), "answers", "answers\n### BEGIN HIDDEN TEST\n")
    found = grading.leaks(course)
    assert any("assignments/" in f and "misspelled marker" in f for f in found), found


@pytest.mark.parametrize("name", ["kunci.json", "kunci_jawaban.csv", "catatan/rubrik.md",
                                  "lama/salinan.ipynb"])
def test_a_stray_file_in_solutions_is_reported(course, name):
    stray = course / "solutions" / AID / name
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text('{"unggahan_1": "C"}', encoding="utf-8")
    assert grading.extra_source_files(course) == [stray]
    assert any(name in f and "nbgrader would copy it to every trainee" in f for f in grading.leaks(course))
