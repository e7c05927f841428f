"""Reading trainees' tables (CSV or XLSX) with clear Indonesian messages instead of tracebacks."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from humaskit.core.errors import DataError
from humaskit.core.files import check_input, decode_text
from humaskit.core.wib import to_wib

MAX_BYTES = 200 * 1024 * 1024  # a larger upload is refused before it is read


def read_table(path: str | Path, dtype=str) -> pd.DataFrame:
    """Read a CSV (UTF-8, comma, semicolon or tab separated) or an XLSX file as text columns."""
    path = check_input(path, MAX_BYTES, "file tabel")
    name = path.name
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            df = pd.read_excel(path, dtype=dtype, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            raise DataError(f"file Excel tidak dapat dibaca ({type(exc).__name__}). "
                            "Simpan ulang sebagai .xlsx atau .csv.", file=name) from None
    elif suffix in (".csv", ".tsv", ".txt"):
        text = decode_text(path.read_bytes(), name,
                           "Misalnya disimpan sebagai ANSI/Windows-1252: buka di Excel lalu simpan "
                           "sebagai 'CSV UTF-8 (Comma delimited)'.")
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


def require_columns(df: pd.DataFrame, columns: list[str] | tuple[str, ...], file: str) -> None:
    """Raise a DataError naming every missing column and the columns that are there."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError(
            f"kolom {', '.join(repr(c) for c in missing)} tidak ada. Kolom yang ada: "
            f"{', '.join(repr(c) for c in df.columns)}.",
            file=file,
        )


# ---------------------------------------------------------------------------------------------
# Schema-driven validation of a whole table


@dataclass(frozen=True)
class Column:
    """One column of a table schema.

    ``kind``: ``text`` (pandas string), ``category`` (one of ``choices``), ``count`` (whole number
    >= 0) or ``time`` (ISO 8601 with an offset, converted to WIB). ``required``: a value in every
    row. ``optional``: the column itself may be absent (it is then added, empty).
    """

    name: str
    kind: str = "text"
    required: bool = True
    unique: bool = False
    choices: tuple[str, ...] | None = None
    optional: bool = False


def _first(mask: pd.Series) -> int:
    return int(mask.to_numpy().nonzero()[0][0])


def parse_times(values: pd.Series, file: str, column: str = "created_at") -> pd.Series:
    """ISO 8601 timestamps with an explicit offset, converted to WIB (+07:00).

    Mixed offsets are allowed (a WITA export next to a WIB one); a timestamp without an offset is
    refused, because guessing the zone silently shifts response times by hours.
    """
    text = values.astype("string").str.strip()
    has_offset = text.str.contains(r"(?:[+-]\d{2}:?\d{2}|Z)$", regex=True, na=False)
    parsed = pd.to_datetime(text, utc=True, errors="coerce", format="ISO8601")
    bad = parsed.isna() | ~has_offset
    if bad.any():
        i = _first(bad)
        value = values.iloc[i]
        why = ("tidak punya zona waktu; tulis misalnya 2025-03-14T09:30:00+07:00"
               if pd.notna(parsed.iloc[i]) else "bukan tanggal-waktu ISO 8601 "
               "(contoh: 2025-03-14T09:30:00+07:00)")
        raise DataError(f"nilai '{value}' {why}.", file=file, row=i + 2, column=column)
    return to_wib(parsed)


def validate_frame(df: pd.DataFrame, schema: tuple[Column, ...], file: str) -> pd.DataFrame:
    """A typed copy of ``df`` with the schema's columns in order, or a DataError naming the file,
    the row (as a spreadsheet shows it) and the column of the first bad value.

    Checks run in this order: columns present, empty required cells, duplicate ids, values
    outside their choices, counts, times.
    """
    df = df.copy()
    require_columns(df, [c.name for c in schema if not c.optional], file)
    for c in schema:
        if c.name not in df.columns:
            df[c.name] = pd.NA
    for c in schema:
        if c.required:
            empty = df[c.name].isna() | (df[c.name].astype("string").str.strip() == "")
            if empty.any():
                raise DataError("sel kosong; kolom ini wajib diisi.", file=file, row=_first(empty) + 2,
                                column=c.name)
    for c in schema:
        if c.unique:
            dup = df[c.name].duplicated()
            if dup.any():
                i = _first(dup)
                raise DataError(f"id '{df[c.name].iloc[i]}' muncul lebih dari sekali.", file=file,
                                row=i + 2, column=c.name)
    for c in schema:
        if c.choices is not None:
            values = df[c.name]
            bad = ~values.isin(c.choices)
            if not c.required:
                bad &= values.notna()
            if bad.any():
                i = _first(bad)
                raise DataError(f"nilai '{values.iloc[i]}' tidak sah; pilihan: {', '.join(c.choices)}.",
                                file=file, row=i + 2, column=c.name)
    for c in schema:
        if c.kind == "count":
            numbers = pd.to_numeric(df[c.name], errors="coerce")
            bad = numbers.isna() | (numbers < 0) | (numbers % 1 != 0)
            if bad.any():
                i = _first(bad)
                raise DataError(f"nilai '{df[c.name].iloc[i]}' bukan bilangan bulat >= 0.", file=file,
                                row=i + 2, column=c.name)
            df[c.name] = numbers.astype("int64")
    for c in schema:
        if c.kind == "time":
            df[c.name] = parse_times(df[c.name], file, c.name)
        elif c.kind == "text":
            df[c.name] = df[c.name].astype("string")
        elif c.kind == "category":
            df[c.name] = pd.Categorical(df[c.name], categories=c.choices)
    return df[[c.name for c in schema]].reset_index(drop=True)
