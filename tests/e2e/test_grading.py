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


def _trainee_submission(root, aid, tmp_path, answers: dict) -> dict:
    """What a trainee submits: the student version (manual answers written) and jawaban.json."""
    import json

    student = next((root / "assignments" / aid).glob("*.ipynb"))
    nb = json.loads(student.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and cell["metadata"].get("nbgrader", {}).get("solution"):
            cell["source"] = ["Jawaban tertulis peserta."]
    folder = tmp_path / aid
    folder.mkdir()
    (folder / student.name).write_text(json.dumps(nb), encoding="utf-8")
    (folder / "jawaban.json").write_text(json.dumps({"version": 1, "answers": answers}), encoding="utf-8")
    return {student.name: folder / student.name, "jawaban.json": folder / "jawaban.json"}


@pytest.mark.parametrize("aid", grading.assignment_ids(grading.course_root()))
def test_a_trainee_who_clicked_the_key_earns_everything_from_the_answers_file(root, aid, tmp_path):
    """The trainee's path: the student version (no solution code) with jawaban.json beside it."""
    from support import solution_answers

    key = solution_answers(next((root / "solutions" / aid).glob("*.ipynb")))
    files = _trainee_submission(root, aid, tmp_path, key)
    for s in grading.autograde(root, aid, {"peserta": files}):
        optional = {"01-klasifikasi-unggahan": 3, "02-kematangan": 3}.get(aid, 0)  # Part D, skipped
        assert s.auto_score == s.auto_max - optional, s


def test_a_typo_in_the_plan_form_costs_only_its_own_point(root, tmp_path):
    from support import solution_answers

    aid = "03-rencana-respons"
    key = solution_answers(next((root / "solutions" / aid).glob("*.ipynb")))
    key["c_tenggat_pengaduan"] = "2026-08-24"  # a Monday: past the 5 working days
    key["c_terbit_pernyataan"] = "13-08-2026 9.3O"  # a letter O for a zero: unreadable, the draft's stays
    [score] = grading.autograde(root, aid, {"peserta": _trainee_submission(root, aid, tmp_path, key)})
    assert score.auto_score == score.auto_max - 2


@pytest.mark.parametrize("aid", grading.assignment_ids(grading.course_root()))
def test_validate_passes_a_complete_submission_that_skipped_the_optional_part(root, aid, tmp_path):
    import subprocess
    import sys

    from support import solution_answers

    key = solution_answers(next((root / "solutions" / aid).glob("*.ipynb")))
    wrong = {k: ("A" if v != "A" else "B") if k.startswith("unggahan_") else v for k, v in key.items()}
    files = _trainee_submission(root, aid, tmp_path, wrong)  # Validate does not reveal the key
    notebook = next(p for name, p in files.items() if name.endswith(".ipynb"))
    validate = [sys.executable, "-m", "nbgrader", "validate", str(notebook)]
    result = subprocess.run(validate, capture_output=True, text=True, cwd=tmp_path)
    assert "Success! Your notebook passes all the tests." in result.stdout, result.stdout[-2000:]
    (notebook.parent / "jawaban.json").unlink()
    blank = subprocess.run(validate, capture_output=True, text=True, cwd=tmp_path)
    assert "VALIDATION FAILED" in blank.stdout and "belum dijawab" in blank.stdout
