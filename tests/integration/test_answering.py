"""Answering without syntax: no required autograded answer is typed as Python, every check reads the
answers file, and every notebook a trainee opens explains errors in Indonesian."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import ROOT

from humaskit.course import grading

AIDS = grading.assignment_ids(ROOT)
WIDGET = re.compile(r"\b\w+_question\(|plan_fix_form\(")
READS_ANSWERS = re.compile(r"answers\.(read|read_many)\(|plan_fix\.(check_group|with_answers)\(")


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def student(aid: str) -> Path:
    return next((ROOT / "assignments" / aid).glob("*.ipynb"))


def is_answer(cell: dict) -> bool:
    return cell["cell_type"] == "code" and bool(cell["metadata"].get("nbgrader", {}).get("solution"))


def parts(aid: str) -> list[tuple[bool, dict]]:
    """Each cell of the student version with whether it belongs to an optional part."""
    optional, out = False, []
    for cell in cells(student(aid)):
        if cell["cell_type"] == "markdown" and source(cell).lstrip().startswith("## Bagian"):
            optional = "opsional" in source(cell).splitlines()[0]
        out.append((optional, cell))
    return out


@pytest.mark.parametrize("aid", AIDS)
def test_no_required_answer_is_typed_as_python(aid):
    typed = [cell["metadata"]["nbgrader"]["grade_id"] for optional, cell in parts(aid)
             if not optional and is_answer(cell) and not WIDGET.search(source(cell))]
    assert typed == [], f"{aid}: answer cells where a trainee must write Python: {typed}"


@pytest.mark.parametrize("aid", AIDS)
def test_every_required_check_reads_the_answers_file(aid):
    for optional, cell in parts(aid):
        meta = cell["metadata"].get("nbgrader", {})
        if optional or cell["cell_type"] != "code" or not meta.get("grade"):
            continue
        assert READS_ANSWERS.search(source(cell)), f"{aid}: {meta['grade_id']} does not read jawaban.json"


@pytest.mark.parametrize("aid", AIDS)
def test_answer_cells_show_only_their_widget(aid):
    """The code of an answer cell is collapsed: a trainee sees the question's buttons or boxes."""
    for optional, cell in parts(aid):
        if not optional and is_answer(cell) and WIDGET.search(source(cell)):
            hidden = cell["metadata"].get("jupyter", {}).get("source_hidden")
            assert hidden, cell["metadata"]["nbgrader"]["grade_id"]


NOTEBOOKS = sorted([*(ROOT / "modules").rglob("*.ipynb"), *(ROOT / "solutions").rglob("*.ipynb"),
                    *(ROOT / "assignments").rglob("*.ipynb")])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_first_code_cell_sets_up_indonesian_error_explanations(path):
    first = next(source(c) for c in cells(path) if c["cell_type"] == "code")
    assert "answers.setup()" in first


def test_only_the_kit_installs_an_exception_handler():
    """set_custom_exc is called in one place, the kit's install_friendly_errors; no notebook calls it."""
    calls = [p for p in (ROOT / "src").rglob("*.py") if "set_custom_exc(" in p.read_text(encoding="utf-8")]
    assert [p.name for p in calls] == ["answers.py"]
    for path in NOTEBOOKS + sorted((ROOT / "apps").glob("*.ipynb")):
        assert "set_custom_exc" not in "".join(source(c) for c in cells(path)), path.name
