"""Reading trainees' tables (CSV or XLSX) with clear Indonesian messages instead of tracebacks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import operator
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

import numpy as np
import pandas as pd

from humaskit.core.errors import DataError
from humaskit.core.files import check_input, check_utf8_file
from humaskit.core.storage import write_atomic
from humaskit.core.wib import to_wib

MAX_BYTES = 200 * 1024 * 1024  # a larger upload is refused before it is read


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
HEADER_SEARCH_ROWS = 20  # an XLSX title block above the header is looked for in this many rows


def read_table(path: str | Path, dtype=str, sheet: str | int | None = None,
               lenient: bool = False) -> pd.DataFrame:
    """Read a CSV (UTF-8 or UTF-16; comma, semicolon or tab separated) or an XLSX file as text
    columns.

    A CSV row with more or fewer fields than the header is refused, naming the rows (an unquoted
    comma inside a text would otherwise shift every column silently). For XLSX, ``sheet`` picks a
    sheet by name or number (1 = the first); the header row may sit below a title block. What the
    reader decided on the user's behalf (the sheet or header row it used, formulas without saved
    values) is listed, in Indonesian, in ``df.attrs["notes"]``.

    ``lenient`` (the importers of real exports): a CSV that is not UTF-8 is read as Windows-1252
    (with a note), and a row with the wrong number of fields is left out instead of refusing the
    file: ``df.attrs["bad_rows"]`` lists ``(line, reason)`` for each, and ``df.attrs["lines"]``
    gives, for every row of ``df``, its line number in the file (as a spreadsheet or text editor
    shows it, the header being line 1 when it is the first line).
    """
    path = check_input(path, MAX_BYTES, "file tabel")
    name = path.name
    suffix = path.suffix.lower()
    notes: list[str] = []
    lines: list[int] = []
    bad_rows: list[tuple[int, str]] = []
    if suffix in SPREADSHEET_SUFFIXES:
        df = _read_excel(path, sheet, notes, lines)
    elif suffix in TEXT_SUFFIXES and lenient:
        df = _read_delimited_lenient(path, suffix, notes, lines, bad_rows)
    elif suffix in TEXT_SUFFIXES:
        df = _read_delimited(path, suffix, dtype)
    else:
        raise DataError(f"jenis file '{suffix or '(tanpa akhiran)'}' tidak didukung; pakai .csv atau "
                        ".xlsx.", file=name)
    df.columns = [str(c).strip() for c in df.columns]
    if df.empty and not (lenient and bad_rows):
        raise DataError("file hanya berisi judul kolom, tanpa baris data.", file=name)
    df.attrs["notes"] = notes
    if lenient:  # an array: pandas copies attrs deeply with every derived frame
        df.attrs["lines"] = np.asarray(lines, dtype=np.int64)
        df.attrs["bad_rows"] = bad_rows
    return df


def _encoding(raw: bytes) -> str:
    """utf-16 for Excel's "Unicode text" (a BOM, or NUL bytes at every other position), else
    utf-8-sig."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = raw[:4096]
    if len(head) >= 8 and head[1::2].count(0) > 0.4 * len(head) / 2 and head[0::2].count(0) < 2:
        return "utf-16-le"
    return "utf-8-sig"


def _read_delimited(path: Path, suffix: str, dtype) -> pd.DataFrame:
    """A delimited text table, streamed: the file is checked and parsed without being held in
    memory as one decoded string."""
    name = path.name
    with open(path, "rb") as handle:
        encoding = _encoding(handle.read(4096))
    if encoding == "utf-8-sig":
        check_utf8_file(path, "Misalnya disimpan sebagai ANSI/Windows-1252: buka di Excel lalu simpan "
                              "sebagai 'CSV UTF-8 (Comma delimited)'.")
    try:
        with open(path, encoding=encoding, newline="") as text:
            sep = _sniff_separator(text.read(20_000), suffix)
        with open(path, encoding=encoding, newline="") as text:
            _check_field_counts(text, sep, name)
    except UnicodeDecodeError:
        raise DataError("file tampak berenkode UTF-16 tetapi rusak. Simpan ulang sebagai 'CSV UTF-8 "
                        "(Comma delimited)'.", file=name) from None
    try:
        return pd.read_csv(path, sep=sep, dtype=dtype, keep_default_na=False, na_values=[""],
                           encoding=encoding, index_col=False)
    except pd.errors.EmptyDataError:
        raise DataError("file tidak berisi data.", file=name) from None
    except pd.errors.ParserError:
        raise DataError("format CSV rusak. Periksa tanda kutip (\") dan pemisah kolom, atau simpan ulang "
                        "dari Excel sebagai 'CSV UTF-8'.", file=name) from None


