"""`humaskit scrub`, and `triage`/`classify` writing tables: every column scrubbed unless kept,
counts per type in Indonesian and never the values, the project's salt beside the data."""

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from support import run_cli

from humaskit.core import privacy

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ["3201124508950003", "0812-3456-7897", "budi.santoso@gmail.com", "budi_santoso",
           "Siti Aminah", "B 1234 XYZ", "12.345.678.9-012.345", "081298765432", "andi_w"]


def table(path: Path) -> Path:
    """A table as a real export has it: personal data in the text and in other columns."""
    pd.DataFrame({
        "id": ["1", "2", "3"],
        "username": ["budi_santoso", "andi_w", "kppsukamaju"],
        "name": ["Budi Santoso", "Andi W", "KPP Sukamaju"],
        "teks": ["NIK saya 3201124508950003, wa 0812-3456-7897",
                 "Nama saya Siti Aminah, email budi.santoso@gmail.com, motor B 1234 XYZ",
                 "Silakan hubungi 1500200 atau @kppsukamaju; NPWP 12.345.678.9-012.345 jangan dibagikan"],
        "catatan": ["hp 081298765432", "Rp 1.081.234.567 sesuai PP 71/2019", "-"],
        "phone": ["081298765432", None, None],
        "tweet_url": ["https://x.com/budi_santoso/status/1790000000000000001",
                      "https://x.com/andi_w/status/1790000000000000002",
                      "https://x.com/kppsukamaju/status/1790000000000000003"],
    }).to_csv(path, index=False)
    return path


def no_secret_anywhere(path: Path) -> None:
    raw = path.read_bytes().decode("utf-8")
    for secret in SECRETS:
        assert secret not in raw, secret
    assert not re.search(r"\d{10,}", re.sub(r"status/\d+|1\.081\.234\.567", "", raw)), raw


def test_scrub_writes_every_column_scrubbed_and_counts_without_values(tmp_path):
    src = table(tmp_path / "in.csv")
    out_dir = tmp_path / "keluar"
    out_dir.mkdir()
    r = run_cli("scrub", src, "--text-column", "teks", "--output", out_dir / "bersih.csv")
    assert r.returncode == 0, r.stderr
    no_secret_anywhere(out_dir / "bersih.csv")
    out = pd.read_csv(out_dir / "bersih.csv", dtype=str, keep_default_na=False)
    assert list(out.columns) == ["id", "username", "name", "teks", "catatan", "phone", "tweet_url"]
    salt = privacy.project_salt(out_dir)
    budi = privacy.pseudonym("budi_santoso", salt=salt)
    assert out["tweet_url"][0] == f"https://x.com/{budi}/status/1790000000000000001"  # the account in a URL
    assert out["tweet_url"][2] == "https://x.com/kppsukamaju/status/1790000000000000003"
    assert out["username"][0] == privacy.pseudonym("budi_santoso", salt=salt)
    assert out["phone"][0] == privacy.MARKERS["hp"] and out["phone"][1] == ""
    assert "Rp 1.081.234.567 sesuai PP 71/2019" in out["catatan"][1]
    assert "1500200" in out["teks"][2] and "@kppsukamaju" in out["teks"][2]  # the agency's own
    # the salt is beside the data, private, and in no output cell
    assert stat.S_IMODE(os.stat(out_dir / privacy.SALT_FILE).st_mode) == 0o600
    assert salt not in (out_dir / "bersih.csv").read_text(encoding="utf-8")
    # counts per type, in Indonesian, never a value
    assert "data pribadi disamarkan (UU 27/2022)" in r.stderr
    for words in ("1 NIK", "3 nomor HP", "1 alamat email", "1 nama orang", "1 plat nomor", "1 NPWP",
                  "7 nama akun"):
        assert words in r.stderr, r.stderr
    for secret in SECRETS:
        assert secret not in r.stderr + r.stdout


