"""The trainer's grading cycle, in-process: code inspection, rebuilding a submission from the
released version, tolerant file names, parts and maxima, course-folder safety."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat
import pytest
import simulated
from support import ROOT

from humaskit.core.errors import DataError
from humaskit.trainer import collect, course, export, inspect_code
from humaskit.trainer.preprocessors import CapOutput, code_answer_ids, rebuild

SOURCE_01 = ROOT / "solutions" / "01-klasifikasi-unggahan" / "01-klasifikasi-unggahan.ipynb"
RELEASE_01 = ROOT / "assignments" / "01-klasifikasi-unggahan" / "01-klasifikasi-unggahan.ipynb"


@pytest.mark.parametrize("code, expected", [
    ("get_ipython().set_custom_exc((Exception,), lambda *a: None)", "set_custom_exc"),
    ("get_ipython().ast_transformers.append(T())", "AST"),
    ("ip.input_transformers_cleanup.append(f)", "input transformer"),
    ("import builtins\nbuiltins.sum = lambda *a: 9", "builtins"),
    ("__builtins__.isinstance = f", "__builtins__"),
    ("import sys\nsys.modules['humaskit.course.answers'] = m", "sys.modules"),
    ("from humaskit import maturity\nmaturity.ladder = lambda *a: []", "maturity.ladder"),
    ("sum = lambda *a: 1", "membayangi built-in Python (sum)"),
    ("class S:\n    def __eq__(self, o):\n        return True", "__eq__"),
    ("import sqlite3\nsqlite3.connect('/x/gradebook.db')", "sqlite"),
    ("open('/etc/passwd').read()", "membuka"),
    ("import os\nos._exit(0)", "os._exit"),
    ("import sys\nsys.exit()", "menghentikan kernel"),
    ("while True:\n    pass", "while True"),
    ("import ctypes", "ctypes"),
    ("%%bash\nrm -rf /", ""),
])
def test_inspection_names_each_known_attack(code, expected):
    found = " ".join(inspect_code.reasons(code))
    assert expected in found if expected else True
    assert found or not expected


def test_inspection_of_unreadable_code_still_reports():
    assert inspect_code.reasons("get_ipython().set_custom_exc(((")  # syntax error: words still seen


@pytest.mark.parametrize("aid, expected", [
    ("01-klasifikasi-unggahan", {"dialogis_per_akun", "kappa_dua_pengode"}),
    ("02-kematangan", {"tingkat_respons", "median_jam_respons"}),
])
def test_the_kits_own_code_answers_pass_vetting_and_attacks_do_not(aid, expected):
    source_path = ROOT / "solutions" / aid / f"{aid}.ipynb"
    source = nbformat.read(source_path, as_version=4)
    released = nbformat.read(ROOT / "assignments" / aid / f"{aid}.ipynb", as_version=4)
    ids = code_answer_ids(source)
    assert ids == expected
    protected = inspect_code.protected_names([c.source for c in released.cells if c.cell_type == "code"
                                              and c.metadata.nbgrader.get("grade_id") not in ids])
    assert {"posts", "pd", "answers"} <= protected
    for gid, code in simulated.code_answers(source_path).items():
        own = inspect_code.protected_names([code])
        assert inspect_code.vet(code, protected, own) == [], gid
    attacks = ["posts = posts.head(3)", "posts.drop(columns=['label'], inplace=True)",
               "pd = None", "import os", "getattr(pd, 'Series')", "x = pd.__dict__",
               "def len(x):\n    return 0", "(lambda: 0).__globals__", "for posts in [1]:\n    pass",
               "posts.loc[0, 'label'] = 'x'", "posts.label.replace('a', 'b', inplace=True)",
               "posts.pop('label')", "pd.set_option('mode.copy_on_write', True)", "posts.attrs['x'] = 1",
               "x = posts\nx.loc[0, 'label'] = 'y'", "[posts][0].loc[0, 'label'] = 'y'",
               "def f(d):\n    d.loc[0, 'label'] = 'y'\nf(posts)"]
    for attack in attacks:
        assert inspect_code.vet(attack, protected), attack


def _released():
    return nbformat.read(RELEASE_01, as_version=4)


def test_rebuild_keeps_written_answers_and_restores_everything_else():
    released = _released()
    submitted = copy.deepcopy(released)
    written = next(c for c in submitted.cells
                   if c.cell_type == "markdown" and c.metadata.nbgrader.get("solution"))
    written.source = "Analisis saya."
    test_cell = next(c for c in submitted.cells if c.metadata.nbgrader.get("grade") and c.cell_type == "code")
    test_cell.source = "pass"
    test_cell.metadata.nbgrader["points"] = 100
    deleted = [c for c in submitted.cells if c.metadata.nbgrader.get("grade")][-1]
    submitted.cells.remove(deleted)
    submitted.cells.append(nbformat.v4.new_code_cell("import sqlite3"))
    answer = next(c for c in submitted.cells if c.cell_type == "code" and c.metadata.nbgrader.get("solution"))
    answer.source += "\nget_ipython().set_custom_exc((Exception,), print)"
    out, reasons = rebuild(submitted, released, {"dialogis_per_akun", "kappa_dua_pengode"})
    text = " ".join(reasons)
    assert "sel dihapus" in text and deleted.metadata.nbgrader["grade_id"] in text
    assert "sel terkunci diubah" in text and "metadata penilaian" in text
    assert "sel tambahan" in text and "sqlite" in text and "set_custom_exc" in text
    by_id = {c.metadata.nbgrader["grade_id"]: c for c in out.cells}
    assert by_id[written.metadata.nbgrader["grade_id"]].source == "Analisis saya."
    for cell in released.cells:
        gid = cell.metadata.nbgrader["grade_id"]
        if gid != written.metadata.nbgrader["grade_id"]:
            assert by_id[gid].source == cell.source and by_id[gid].metadata == cell.metadata, gid
    assert len(out.cells) == len(released.cells)


def test_rebuild_of_an_untouched_submission_reports_nothing():
    out, reasons = rebuild(_released(), _released(), {"dialogis_per_akun"})
    assert reasons == [] and out == _released()


def test_cap_output_cuts_a_huge_print():
    cell = nbformat.v4.new_code_cell("print('x' * 10**8)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * 1_000_000)]
    capped, _ = CapOutput(max_chars=1000).preprocess_cell(cell, {}, 0)
    assert len(capped.outputs[0].text) < 1200 and "dipotong" in capped.outputs[0].text


@pytest.mark.parametrize("given", ["01-klasifikasi-unggahan (1).ipynb", "01 Klasifikasi Unggahan.ipynb",
                                   "01_KLASIFIKASI_UNGGAHAN(2).IPYNB",
                                   " 01-klasifikasi-unggahan - Copy.ipynb"])
def test_file_names_match_forgivingly(given):
    assert collect.normalise(given) == collect.normalise("01-klasifikasi-unggahan.ipynb")


def test_answers_file_matches_forgivingly():
    assert collect.normalise("Jawaban (3).json") == collect.normalise("jawaban.json")
    assert collect.normalise("jawaban.json") != collect.normalise("01-klasifikasi-unggahan.ipynb")


def test_student_ids_from_lms_folders():
    assert collect.student_id("Budi Santoso_123456_assignsubmission_file_") == "budi-santoso"
    assert collect.student_id("siti") == "siti"


def test_parts_keep_the_optional_extra_apart():
    parts = export.parts(SOURCE_01)
    assert [p.title for p in parts] == ["Bagian A", "Bagian B", "Bagian C", "Bagian D"]
    assert sum(p.max_score for p in parts if not p.optional) == 10  # what trainees are told is full
    assert sum(p.max_score for p in parts if p.optional) == 3


def test_course_folder_is_never_the_repository(tmp_path):
    with pytest.raises(DataError, match="di luar repositori"):
        course.init(ROOT)
    with pytest.raises(DataError, match="di luar repositori"):
        course.init(ROOT / "kursus")


def test_an_existing_course_is_never_overwritten(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("# milik pelatih\n")
    (tmp_path / "gradebook.db").write_bytes(b"nilai")
    with pytest.raises(DataError, match="tidak menimpanya"):
        course.init(tmp_path)
    assert (tmp_path / "nbgrader_config.py").read_text() == "# milik pelatih\n"
    assert (tmp_path / "gradebook.db").read_bytes() == b"nilai"


def test_backups_never_overwrite_each_other(tmp_path):
    target = tmp_path / "nilai.csv"
    target.write_text("a")
    first = course.backup_copy(target)
    target.write_text("b")
    second = course.backup_copy(target)
    assert first != second and first.read_text() == "a" and second.read_text() == "b"


def test_flags_from_every_stage_reach_the_export(tmp_path):
    course.add_flags(tmp_path, "00", "budi", "kumpul", ["nama file diubah"])
    course.add_flags(tmp_path, "00", "budi", "nilai:nb", ["sel dihapus"])
    course.add_flags(tmp_path, "00", "budi", "kumpul", ["nama file diubah"])  # a stage replaces itself
    assert course.read_flags(tmp_path, "00", "budi") == ["nama file diubah", "sel dihapus"]
    assert json.loads(Path(course.flags_path(tmp_path, "00", "budi")).read_text())


def test_the_rubric_stands_beside_each_written_answer_for_the_trainer_and_never_in_feedback():
    from humaskit.course.feedback import clean_notebook
    from humaskit.trainer.preprocessors import RUBRIC_HEADING, rubrics

    texts = rubrics(nbformat.read(SOURCE_01, as_version=4))
    assert set(texts) == {"analisis_profil"} and "Rubrik" in texts["analisis_profil"]
    out, _ = rebuild(_released(), _released(), set(), texts)
    at = next(i for i, c in enumerate(out.cells)
              if c.metadata.get("nbgrader", {}).get("grade_id") == "analisis_profil")
    assert RUBRIC_HEADING in out.cells[at + 1].source and texts["analisis_profil"] in out.cells[at + 1].source
    nbformat.validate(out)
    page = json.dumps(clean_notebook(out))
    assert RUBRIC_HEADING not in page and "Rubrik (4 poin" not in page