def _read_delimited_lenient(path: Path, suffix: str, notes: list[str], lines: list[int],
                            bad_rows: list[tuple[int, str]]) -> pd.DataFrame:
    """A delimited text table read row by row: Windows-1252 when it is not UTF-8, blank lines
    and rows of the wrong width left out (the latter listed in ``bad_rows``), the line number
    of every row kept in ``lines``."""
    name = path.name
    with open(path, "rb") as handle:
        encoding = _encoding(handle.read(4096))
    if encoding == "utf-8-sig":
        try:
            check_utf8_file(path, "")
        except DataError as exc:
            if "bukan UTF-8" not in exc.detail:
                raise  # binary
            encoding = "cp1252"
            notes.append("File ini bukan UTF-8; dibaca sebagai Windows-1252 (ANSI). Periksa huruf "
                         "beraksen dan emoji di hasilnya.")
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    rows: list[list[str | None]] = []
    try:
        with open(path, encoding=encoding, errors="replace", newline="") as text:
            sep = _sniff_separator(text.read(20_000), suffix)
        with open(path, encoding=encoding, errors="replace", newline="") as text:
            reader = csv.reader(text, delimiter=sep)
            header: list[str] | None = None
            start = 1
            for row in reader:
                if not row or (len(row) == 1 and not row[0].strip()):
                    start = reader.line_num + 1
                    continue  # a blank line
                if header is None:
                    header = [c.strip() or f"kolom_{i + 1}" for i, c in enumerate(row)]
                    width = len(header)
                    start = reader.line_num + 1
                    continue
                fields = len(row)
                while fields > width and not row[fields - 1].strip():
                    fields -= 1  # an empty field after a trailing separator is harmless
                if fields != width:
                    bad_rows.append((start, f"{fields} kolom, padahal judulnya {width} kolom"))
                else:
                    rows.append([v if v != "" else None for v in row[:width]])
                    lines.append(start)
                start = reader.line_num + 1
    except csv.Error:
        raise DataError(f"format CSV rusak di sekitar baris {reader.line_num}: periksa tanda kutip "
                        "(\") yang tidak ditutup.", file=name) from None
    if header is None:
        raise DataError("file tidak berisi data.", file=name)
    columns = list(header)
    seen: dict[str, int] = {}
    for i, c in enumerate(columns):  # a repeated column name gets a suffix, as pandas does
        if c in seen:
            seen[c] += 1
            columns[i] = f"{c}.{seen[c]}"
        else:
            seen[c] = 0
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _check_field_counts(text: TextIO, sep: str, name: str) -> None:
    """Refuse rows whose number of fields differs from the header's, naming them."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))  # one cell may hold a pasted document
    reader = csv.reader(text, delimiter=sep)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError("file tidak berisi data.", file=name) from None
    except csv.Error:
        raise DataError("format CSV rusak di baris 1. Periksa tanda kutip.", file=name) from None
    width = len(header)
    bad: list[tuple[int, int]] = []
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line
            fields = len(row)
            while fields > width and not row[fields - 1].strip():
                fields -= 1  # an empty field after a trailing separator is harmless
            if fields != width:
                bad.append((reader.line_num, len(row)))
    except csv.Error:
        raise DataError(f"format CSV rusak di sekitar baris {reader.line_num}: periksa tanda kutip "
                        "(\") yang tidak ditutup.", file=name) from None
    if bad:
        shown = ", ".join(str(line) for line, _ in bad[:8]) + (f" dan {len(bad) - 8} lainnya"
                                                                  if len(bad) > 8 else "")
        raise DataError(
            f"{len(bad)} baris punya jumlah kolom yang berbeda dari judulnya ({width} kolom; baris "
            f"{bad[0][0]} punya {bad[0][1]}). Baris: {shown}. Biasanya ada tanda pemisah "
            f"('{sep}') di dalam teks yang tidak diapit tanda kutip. Simpan ulang dari Excel "
            "sebagai 'CSV UTF-8' agar teks dikutip dengan benar.", file=name)


def _cell_text(value) -> str | None:
    """A spreadsheet value as the text pandas' ``dtype=str`` gives it."""
    if value.__class__ is str:  # most cells, first (a big sheet has millions)
        return None if not value or value.isspace() else value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value)


