"""Simulated trainees' submissions for the grading suite (tests/e2e/test_grading_cases_*.py) and
the grading benchmark (benchmarks/grading_speed.py).

Every case is built from the released student version, as a trainee would submit it: the notebook
(written answers typed in) and ``jawaban.json`` (answers by click). ``expected`` is the autograded
score the case deserves, worked out from the source notebook (not by grading it):

* ``solution``: the key in jawaban.json and the solution code of the optional data parts: every
  autograded point;
* ``blank``: the student version untouched, no jawaban.json: zero;
* ``partial``: the key for the first part's questions only: that part's points;
* every adversarial case starts from ``partial`` and adds an attack or a slip; it deserves exactly
  the partial score (the attack must not add a point) and must be flagged.
"""

from __future__ import annotations

import ast
import copy
import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from support import call_name, code_tree

from humaskit.course import grading
from humaskit.trainer import export

_SOLUTION = re.compile(r"[ \t]*### BEGIN SOLUTION\n(.*?)[ \t]*### END SOLUTION\n?", re.S)


@dataclass
class Case:
    name: str
    files: dict[str, bytes]          # file name as the trainee's browser saved it -> content
    expected_auto: float             # autograded points deserved (required + optional)
    flag: str | None = None          # a fragment the export's "catatan" must contain
    notes: list[str] = field(default_factory=list)


def _cells(nb: dict) -> list[dict]:
    return nb["cells"]