def test_the_same_citizen_gets_the_same_pseudonym_in_every_table_of_a_folder(tmp_path):
    src = table(tmp_path / "in.csv")
    for name in ("a.csv", "b.xlsx"):
        assert run_cli("scrub", src, "--text-column", "teks", "-o", tmp_path / name).returncode == 0
    a = pd.read_csv(tmp_path / "a.csv", dtype=str)
    b = pd.read_excel(tmp_path / "b.xlsx", dtype=str, engine="openpyxl")
    assert a["username"].tolist() == b["username"].tolist()
    other = tmp_path / "lain"
    other.mkdir()
    assert run_cli("scrub", src, "--text-column", "teks", "-o", other / "c.csv").returncode == 0
    c = pd.read_csv(other / "c.csv", dtype=str)
    assert c["username"][0] != a["username"][0]  # another project, another salt


def test_keep_column_leaves_exactly_that_column(tmp_path):
    src = table(tmp_path / "in.csv")
    r = run_cli("scrub", src, "--text-column", "teks", "-o", tmp_path / "o.csv", "--keep-column", "id",
                "--keep-column", "catatan")
    assert r.returncode == 0, r.stderr
    out = pd.read_csv(tmp_path / "o.csv", dtype=str)
    assert out["catatan"][0] == "hp 081298765432"  # kept as the user asked
    assert "3201124508950003" not in out["teks"][0]
    assert "tidak disamarkan: id, catatan" in r.stderr


@pytest.mark.parametrize("args, needle", [
    (["--keep-column", "tidak_ada"], "'tidak_ada' (--keep-column) tidak ada"),
    (["--text-column", "isi"], "'isi' tidak ada"),
])
def test_user_errors_end_in_an_indonesian_message(tmp_path, args, needle):
    src = table(tmp_path / "in.csv")
    base = ["--text-column", "teks"] if "--text-column" not in args else []
    r = run_cli("scrub", src, *base, *args, "-o", tmp_path / "o.csv")
    assert r.returncode == 2 and needle in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not (tmp_path / "o.csv").exists()


def test_nothing_saved_is_overwritten_and_the_input_is_never_the_output(tmp_path):
    src = table(tmp_path / "in.csv")
    (tmp_path / "o.csv").write_text("punya saya\n", encoding="utf-8")
    r = run_cli("scrub", src, "--text-column", "teks", "-o", tmp_path / "o.csv")
    assert r.returncode == 2 and "--force" in r.stderr
    assert (tmp_path / "o.csv").read_text(encoding="utf-8") == "punya saya\n"
    r = run_cli("scrub", src, "--text-column", "teks", "-o", src, "--force")
    assert r.returncode == 2 and "sama dengan file masukan" in r.stderr


def test_an_unwritable_salt_folder_is_an_indonesian_error(tmp_path, monkeypatch):
    src = table(tmp_path / "in.csv")

    def refuse(folder):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(privacy, "project_salt", refuse)
    r = run_cli("scrub", src, "--text-column", "teks", "-o", tmp_path / "o.csv")
    assert r.returncode == 2 and "kunci penyamaran" in r.stderr and "Traceback" not in r.stderr


def test_triage_output_holds_no_raw_identifier_in_any_column(tmp_path):
    src = table(tmp_path / "in.csv")
    r = run_cli("triage", src, "--text-column", "teks", "-o", tmp_path / "t.csv")
    assert r.returncode == 0, r.stderr
    no_secret_anywhere(tmp_path / "t.csv")
    out = pd.read_csv(tmp_path / "t.csv", dtype=str)
    assert {"triage", "action"} <= set(out.columns) and "data pribadi disamarkan" in r.stderr
    r = run_cli("triage", src, "--text-column", "teks", "-o", tmp_path / "k.csv", "--keep-column", "username")
    assert r.returncode == 0, r.stderr
    assert pd.read_csv(tmp_path / "k.csv", dtype=str)["username"][0] == "budi_santoso"


def test_classify_output_holds_no_raw_identifier_in_any_column(tmp_path):
    src = table(tmp_path / "in.csv")
    r = run_cli("classify", src, "--text-column", "teks", "-o", tmp_path / "c.xlsx")
    assert r.returncode == 0, r.stderr
    out = pd.read_excel(tmp_path / "c.xlsx", dtype=str, engine="openpyxl")
    cells = " ".join(out.fillna("").to_numpy().ravel())
    for secret in SECRETS:
        assert secret not in cells


def test_help_stays_quick_to_load():
    # `humaskit --help` must not import pandas through the scrub command's registration
    code = ("import sys; from humaskit import cli; cli.build_parser(); "
            "print('pandas' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert r.stdout.strip() == "False"