def _read_excel(path: Path, sheet: str | int | None, notes: list[str],
                lines: list[int] | None = None) -> pd.DataFrame:
    from openpyxl import load_workbook

    name = path.name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise DataError(f"file Excel tidak dapat dibaca ({type(exc).__name__}). "
                        "Simpan ulang sebagai .xlsx atau .csv.", file=name) from None
    try:
        sheet_name = _pick_sheet(book, sheet, name, notes)
        rows = _sheet_rows(path, book, sheet_name)
    finally:
        book.close()
    cell = _cell_text
    texts = [[cell(v) for v in r] for r in rows]  # each cell converted once
    numbers = [i + 1 for i, r in enumerate(texts) if any(v is not None for v in r)]
    rows = [texts[n - 1] for n in numbers]
    del texts
    if not rows:
        raise DataError(f"lembar '{sheet_name}' kosong.", file=name)
    header_at = _header_row(rows)
    if header_at:
        notes.append(f"Judul kolom dibaca dari baris ke-{header_at + 1} yang berisi data di lembar "
                     f"'{sheet_name}' (baris di atasnya dianggap judul tabel).")
    header = [(v or f"kolom_{i + 1}") for i, v in enumerate(rows[header_at])]
    width = len(header)
    body = [r if len(r) == width else (r + [None] * width)[:width] for r in rows[header_at + 1:]]
    df = pd.DataFrame(body, columns=header, dtype=object)
    if lines is not None:
        lines.extend(numbers[header_at + 1:])
    _note_formulas(path, sheet_name, notes)
    return df


