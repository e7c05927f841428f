"""nbgrader's feedback, made with the course's nbgrader_config.py, is Indonesian, hides the hidden
tests and shows what the trainer wrote; `humaskit assignments validate` explains in Indonesian."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest
from support import run_cli

from humaskit.course import grading

AID = "00-latihan-orientasi"
COMMENT = "Contoh keluhan sudah jelas; tambahkan siapa yang menindaklanjuti dan kapan."


def text_of(page: str) -> str:
    """What a reader sees: no styles, scripts or tags, entities decoded."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def hidden_test_lines(notebook) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    lines = []
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for match in grading.REGION.finditer(source):
            if match.group(1) == "HIDDEN TESTS":
                lines += [line.strip() for line in match.group(2).splitlines() if line.strip()]
    return lines


@pytest.fixture(scope="module")
def pages(root):
    source = root / "solutions" / AID / f"{AID}.ipynb"
    written = next(cell["metadata"]["nbgrader"]["grade_id"]
                   for cell in json.loads(source.read_text(encoding="utf-8"))["cells"]
                   if cell["cell_type"] == "markdown" and cell["metadata"].get("nbgrader", {}).get("grade"))
    name = f"{AID}.ipynb"
    result = grading.feedback(
        root, AID,
        {"kosong": {name: root / "assignments" / AID / name}, "kunci": {name: source}},
        [grading.Marking("kunci", name, written, comment=COMMENT, score=1.5)],
    )
    return {student: pages[name] for student, pages in result.items()}


def test_feedback_is_indonesian(pages):
    for page in pages.values():
        seen = text_of(page)
        assert '<html lang="id">' in page
        for phrase in ("Umpan balik", "Pemeriksaan otomatis", "Jawaban Anda", "Nilai:"):
            assert phrase in seen
        for english in ("Test cell", "Score:", "Student's answer", "Comments:", "Written response",
                        "Grade cell", "(Top)", "Traceback", "No response."):
            assert english not in seen, english


def test_feedback_shows_no_hidden_tests_or_markers(root, pages):
    lines = hidden_test_lines(root / "solutions" / AID / f"{AID}.ipynb")
    assert lines
    for student, page in pages.items():
        seen = text_of(page)
        for marker in ("HIDDEN TESTS", "BEGIN SOLUTION", "END SOLUTION", "MARK SCHEME"):
            assert marker not in seen, (student, marker)
        leaked = [line for line in lines if line in seen]
        assert leaked == [], (student, leaked)


def test_feedback_gives_the_checkers_verdict_and_message(pages):
    blank, key = text_of(pages["kosong"]), text_of(pages["kunci"])
    assert "Belum lulus pemeriksaan" in blank and "belum dijawab" in blank
    assert "sel jawaban ini belum Anda isi" in blank
    assert "Lulus pemeriksaan" in key and "Belum lulus" not in key


def test_feedback_shows_the_trainers_comment_and_score(pages):
    key = text_of(pages["kunci"])
    assert f"Komentar pelatih: {COMMENT}" in re.sub(r"\s+", " ", key)
    assert "Nilai: 1,5 dari 2" in re.sub(r"\s+", " ", key)
    assert COMMENT not in text_of(pages["kosong"])


def test_validate_command_explains_in_indonesian(root, tmp_path):
    name = f"{AID}.ipynb"
    blank, key = tmp_path / "kosong" / name, tmp_path / "kunci" / name
    for target, folder in ((blank, "assignments"), (key, "solutions")):
        target.parent.mkdir()
        shutil.copy2(root / folder / AID / name, target)
    r = run_cli("assignments", "validate", blank)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Pemeriksaan gagal pada 3 sel" in r.stdout and "Soal 1 belum dijawab" in r.stdout
    assert "Traceback" not in r.stdout and "AssertionError" not in r.stdout
    r = run_cli("assignments", "validate", key)
    assert r.returncode == 0 and "Berhasil" in r.stdout, r.stdout + r.stderr
