"""nbgrader: assignments/ is exactly nbgrader's output, leaks nothing, and grades as designed."""

import pytest

from humaskit.course import grading


def test_assignments_equal_nbgrader_output(root):
    assert grading.differences(root) == []


def test_no_solution_hidden_test_or_mark_scheme_reaches_students(root):
    assert grading.leaks(root) == []


def test_leak_check_catches_a_leak(root, tmp_path):
    import json
    import shutil

    for name in ("solutions", "assignments"):
        shutil.copytree(root / name, tmp_path / name)
    source = next((tmp_path / "solutions").rglob("*.ipynb"))
    secret = grading.hidden_texts(source)[0]
    student = tmp_path / "assignments" / source.parent.name / source.name
    nb = json.loads(student.read_text(encoding="utf-8"))
    nb["cells"][-1]["source"] = "Catatan: " + secret
    student.write_text(json.dumps(nb), encoding="utf-8")
    assert any(secret[:40] in problem for problem in grading.leaks(tmp_path))


@pytest.mark.parametrize("aid", grading.assignment_ids(grading.course_root()))
def test_blank_earns_nothing_and_solution_everything(root, aid):
    scores = grading.verify(root, aid)
    for key, s in scores.items():
        assert s.auto_max > 0 and s.manual_max > 0, key
        if s.student == "blank":
            assert s.auto_score == 0, key
        else:
            assert s.auto_score == s.auto_max, key