def _sheet_rows(path: Path, book, sheet_name: str) -> list[list]:
    """Every row of the sheet from A1 (the saved values), read with calamine (a compiled reader,
    about ten times faster than openpyxl on large sheets) when it is installed, else openpyxl."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return [list(r) for r in book[sheet_name].iter_rows(values_only=True)]
    try:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet_name).to_python(
            skip_empty_area=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 (a Rust panic is a BaseException) openpyxl decides then
        return [list(r) for r in book[sheet_name].iter_rows(values_only=True)]
    return rows  # "" becomes None in _cell_text


def _pick_sheet(book, sheet: str | int | None, name: str, notes: list[str]) -> str:
    names = list(book.sheetnames)
    if sheet is not None:
        if str(sheet).isdigit() and 1 <= int(sheet) <= len(names):
            return names[int(sheet) - 1]
        if str(sheet) in names:
            return str(sheet)
        raise DataError(f"lembar '{sheet}' tidak ada. Lembar yang ada: "
                        f"{', '.join(repr(n) for n in names)} (atau nomor 1-{len(names)}).", file=name)
    for candidate in names:
        if any(any(v is not None for v in row) for row in book[candidate].iter_rows(max_row=50,
                                                                                   values_only=True)):
            if candidate != names[0]:
                notes.append(f"Lembar pertama kosong; yang dibaca lembar '{candidate}'. Pilih lembar "
                             "lain dengan --sheet.")
            if len(names) > 1:
                notes.append(f"File ini punya {len(names)} lembar ({', '.join(names)}); yang dibaca "
                             f"'{candidate}'.")
            return candidate
    return names[0]


def _header_row(rows: list[list]) -> int:
    """The index of the header row: the first row about as wide as the table below it (a merged
    title cell fills one column)."""
    head = rows[:HEADER_SEARCH_ROWS]
    filled = [sum(_cell_text(v) is not None for v in r) for r in head]
    width = max(filled)
    for i, count in enumerate(filled):
        if count >= max(1, (width + 1) // 2):
            return i
    return 0


def _has_formulas(path: Path, block: int = 1 << 20) -> bool:
    """Whether any worksheet of the workbook holds a formula (an ``<f>`` element), by scanning
    the sheets' XML: a table without formulas (most exports) then skips the two slow passes of
    :func:`_note_formulas`. An unreadable archive counts as having formulas."""
    import re
    import zipfile

    formula = re.compile(rb"<(?:\w+:)?f[\s>/]")
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if not (member.startswith("xl/worksheets/") and member.endswith(".xml")):
                    continue
                with archive.open(member) as handle:
                    tail = b""
                    while chunk := handle.read(block):
                        if formula.search(tail + chunk):
                            return True
                        tail = chunk[-16:]
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError):
        return True
    return False


def _note_formulas(path: Path, sheet_name: str, notes: list[str]) -> None:
    """Formulas that have no saved value (a file written by a program, not Excel) read as empty."""
    from openpyxl import load_workbook

    if not _has_formulas(path):
        return
    formulas = load_workbook(path, read_only=True, data_only=False)
    values = load_workbook(path, read_only=True, data_only=True)
    try:
        missing, first = 0, None
        for frow, vrow in zip(formulas[sheet_name].iter_rows(), values[sheet_name].iter_rows(),
                              strict=False):
            for fcell, vcell in zip(frow, vrow, strict=False):
                if getattr(fcell, "data_type", None) == "f" and vcell.value is None:
                    missing += 1
                    first = first or fcell.coordinate
    finally:
        formulas.close()
        values.close()
    if missing:
        notes.append(f"{missing} sel berisi rumus tanpa nilai tersimpan (pertama di {first}); sel itu "
                     "dibaca kosong. Buka file di Excel lalu simpan ulang agar nilainya ikut tersimpan.")


def _sniff_separator(text: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(text[:20000].split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


# ---------------------------------------------------------------------------------------------
# Writing tables a spreadsheet opens safely

# OWASP CSV injection: a cell a spreadsheet would evaluate starts with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")


def neutralise(value):
    """A cell value a spreadsheet will not run: text starting like a formula gets a leading
    apostrophe (plain numbers such as -5 or +62 stay as they are)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _neutralise_column(values: pd.Series) -> pd.Series:
    """:func:`neutralise` on every cell, called only for the cells whose first character could
    start a formula (a vectorised test), so a big table costs no Python call per cell."""
    suspect = _each_text(values, "", "startswith", _FORMULA_START)
    if suspect is None:
        suspect = np.fromiter((isinstance(v, str) and v.startswith(_FORMULA_START) for v in values.tolist()),
                              dtype=bool, count=len(values))
    if not suspect.any():
        return values
    out = values.astype(object).copy()
    out[suspect] = [neutralise(v) for v in values[suspect].tolist()]
    return out


def _xlsx_text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XLSX cannot hold


CSV_BLOCK_ROWS = 50_000  # rows neutralised and written at a time: memory stays flat for big tables


def _write_csv(df: pd.DataFrame, handle: BinaryIO) -> None:
    """CSV (UTF-8) with formula-like text neutralised, written block by block."""
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
    try:
        for start in range(0, max(len(df), 1), CSV_BLOCK_ROWS):
            block = df.iloc[start:start + CSV_BLOCK_ROWS]
            objects = block.select_dtypes(include=["object", "string"]).columns
            if len(objects):
                block = block.assign(**{c: _neutralise_column(block[c]) for c in objects})
            block.to_csv(text, index=False, header=start == 0)
    finally:
        text.detach()  # the caller closes the binary file


