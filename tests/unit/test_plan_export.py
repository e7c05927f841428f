import copy
import zipfile

import pytest

from humaskit.response import plans
from humaskit.ui import plan_export


@pytest.fixture(scope="module")
def example(data_dir):
    return plans.load(data_dir / "plans" / "hoaks-pajak.yaml")


def test_risk_grid_places_each_risk_by_likelihood_and_impact(example):
    grid = plan_export.risk_grid(example)
    for r in example["risks"]:
        assert r["id"] in grid[5 - r["impact"]][r["likelihood"] - 1]


def test_docx_is_a_memo_with_risk_table_matrix_and_heatmap(example, tmp_path):
    from docx import Document

    out = tmp_path / "nota.docx"
    plan_export.export(example, "docx", out)
    doc = Document(out)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "NOTA DINAS" in text and "Demikian disampaikan" in text
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert {"Yth.", "Sifat", "Hal", "Kode", "Mitigasi", "Dampak \\ Kemungkinan"} <= cells
    assert "R2" in cells  # the matrix cell holding the highest risk
    with zipfile.ZipFile(out) as z:
        assert any(n.startswith("word/media/") and n.endswith(".png") for n in z.namelist())


def test_markdown_has_tables_and_the_heatmap_beside_it(example, tmp_path):
    written = plan_export.export(example, "md", tmp_path / "nota.md")
    md = (tmp_path / "nota.md").read_text(encoding="utf-8")
    assert written[1].name == "nota_matriks_risiko.png" and written[1].read_bytes()[:4] == b"\x89PNG"
    assert "# NOTA DINAS" in md and "| Kode | Risiko |" in md and "](nota_matriks_risiko.png)" in md
    assert "sangat tinggi" in md and "SP4N-LAPOR" in md


def test_export_scrubs_personal_data_even_from_a_draft(example, tmp_path):
    p = copy.deepcopy(example)
    p["issue"]["summary"] += " Pelapor @ani_w, HP 081298765432."
    problems = plans.validate(p)
    assert problems
    plan_export.export(p, "md", tmp_path / "draf.md", problems)
    md = (tmp_path / "draf.md").read_text(encoding="utf-8")
    assert "081298765432" not in md and "@ani_w" not in md and "DRAF" in md
