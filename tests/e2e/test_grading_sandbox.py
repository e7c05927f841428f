"""The grading kernel's confinement (humaskit.trainer.sandbox) with code that tries to escape,
and a course whose gradebook is on a real PostgreSQL server."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import nbformat
import pytest
import simulated
from grading_suite import grader_user, grades

from humaskit.trainer import collect, course, export, grade
from humaskit.trainer.preprocessors import GuardedExecute

pytestmark = pytest.mark.slow

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="a separate grading user needs root")


def _run(cells: list[str], folder: Path, **limits) -> tuple[list, float]:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    start = time.monotonic()
    out, _ = GuardedExecute(**limits).preprocess(nb, {"metadata": {"path": str(folder)}})
    return out.cells, time.monotonic() - start


def _text(cell) -> str:
    return "".join(o.get("text", "") + o.get("ename", "") + o.get("evalue", "") for o in cell.outputs)


@needs_root
def test_the_kernel_runs_as_the_grading_user_and_cannot_reach_the_course(tmp_path):
    user = grader_user()
    course_dir = tmp_path / "kursus"
    (course_dir / "submitted" / "lain" / "tugas").mkdir(parents=True)
    os.chmod(course_dir, 0o700)
    (course_dir / "gradebook.db").write_bytes(b"nilai")
    (course_dir / "submitted" / "lain" / "tugas" / "jawaban.json").write_text("{}")
    mine = course_dir / "autograded" / "budi" / "tugas"
    mine.mkdir(parents=True)
    (mine / "jawaban.json").write_text(json.dumps({"version": 1, "answers": {"soal_1": "C"}}))
    cells, _ = _run([
        "import os, pwd\nprint(pwd.getpwuid(os.getuid()).pw_name)",
        f"open({str(course_dir / 'gradebook.db')!r}, 'rb').read()",
        f"open({str(course_dir / 'submitted' / 'lain' / 'tugas' / 'jawaban.json')!r}).read()",
        "print(open('jawaban.json').read())",
        "import os\nprint(os.getcwd())",
    ], mine, timeout=20, notebook_timeout=45, sandbox_user=user)
    assert _text(cells[0]).strip() == user
    assert "PermissionError" in _text(cells[1])
    assert "PermissionError" in _text(cells[2])
    assert "soal_1" in _text(cells[3])
    workdir = _text(cells[4]).strip()
    assert not workdir.startswith(str(course_dir)) and not Path(workdir).exists()  # removed afterwards


def test_a_loop_that_ignores_interrupts_cannot_hold_the_grader(tmp_path):
    cells, seconds = _run([
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
        "print('sesudah')",
        "print('lagi')",
    ], tmp_path, timeout=4, notebook_timeout=8, sandbox_user=grader_user())
    assert all(o.output_type == "error" for c in cells for o in c.outputs)  # no cell passes
    assert seconds < 60, seconds  # the bound: one submission under a minute


def test_a_huge_print_is_capped_in_the_kernel_and_the_next_cell_runs(tmp_path):
    cells, _ = _run(["print('x' * 100_000_000)", "print('sesudah')"], tmp_path, timeout=20,
                    notebook_timeout=45, sandbox_user=grader_user())
    assert len(_text(cells[0])) < 30_000 and "dipotong" in _text(cells[0])
    assert _text(cells[1]).strip() == "sesudah"


def test_a_gradebook_on_postgresql(postgres_url, tmp_path):
    aid = "00-latihan-orientasi"
    course_dir = tmp_path / "kursus"
    course.init(course_dir, only=[aid], db_url=postgres_url, user=grader_user())
    assert not (course_dir / "gradebook.db").exists()
    source = next((course_dir / "source" / aid).glob("*.ipynb"))
    cases = {c.name: c for c in simulated.cases(source, course_dir / "release" / aid / source.name)}
    chosen = {"solution": cases["solution"], "blank": cases["blank"], "partial": cases["partial"]}
    simulated.write_zip(tmp_path / "kiriman.zip", chosen)
    collect.collect(course_dir, aid, tmp_path / "kiriman.zip")
    assert grade.autograde(course_dir, aid, jobs=2) == {"solution": True, "blank": True, "partial": True}
    table = export.table(course_dir, [aid]).set_index("peserta")
    for name, case in chosen.items():
        assert table.loc[name, "nilai wajib"] == case.expected_auto, name
    assert sum(len(rows) for rows in grades(course_dir, list(chosen)).values()) == 3 * 3  # no duplicates
    # what `trainer update` does first: a PostgreSQL gradebook is backed up as JSON of every grade
    saved = course.backup_gradebook(course_dir)
    rows = json.loads(saved.read_text(encoding="utf-8"))
    got = sorted((r["student"], r["cell"], r["auto_score"]) for r in rows if r["kind"] == "grade")
    want = sorted((who, cell, auto) for who, found in grades(course_dir, list(chosen)).items()
                  for _, cell, auto, _, _ in found)
    assert saved.name == "gradebook.json" and saved.is_relative_to(course_dir / course.BACKUP_DIR)
    assert got == want and len(got) == 3 * 3
