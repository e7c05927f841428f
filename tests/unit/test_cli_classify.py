"""`humaskit classify` as a trainee runs it: files in and out, Indonesian messages, exit codes."""

import pandas as pd
from support import run_cli


def run(*args):
    return run_cli("classify", *args)


def test_csv_in_csv_out_keeps_every_column(tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": [1, 2], "isi": ["Ada pertanyaan? Tulis di komentar", "Selamat Hari Guru"],
                  "catatan": ["a", "b"]}).to_csv(src, index=False)
    r = run(str(src), "--text-column", "isi", "--output", str(tmp_path / "out.csv"))
    assert r.returncode == 0, r.stderr
    out = pd.read_csv(tmp_path / "out.csv")
    assert list(out.columns) == ["id", "isi", "catatan", "label", "confidence", "needs_review"]
    assert out["label"].tolist() == ["dialogic_loop", "non_dialogic"]
    assert out["confidence"].between(0, 1).all()


def test_xlsx_in_and_out(tmp_path):
    src = tmp_path / "in.xlsx"
    pd.DataFrame({"text": ["Jam layanan Senin-Jumat 08.00-15.00"]}).to_excel(src, index=False)
    r = run(str(src), "--text-column", "text", "--output", str(tmp_path / "out.xlsx"))
    assert r.returncode == 0, r.stderr
    assert pd.read_excel(tmp_path / "out.xlsx")["label"].tolist() == ["useful_information"]


def test_missing_column_empty_file_wrong_encoding(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("teks\nhalo\n", encoding="utf-8")
    r = run(str(src), "--text-column", "text", "--output", str(tmp_path / "o.csv"))
    assert r.returncode == 2 and "'text' tidak ada" in r.stderr and "'teks'" in r.stderr
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    r = run(str(empty), "--text-column", "text", "--output", str(tmp_path / "o.csv"))
    assert r.returncode == 2 and "kosong" in r.stderr
    ansi = tmp_path / "ansi.csv"
    ansi.write_bytes("text\nPelayanan caf\xe9\n".encode("cp1252"))
    r = run(str(ansi), "--text-column", "text", "--output", str(tmp_path / "o.csv"))
    assert r.returncode == 2 and "UTF-8" in r.stderr
    for result in (r,):
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "o.csv").exists()


def test_refuses_to_overwrite_its_input(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("text\nhalo\n", encoding="utf-8")
    r = run(str(src), "--text-column", "text", "--output", str(src))
    assert r.returncode == 2 and "tertimpa" in r.stderr
    assert src.read_text(encoding="utf-8") == "text\nhalo\n"


def test_blank_rows_are_kept_unlabelled(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("text\nSelamat pagi\n\"\"\nInfo jam layanan\n", encoding="utf-8")
    r = run(str(src), "--text-column", "text", "--output", str(tmp_path / "o.csv"))
    assert r.returncode == 0, r.stderr
    out = pd.read_csv(tmp_path / "o.csv")
    assert len(out) == 3 and out["label"].isna().sum() == 1
