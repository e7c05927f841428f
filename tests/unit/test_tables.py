import pandas as pd
import pytest

from humaskit.core.errors import DataError
from humaskit.core.tables import MAX_BYTES, read_table, require_columns


def test_reads_utf8_csv_with_bom_and_semicolons(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes("\ufefftext;akun\nHalo Sobat;kpp\n".encode())
    df = read_table(f)
    assert list(df.columns) == ["text", "akun"]
    assert df.loc[0, "text"] == "Halo Sobat"


def test_reads_xlsx(tmp_path):
    f = tmp_path / "a.xlsx"
    pd.DataFrame({"text": ["satu", "dua"]}).to_excel(f, index=False)
    assert read_table(f)["text"].tolist() == ["satu", "dua"]


def test_windows_1252_is_explained_with_the_line(tmp_path):
    f = tmp_path / "ansi.csv"
    f.write_bytes("text\nbaik\ncaf\xe9 kopi\n".encode("latin-1"))
    with pytest.raises(DataError) as err:
        read_table(f)
    assert err.value.row == 3
    assert "UTF-8" in str(err.value) and "ansi.csv" in str(err.value)


@pytest.mark.parametrize(
    "content, message",
    [(b"", "kosong"), (b"text\n", "tanpa baris data"), (b"\x00\x01\x02binary", "bukan teks")],
)
def test_empty_and_binary_files(tmp_path, content, message):
    f = tmp_path / "x.csv"
    f.write_bytes(content)
    with pytest.raises(DataError, match=message):
        read_table(f)


def test_unsupported_extension_and_missing_file(tmp_path):
    f = tmp_path / "x.pdf"
    f.write_bytes(b"%PDF")
    with pytest.raises(DataError, match="tidak didukung"):
        read_table(f)
    with pytest.raises(DataError, match="tidak ditemukan"):
        read_table(tmp_path / "nope.csv")


def test_huge_upload_refused_before_reading(tmp_path, monkeypatch):
    f = tmp_path / "big.csv"
    f.write_bytes(b"text\n" + b"a\n" * 100)
    monkeypatch.setattr("humaskit.core.tables.MAX_BYTES", 50)
    with pytest.raises(DataError, match="terlalu besar"):
        read_table(f)
    assert MAX_BYTES > 50


def test_damaged_excel(tmp_path):
    f = tmp_path / "bad.xlsx"
    f.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(DataError, match="Excel"):
        read_table(f)


def test_require_columns_lists_missing_and_present():
    df = pd.DataFrame({"teks": ["a"]})
    with pytest.raises(DataError) as err:
        require_columns(df, ["text"], "input.csv")
    assert "'text'" in str(err.value) and "'teks'" in str(err.value)


def test_one_huge_cell_is_read(tmp_path):
    f = tmp_path / "cell.csv"
    cell = "kapan bansos cair " * 200_000  # 3.6 MB in one cell, far over csv's default field limit
    pd.DataFrame({"id": [1], "teks": [cell]}).to_csv(f, index=False)
    assert read_table(f)["teks"].iloc[0] == cell