def _write_xlsx(df: pd.DataFrame, handle: BinaryIO) -> None:
    """XLSX where every text cell is text (never a formula), without the control characters
    the format cannot store."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append([_xlsx_text(str(c)) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        cells: list[object] = []
        for value in row:
            if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
                cells.append(None)
            elif isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=_xlsx_text(value))
                cell.data_type = "s"  # text, even when it starts with "="
                cells.append(cell)
            else:
                cells.append(value.item() if hasattr(value, "item") else value)
        sheet.append(cells)
    book.save(handle)


def write_table(df: pd.DataFrame, path: str | Path) -> None:
    """Write ``df`` as CSV or XLSX by the path's suffix, spreadsheet-safe and atomically (see
    :mod:`humaskit.core.storage`)."""
    path = Path(path)
    write_atomic(path, lambda handle: (_write_xlsx if path.suffix.lower() == ".xlsx" else _write_csv)(
        df, handle))


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
    row (a count that is not required may be empty: a platform that does not report it). ``optional``:
    the column itself may be absent (it is then added, empty). ``aliases``: other words for the
    choices, matched without regard to case (``photo`` -> ``image``); the choices themselves match
    without regard to case too.
    """

    name: str
    kind: str = "text"
    required: bool = True
    unique: bool = False
    choices: tuple[str, ...] | None = None
    optional: bool = False
    aliases: tuple[tuple[str, str], ...] = ()


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


def _canonical_choices(values: pd.Series, column: Column) -> pd.Series:
    """Values with case and the column's aliases mapped onto its choices; other values unchanged
    (the choice check then names them)."""
    lookup = {choice.lower(): choice for choice in column.choices or ()}
    lookup.update({alias.lower(): choice for alias, choice in column.aliases})
    text = values.astype("string").str.strip()
    mapped = text.str.lower().map(lookup)
    return values.where(mapped.isna(), mapped).astype(object)


def _blank_text(values: pd.Series) -> np.ndarray:
    """Which cells are text of nothing but white space ("" too): what ``astype("string")
    .str.strip() == ""`` says of the cells that are not missing, without a Python call per cell."""
    fast = _each_text(values, "x", "isspace")
    if fast is not None:
        equal = _each_text(values, "x", "__eq__", "")
        return fast if equal is None else fast | equal
    return np.fromiter((isinstance(v, str) and not v.strip() for v in values.tolist()),
                       dtype=bool, count=len(values))


def _each_text(values: pd.Series, missing: str, method: str, *args) -> np.ndarray | None:
    """``str.<method>(*args)`` of every cell, a missing cell read as ``missing``, in C (map with
    a method caller, no Python frame per cell); None when a cell is neither text nor missing."""
    try:
        cells = values.astype(object).where(values.notna(), missing).tolist()
        return np.fromiter(map(operator.methodcaller(method, *args), cells), dtype=bool, count=len(cells))
    except (AttributeError, TypeError):
        return None


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
            empty = df[c.name].isna() | _blank_text(df[c.name])
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
        if c.choices is not None and (c.aliases or not df[c.name].isin(c.choices).all()):
            df[c.name] = _canonical_choices(df[c.name], c)
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
            blank = df[c.name].isna() | _blank_text(df[c.name])
            bad = (numbers.isna() & ~blank) | (numbers < 0) | (numbers.notna() & (numbers % 1 != 0))
            if bad.any():
                i = _first(bad)
                raise DataError(f"nilai '{df[c.name].iloc[i]}' bukan bilangan bulat >= 0.", file=file,
                                row=i + 2, column=c.name)
            # whole numbers stay int64; a column with counts the platform did not report is Int64
            df[c.name] = numbers.astype("Int64" if numbers.isna().any() else "int64")
    for c in schema:
        if c.kind == "time":
            df[c.name] = parse_times(df[c.name], file, c.name)
        elif c.kind == "text":
            df[c.name] = df[c.name].astype("string")
        elif c.kind == "category":
            df[c.name] = pd.Categorical(df[c.name], categories=c.choices)
    return df[[c.name for c in schema]].reset_index(drop=True)
