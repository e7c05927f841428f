"""Reading trainees' tables (CSV or XLSX) with clear Indonesian messages instead of tracebacks."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

MAX_BYTES = 200 * 1024 * 1024  # a larger upload is refused before it is read


class DataError(ValueError):
    """A problem with an input file, worded for a trainee: which file, row and column, and what to do.

    ``row`` is the line number as a spreadsheet shows it (the header is line 1).
    """

    def __init__(self, message: str, file: str | None = None, row: int | None = None,
                 column: str | None = None):
        self.file, self.row, self.column, self.detail = file, row, column, message
        where = []
        if file:
            where.append(f"file {file}")
        if row is not None:
            where.append(f"baris {row}")
        if column:
            where.append(f"kolom '{column}'")
        super().__init__(f"{', '.join(where).capitalize()}: {message}" if where else message)


def read_table(path: str | Path, dtype=str) -> pd.DataFrame:
    """Read a CSV (UTF-8, comma, semicolon or tab separated) or an XLSX file as text columns."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise DataError("file tidak ditemukan. Periksa nama dan foldernya.", file=str(path))
    if path.is_dir():
        raise DataError("ini sebuah folder, bukan file tabel.", file=str(path))
    size = path.stat().st_size
    if size == 0:
        raise DataError("file kosong (0 byte).", file=name)
    if size > MAX_BYTES:
        raise DataError(
            f"file terlalu besar ({size / 1e6:.0f} MB; batas {MAX_BYTES / 1e6:.0f} MB). "
            "Bagi menjadi beberapa file.",
            file=name,
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            df = pd.read_excel(path, dtype=dtype, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            raise DataError(f"file Excel tidak dapat dibaca ({type(exc).__name__}). "
                            "Simpan ulang sebagai .xlsx atau .csv.", file=name) from None
    elif suffix in (".csv", ".tsv", ".txt"):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise DataError(
                "file bukan UTF-8 (misalnya disimpan sebagai ANSI/Windows-1252). Buka di Excel lalu "
                "simpan sebagai 'CSV UTF-8 (Comma delimited)'.",
                file=name, row=line,
            ) from None
        if "\x00" in text[:4096]:
            raise DataError("file ini bukan teks (mungkin file biner yang diberi akhiran .csv).",
                            file=name)
        sep = _sniff_separator(text, suffix)
        del text  # the C parser reads the file itself (faster than parsing the decoded copy)
        try:
            df = pd.read_csv(path, sep=sep, dtype=dtype, keep_default_na=False, na_values=[""],
                             encoding="utf-8-sig")
        except pd.errors.EmptyDataError:
            raise DataError("file tidak berisi data.", file=name) from None
        except pd.errors.ParserError as exc:
            raise DataError(f"format CSV rusak: {exc}. Periksa tanda kutip dan pemisah kolom.",
                            file=name) from None
    else:
        raise DataError(f"jenis file '{suffix or '(tanpa akhiran)'}' tidak didukung; pakai .csv atau "
                        ".xlsx.", file=name)
    df.columns = [str(c).strip() for c in df.columns]
    if df.empty:
        raise DataError("file hanya berisi judul kolom, tanpa baris data.", file=name)
    return df


def _sniff_separator(text: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    sample = text[:20000]
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def parse_yaml(text: str, source: str):
    """YAML text as Python values (safe loader); a malformed text raises DataError naming the line."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" baris {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        what = getattr(exc, "problem", None) or "format tidak dikenali"
        raise DataError(f"YAML tidak sah di{where or ' file'} ({what}). Periksa titik dua, tanda "
                        "kutip dan indentasi (pakai spasi, bukan tab).", file=source) from None


def require_columns(df: pd.DataFrame, columns: list[str] | tuple[str, ...], file: str) -> None:
    """Raise a DataError naming every missing column and the columns that are there."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError(
            f"kolom {', '.join(repr(c) for c in missing)} tidak ada. Kolom yang ada: "
            f"{', '.join(repr(c) for c in df.columns)}.",
            file=file,
        )
