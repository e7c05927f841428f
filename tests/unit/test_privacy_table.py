"""The table API other commands call: project salt and scrub_table."""
import os
import stat

import pandas as pd

from humaskit.core import privacy


def test_project_salt_and_scrub_table(tmp_path):
    s = privacy.project_salt(tmp_path)
    assert s == privacy.project_salt(tmp_path) and len(s) == 64
    assert stat.S_IMODE(os.stat(tmp_path / ".humaskit-salt").st_mode) == 0o600
    df = pd.DataFrame({"username": ["andi"], "text": ["wa 081234567890 @budi"], "n": [3], "id": ["x"]})
    out, c = privacy.scrub_table(df, salt=s, keep_columns=["id"])
    assert out["username"][0] == privacy.pseudonym("andi", salt=s) != privacy.pseudonym("andi")
    assert "081234567890" not in out["text"][0] and c == {"hp": 1, "handle": 2}, (out, c)


def test_scrub_table_scrubs_every_column_unless_kept(tmp_path):
    df = pd.DataFrame({
        "full_name": ["Budi Santoso", None],
        "nik": ["3201124508950003", ""],
        "no_hp": [81234567897, 81298765432],  # read as numbers: the leading 0 lost
        "komentar": ["wa 0812-3456-7897 atau @budi_s", "NIK.3201124508950003"],
        "catatan": ["email budi@gmail.com", "Rp 1.081.234.567"],
        "angka": [3201124508950003, 12],
        "skor": [0.5, 0.25],
        "kode": ["x", "y"],
    })
    out, counts = privacy.scrub_table(df, salt="s", keep_columns=["kode"])
    assert out["full_name"][0] == privacy.pseudonym("Budi Santoso", salt="s") and pd.isna(out["full_name"][1])
    assert out["nik"].tolist() == ["[NIK disamarkan]", ""]
    assert out["no_hp"].tolist() == ["[nomor HP disamarkan]"] * 2
    budi = privacy.pseudonym("budi_s", salt="s")
    assert out["komentar"].tolist() == [f"wa [nomor HP disamarkan] atau @{budi}", "NIK.[NIK disamarkan]"]
    assert out["catatan"].tolist() == ["email [email disamarkan]", "Rp 1.081.234.567"]
    assert out["angka"].tolist() == ["[NIK disamarkan]", "12"]  # a NIK read as an integer
    assert out["skor"].tolist() == [0.5, 0.25] and out["kode"].tolist() == ["x", "y"]
    assert counts == {"nik": 3, "hp": 3, "email": 1, "handle": 2}
    assert df["nik"][0] == "3201124508950003"  # the input is not changed


def test_handle_columns_can_be_named_and_the_agencys_own_stay():
    df = pd.DataFrame({"pengirim": ["@kppsukamaju", "@budi_s"], "username": ["x_1", "y_2"]})
    allow = privacy.Allowlist.of(handles=["kppsukamaju"])
    out, counts = privacy.scrub_table(df, salt="s", allow=allow, handle_columns=["pengirim"])
    assert out["pengirim"].tolist() == ["@kppsukamaju", privacy.pseudonym("budi_s", salt="s")]
    assert out["username"].tolist() == ["x_1", "y_2"]  # not named: scrubbed as text, nothing in it
    assert counts == {"handle": 1}


def test_a_salt_function_is_called_only_when_a_handle_is_pseudonymised():
    calls = []

    def salt():
        calls.append(1)
        return "s"

    privacy.scrub_table(pd.DataFrame({"teks": ["NIK 3201124508950003"]}), salt=salt)
    assert calls == []
    out, _ = privacy.scrub_table(pd.DataFrame({"author": ["a", "b"], "teks": ["@c", "@d"]}), salt=salt)
    assert calls == [1] and out["author"][0] == privacy.pseudonym("a", salt="s")


def test_a_damaged_or_empty_salt_file_is_refilled_not_trusted_empty(tmp_path):
    (tmp_path / privacy.SALT_FILE).write_text("", encoding="ascii")
    salt = privacy.project_salt(tmp_path)
    assert len(salt) == 64 and privacy.project_salt(tmp_path) == salt