def _src(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def key_by_part(source: Path) -> list[tuple[export.Part, dict[str, object]]]:
    """The source notebook's parts with the answers (question id -> key) recorded under each."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    parts = export.parts(source)
    owner: dict[str, export.Part] = {gid: p for p in parts for gid in p.grade_ids}
    keys: dict[int, dict[str, object]] = {id(p): {} for p in parts}
    pending: dict[str, object] = {}
    for cell in _cells(nb):
        text = _src(cell)
        if cell["cell_type"] == "code" and "record(" in text:
            for region in grading.REGION.finditer(text):
                for node in ast.walk(code_tree(textwrap.dedent(region.group(2)))):
                    if call_name(node) == "record":
                        pending[ast.literal_eval(node.args[0])] = ast.literal_eval(node.args[1])
        part = owner.get(_meta(cell).get("grade_id", ""))
        if part is not None and pending:
            keys[id(part)].update(pending)
            pending = {}
    return [(p, keys[id(p)]) for p in parts]


def code_answers(source: Path) -> dict[str, str]:
    """grade_id -> solution code of the answer cells written in code (the optional data parts)."""
    import nbformat

    from humaskit.trainer.preprocessors import code_answer_ids

    nb = nbformat.read(source, as_version=4)
    ids = code_answer_ids(nb)
    return {_meta(c)["grade_id"]: _SOLUTION.sub(lambda m: m.group(1), _src(c))
            for c in nb.cells if _meta(c).get("grade_id") in ids}


def _notebook(release: Path, code: dict[str, str] | None = None, written: bool = True) -> dict:
    nb = json.loads(release.read_text(encoding="utf-8"))
    for cell in _cells(nb):
        meta = _meta(cell)
        if written and cell["cell_type"] == "markdown" and meta.get("solution"):
            cell["source"] = "Jawaban tertulis peserta."
        if code and meta.get("grade_id") in code:
            cell["source"] = code[meta["grade_id"]]
    return nb


def _files(nb: dict, name: str, answers: dict | None) -> dict[str, bytes]:
    files = {name: json.dumps(nb, ensure_ascii=False).encode("utf-8")}
    if answers is not None:
        files["jawaban.json"] = json.dumps({"version": 1, "answers": answers}).encode("utf-8")
    return files


def _first_answer_cell(nb: dict) -> dict:
    return next(c for c in _cells(nb) if c["cell_type"] == "code" and _meta(c).get("solution"))


# Attacks from issue 12, each appended to the first answer cell (and to a code answer, if any).
ATTACKS = {
    "kait_galat": ("get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)",
                   "set_custom_exc"),
    "pengubah_ast": ("import ast\nclass _Bungkus(ast.NodeTransformer):\n"
                     "    def visit_Module(self, node):\n"
                     "        return ast.Module(body=[ast.Try(body=node.body, handlers=["
                     "ast.ExceptHandler(type=None, name=None, body=[ast.Pass()])], orelse=[], "
                     "finalbody=[])], type_ignores=[])\n"
                     "get_ipython().ast_transformers.append(_Bungkus())", "AST"),
    "ganti_fungsi_kit": ("from humaskit.course import answers, plan_fix\n"
                         "answers.read = lambda *a, **k: 'C'\nplan_fix.check_group = lambda *a, **k: []",
                         "mengganti fungsi"),
    "bayangi_builtin": ("import builtins\nclass _Sama:\n    def __eq__(self, other):\n"
                        "        return True\nbuiltins.isinstance = lambda *a: True\n"
                        "sum = lambda *a: _Sama()\nlen = lambda *a: 0",
                        "built-in"),
    "ganti_nama_pemeriksa": ("_jawaban = _b = _names = _plan_fix = None\nanswers = tanya = None\n"
                             "str = sorted = float = lambda *a: 'C'",
                             "dipakai pemeriksa"),
    "sunting_gradebook": ("import sqlite3, glob\n"
                          "for p in glob.glob('/tmp/**/gradebook.db', recursive=True):\n"
                          "    db = sqlite3.connect(p)\n"
                          "    db.execute('update grade set auto_score = 99, manual_score = 99')\n"
                          "    db.commit()",
                          "sqlite"),
    "sys_exit": ("import sys\nsys.exit(0)", "menghentikan kernel"),
    "os_exit": ("import os\nos._exit(0)", "os._exit"),
    "kernel_mogok": ("import ctypes\nctypes.string_at(0)", "ctypes"),
    "loop_abadi": ("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
                   "while True"),
    "keluaran_raksasa": ("print('x' * 100_000_000)", "diubah"),
}


def cases(source: Path, release: Path) -> list[Case]:
    """Every simulated submission of one assignment (see the module doc)."""
    name = release.name
    parts = key_by_part(source)
    key = {k: v for _, answers in parts for k, v in answers.items()}
    first = next(p for p, answers in parts if answers)
    partial_key = dict(next(a for _, a in parts if a))
    auto_max = sum(p.max_score for p, _ in parts if _auto_part(p, source))
    code = code_answers(source)
    partial_score = first.max_score
    out = [
        Case("solution", _files(_notebook(release, code), name, key), auto_max),
        Case("blank", {name: release.read_bytes()}, 0.0, "jawaban.json tidak dikumpulkan"),
        Case("partial", _files(_notebook(release), name, partial_key), partial_score),
    ]
    for attack, (snippet, flag) in ATTACKS.items():
        nb = _notebook(release)
        cell = _first_answer_cell(nb)
        cell["source"] = _src(cell) + "\n" + snippet
        if code and attack != "keluaran_raksasa":  # the attack also rides on a code answer
            gid = next(iter(code))
            nb = _notebook(release, {gid: code[gid] + "\n" + snippet})
            cell = _first_answer_cell(nb)
            cell["source"] = _src(cell) + "\n" + snippet
        if attack == "keluaran_raksasa":  # as if run before submitting: a 5 MB output in the file
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x" * 5_000_000}]
            cell["execution_count"] = 1
        out.append(Case(attack, _files(nb, name, partial_key), partial_score, flag))
    nb = _notebook(release)
    gid = next(p for p, _ in parts if p is first).grade_ids[0]
    nb["cells"] = [c for c in _cells(nb) if _meta(c).get("grade_id") != gid]
    out.append(Case("sel_tes_dihapus", _files(nb, name, partial_key), partial_score, "sel dihapus"))
    nb = _notebook(release)
    for cell in _cells(nb):
        if _meta(cell).get("grade") and cell["cell_type"] == "code":
            cell["source"] = "pass  # diubah"
    out.append(Case("sel_terkunci_diubah", _files(nb, name, partial_key), partial_score,
                    "sel terkunci diubah"))
    nb = _notebook(release)
    for cell in _cells(nb):
        if _meta(cell).get("points"):
            cell["metadata"]["nbgrader"]["points"] = 100
    out.append(Case("poin_digelembungkan", _files(nb, name, partial_key), partial_score,
                    "metadata penilaian"))
    files = _files(_notebook(release), name, partial_key)
    files[name] = files[name][: len(files[name]) // 2]
    out.append(Case("json_rusak", files, partial_score, "rusak"))
    files = _files(_notebook(release), name, partial_key)
    renamed = Path(name).stem.upper().replace("-", " ") + " (1).ipynb"
    files[renamed] = files.pop(name)
    out.append(Case("nama_diubah", files, partial_score, "dibaca sebagai"))
    return out


def _auto_part(part: export.Part, source: Path) -> bool:
    kinds = grading.grade_kinds(source)
    return all(kinds.get(g) == "auto" for g in part.grade_ids)


def write_zip(path: Path, by_student: dict[str, Case]) -> None:
    """An LMS-style zip: one folder per trainee holding the files as their browser saved them."""
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for student, case in by_student.items():
            for file_name, data in case.files.items():
                archive.writestr(f"{student}/{file_name}", data)


def copy_case(case: Case) -> Case:
    return copy.deepcopy(case)


CASE_NAMES = ["solution", "blank", "partial", *ATTACKS, "sel_tes_dihapus", "sel_terkunci_diubah",
              "poin_digelembungkan", "json_rusak", "nama_diubah"]
